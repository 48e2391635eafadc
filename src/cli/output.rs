//! A response as the AWS CLI v2 prints it: timestamp members (found through
//! the output shape) turned from the wire's epoch seconds into Python's
//! `isoformat()` (`2026-03-02T09:00:00+00:00`, microseconds only when not
//! zero), `double` members shown as floats, then `--query`, then the
//! `json`, `text` or `table` formatter.
//!
//! Times are shown in UTC (the CLI uses the machine's zone; the playground
//! has none to read, and UTC keeps the output deterministic). Logs' epoch
//! millisecond `long` members are numbers in the model, so they stay numbers,
//! as the real CLI prints them.

use serde_json::Value;

use super::{pyjson, table, text};
use crate::sim::model::{ServiceModel, ShapeKind};
use crate::sim::time::SimTime;

/// CLI v2's `iso8601` timestamp format.
pub(crate) fn iso(t: SimTime) -> String {
    let dt = t.to_datetime();
    let micros = t.millis().rem_euclid(1000) * 1000;
    if micros == 0 {
        dt.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
    } else {
        format!("{}.{micros:06}+00:00", dt.format("%Y-%m-%dT%H:%M:%S"))
    }
}

/// Converts timestamps and doubles in `value` following `shape`.
pub(crate) fn normalise(model: &ServiceModel, shape: &str, value: &mut Value, depth: usize) {
    let Some(s) = model.shape(shape) else { return };
    if depth > 64 {
        return;
    }
    match (s.kind, value) {
        (ShapeKind::Timestamp, v) => {
            let t = match v {
                Value::Number(n) => n.as_f64().and_then(SimTime::from_epoch_seconds),
                Value::String(text) => SimTime::parse(text),
                _ => None,
            };
            if let Some(t) = t {
                *v = Value::String(iso(t));
            }
        }
        (ShapeKind::Double, Value::Number(n)) if !n.is_f64() => {
            if let Some(f) = n.as_f64().and_then(serde_json::Number::from_f64) {
                *n = f;
            }
        }
        (ShapeKind::Structure, Value::Object(map)) => {
            for (member, member_shape) in &s.members {
                if let Some(v) = map.get_mut(member) {
                    normalise(model, member_shape, v, depth + 1);
                }
            }
        }
        (ShapeKind::List, Value::Array(items)) => {
            let member = s.member.clone().unwrap_or_default();
            for item in items {
                normalise(model, &member, item, depth + 1);
            }
        }
        (ShapeKind::Map, Value::Object(map)) => {
            let value_shape = s.value.clone().unwrap_or_default();
            for (_, v) in map.iter_mut() {
                normalise(model, &value_shape, v, depth + 1);
            }
        }
        _ => {}
    }
}

/// Formats `value` for `--output format` (`json`, `text`, `table`, `off`).
/// `command` titles the table (the operation's name, as the CLI does).
pub(crate) fn render(format: &str, command: &str, value: &Value, width: usize) -> String {
    match format {
        "off" => String::new(),
        "text" => text::format(value),
        "table" => table::format(command, value, width),
        _ => {
            // The CLI prints nothing for an empty response (`{}`).
            if value.as_object().is_some_and(|m| m.is_empty()) {
                String::new()
            } else {
                pyjson::dumps(value) + "\n"
            }
        }
    }
}
