//! SQS: standard queues with visibility timeouts on simulated time, as a
//! target of SNS subscriptions and EventBridge rules.

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::{unsupported, AwsResult};

/// SQS's timers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    /// Messages of the queue whose visibility timeout ended become visible.
    Visibility { queue_url: String },
}

/// The SQS service of one account.
#[derive(Clone, Debug, Default)]
pub struct Sqs {}

impl Sqs {
    pub(crate) fn handle(&mut self, op: &str, _p: Params, _ctx: &mut Ctx) -> AwsResult {
        Err(unsupported(ServiceName::Sqs, op))
    }

    pub(crate) fn on_timer(&mut self, _timer: Timer, _ctx: &mut Ctx) {}

    /// A message from another service (SNS, EventBridge); dropped if the
    /// queue does not exist, as AWS drops deliveries to a missing target.
    pub(crate) fn deliver(&mut self, _queue_arn: &str, _body: String, _ctx: &mut Ctx) {}
}
