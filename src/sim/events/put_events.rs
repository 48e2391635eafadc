//! PutEvents (custom events onto the default bus, with AWS's per-entry
//! results) and TestEventPattern.

use serde_json::{json, Map, Value};

use super::rules::compile_pattern;
use super::EventBridge;
use crate::sim::ctx::{event_envelope, Ctx, Envelope};
use crate::sim::params::Params;
use crate::sim::{AwsError, AwsResult};

/// `DetailType`'s documented maximum length.
pub const MAX_DETAIL_TYPE: usize = 128;
/// The most a PutEvents request may carry (256 KB, AWS's entry-size rule).
pub const MAX_REQUEST_BYTES: usize = 256 * 1024;

/// The fields TestEventPattern requires in its event.
const REQUIRED_EVENT_FIELDS: [&str; 7] = ["id", "account", "source", "time", "region", "resources", "detail-type"];

fn failure(code: &str, message: String) -> Value {
    json!({ "ErrorCode": code, "ErrorMessage": message })
}

/// An entry's size as AWS counts it: Source, DetailType, Detail, each
/// resource, and 14 bytes for Time when given.
fn entry_size(p: &Params) -> usize {
    ["Source", "DetailType", "Detail"]
        .iter()
        .map(|m| p.str(m).map_or(0, str::len))
        .sum::<usize>()
        + p.str_list("Resources").iter().map(String::len).sum::<usize>()
        + if p.has("Time") { 14 } else { 0 }
}

impl EventBridge {
    pub(super) fn put_events(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let entries = p.list("Entries");
        if entries.iter().map(|e| entry_size(&Params::new(e))).sum::<usize>() > MAX_REQUEST_BYTES {
            return Err(AwsError::input(
                "ValidationException",
                "Total size of the entries in the request is over the limit.",
            ));
        }
        let default_arn = ctx.arn("events", "event-bus/default");
        let mut results = Vec::with_capacity(entries.len());
        let mut events = Vec::new();
        let mut failed = 0;
        for entry in entries {
            let e = Params::new(entry);
            let source = e.str("Source").filter(|s| !s.is_empty());
            let detail_type = e.str("DetailType").filter(|s| !s.is_empty());
            let detail_text = e.str("Detail").filter(|s| !s.is_empty());
            let detail = detail_text.and_then(|d| serde_json::from_str::<Value>(d).ok());
            let bus = e.str("EventBusName").unwrap_or("default");
            let error = match (source, detail_type, detail_text) {
                (None, _, _) => Some(failure(
                    "InvalidArgument",
                    "Parameter Source is not valid. Reason: Source is a required argument.".into(),
                )),
                (_, None, _) => Some(failure(
                    "InvalidArgument",
                    "Parameter DetailType is not valid. Reason: DetailType is a required argument.".into(),
                )),
                (_, _, None) => Some(failure(
                    "InvalidArgument",
                    "Parameter Detail is not valid. Reason: Detail is a required argument.".into(),
                )),
                (_, Some(dt), _) if dt.chars().count() > MAX_DETAIL_TYPE => Some(failure(
                    "InvalidArgument",
                    format!(
                        "Parameter DetailType is not valid. Reason: DetailType must be at most {MAX_DETAIL_TYPE} characters."
                    ),
                )),
                _ if !detail.as_ref().is_some_and(Value::is_object) => {
                    Some(failure("MalformedDetail", "Detail is malformed.".into()))
                }
                (Some(s), _, _) if s.starts_with("aws.") => Some(failure(
                    "NotAuthorizedForSourceException",
                    "Not authorized for the source.".into(),
                )),
                _ if bus != "default" && bus != default_arn => Some(failure(
                    "InvalidArgument",
                    format!("Event bus {} does not exist.", bus.rsplit('/').next().unwrap_or(bus)),
                )),
                _ => None,
            };
            if let Some(error) = error {
                failed += 1;
                results.push(error);
                continue;
            }
            let id = ctx.rng.uuid();
            let time = e.time("Time").unwrap_or(ctx.now);
            let mut result = Map::with_capacity(1);
            result.insert("EventId".into(), Value::String(id.clone()));
            results.push(Value::Object(result));
            // The checks above leave only entries with a source, a
            // detail-type and an object detail.
            events.push(event_envelope(Envelope {
                id,
                detail_type: detail_type.unwrap_or_default(),
                source: source.unwrap_or_default(),
                account: ctx.account(),
                time: time.iso_seconds(),
                region: ctx.region(),
                resources: e.str_list("Resources").into_iter().map(Value::String).collect(),
                detail: detail.unwrap_or_default(),
            }));
        }
        for event in events {
            self.deliver(event, false, ctx);
        }
        let mut out = Map::with_capacity(2);
        out.insert("FailedEntryCount".into(), Value::from(failed));
        out.insert("Entries".into(), Value::Array(results));
        Ok(Value::Object(out))
    }
}

/// TestEventPattern: whether the event matches, with the rule's pattern
/// checks (the event-pattern size quota applies to rules, not here).
pub(super) fn test_event_pattern(p: Params) -> AwsResult {
    let pattern = compile_pattern(p.req_str("EventPattern"), None)?;
    let invalid_event = || AwsError::input("ValidationException", "Parameter Event is not valid.");
    let event: Value = serde_json::from_str(p.req_str("Event")).map_err(|_| invalid_event())?;
    let Some(obj) = event.as_object() else {
        return Err(invalid_event());
    };
    if REQUIRED_EVENT_FIELDS.iter().any(|f| !obj.contains_key(*f)) {
        return Err(invalid_event());
    }
    Ok(json!({ "Result": pattern.matches(&event) }))
}
