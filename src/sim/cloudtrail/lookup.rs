//! `LookupEvents`: event history, newest first, filtered by one attribute
//! and a time range, in pages of at most 50.

use base64::Engine;
use serde_json::{json, Map, Value};

use super::{CloudTrail, Record};
use crate::sim::ctx::Ctx;
use crate::sim::params::{b64, Params};
use crate::sim::time::epoch_json;
use crate::sim::{AwsError, AwsResult};

const DEFAULT_MAX_RESULTS: usize = 50;

/// The one lookup attribute a request may give.
enum Attribute<'a> {
    EventId(&'a str),
    EventName(&'a str),
    ReadOnly(bool),
    Username(&'a str),
    ResourceType(&'a str),
    ResourceName(&'a str),
    EventSource(&'a str),
    AccessKeyId(&'a str),
}

impl Attribute<'_> {
    fn matches(&self, r: &Record) -> bool {
        match self {
            Attribute::EventId(v) => r.event_id == *v,
            Attribute::EventName(v) => r.event_name == *v,
            Attribute::ReadOnly(v) => r.read_only == *v,
            Attribute::Username(v) => r.username() == Some(*v),
            Attribute::ResourceType(v) => r.resources.iter().any(|(kind, _)| kind == v),
            Attribute::ResourceName(v) => r.resources.iter().any(|(_, arn)| arn == v),
            Attribute::EventSource(v) => r.service.event_source() == *v,
            Attribute::AccessKeyId(v) => r.access_key_id() == Some(*v),
        }
    }
}

fn invalid_attributes(message: impl Into<String>) -> AwsError {
    AwsError::input("InvalidLookupAttributesException", message)
}

fn attribute<'a>(p: &Params<'a>) -> Result<Option<Attribute<'a>>, AwsError> {
    let list = p.list("LookupAttributes");
    if list.len() > 1 {
        // (inferred) AWS documents the limit of one attribute, not the text.
        return Err(invalid_attributes(
            "You can specify only one lookup attribute per request.",
        ));
    }
    let Some(first) = list.first() else {
        return Ok(None);
    };
    let a = Params::new(first);
    let value = a.req_str("AttributeValue");
    Ok(Some(match a.req_str("AttributeKey") {
        "EventId" => Attribute::EventId(value),
        "EventName" => Attribute::EventName(value),
        "ReadOnly" => match value {
            "true" => Attribute::ReadOnly(true),
            "false" => Attribute::ReadOnly(false),
            _ => {
                return Err(invalid_attributes(format!(
                    "The value {value} is not valid for the ReadOnly lookup attribute. Valid values are true and false."
                )))
            }
        },
        "Username" => Attribute::Username(value),
        "ResourceType" => Attribute::ResourceType(value),
        "ResourceName" => Attribute::ResourceName(value),
        "EventSource" => Attribute::EventSource(value),
        _ => Attribute::AccessKeyId(value),
    }))
}

fn next_token(seq: u64) -> Value {
    Value::String(b64(format!("history:{seq}").as_bytes()))
}

fn token_seq(token: &str) -> Option<u64> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(token).ok()?;
    String::from_utf8(bytes).ok()?.strip_prefix("history:")?.parse().ok()
}

impl CloudTrail {
    pub(super) fn lookup_events(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let attribute = attribute(&p)?;
        let start = p.time("StartTime");
        let end = p.time("EndTime");
        if let (Some(start), Some(end)) = (start, end) {
            if start > end {
                // (inferred) AWS's wording is not in the sources.
                return Err(AwsError::input(
                    "InvalidTimeRangeException",
                    "The start time must be earlier than the end time.",
                ));
            }
        }
        let resume = match p.str("NextToken") {
            None => None,
            Some(t) => Some(
                token_seq(t)
                    .ok_or_else(|| AwsError::input("InvalidNextTokenException", "The NextToken is not valid."))?,
            ),
        };
        let max = p.i64("MaxResults").map_or(DEFAULT_MAX_RESULTS, |m| m as usize);
        // The playground records no Insights events.
        if p.str("EventCategory") == Some("insight") {
            return Ok(json!({ "Events": [] }));
        }
        // History is in time order: the time range is a slice of it.
        let lo = start.map_or(0, |s| self.history.partition_point(|r| r.event_time < s));
        let mut hi = end.map_or(self.history.len(), |e| {
            self.history.partition_point(|r| r.event_time <= e)
        });
        if let Some(seq) = resume {
            let index = seq
                .checked_sub(self.first_seq)
                .map_or(0, |i| usize::try_from(i).map_or(usize::MAX, |i| i.saturating_add(1)));
            hi = hi.min(index);
        }
        let mut events = Vec::new();
        let mut token = None;
        for i in (lo..hi.max(lo)).rev() {
            let record = &self.history[i];
            if attribute.as_ref().is_some_and(|a| !a.matches(record)) {
                continue;
            }
            if events.len() == max {
                token = Some(next_token(self.first_seq + i as u64));
                break;
            }
            events.push(event_json(record, ctx));
        }
        let mut out = Map::new();
        out.insert("Events".into(), Value::Array(events));
        if let Some(token) = token {
            out.insert("NextToken".into(), token);
        }
        Ok(Value::Object(out))
    }
}

/// One entry of `LookupEvents`: the record's summary and its JSON as text.
fn event_json(r: &Record, ctx: &Ctx) -> Value {
    let mut out = Map::new();
    out.insert("EventId".into(), json!(r.event_id));
    out.insert("EventName".into(), json!(r.event_name));
    out.insert("ReadOnly".into(), json!(r.read_only.to_string()));
    if let Some(key) = r.access_key_id() {
        out.insert("AccessKeyId".into(), json!(key));
    }
    out.insert("EventTime".into(), epoch_json(r.event_time));
    out.insert("EventSource".into(), json!(r.service.event_source()));
    if let Some(user) = r.username() {
        out.insert("Username".into(), json!(user));
    }
    let resources: Vec<Value> = r
        .resources
        .iter()
        .map(|(kind, arn)| json!({"ResourceType": kind, "ResourceName": arn}))
        .collect();
    out.insert("Resources".into(), Value::Array(resources));
    out.insert("CloudTrailEvent".into(), json!(r.to_json(ctx.settings).to_string()));
    Value::Object(out)
}
