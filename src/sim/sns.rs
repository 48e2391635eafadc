//! SNS: topics, subscriptions with email confirmation, publishing, and the
//! simulated mailbox where every email lands.

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::time::SimTime;
use crate::sim::{unsupported, AwsResult};

/// SNS's timers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    /// An unconfirmed subscription is deleted three days after it was made.
    ExpireUnconfirmed { subscription_arn: String },
}

/// The SNS service of one account.
#[derive(Clone, Debug, Default)]
pub struct Sns {}

impl Sns {
    pub(crate) fn handle(&mut self, op: &str, _p: Params, _ctx: &mut Ctx) -> AwsResult {
        Err(unsupported(ServiceName::Sns, op))
    }

    pub(crate) fn on_timer(&mut self, _timer: Timer, _ctx: &mut Ctx) {}

    /// Publishes on behalf of another service (alarm actions, rule targets).
    pub(crate) fn publish_from_service(
        &mut self,
        _topic_arn: &str,
        _subject: Option<String>,
        _message: String,
        _message_structure: Option<String>,
        _ctx: &mut Ctx,
    ) {
    }

    pub(crate) fn prune(&mut self, _now: SimTime) {}
}
