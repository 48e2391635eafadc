//! Lambda: functions that record their invocations (payloads) in a log
//! group `/aws/lambda/<name>`, as targets of rules, alarms and topics.

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::time::SimTime;
use crate::sim::{unsupported, AwsResult};

/// The Lambda service of one account.
#[derive(Clone, Debug, Default)]
pub struct Lambda {}

impl Lambda {
    pub(crate) fn handle(&mut self, op: &str, _p: Params, _ctx: &mut Ctx) -> AwsResult {
        Err(unsupported(ServiceName::Lambda, op))
    }

    /// An asynchronous invocation by another service.
    pub(crate) fn invoke_async(&mut self, _function_arn: &str, _payload: String, _ctx: &mut Ctx) {}

    pub(crate) fn prune(&mut self, _now: SimTime) {}
}
