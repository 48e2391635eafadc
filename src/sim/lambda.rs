//! Lambda: functions that run no code but record every invocation (time,
//! source, payload, request id) and write the log lines real Lambda writes
//! to `/aws/lambda/<name>`, as targets of Invoke, SNS, EventBridge and
//! alarms.
//!
//! CreateFunction needs only `FunctionName` here (the committed model
//! relaxes `Role` and `Code`; see `tools/extract_models.py`). Functions are
//! `Active` at once: the playground skips the `Pending` state a real
//! function passes through for a few seconds after creation.

mod functions;
mod invoke;

use std::collections::{BTreeMap, VecDeque};

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::sns::DroppedDelivery;
use crate::sim::time::{SimTime, DAY};
use crate::sim::{unsupported, AwsResult};

/// The most invocations kept per function; the oldest go first.
pub const INVOCATION_CAP: usize = 1_000;
/// How long invocations are kept in a function's record.
pub const INVOCATION_RETENTION_MS: i64 = 30 * DAY;

/// Who invoked a function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InvocationSource {
    /// The Invoke API.
    Api,
    /// An SNS subscription of the topic.
    Sns { topic_arn: String },
    /// A CloudWatch alarm action.
    CloudWatchAlarm { alarm_arn: String },
    /// An EventBridge rule target receiving the whole event.
    EventBridge { source: String, detail_type: String },
    /// Another service, with a payload that does not say which (for example
    /// an EventBridge target with an input transformer).
    Service,
}

/// One invocation of a function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invocation {
    pub at: SimTime,
    pub request_id: String,
    pub source: InvocationSource,
    /// `RequestResponse` or `Event`.
    pub invocation_type: String,
    /// The event the function received (JSON text).
    pub payload: String,
    /// The log stream its lines went to.
    pub log_stream: String,
}

/// A function.
#[derive(Clone, Debug)]
pub struct Function {
    pub name: String,
    pub arn: String,
    pub created: SimTime,
    pub runtime: Option<String>,
    pub role: Option<String>,
    pub handler: Option<String>,
    pub description: String,
    pub timeout_s: i64,
    pub memory_mb: i64,
    pub code_size: u64,
    pub code_sha256: String,
    pub environment: BTreeMap<String, String>,
    pub tags: BTreeMap<String, String>,
    revision_id: String,
    /// Identifies the deployment package in GetFunction's code location.
    package_id: String,
    invocations: VecDeque<Invocation>,
    /// The warm execution environment: its log stream and last use.
    environment_stream: Option<(String, SimTime)>,
}

impl Function {
    /// `/aws/lambda/<name>`.
    pub fn log_group(&self) -> String {
        format!("/aws/lambda/{}", self.name)
    }

    /// The recorded invocations, oldest first (at most [`INVOCATION_CAP`]).
    pub fn invocations(&self) -> impl DoubleEndedIterator<Item = &Invocation> + ExactSizeIterator {
        self.invocations.iter()
    }
}

/// The Lambda service of one account.
#[derive(Clone, Debug, Default)]
pub struct Lambda {
    functions: BTreeMap<String, Function>,
    dropped: VecDeque<DroppedDelivery>,
}

impl Lambda {
    /// The functions, by name.
    pub fn functions(&self) -> impl Iterator<Item = &Function> {
        self.functions.values()
    }

    /// A function by name.
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.get(name)
    }

    /// Invocations by other services that were dropped (no such function, a
    /// payload Lambda refuses), oldest first.
    pub fn dropped(&self) -> impl Iterator<Item = &DroppedDelivery> {
        self.dropped.iter()
    }

    pub(crate) fn handle(&mut self, op: &str, p: Params, ctx: &mut Ctx) -> AwsResult {
        match op {
            "CreateFunction" => self.create_function(p, ctx),
            "DeleteFunction" => self.delete_function(p, ctx),
            "GetFunction" => self.get_function(p, ctx),
            "ListFunctions" => self.list_functions(p, ctx),
            "Invoke" => self.invoke(p, ctx),
            _ => Err(unsupported(ServiceName::Lambda, op)),
        }
    }

    /// Forgets invocations older than [`INVOCATION_RETENTION_MS`].
    pub(crate) fn prune(&mut self, now: SimTime) {
        for f in self.functions.values_mut() {
            while f
                .invocations
                .front()
                .is_some_and(|i| now.since(i.at) > INVOCATION_RETENTION_MS)
            {
                f.invocations.pop_front();
            }
        }
    }
}

#[cfg(test)]
mod tests;
