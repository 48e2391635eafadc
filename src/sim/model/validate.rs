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
    checker.check_structure_members(input, params, Path::Root)?;
    checker.check(input, params, Path::Root)?;
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

/// Where a value sits in the request, kept as a chain on the stack and
/// written out only when a message needs it (most requests are valid, and
/// building every location eagerly was most of validation's cost).
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    /// A structure member, by its model name.
    Member(&'a Path<'a>, &'a str),
    /// A list item, by its zero-based position.
    Index(&'a Path<'a>, usize),
    /// A map entry's key.
    MapKey(&'a Path<'a>, &'a str),
    /// A map entry's value.
    MapValue(&'a Path<'a>, &'a str),
}

impl Path<'_> {
    /// botocore's location form (pass 1): `Tags[0].TagKey`, `Attributes.x`.
    fn sdk(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Member(parent, member) => {
                let parent = parent.sdk();
                if parent.is_empty() {
                    (*member).to_owned()
                } else {
                    format!("{parent}.{member}")
                }
            }
            Path::Index(parent, i) => format!("{}[{i}]", parent.sdk()),
            Path::MapKey(parent, key) | Path::MapValue(parent, key) => format!("{}.{key}", parent.sdk()),
        }
    }

    /// Coral's location form (passes 2 and 3): `tags.1.member.tagKey`.
    fn coral(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Member(parent, member) => join(&parent.coral(), member),
            Path::Index(parent, i) => format!("{}.{}.member", parent.coral(), i + 1),
            Path::MapKey(parent, key) => format!("{}.{key}.key", parent.coral()),
            Path::MapValue(parent, key) => format!("{}.{key}.value", parent.coral()),
        }
    }
}

/// A member of a JSON object by name. Request objects are small, where a
/// scan beats hashing the name.
fn member<'v>(map: &'v serde_json::Map<String, Value>, name: &str) -> Option<&'v Value> {
    if map.len() <= 8 {
        map.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v)
    } else {
        map.get(name)
    }
}

struct Checker<'m> {
    model: &'m ServiceModel,
    violations: Vec<String>,
}

impl<'m> Checker<'m> {
    /// The shape at a resolved position; a reference the model lacks reads
    /// as an empty structure.
    fn shape(&self, index: Option<usize>) -> &'m Shape {
        static EMPTY: std::sync::OnceLock<Shape> = std::sync::OnceLock::new();
        let model: &'m ServiceModel = self.model;
        match index {
            Some(i) => model.shape_at(i),
            None => EMPTY.get_or_init(|| Shape::parse(&serde_json::json!({"type": "structure"}))),
        }
    }

    /// Pass 1 for one structure level and, recursively, below it.
    fn check_structure_members(&self, shape: &Shape, value: &Value, path: Path) -> Result<(), AwsError> {
        let resolved = shape.resolved();
        match (shape.kind, value) {
            (ShapeKind::Structure, Value::Object(map)) => {
                for (key, v) in map {
                    let Some(index) = shape.members.iter().position(|(m, _)| m == key) else {
                        let names: Vec<&str> = shape.members.iter().map(|(m, _)| m.as_str()).collect();
                        let at = match path {
                            Path::Root => "input".to_owned(),
                            _ => path.sdk(),
                        };
                        return Err(param_error(format!(
                            "Unknown parameter in {at}: \"{key}\", must be one of: {}",
                            names.join(", ")
                        )));
                    };
                    let member_shape = self.shape(resolved.members[index]);
                    self.check_structure_members(member_shape, v, Path::Member(&path, key))?;
                }
            }
            (ShapeKind::List, Value::Array(items)) => {
                let member = self.shape(resolved.member);
                for (i, item) in items.iter().enumerate() {
                    self.check_structure_members(member, item, Path::Index(&path, i))?;
                }
            }
            (ShapeKind::Map, Value::Object(map)) => {
                let value_shape = self.shape(resolved.value);
                for (k, v) in map {
                    self.check_structure_members(value_shape, v, Path::MapValue(&path, k))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Passes 2 and 3. `path` is written in Coral's form (`tags.1.member.tagKey`).
    fn check(&mut self, shape: &Shape, value: &Value, path: Path) -> Result<(), AwsError> {
        if !type_matches(shape.kind, value) {
            return Err(serialization_error(shape.kind, value));
        }
        let resolved = shape.resolved();
        match shape.kind {
            ShapeKind::Structure => {
                let map = value.as_object().expect("type checked");
                // Pass 1 refused unknown members, so every key is a member:
                // take the present ones in declaration order.
                let mut present: Vec<(usize, &Value)> = map
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .filter_map(|(k, v)| shape.members.iter().position(|(m, _)| m == k).map(|i| (i, v)))
                    .collect();
                present.sort_unstable_by_key(|(i, _)| *i);
                for (required, position) in shape.required.iter().zip(&resolved.required) {
                    let missing = match position {
                        Some(i) => !present.iter().any(|(p, _)| p == i),
                        None => member(map, required).is_none_or(Value::is_null),
                    };
                    if missing {
                        self.violations.push(format!(
                            "Value null at '{}' failed to satisfy constraint: Member must not be null",
                            join(&path.coral(), required)
                        ));
                    }
                }
                for (i, v) in present {
                    let member_shape = self.shape(resolved.members[i]);
                    self.check(member_shape, v, Path::Member(&path, &shape.members[i].0))?;
                }
            }
            ShapeKind::List => {
                let items = value.as_array().expect("type checked");
                self.length(shape, items.len(), || list_display(items), path);
                let member = self.shape(resolved.member);
                for (i, item) in items.iter().enumerate() {
                    if item.is_null() {
                        continue;
                    }
                    self.check(member, item, Path::Index(&path, i))?;
                }
            }
            ShapeKind::Map => {
                let map = value.as_object().expect("type checked");
                self.length(shape, map.len(), || format!("{map:?}"), path);
                let key_shape = self.shape(resolved.key);
                let value_shape = self.shape(resolved.value);
                for (k, v) in map {
                    self.check(key_shape, &Value::String(k.clone()), Path::MapKey(&path, k))?;
                    if !v.is_null() {
                        self.check(value_shape, v, Path::MapValue(&path, k))?;
                    }
                }
            }
            ShapeKind::String => {
                let s = value.as_str().expect("type checked");
                if shape.min.is_some() || shape.max.is_some() {
                    self.length(shape, s.chars().count(), || s.to_owned(), path);
                }
                if !shape.enum_values.is_empty() && !shape.enum_values.iter().any(|e| e == s) {
                    self.violations.push(format!(
                        "Value '{s}' at '{}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
                        path.coral(),
                        shape.enum_values.join(", ")
                    ));
                } else if !shape.pattern_matches(s) {
                    self.violations.push(format!(
                        "Value '{s}' at '{}' failed to satisfy constraint: Member must satisfy regular expression pattern: {}",
                        path.coral(),
                        shape.pattern.as_deref().unwrap_or_default()
                    ));
                }
            }
            ShapeKind::Integer | ShapeKind::Long | ShapeKind::Double => {
                let n = value.as_f64().expect("type checked");
                if let Some(min) = shape.min.filter(|min| n < *min) {
                    self.violations.push(format!(
                        "Value '{}' at '{}' failed to satisfy constraint: Member must have value greater than or equal to {}",
                        number_display(value),
                        path.coral(),
                        bound(min)
                    ));
                }
                if let Some(max) = shape.max.filter(|max| n > *max) {
                    self.violations.push(format!(
                        "Value '{}' at '{}' failed to satisfy constraint: Member must have value less than or equal to {}",
                        number_display(value),
                        path.coral(),
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

    fn length(&mut self, shape: &Shape, len: usize, display: impl Fn() -> String, path: Path) {
        if let Some(min) = shape.min.filter(|min| (len as f64) < *min) {
            self.violations.push(format!(
                "Value '{}' at '{}' failed to satisfy constraint: Member must have length greater than or equal to {}",
                display(),
                path.coral(),
                bound(min)
            ));
        }
        if let Some(max) = shape.max.filter(|max| (len as f64) > *max) {
            self.violations.push(format!(
                "Value '{}' at '{}' failed to satisfy constraint: Member must have length less than or equal to {}",
                display(),
                path.coral(),
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
