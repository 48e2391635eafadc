//! CloudTrail: the record of every API call (successful or refused) and of
//! every action a service takes by itself, in the shapes of AWS's examples;
//! trails that deliver those records to a CloudWatch Logs log group.

mod record;

use std::collections::VecDeque;

pub use record::{is_read_only, lower_camel, EventType, Record, USER_NAME};

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::time::{SimTime, DAY};
use crate::sim::{unsupported, AwsResult};

/// How long event history is kept (CloudTrail's 90 days).
pub const HISTORY_RETENTION_MS: i64 = 90 * DAY;
/// The most records kept in event history, so memory stays bounded under
/// any workload; the oldest go first.
pub const HISTORY_CAP: usize = 50_000;

/// The CloudTrail service of one account.
#[derive(Clone, Debug, Default)]
pub struct CloudTrail {
    history: VecDeque<Record>,
}

impl CloudTrail {
    /// Event history, oldest first.
    pub fn history(&self) -> impl DoubleEndedIterator<Item = &Record> + ExactSizeIterator {
        self.history.iter()
    }

    pub(crate) fn handle(&mut self, op: &str, _p: Params, _ctx: &mut Ctx) -> AwsResult {
        Err(unsupported(ServiceName::Cloudtrail, op))
    }

    /// Stores a record (stamping its time and ids) and passes it on: to the
    /// default event bus and to every logging trail's log group.
    pub(crate) fn record(&mut self, mut record: Record, ctx: &mut Ctx) {
        record.stamp(ctx);
        if self.history.len() >= HISTORY_CAP {
            self.history.pop_front();
        }
        self.history.push_back(record);
    }

    pub(crate) fn prune(&mut self, now: SimTime) {
        while self
            .history
            .front()
            .is_some_and(|r| now.since(r.event_time) > HISTORY_RETENTION_MS)
        {
            self.history.pop_front();
        }
    }
}
