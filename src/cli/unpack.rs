//! From option words to request parameters, as the AWS CLI's `argprocess`
//! does it: scalars converted with Python's `int()`/`float()`, complex values
//! read as JSON or shorthand (then corrected with the model, awscli's
//! `BackCompatVisitor`), `file://`/`fileb://` refused (there are no files in
//! the browser), `--cli-input-json` merged under the options given.

use serde_json::{Map, Value};

use super::argtable::{ArgKind, ArgSpec, Parsed, Raw};
use super::errors::Failure;
use super::{putmetricdata, pyjson, shorthand};
use crate::sim::model::{ServiceModel, ShapeKind};

/// A request built from the command line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Request {
    pub params: Map<String, Value>,
    /// Members whose value came from JSON (Python `OrderedDict`s, which
    /// botocore's messages name differently).
    pub ordered: Vec<String>,
    pub skeleton: Option<String>,
    pub starting_token: Option<String>,
    pub page_size: Option<i64>,
    pub max_items: Option<i64>,
}

/// The error for a `file://`/`fileb://` value: the playground has no files.
pub(crate) fn paramfile_error(value: &str) -> Option<String> {
    let path = value
        .strip_prefix("fileb://")
        .or_else(|| value.strip_prefix("file://"))?;
    Some(format!(
        "Unable to load paramfile {value}: [Errno 2] No such file or directory: {}",
        pyjson::py_repr_str(path)
    ))
}

fn param_error(cli: &str, message: &str) -> Failure {
    Failure::Param(format!("Error parsing parameter '{cli}': {message}"))
}

/// Builds the request from the parsed options.
pub(crate) fn build(model: &ServiceModel, table: &[ArgSpec], parsed: &Parsed) -> Result<Request, Failure> {
    putmetricdata::check_exclusive(table, parsed)?;
    let mut req = Request::default();
    for (index, spec) in table.iter().enumerate() {
        let Some(raw) = parsed.get(index) else { continue };
        match (spec.kind, raw) {
            (ArgKind::True | ArgKind::False, Raw::Flag(b)) => {
                if let Some(m) = &spec.member {
                    req.params.insert(m.clone(), Value::Bool(*b));
                }
            }
            (ArgKind::Single | ArgKind::List, raw) => {
                let Some(member) = &spec.member else { continue };
                let (value, ordered) = unpack(model, spec, raw)?;
                if ordered {
                    req.ordered.push(member.clone());
                }
                req.params.insert(member.clone(), value);
            }
            (ArgKind::PutMetric, raw) => putmetricdata::add(&mut req.params, spec, raw)?,
            (ArgKind::GenerateSkeleton, Raw::One(v)) => req.skeleton = Some(v.clone()),
            (ArgKind::StartingToken, Raw::One(v)) => req.starting_token = Some(v.clone()),
            (ArgKind::PageSize, Raw::One(v)) => req.page_size = Some(py_int(v)?),
            (ArgKind::MaxItems, Raw::One(v)) => req.max_items = Some(py_int(v)?),
            _ => {}
        }
    }
    let input_json = table
        .iter()
        .position(|s| s.kind == ArgKind::CliInputJson)
        .and_then(|i| parsed.get(i));
    if let Some(Raw::One(text)) = input_json {
        if let Some(e) = paramfile_error(text) {
            return Err(param_error("--cli-input-json", &e));
        }
        let data = pyjson::loads(text)
            .map_err(|e| param_error("--cli-input-json", &format!("Invalid JSON received: {}", e.0)))?;
        let Value::Object(map) = data else {
            return Err(Failure::General(format!(
                "'{}' object has no attribute 'keys'",
                py_type_name(&data)
            )));
        };
        for (k, v) in map {
            req.params.entry(k).or_insert(v);
        }
    }
    Ok(req)
}

fn py_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// One option's value; the flag says it was read as JSON.
fn unpack(model: &ServiceModel, spec: &ArgSpec, raw: &Raw) -> Result<(Value, bool), Failure> {
    let items: Vec<&String> = match raw {
        Raw::One(v) => vec![v],
        Raw::Many(vs) => vs.iter().collect(),
        Raw::Flag(_) => return Ok((Value::Bool(true), false)),
    };
    for item in &items {
        if let Some(e) = paramfile_error(item) {
            return Err(param_error(&spec.cli, &e));
        }
    }
    let kind = model.shape(&spec.shape).map(|s| s.kind).unwrap_or(ShapeKind::String);
    let complex = matches!(kind, ShapeKind::Structure | ShapeKind::Map | ShapeKind::List);
    if !complex {
        let text = items.first().map(|s| s.as_str()).unwrap_or_default();
        return Ok((scalar(kind, text)?, false));
    }
    let first = items.first().map(|s| s.trim_start()).unwrap_or_default();
    let looks_json = first.starts_with('[') || first.starts_with('{');
    if !looks_json && supports_shorthand(model, &spec.shape) {
        return shorthand_value(model, spec, raw).map(|v| (v, false));
    }
    match (kind, raw) {
        (ShapeKind::Structure | ShapeKind::Map, Raw::One(text)) => match text.trim_start().chars().next() {
            Some('{') => json_value(&spec.cli, text).map(|v| (v, true)),
            Some(_) => Err(param_error(&spec.cli, &format!("Invalid JSON:\n{text}"))),
            None => Err(Failure::General("string index out of range".into())),
        },
        (ShapeKind::List, Raw::Many(values)) => {
            if values.len() == 1 && values[0].trim().starts_with('[') {
                return json_value(&spec.cli, &values[0]).map(|v| (v, true));
            }
            let member = model
                .shape(&spec.shape)
                .and_then(|s| s.member.clone())
                .unwrap_or_default();
            let member_kind = model.shape(&member).map(|s| s.kind).unwrap_or(ShapeKind::String);
            let mut out = Vec::new();
            let mut ordered = false;
            for v in values {
                let converted = match member_kind {
                    ShapeKind::Structure | ShapeKind::Map => match v.trim_start().chars().next() {
                        Some('{') => {
                            ordered = true;
                            json_value(&spec.cli, v)?
                        }
                        Some(_) => return Err(param_error(&spec.cli, &format!("Invalid JSON:\n{v}"))),
                        None => return Err(Failure::General("string index out of range".into())),
                    },
                    ShapeKind::List => Value::String(v.clone()),
                    // A scalar that fails to convert is reported with the
                    // list's first word, as the CLI does.
                    kind => scalar(kind, v).map_err(|_| param_error(&spec.cli, &values[0]))?,
                };
                out.push(converted);
            }
            Ok((Value::Array(out), ordered))
        }
        (_, Raw::One(text)) => Ok((Value::String(text.clone()), false)),
        _ => Ok((Value::Null, false)),
    }
}

fn json_value(cli: &str, text: &str) -> Result<Value, Failure> {
    pyjson::loads(text).map_err(|e| param_error(cli, &format!("Invalid JSON: {}\nJSON received: {text}", e.0)))
}

/// Whether the CLI accepts shorthand for the shape: structures, maps and
/// lists of those.
fn supports_shorthand(model: &ServiceModel, shape: &str) -> bool {
    match model.shape(shape) {
        Some(s) if matches!(s.kind, ShapeKind::Structure | ShapeKind::Map) => true,
        Some(s) if s.kind == ShapeKind::List => s
            .member
            .as_deref()
            .and_then(|m| model.shape(m))
            .is_some_and(|m| matches!(m.kind, ShapeKind::Structure | ShapeKind::Map | ShapeKind::List)),
        _ => false,
    }
}

fn shorthand_value(model: &ServiceModel, spec: &ArgSpec, raw: &Raw) -> Result<Value, Failure> {
    let shape = model.shape(&spec.shape);
    if let (Some(s), Raw::One(text)) = (shape, raw) {
        // `--x abc` for a structure whose only member is the string `Value`.
        let only_value = s.kind == ShapeKind::Structure
            && s.members.len() == 1
            && s.members[0].0 == "Value"
            && model
                .shape(&s.members[0].1)
                .is_some_and(|m| m.kind == ShapeKind::String);
        if only_value && !text.contains('=') {
            let mut m = Map::new();
            m.insert("Value".into(), Value::String(text.clone()));
            return Ok(Value::Object(m));
        }
    }
    let parse = |t: &str| shorthand::parse(t).map_err(|e| param_error(&spec.cli, &e.0));
    let mut value = match raw {
        Raw::One(t) => parse(t)?,
        Raw::Many(ts) => Value::Array(ts.iter().map(|t| parse(t)).collect::<Result<_, _>>()?),
        Raw::Flag(_) => Value::Null,
    };
    visit(model, &spec.shape, &mut value, 0)?;
    Ok(value)
}

/// awscli's `BackCompatVisitor`: converts shorthand strings with the model.
fn visit(model: &ServiceModel, shape: &str, value: &mut Value, depth: usize) -> Result<(), Failure> {
    let Some(s) = model.shape(shape) else { return Ok(()) };
    if depth > 64 {
        return Ok(());
    }
    match s.kind {
        ShapeKind::Structure => {
            if let Value::Object(map) = value {
                for (member, member_shape) in &s.members {
                    if let Some(v) = map.get_mut(member) {
                        visit(model, member_shape, v, depth + 1)?;
                    }
                }
            }
        }
        ShapeKind::List => match value {
            Value::Array(items) => {
                let member = s.member.clone().unwrap_or_default();
                for item in items {
                    visit(model, &member, item, depth + 1)?;
                }
            }
            Value::Null => {}
            other => *other = Value::Array(vec![other.take()]),
        },
        ShapeKind::Map => {
            if let Value::Object(map) = value {
                let value_shape = s.value.clone().unwrap_or_default();
                for (_, v) in map.iter_mut() {
                    visit(model, &value_shape, v, depth + 1)?;
                }
            }
        }
        ShapeKind::Integer | ShapeKind::Long => {
            *value = match value {
                Value::String(t) => Value::from(py_int(t)?),
                other => {
                    return Err(Failure::General(format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        py_type_name(other)
                    )))
                }
            }
        }
        ShapeKind::Double => {
            *value = match value {
                Value::String(t) => py_float(t)?,
                other => {
                    return Err(Failure::General(format!(
                        "float() argument must be a string or a real number, not '{}'",
                        py_type_name(other)
                    )))
                }
            }
        }
        ShapeKind::Boolean => match value {
            Value::String(t) if t.eq_ignore_ascii_case("true") => *value = Value::Bool(true),
            Value::String(t) if t.eq_ignore_ascii_case("false") => *value = Value::Bool(false),
            Value::String(_) => {}
            other => {
                return Err(Failure::General(format!(
                    "'{}' object has no attribute 'lower'",
                    py_type_name(other)
                )))
            }
        },
        _ => {}
    }
    Ok(())
}

/// A scalar option's value (`unpack_scalar_cli_arg`).
fn scalar(kind: ShapeKind, text: &str) -> Result<Value, Failure> {
    Ok(match kind {
        ShapeKind::Integer | ShapeKind::Long => Value::from(py_int(text)?),
        ShapeKind::Double => py_float(text)?,
        ShapeKind::Boolean => Value::Bool(!text.eq_ignore_ascii_case("false") && !text.is_empty()),
        _ => Value::String(text.to_owned()),
    })
}

/// Python's `int(text)`.
pub(crate) fn py_int(text: &str) -> Result<i64, Failure> {
    let err = || {
        Failure::General(format!(
            "invalid literal for int() with base 10: {}",
            pyjson::py_repr_str(text)
        ))
    };
    let t = text.trim();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return Err(err());
    }
    if !digits.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return Err(err());
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let n: i64 = clean.parse().map_err(|_| err())?;
    Ok(if neg { -n } else { n })
}

/// Python's `float(text)`.
fn py_float(text: &str) -> Result<Value, Failure> {
    let err = || {
        Failure::General(format!(
            "could not convert string to float: {}",
            pyjson::py_repr_str(text)
        ))
    };
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") {
        return Err(Failure::General(format!(
            "Out of range float values are not JSON compliant: {}",
            pyjson::py_repr_str(t)
        )));
    }
    let valid = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-' | '_'))
        && t.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return Err(err());
    }
    let clean: String = t.chars().filter(|c| *c != '_').collect();
    let f: f64 = clean.parse().map_err(|_| err())?;
    serde_json::Number::from_f64(f).map(Value::Number).ok_or_else(err)
}
