//! Log groups and streams: create, delete, describe, retention.

use serde_json::{json, Map, Value};

use super::store::{LogGroup, LogStream};
use super::{group_arn, group_not_found, invalid, millis, offset_token, requested_group, token_offset, Logs};
use crate::sim::ctx::Ctx;
use crate::sim::params::Params;
use crate::sim::{AwsError, AwsResult};

/// The retention periods `PutRetentionPolicy` accepts, in days.
pub const RETENTION_DAYS: [i64; 22] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const DEFAULT_DESCRIBE_LIMIT: usize = 50;
/// Log groups per account and Region (AWS's quota: 1,000,000).
pub const MAX_LOG_GROUPS: usize = 1_000_000;

impl Logs {
    pub(super) fn create_log_group(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("logGroupName");
        if self.groups.contains_key(name) {
            return Err(AwsError::new(
                "ResourceAlreadyExistsException",
                "The specified log group already exists",
            ));
        }
        if self.groups.len() >= MAX_LOG_GROUPS {
            return Err(AwsError::new("LimitExceededException", "Resource limit exceeded."));
        }
        let mut group = LogGroup::new(name, ctx.now);
        group.kms_key_id = p.str("kmsKeyId").map(str::to_owned);
        group.class = p.str("logGroupClass").unwrap_or("STANDARD").to_owned();
        group.deletion_protection = p.bool("deletionProtectionEnabled").unwrap_or(false);
        group.tags = p.str_map("tags");
        self.groups.insert(name.to_owned(), group);
        Ok(json!({}))
    }

    pub(super) fn delete_log_group(&mut self, p: Params) -> AwsResult {
        let name = p.req_str("logGroupName");
        let group = self.group_ref(name)?;
        if group.deletion_protection {
            // (inferred) AWS's wording is not in the sources.
            return Err(AwsError::new(
                "ValidationException",
                "Log group deletion protection is enabled. Disable deletion protection before deleting the log group.",
            ));
        }
        self.groups.remove(name);
        Ok(json!({}))
    }

    pub(super) fn describe_log_groups(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let prefix = p.str("logGroupNamePrefix");
        let pattern = p.str("logGroupNamePattern").map(str::to_lowercase);
        if prefix.is_some() && pattern.is_some() {
            return Err(invalid(
                "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.",
            ));
        }
        let identifiers: Option<Vec<String>> = p.get("logGroupIdentifiers").map(|_| {
            p.str_list("logGroupIdentifiers")
                .iter()
                .map(|id| super::group_name_from_identifier(id, ctx))
                .collect()
        });
        let class = p.str("logGroupClass");
        let limit = p.i64("limit").map_or(DEFAULT_DESCRIBE_LIMIT, |l| l as usize);
        let offset = token_offset(&p)?;
        let matching: Vec<&LogGroup> = self
            .groups
            .values()
            .filter(|g| prefix.is_none_or(|pre| g.name.starts_with(pre)))
            .filter(|g| pattern.as_deref().is_none_or(|pat| g.name.to_lowercase().contains(pat)))
            .filter(|g| identifiers.as_ref().is_none_or(|ids| ids.contains(&g.name)))
            .filter(|g| class.is_none_or(|c| g.class == c))
            .collect();
        let page: Vec<Value> = matching
            .iter()
            .skip(offset)
            .take(limit)
            .map(|g| group_json(g, ctx))
            .collect();
        let mut out = Map::new();
        out.insert("logGroups".into(), Value::Array(page));
        if offset.saturating_add(limit) < matching.len() {
            out.insert("nextToken".into(), offset_token(offset.saturating_add(limit)));
        }
        Ok(Value::Object(out))
    }

    pub(super) fn put_retention_policy(&mut self, p: Params) -> AwsResult {
        let days = p.i64("retentionInDays").unwrap_or_default();
        if !RETENTION_DAYS.contains(&days) {
            let set: Vec<String> = RETENTION_DAYS.iter().map(i64::to_string).collect();
            return Err(invalid(format!(
                "1 validation error detected: Value '{days}' at 'retentionInDays' failed to satisfy constraint: \
                 Member must satisfy enum value set: [{}]",
                set.join(", ")
            )));
        }
        self.group_mut(p.req_str("logGroupName"))?.retention_days = Some(days);
        Ok(json!({}))
    }

    pub(super) fn create_log_stream(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("logStreamName");
        let group = self.group_mut(p.req_str("logGroupName"))?;
        if group.streams.contains_key(name) {
            return Err(AwsError::new(
                "ResourceAlreadyExistsException",
                "The specified log stream already exists",
            ));
        }
        group.streams.insert(name.to_owned(), LogStream::new(name, ctx.now));
        Ok(json!({}))
    }

    pub(super) fn describe_log_streams(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let group_name = requested_group(&p, ctx)?;
        let prefix = p.str("logStreamNamePrefix");
        let by_time = p.str("orderBy") == Some("LastEventTime");
        if by_time && prefix.is_some() {
            return Err(invalid("Cannot order by LastEventTime with a logStreamNamePrefix."));
        }
        let descending = p.bool("descending").unwrap_or(false);
        let limit = p.i64("limit").map_or(DEFAULT_DESCRIBE_LIMIT, |l| l as usize);
        let offset = token_offset(&p)?;
        let group = self.groups.get(&group_name).ok_or_else(group_not_found)?;
        let mut streams: Vec<&LogStream> = group
            .streams
            .values()
            .filter(|s| prefix.is_none_or(|pre| s.name.starts_with(pre)))
            .collect();
        if by_time {
            streams.sort_by_key(|s| s.last_event_timestamp());
        }
        if descending {
            streams.reverse();
        }
        let page: Vec<Value> = streams
            .iter()
            .skip(offset)
            .take(limit)
            .map(|s| stream_json(s, &group.name, ctx))
            .collect();
        let mut out = Map::new();
        out.insert("logStreams".into(), Value::Array(page));
        if offset.saturating_add(limit) < streams.len() {
            out.insert("nextToken".into(), offset_token(offset.saturating_add(limit)));
        }
        Ok(Value::Object(out))
    }
}

/// A log group as `DescribeLogGroups` returns it.
pub(crate) fn group_json(g: &LogGroup, ctx: &Ctx) -> Value {
    let arn = group_arn(ctx, &g.name);
    let mut out = Map::new();
    out.insert("logGroupName".into(), json!(g.name));
    out.insert("creationTime".into(), millis(g.creation_time));
    if let Some(days) = g.retention_days {
        out.insert("retentionInDays".into(), json!(days));
    }
    out.insert("metricFilterCount".into(), json!(g.filters.len()));
    out.insert("arn".into(), json!(format!("{arn}:*")));
    out.insert("storedBytes".into(), json!(g.stored_bytes));
    if let Some(key) = &g.kms_key_id {
        out.insert("kmsKeyId".into(), json!(key));
    }
    out.insert("logGroupClass".into(), json!(g.class));
    out.insert("logGroupArn".into(), json!(arn));
    out.insert("deletionProtectionEnabled".into(), json!(g.deletion_protection));
    Value::Object(out)
}

/// A log stream as `DescribeLogStreams` returns it. `storedBytes` is
/// deprecated and AWS returns 0.
pub(crate) fn stream_json(s: &LogStream, group: &str, ctx: &Ctx) -> Value {
    let mut out = Map::new();
    out.insert("logStreamName".into(), json!(s.name));
    out.insert("creationTime".into(), millis(s.creation_time));
    if let Some(t) = s.first_event_timestamp() {
        out.insert("firstEventTimestamp".into(), millis(t));
    }
    if let Some(t) = s.last_event_timestamp() {
        out.insert("lastEventTimestamp".into(), millis(t));
    }
    if let Some(t) = s.last_ingestion_time {
        out.insert("lastIngestionTime".into(), millis(t));
        out.insert(
            "uploadSequenceToken".into(),
            json!(format!("{:056}", s.upload_sequence)),
        );
    }
    out.insert(
        "arn".into(),
        json!(format!("{}:log-stream:{}", group_arn(ctx, group), s.name)),
    );
    out.insert("storedBytes".into(), json!(0));
    Value::Object(out)
}
