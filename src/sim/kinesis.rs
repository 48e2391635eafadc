//! Kinesis Data Streams: streams of records with sequence numbers, as an
//! EventBridge target.

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::time::SimTime;
use crate::sim::{unsupported, AwsResult};

/// The Kinesis service of one account.
#[derive(Clone, Debug, Default)]
pub struct Kinesis {}

impl Kinesis {
    pub(crate) fn handle(&mut self, op: &str, _p: Params, _ctx: &mut Ctx) -> AwsResult {
        Err(unsupported(ServiceName::Kinesis, op))
    }

    /// A record from another service (an EventBridge target).
    pub(crate) fn deliver(&mut self, _stream_arn: &str, _data: Vec<u8>, _partition_key: String, _ctx: &mut Ctx) {}

    pub(crate) fn prune(&mut self, _now: SimTime) {}
}
