//! CloudWatch Logs: log groups and streams, log events, and metric filters
//! that turn matching events into CloudWatch datapoints.
//!
//! Timestamps in this API are epoch milliseconds (Logs' `Timestamp` shape
//! is a long), unlike the other JSON services. Every event written to a
//! group — by `PutLogEvents` or by a service (a trail's delivery) — is
//! checked against the group's metric filters as it arrives; matches become
//! `Effect::Metric` datapoints at the event's timestamp.

mod events;
pub(crate) mod filters;
mod groups;
pub mod pattern;
mod store;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde_json::Value;

pub use filters::{MetricFilter, MetricTransformation};
pub use store::{LogEvent, LogGroup, LogStream, MAX_EVENTS_PER_STREAM, MAX_SERVICE_STREAMS_PER_GROUP};

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::{b64, Params};
use crate::sim::time::{SimTime, DAY};
use crate::sim::{unsupported, AwsError, AwsResult};

/// The CloudWatch Logs service of one account.
#[derive(Clone, Debug, Default)]
pub struct Logs {
    groups: BTreeMap<String, LogGroup>,
    /// Ingestion sequence: orders events with equal timestamps and makes
    /// event ids unique.
    seq: u64,
}

impl Logs {
    /// Log groups by name.
    pub fn groups(&self) -> impl Iterator<Item = &LogGroup> {
        self.groups.values()
    }

    pub fn group(&self, name: &str) -> Option<&LogGroup> {
        self.groups.get(name)
    }

    /// Why a group's metric filter matches `message` or not, clause by
    /// clause (the UI's "explain" for a stored filter).
    pub fn explain_filter(&self, group: &str, filter: &str, message: &str) -> Option<pattern::Explanation> {
        Some(self.groups.get(group)?.filters.get(filter)?.pattern().explain(message))
    }

    pub(crate) fn handle(&mut self, op: &str, p: Params, ctx: &mut Ctx) -> AwsResult {
        match op {
            "CreateLogGroup" => self.create_log_group(p, ctx),
            "DeleteLogGroup" => self.delete_log_group(p),
            "DescribeLogGroups" => self.describe_log_groups(p, ctx),
            "PutRetentionPolicy" => self.put_retention_policy(p),
            "CreateLogStream" => self.create_log_stream(p, ctx),
            "DescribeLogStreams" => self.describe_log_streams(p, ctx),
            "PutLogEvents" => self.put_log_events(p, ctx),
            "GetLogEvents" => self.get_log_events(p, ctx),
            "FilterLogEvents" => self.filter_log_events(p, ctx),
            "PutMetricFilter" => self.put_metric_filter(p, ctx),
            "DeleteMetricFilter" => self.delete_metric_filter(p),
            "DescribeMetricFilters" => self.describe_metric_filters(p),
            "TestMetricFilter" => filters::test_metric_filter(p),
            _ => Err(unsupported(ServiceName::Logs, op)),
        }
    }

    /// A log event written by a service (a trail's delivery, a Lambda
    /// function's output); the group and stream are created if missing.
    /// Services write without `PutLogEvents`' time limits.
    pub(crate) fn put_from_service(
        &mut self,
        group: &str,
        stream: &str,
        message: String,
        timestamp: SimTime,
        ctx: &mut Ctx,
    ) {
        if !self.groups.contains_key(group) {
            self.groups.insert(group.to_owned(), LogGroup::new(group, ctx.now));
        }
        if let Some(g) = self.groups.get_mut(group) {
            if !g.streams.contains_key(stream) {
                if g.streams.len() >= MAX_SERVICE_STREAMS_PER_GROUP {
                    g.evict_least_recent_stream();
                }
                g.streams.insert(stream.to_owned(), LogStream::new(stream, ctx.now));
            }
        }
        self.ingest(group, stream, vec![(timestamp, message)], ctx);
    }

    /// Stores events (in order) in an existing stream and runs the group's
    /// metric filters over them.
    fn ingest(&mut self, group: &str, stream: &str, events: Vec<(SimTime, String)>, ctx: &mut Ctx) {
        let Some(g) = self.groups.get_mut(group) else {
            return;
        };
        let mut metrics = filters::Publication::default();
        for (timestamp, message) in events {
            filters::apply(&g.filters, timestamp, &message, ctx, &mut metrics);
            self.seq += 1;
            g.insert(stream, LogEvent::new(timestamp, ctx.now, message, self.seq));
        }
        metrics.emit(ctx);
    }

    /// Drops events past each group's retention period (daily housekeeping;
    /// AWS deletes them within 72 hours).
    pub(crate) fn prune(&mut self, now: SimTime) {
        for g in self.groups.values_mut() {
            if let Some(days) = g.retention_days {
                g.expire_before(now.plus(-days.saturating_mul(DAY)));
            }
        }
    }

    fn group_mut(&mut self, name: &str) -> Result<&mut LogGroup, AwsError> {
        self.groups.get_mut(name).ok_or_else(group_not_found)
    }

    fn group_ref(&self, name: &str) -> Result<&LogGroup, AwsError> {
        self.groups.get(name).ok_or_else(group_not_found)
    }
}

pub(crate) fn group_not_found() -> AwsError {
    AwsError::new("ResourceNotFoundException", "The specified log group does not exist.")
}

pub(crate) fn stream_not_found() -> AwsError {
    AwsError::new("ResourceNotFoundException", "The specified log stream does not exist.")
}

pub(crate) fn invalid(message: impl Into<String>) -> AwsError {
    AwsError::input("InvalidParameterException", message)
}

/// `arn:aws:logs:<region>:<account>:log-group:<name>` (without the `:*`
/// that the `arn` member of `DescribeLogGroups` carries).
pub(crate) fn group_arn(ctx: &Ctx, name: &str) -> String {
    ctx.arn("logs", &format!("log-group:{name}"))
}

/// The log group a request names, by `logGroupName` or by
/// `logGroupIdentifier` (a name or an ARN, with or without `:*`).
pub(crate) fn requested_group(p: &Params, ctx: &Ctx) -> Result<String, AwsError> {
    match (p.str("logGroupName"), p.str("logGroupIdentifier")) {
        (Some(_), Some(_)) => Err(invalid(
            "LogGroup name and LogGroup identifier are mutually exclusive parameters.",
        )),
        (None, None) => Err(invalid("Either logGroupName or logGroupIdentifier must be specified.")),
        (Some(name), None) => Ok(name.to_owned()),
        (None, Some(id)) => Ok(group_name_from_identifier(id, ctx)),
    }
}

pub(crate) fn group_name_from_identifier(id: &str, ctx: &Ctx) -> String {
    let prefix = group_arn(ctx, "");
    match id.strip_prefix(prefix.as_str()) {
        Some(rest) => rest.strip_suffix(":*").unwrap_or(rest).to_owned(),
        None => id.to_owned(),
    }
}

/// A `nextToken` for a list resumed at `offset`.
pub(crate) fn offset_token(offset: usize) -> Value {
    Value::String(b64(format!("offset:{offset}").as_bytes()))
}

pub(crate) fn token_offset(p: &Params) -> Result<usize, AwsError> {
    use base64::Engine;
    let Some(token) = p.str("nextToken") else {
        return Ok(0);
    };
    base64::engine::general_purpose::STANDARD
        .decode(token)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|s| s.strip_prefix("offset:").and_then(|n| n.parse().ok()))
        .ok_or_else(|| invalid("The specified nextToken is invalid."))
}

/// Epoch milliseconds, as Logs writes instants.
pub(crate) fn millis(t: SimTime) -> Value {
    Value::from(t.millis())
}
