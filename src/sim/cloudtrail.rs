//! CloudTrail: the record of every API call (successful or refused) and of
//! every action a service takes by itself, in the shapes of AWS's examples;
//! event history (`LookupEvents`, 90 days); trails that, while logging,
//! deliver every record to a CloudWatch Logs log group and to EventBridge.
//!
//! Delivery decisions (AWS documents the effects, not the mechanism):
//! - A logging trail with `CloudWatchLogsLogGroupArn` writes each record to
//!   that group, stream `<account>_CloudTrail_<region>`, message = the
//!   record's compact JSON, timestamp = its event time. AWS delivers within
//!   minutes; the playground delivers at once. The group is created if it
//!   does not exist (services cannot look into each other here, so
//!   `CreateTrail` cannot check it the way AWS does).
//! - EventBridge receives "AWS API Call via CloudTrail" (API calls) and
//!   "AWS Service Event via CloudTrail" (actions AWS took) events only while
//!   at least one trail is logging — once per record, whatever the number of
//!   trails — with AWS's envelope: `source` `aws.<service>` (`aws.kms`,
//!   `aws.cloudwatch`), `resources` empty, `detail` the record. Whether a
//!   rule sees a read-only call is EventBridge's decision (rule state
//!   `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`, reference §8.2/§10
//!   q13), so the event carries `read_only_management = record.readOnly`.
//! - `StopLogging` is itself delivered by the trail it stops (the CIS
//!   "CloudTrail configuration changes" alarm depends on seeing it).

mod lookup;
mod record;
mod trails;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, VecDeque};

pub use record::{is_read_only, lower_camel, EventType, Record, ACCESS_KEY_ID, USER_NAME};
pub use trails::{Trail, TrailStatus};

use crate::sim::compact_json;
use crate::sim::ctx::{event_envelope, Ctx, Effect, Envelope};
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::time::{SimTime, DAY};
use crate::sim::world::Settings;
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
    /// The sequence number of `history[0]`; record `i` is `first_seq + i`
    /// (`LookupEvents` tokens name records by it).
    first_seq: u64,
    trails: BTreeMap<String, Trail>,
    /// The trail `StopLogging` just stopped: it still delivers the record
    /// of that call.
    just_stopped: Option<String>,
}

impl CloudTrail {
    /// Event history, oldest first.
    pub fn history(&self) -> impl DoubleEndedIterator<Item = &Record> + ExactSizeIterator {
        self.history.iter()
    }

    /// Trails by name.
    pub fn trails(&self) -> impl Iterator<Item = &Trail> {
        self.trails.values()
    }

    pub fn trail(&self, name: &str) -> Option<&Trail> {
        self.trails.get(name)
    }

    /// Whether any trail is logging (records then reach EventBridge).
    pub fn is_logging(&self) -> bool {
        self.trails.values().any(|t| t.status.is_logging)
    }

    /// A record as CloudTrail writes it (the `CloudTrailEvent` of event
    /// history, the message of a log delivery, the `detail` of an event).
    pub fn record_json(record: &Record, settings: &Settings) -> serde_json::Value {
        record.to_json(settings)
    }

    pub(crate) fn handle(&mut self, op: &str, p: Params, ctx: &mut Ctx) -> AwsResult {
        match op {
            "CreateTrail" => self.create_trail(p, ctx),
            "UpdateTrail" => self.update_trail(p, ctx),
            "DeleteTrail" => self.delete_trail(p, ctx),
            "DescribeTrails" => self.describe_trails(p, ctx),
            "GetTrailStatus" => self.get_trail_status(p, ctx),
            "StartLogging" => self.start_logging(p, ctx),
            "StopLogging" => self.stop_logging(p, ctx),
            "LookupEvents" => self.lookup_events(p, ctx),
            _ => Err(unsupported(ServiceName::Cloudtrail, op)),
        }
    }

    /// Stores a record (stamping its time and ids) and passes it on: to
    /// every logging trail's log group and, if any trail logs, to the
    /// default event bus.
    pub(crate) fn record(&mut self, mut record: Record, ctx: &mut Ctx) {
        record.stamp(ctx);
        let just_stopped = self
            .just_stopped
            .take()
            .filter(|_| record.service == ServiceName::Cloudtrail && record.event_name == "StopLogging");
        let delivering: Vec<&mut Trail> = self
            .trails
            .values_mut()
            .filter(|t| t.status.is_logging || just_stopped.as_deref() == Some(t.name.as_str()))
            .collect();
        if !delivering.is_empty() {
            let detail = record.to_json(ctx.settings);
            let stream = format!("{}_CloudTrail_{}", ctx.account(), ctx.region());
            let message = compact_json::to_string(&detail);
            for trail in delivering {
                trail.status.latest_delivery_time = Some(ctx.now);
                if let Some(group) = trail.log_group_name() {
                    trail.status.latest_cloudwatch_logs_delivery_time = Some(ctx.now);
                    ctx.emit(Effect::Log {
                        group,
                        stream: stream.clone(),
                        message: message.clone(),
                        timestamp: record.event_time,
                    });
                }
            }
            let detail_type = if record.is_api_call() {
                "AWS API Call via CloudTrail"
            } else {
                "AWS Service Event via CloudTrail"
            };
            let source = format!("aws.{}", record.service.as_str());
            let event = event_envelope(Envelope {
                id: ctx.rng.uuid(),
                detail_type,
                source: &source,
                account: ctx.account(),
                time: record.event_time.iso_seconds(),
                region: ctx.region(),
                resources: Vec::new(),
                detail,
            });
            ctx.emit(Effect::BusEvent {
                event,
                read_only_management: record.read_only,
            });
        }
        if self.history.len() >= HISTORY_CAP {
            self.pop_oldest();
        }
        self.history.push_back(record);
    }

    pub(crate) fn prune(&mut self, now: SimTime) {
        while self
            .history
            .front()
            .is_some_and(|r| now.since(r.event_time) > HISTORY_RETENTION_MS)
        {
            self.pop_oldest();
        }
    }

    fn pop_oldest(&mut self) {
        if self.history.pop_front().is_some() {
            self.first_seq += 1;
        }
    }
}
