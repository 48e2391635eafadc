//! What a service may do besides answering a request: read the time, draw
//! randomness, schedule deadlines, and emit effects that the world routes to
//! other services (an alarm publishing to SNS, a rule delivering to SQS, ...).
//! Services never hold references to each other; effects are their only
//! connection, processed first-in first-out after each request or deadline.

use std::collections::VecDeque;

use serde_json::{Map, Value};

use crate::sim::rng::SimRng;
use crate::sim::scheduler::{Phase, Scheduler};
use crate::sim::time::SimTime;
use crate::sim::world::Settings;
use crate::sim::{cloudtrail, cloudwatch, events, kms, sns, sqs};

/// A deadline's payload: which service's timer fires.
#[derive(Clone, Debug)]
pub(crate) enum Deadline {
    Kms(kms::Timer),
    Cloudwatch(cloudwatch::Timer),
    Sns(sns::Timer),
    Sqs(sqs::Timer),
    Events(events::Timer),
    /// Daily retention pruning in every service.
    Housekeeping,
}

impl Deadline {
    fn phase(&self) -> Phase {
        match self {
            Deadline::Kms(timer) => timer.phase(),
            Deadline::Sqs(_) | Deadline::Sns(_) => Phase::Sqs,
            Deadline::Events(_) => Phase::EventsSchedule,
            Deadline::Cloudwatch(_) => Phase::Alarms,
            Deadline::Housekeeping => Phase::Housekeeping,
        }
    }
}

/// Something one service asks of another.
#[derive(Clone, Debug)]
pub(crate) enum Effect {
    /// An event for the default event bus from an AWS service (`aws.kms`
    /// lifecycle events, alarm state changes, CloudTrail-delivered calls).
    /// `read_only_management` marks CloudTrail read-only management events,
    /// which only rules in state `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`
    /// receive.
    BusEvent { event: Value, read_only_management: bool },
    /// A CloudTrail record of an API call or of an action a service took.
    Trail(Box<cloudtrail::Record>),
    /// Publish to an SNS topic (alarm actions, EventBridge targets).
    /// `message_structure` is Publish's `MessageStructure`: `Some("json")`
    /// when `message` is a JSON object of per-protocol messages with a
    /// `default` entry (CloudWatch alarm notifications).
    SnsPublish {
        topic_arn: String,
        subject: Option<String>,
        message: String,
        message_structure: Option<String>,
    },
    /// Send a message body to an SQS queue (SNS subscriptions, rule targets).
    SqsSend { queue_arn: String, body: String },
    /// Invoke a Lambda function asynchronously with a JSON payload.
    LambdaInvoke { function_arn: String, payload: String },
    /// Put a record on a Kinesis stream.
    KinesisPut {
        stream_arn: String,
        data: Vec<u8>,
        partition_key: String,
    },
    /// A change to CloudWatch metric data from another service.
    Metric(cloudwatch::MetricUpdate),
    /// A log event written by a service into a log group (created if missing).
    Log {
        group: String,
        stream: String,
        message: String,
        timestamp: SimTime,
    },
}

/// What a request handler tells CloudTrail beyond the request itself.
#[derive(Clone, Debug, Default)]
pub(crate) struct CallAudit {
    /// `(type, ARN)` of the resources the call touched (`AWS::KMS::Key`).
    pub resources: Vec<(String, String)>,
    /// Request parameters the service records though they were not sent.
    pub extra_request_parameters: Vec<(String, Value)>,
}

/// The context a service handles a request or a deadline in.
pub(crate) struct Ctx<'a> {
    pub now: SimTime,
    pub rng: &'a mut SimRng,
    pub settings: &'a Settings,
    pub(crate) scheduler: &'a mut Scheduler<Deadline>,
    pub(crate) effects: &'a mut VecDeque<Effect>,
    pub(crate) audit: &'a mut CallAudit,
}

impl Ctx<'_> {
    pub fn schedule(&mut self, at: SimTime, deadline: Deadline) {
        let phase = deadline.phase();
        self.scheduler.schedule(at.max(self.now), phase, deadline);
    }

    pub fn emit(&mut self, effect: Effect) {
        self.effects.push_back(effect);
    }

    /// Names a resource the current request touched, for its CloudTrail record.
    pub fn audit_resource(&mut self, kind: &str, arn: &str) {
        self.audit.resources.push((kind.to_owned(), arn.to_owned()));
    }

    /// Adds a request parameter to the current request's CloudTrail record.
    pub fn audit_parameter(&mut self, name: &str, value: Value) {
        self.audit.extra_request_parameters.push((name.to_owned(), value));
    }

    pub fn account(&self) -> &str {
        &self.settings.account_id
    }

    pub fn region(&self) -> &str {
        &self.settings.region
    }

    /// `arn:aws:<service>:<region>:<account>:<resource>`.
    pub fn arn(&self, service: &str, resource: &str) -> String {
        format!(
            "arn:aws:{service}:{}:{}:{resource}",
            self.settings.region, self.settings.account_id
        )
    }

    /// Emits an event from an AWS service to the default bus with the
    /// envelope of AWS's examples: `version` "0", a fresh UUID `id`, `time`
    /// to the second.
    pub fn aws_event(&mut self, source: &str, detail_type: &str, resources: Vec<String>, detail: Value) {
        let event = event_envelope(Envelope {
            id: self.rng.uuid(),
            detail_type,
            source,
            account: &self.settings.account_id,
            time: self.now.iso_seconds(),
            region: &self.settings.region,
            resources: resources.into_iter().map(Value::String).collect(),
            detail,
        });
        self.emit(Effect::BusEvent {
            event,
            read_only_management: false,
        });
    }
}

/// The members of an EventBridge event (see [`event_envelope`]).
pub(crate) struct Envelope<'a> {
    pub id: String,
    pub detail_type: &'a str,
    pub source: &'a str,
    pub account: &'a str,
    pub time: String,
    pub region: &'a str,
    pub resources: Vec<Value>,
    pub detail: Value,
}

/// An event with AWS's envelope, members in AWS's order: `version` "0",
/// `id`, `detail-type`, `source`, `account`, `time`, `region`, `resources`,
/// `detail`. Built member by member, as `json!` would serialise `detail`
/// over again (thousands of instructions for a CloudTrail record).
pub(crate) fn event_envelope(e: Envelope) -> Value {
    let mut event = Map::with_capacity(9);
    event.insert("version".into(), Value::from("0"));
    event.insert("id".into(), Value::String(e.id));
    event.insert("detail-type".into(), Value::from(e.detail_type));
    event.insert("source".into(), Value::from(e.source));
    event.insert("account".into(), Value::from(e.account));
    event.insert("time".into(), Value::String(e.time));
    event.insert("region".into(), Value::from(e.region));
    event.insert("resources".into(), Value::Array(e.resources));
    event.insert("detail".into(), e.detail);
    Value::Object(event)
}
