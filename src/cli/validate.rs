//! What botocore checks on the client before sending anything: blobs given
//! inline must be base64 (CLI v2's default `cli_binary_format`), then
//! `ParamValidator`: required members, unknown members, Python types, and
//! minimum lengths and values (botocore checks no maximum, pattern or enum;
//! the service does). Messages are botocore's, byte for byte.

use base64::Engine;
use serde_json::Value;

use super::errors::Failure;
use super::pyjson::{py_repr, py_str, py_type};
use crate::sim::model::{ServiceModel, Shape, ShapeKind};
use crate::sim::time::SimTime;

/// Decodes (and re-encodes canonically) every inline blob, or converts raw
/// text to base64 with `raw-in-base64-out`.
pub(crate) fn blobs(model: &ServiceModel, shape: &str, value: &mut Value, raw_in: bool) -> Result<(), Failure> {
    let Some(s) = model.shape(shape) else { return Ok(()) };
    match (s.kind, value) {
        (ShapeKind::Blob, Value::String(text)) => {
            let encoded = if raw_in {
                crate::sim::params::b64(text.as_bytes())
            } else {
                let bytes =
                    decode_lenient(text).ok_or_else(|| Failure::Param(format!("Invalid base64: \"{text}\"")))?;
                crate::sim::params::b64(&bytes)
            };
            *text = encoded;
        }
        (ShapeKind::Structure, Value::Object(map)) => {
            for (member, member_shape) in &s.members {
                if let Some(v) = map.get_mut(member) {
                    blobs(model, member_shape, v, raw_in)?;
                }
            }
        }
        (ShapeKind::List, Value::Array(items)) => {
            let member = s.member.clone().unwrap_or_default();
            for item in items {
                blobs(model, &member, item, raw_in)?;
            }
        }
        (ShapeKind::Map, Value::Object(map)) => {
            let value_shape = s.value.clone().unwrap_or_default();
            for (_, v) in map.iter_mut() {
                blobs(model, &value_shape, v, raw_in)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Python's `base64.b64decode(text)`: characters outside the alphabet are
/// discarded; the padding must be right.
fn decode_lenient(text: &str) -> Option<Vec<u8>> {
    let kept: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .collect();
    base64::engine::general_purpose::STANDARD.decode(kept.as_bytes()).ok()
}

/// botocore's `ParamValidator.validate`, all errors reported together.
pub(crate) fn params(model: &ServiceModel, input: &str, params: &Value, ordered: &[String]) -> Result<(), Failure> {
    let Some(shape) = model.shape(input) else { return Ok(()) };
    let mut v = Validator {
        model,
        errors: Vec::new(),
        ordered: false,
    };
    let Value::Object(map) = params else { return Ok(()) };
    // The top level is a plain dict; members read as JSON are OrderedDicts.
    v.structure_members(shape, map, "", ordered);
    if v.errors.is_empty() {
        Ok(())
    } else {
        Err(Failure::Param(format!(
            "Parameter validation failed:\n{}",
            v.errors.join("\n")
        )))
    }
}

struct Validator<'m> {
    model: &'m ServiceModel,
    errors: Vec<String>,
    ordered: bool,
}

fn display_name(name: &str) -> &str {
    if name.is_empty() {
        "input"
    } else {
        name.strip_prefix('.').unwrap_or(name)
    }
}

fn bound(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

impl Validator<'_> {
    fn invalid_type(&mut self, name: &str, value: &Value, valid: &str) {
        self.errors.push(format!(
            "Invalid type for parameter {}, value: {}, type: {}, valid types: {valid}",
            display_name(name),
            self.show(value),
            py_type(value, self.ordered)
        ));
    }

    fn show(&self, value: &Value) -> String {
        match value {
            Value::String(_) => py_str(value),
            other => py_repr(other, self.ordered),
        }
    }

    fn structure_members(
        &mut self,
        shape: &Shape,
        map: &serde_json::Map<String, Value>,
        name: &str,
        ordered: &[String],
    ) {
        for required in &shape.required {
            if !map.contains_key(required) {
                self.errors.push(format!(
                    "Missing required parameter in {}: \"{required}\"",
                    display_name(name)
                ));
            }
        }
        let known: Vec<&str> = shape.members.iter().map(|(m, _)| m.as_str()).collect();
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                self.errors.push(format!(
                    "Unknown parameter in {}: \"{key}\", must be one of: {}",
                    display_name(name),
                    known.join(", ")
                ));
            }
        }
        for (key, value) in map {
            if let Some(member_shape) = shape.member_shape(key) {
                let saved = self.ordered;
                if ordered.iter().any(|m| m == key) {
                    self.ordered = true;
                }
                self.check(member_shape, value, &format!("{name}.{key}"));
                self.ordered = saved;
            }
        }
    }

    fn check(&mut self, shape_name: &str, value: &Value, name: &str) {
        let Some(shape) = self.model.shape(shape_name) else {
            return;
        };
        match shape.kind {
            ShapeKind::Structure => match value {
                Value::Object(map) => self.structure_members(shape, map, name, &[]),
                other => self.invalid_type(name, other, &self.dict_types()),
            },
            ShapeKind::Map => match value {
                Value::Object(map) => {
                    let key_shape = shape.key.clone().unwrap_or_default();
                    let value_shape = shape.value.clone().unwrap_or_default();
                    for (k, v) in map {
                        self.check(&key_shape, &Value::String(k.clone()), &format!("{name} (key: {k})"));
                        self.check(&value_shape, v, &format!("{name}.{k}"));
                    }
                }
                other => self.invalid_type(name, other, &self.dict_types()),
            },
            ShapeKind::List => match value {
                Value::Array(items) => {
                    self.min(shape, items.len() as f64, name, "Invalid length", "valid min length");
                    let member = shape.member.clone().unwrap_or_default();
                    for (i, item) in items.iter().enumerate() {
                        self.check(&member, item, &format!("{name}[{i}]"));
                    }
                }
                other => self.invalid_type(name, other, "<class 'list'>, <class 'tuple'>"),
            },
            ShapeKind::String => match value {
                Value::String(s) => {
                    self.min(
                        shape,
                        s.chars().count() as f64,
                        name,
                        "Invalid length",
                        "valid min length",
                    );
                }
                other => self.invalid_type(name, other, "<class 'str'>"),
            },
            ShapeKind::Integer | ShapeKind::Long => match value {
                Value::Number(n) if !n.is_f64() => {
                    self.min_value(shape, n.as_f64().unwrap_or(0.0), value, name);
                }
                Value::Bool(b) => self.min_value(shape, f64::from(u8::from(*b)), value, name),
                other => self.invalid_type(name, other, "<class 'int'>"),
            },
            ShapeKind::Double => match value {
                Value::Number(n) => self.min_value(shape, n.as_f64().unwrap_or(0.0), value, name),
                Value::Bool(b) => self.min_value(shape, f64::from(u8::from(*b)), value, name),
                other => self.invalid_type(name, other, "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>"),
            },
            ShapeKind::Boolean => {
                if !value.is_boolean() {
                    self.invalid_type(name, value, "<class 'bool'>");
                }
            }
            ShapeKind::Blob => {
                if !value.is_string() {
                    self.invalid_type(name, value, "<class 'bytes'>, <class 'bytearray'>, file-like object");
                }
            }
            ShapeKind::Timestamp => {
                let ok = match value {
                    Value::Number(n) => n.as_f64().and_then(SimTime::from_epoch_seconds).is_some(),
                    Value::String(s) => SimTime::parse(s).is_some(),
                    _ => false,
                };
                if !ok {
                    self.invalid_type(name, value, "<class 'datetime.datetime'>, timestamp-string");
                }
            }
        }
    }

    fn dict_types(&self) -> String {
        "<class 'dict'>".into()
    }

    fn min(&mut self, shape: &Shape, len: f64, name: &str, what: &str, label: &str) {
        if let Some(min) = shape.min.filter(|m| len < *m) {
            self.errors.push(format!(
                "{what} for parameter {}, value: {}, {label}: {}",
                display_name(name),
                len as i64,
                bound(min)
            ));
        }
    }

    fn min_value(&mut self, shape: &Shape, n: f64, value: &Value, name: &str) {
        if let Some(min) = shape.min.filter(|m| n < *m) {
            self.errors.push(format!(
                "Invalid value for parameter {}, value: {}, valid min value: {}",
                display_name(name),
                self.show(value),
                bound(min)
            ));
        }
    }
}
