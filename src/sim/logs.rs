//! CloudWatch Logs: log groups and streams, log events, and metric filters
//! that turn matching events into CloudWatch datapoints.

pub mod pattern;

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::time::SimTime;
use crate::sim::{unsupported, AwsResult};

/// The CloudWatch Logs service of one account.
#[derive(Clone, Debug, Default)]
pub struct Logs {}

impl Logs {
    pub(crate) fn handle(&mut self, op: &str, _p: Params, _ctx: &mut Ctx) -> AwsResult {
        Err(unsupported(ServiceName::Logs, op))
    }

    /// A log event written by a service (a trail's delivery, a Lambda
    /// function's output); the group and stream are created if missing.
    pub(crate) fn put_from_service(
        &mut self,
        _group: &str,
        _stream: &str,
        _message: String,
        _timestamp: SimTime,
        _ctx: &mut Ctx,
    ) {
    }

    pub(crate) fn prune(&mut self, _now: SimTime) {}
}
