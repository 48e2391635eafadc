//! Request validation against a service model, in three passes that mirror
//! where AWS checks what:
//! 1. unknown members: the SDK refuses them before sending (botocore's
//!    `ParamValidationError` text);
//! 2. JSON types: the service's deserializer refuses them
//!    (`SerializationException`, Coral's wording);
//! 3. constraints (required, length, range, pattern, enum): the service's
//!    validation, reported all at once in AWS's "N validation errors
//!    detected: ..." form with the service's own error code.

use base64::Engine;
use serde_json::Value;

use super::{Operation, ServiceModel, Shape, ShapeKind};
use crate::sim::time::SimTime;
use crate::sim::AwsError;

pub(super) fn validate(model: &ServiceModel, op: &Operation, params: &Value) -> Result<(), AwsError> {
    let Some(input) = op.input.as_deref().and_then(|name| model.shape(name)) else {
        return match params {
            Value::Null => Ok(()),
            Value::Object(map) if map.is_empty() => Ok(()),
            _ => Err(param_error(
                "Unknown parameter in input: the operation takes no parameters".into(),
            )),
        };
    };
    let params = match params {
        Value::Null => &Value::Object(Default::default()),
        other => other,
    };
    let mut checker = Checker {
        model,
        violations: Vec::new(),
    };
    checker.check_structure_members(input, params, "")?;
    checker.check(input, params, "")?;
    if checker.violations.is_empty() {
        return Ok(());
    }
    let n = checker.violations.len();
    let noun = if n == 1 {
        "validation error"
    } else {
        "validation errors"
    };
    Err(AwsError::input(
        model.service.validation_error_code(),
        format!("{n} {noun} detected: {}", checker.violations.join("; ")),
    ))
}

fn param_error(detail: String) -> AwsError {
    AwsError::input(
        "ParamValidationError",
        format!("Parameter validation failed:\n{detail}"),
    )
}

struct Checker<'m> {
    model: &'m ServiceModel,
    violations: Vec<String>,
}

impl<'m> Checker<'m> {
    fn shape(&self, name: &str) -> &'m Shape {
        static EMPTY: std::sync::OnceLock<Shape> = std::sync::OnceLock::new();
        let model: &'m ServiceModel = self.model;
        model
            .shape(name)
            .unwrap_or_else(|| EMPTY.get_or_init(|| Shape::parse(&serde_json::json!({"type": "structure"}))))
    }

    /// Pass 1 for one structure level and, recursively, below it.
    fn check_structure_members(&self, shape: &Shape, value: &Value, path: &str) -> Result<(), AwsError> {
        match (shape.kind, value) {
            (ShapeKind::Structure, Value::Object(map)) => {
                for (key, v) in map {
                    let Some(member_shape) = shape.member_shape(key) else {
                        let names: Vec<&str> = shape.members.iter().map(|(m, _)| m.as_str()).collect();
                        let at = if path.is_empty() {
                            "input".to_owned()
                        } else {
                            path.to_owned()
                        };
                        return Err(param_error(format!(
                            "Unknown parameter in {at}: \"{key}\", must be one of: {}",
                            names.join(", ")
                        )));
                    };
                    let child = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    self.check_structure_members(self.shape(member_shape), v, &child)?;
                }
            }
            (ShapeKind::List, Value::Array(items)) => {
                let member = self.shape(shape.member.as_deref().unwrap_or_default());
                for (i, item) in items.iter().enumerate() {
                    self.check_structure_members(member, item, &format!("{path}[{i}]"))?;
                }
            }
            (ShapeKind::Map, Value::Object(map)) => {
                let value_shape = self.shape(shape.value.as_deref().unwrap_or_default());
                for (k, v) in map {
                    self.check_structure_members(value_shape, v, &format!("{path}.{k}"))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Passes 2 and 3. `path` is Coral's location (`tags.1.member.tagKey`).
    fn check(&mut self, shape: &Shape, value: &Value, path: &str) -> Result<(), AwsError> {
        if !type_matches(shape.kind, value) {
            return Err(serialization_error(shape.kind, value));
        }
        match shape.kind {
            ShapeKind::Structure => {
                let map = value.as_object().expect("type checked");
                for required in &shape.required {
                    if map.get(required).is_none_or(Value::is_null) {
                        self.violations.push(format!(
                            "Value null at '{}' failed to satisfy constraint: Member must not be null",
                            join(path, required)
                        ));
                    }
                }
                for (member, member_shape) in &shape.members {
                    if let Some(v) = map.get(member).filter(|v| !v.is_null()) {
                        let child = join(path, member);
                        let member_shape = self.shape(member_shape);
                        self.check(member_shape, v, &child)?;
                    }
                }
            }
            ShapeKind::List => {
                let items = value.as_array().expect("type checked");
                self.length(shape, items.len(), || list_display(items), path);
                let member = self.shape(shape.member.as_deref().unwrap_or_default());
                for (i, item) in items.iter().enumerate() {
                    if item.is_null() {
                        continue;
                    }
                    self.check(member, item, &format!("{path}.{}.member", i + 1))?;
                }
            }
            ShapeKind::Map => {
                let map = value.as_object().expect("type checked");
                self.length(shape, map.len(), || format!("{map:?}"), path);
                let key_shape = self.shape(shape.key.as_deref().unwrap_or_default());
                let value_shape = self.shape(shape.value.as_deref().unwrap_or_default());
                for (k, v) in map {
                    self.check(key_shape, &Value::String(k.clone()), &format!("{path}.{k}.key"))?;
                    if !v.is_null() {
                        self.check(value_shape, v, &format!("{path}.{k}.value"))?;
                    }
                }
            }
            ShapeKind::String => {
                let s = value.as_str().expect("type checked");
                self.length(shape, s.chars().count(), || s.to_owned(), path);
                if !shape.enum_values.is_empty() && !shape.enum_values.iter().any(|e| e == s) {
                    self.violations.push(format!(
                        "Value '{s}' at '{path}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
                        shape.enum_values.join(", ")
                    ));
                } else if !shape.pattern_matches(s) {
                    self.violations.push(format!(
                        "Value '{s}' at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: {}",
                        shape.pattern.as_deref().unwrap_or_default()
                    ));
                }
            }
            ShapeKind::Integer | ShapeKind::Long | ShapeKind::Double => {
                let n = value.as_f64().expect("type checked");
                if let Some(min) = shape.min.filter(|min| n < *min) {
                    self.violations.push(format!(
                        "Value '{}' at '{path}' failed to satisfy constraint: Member must have value greater than or equal to {}",
                        number_display(value),
                        bound(min)
                    ));
                }
                if let Some(max) = shape.max.filter(|max| n > *max) {
                    self.violations.push(format!(
                        "Value '{}' at '{path}' failed to satisfy constraint: Member must have value less than or equal to {}",
                        number_display(value),
                        bound(max)
                    ));
                }
            }
            ShapeKind::Blob => {
                let text = value.as_str().expect("type checked");
                let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(text) else {
                    return Err(AwsError::input(
                        "SerializationException",
                        "Base64 encoded value could not be decoded: the blob must be standard base64",
                    ));
                };
                let n = bytes.len();
                self.length(
                    shape,
                    n,
                    || format!("java.nio.HeapByteBuffer[pos=0 lim={n} cap={n}]"),
                    path,
                );
            }
            ShapeKind::Timestamp => {
                let ok = match value {
                    Value::Number(n) => n.as_f64().and_then(SimTime::from_epoch_seconds).is_some(),
                    Value::String(s) => SimTime::parse(s).is_some(),
                    _ => false,
                };
                if !ok {
                    return Err(AwsError::input(
                        "SerializationException",
                        format!("Could not parse the timestamp {value}: use epoch seconds or ISO 8601"),
                    ));
                }
            }
            ShapeKind::Boolean => {}
        }
        Ok(())
    }

    fn length(&mut self, shape: &Shape, len: usize, display: impl Fn() -> String, path: &str) {
        if let Some(min) = shape.min.filter(|min| (len as f64) < *min) {
            self.violations.push(format!(
                "Value '{}' at '{path}' failed to satisfy constraint: Member must have length greater than or equal to {}",
                display(),
                bound(min)
            ));
        }
        if let Some(max) = shape.max.filter(|max| (len as f64) > *max) {
            self.violations.push(format!(
                "Value '{}' at '{path}' failed to satisfy constraint: Member must have length less than or equal to {}",
                display(),
                bound(max)
            ));
        }
    }
}

/// Coral's location of a member: the member name with its first letter
/// lower-cased, joined with dots.
fn join(path: &str, member: &str) -> String {
    let mut chars = member.chars();
    let camel: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    if path.is_empty() {
        camel
    } else {
        format!("{path}.{camel}")
    }
}

fn type_matches(kind: ShapeKind, value: &Value) -> bool {
    match kind {
        ShapeKind::Structure | ShapeKind::Map => value.is_object(),
        ShapeKind::List => value.is_array(),
        ShapeKind::String | ShapeKind::Blob => value.is_string(),
        ShapeKind::Integer | ShapeKind::Long => value.as_i64().is_some(),
        ShapeKind::Double => value.is_number(),
        ShapeKind::Boolean => value.is_boolean(),
        ShapeKind::Timestamp => value.is_number() || value.is_string(),
    }
}

/// The deserializer's complaint about a value of the wrong JSON type.
fn serialization_error(expected: ShapeKind, got: &Value) -> AwsError {
    let message = match got {
        Value::Object(_) => "Start of structure or map found where not expected.".to_owned(),
        Value::Array(_) => "Start of list found where not expected.".to_owned(),
        other => {
            let token = match other {
                Value::String(_) => "STRING_VALUE",
                Value::Bool(_) => "BOOLEAN_VALUE",
                _ => "NUMBER_VALUE",
            };
            let target = match expected {
                ShapeKind::Structure => "a Structure",
                ShapeKind::Map => "a Map",
                ShapeKind::List => "a List",
                ShapeKind::String => "a String",
                ShapeKind::Blob => "a Blob",
                ShapeKind::Integer => "an Integer",
                ShapeKind::Long => "a Long",
                ShapeKind::Double => "a Double",
                ShapeKind::Boolean => "a Boolean",
                ShapeKind::Timestamp => "a Timestamp",
            };
            format!("{token} can not be converted to {target}")
        }
    };
    AwsError::input("SerializationException", message)
}

fn bound(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn number_display(v: &Value) -> String {
    v.to_string()
}

fn list_display(items: &[Value]) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    format!("[{}]", parts.join(", "))
}
