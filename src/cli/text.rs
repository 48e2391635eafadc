//! `--output text`: awscli's `text.format_text`, tab-separated lines with
//! scalars first (keys sorted) and nested values on their own lines,
//! prefixed with the upper-cased key.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::pyjson::py_str;

/// The text output of `value` (with its trailing newline).
pub(crate) fn format(value: &Value) -> String {
    let mut out = String::new();
    item(value, None, None, &mut out);
    out
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

fn item(value: &Value, identifier: Option<&str>, scalar_keys: Option<&[String]>, out: &mut String) {
    match value {
        Value::Object(map) => dict(map, identifier, scalar_keys, out),
        Value::Array(items) => list(items, identifier, out),
        scalar => {
            out.push_str(&py_str(scalar));
            out.push('\n');
        }
    }
}

fn list(items: &[Value], identifier: Option<&str>, out: &mut String) {
    if items.is_empty() {
        return;
    }
    if items.iter().any(Value::is_object) {
        let mut keys = BTreeSet::new();
        for el in items {
            if let Value::Object(m) = el {
                for (k, v) in m {
                    if is_scalar(v) {
                        keys.insert(k.clone());
                    }
                }
            }
        }
        let keys: Vec<String> = keys.into_iter().collect();
        for el in items {
            item(el, identifier, Some(&keys), out);
        }
    } else if items.iter().any(Value::is_array) {
        let scalars: Vec<&Value> = items.iter().filter(|v| is_scalar(v)).collect();
        if !scalars.is_empty() {
            scalar_list(&scalars, identifier, out);
        }
        for el in items.iter().filter(|v| !is_scalar(v)) {
            item(el, identifier, None, out);
        }
    } else {
        let all: Vec<&Value> = items.iter().collect();
        scalar_list(&all, identifier, out);
    }
}

fn scalar_list(items: &[&Value], identifier: Option<&str>, out: &mut String) {
    match identifier {
        Some(id) => {
            for v in items {
                out.push_str(&format!("{}\t{}\n", id.to_uppercase(), py_str(v)));
            }
        }
        None => {
            let parts: Vec<String> = items.iter().map(|v| py_str(v)).collect();
            out.push_str(&parts.join("\t"));
            out.push('\n');
        }
    }
}

fn dict(map: &Map<String, Value>, identifier: Option<&str>, scalar_keys: Option<&[String]>, out: &mut String) {
    let mut scalars: Vec<String> = Vec::new();
    let mut nested: Vec<(&String, &Value)> = Vec::new();
    match scalar_keys {
        None => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            for (k, v) in entries {
                if is_scalar(v) {
                    scalars.push(py_str(v));
                } else {
                    nested.push((k, v));
                }
            }
        }
        Some(keys) => {
            for k in keys {
                scalars.push(map.get(k).map(py_str).unwrap_or_default());
            }
            let mut rest: Vec<(&String, &Value)> = map.iter().filter(|(k, _)| !keys.contains(k)).collect();
            rest.sort_by(|a, b| a.0.cmp(b.0));
            nested = rest;
        }
    }
    if !scalars.is_empty() {
        if let Some(id) = identifier {
            scalars.insert(0, id.to_uppercase());
        }
        out.push_str(&scalars.join("\t"));
        out.push('\n');
    }
    for (k, v) in nested {
        item(v, Some(k), None, out);
    }
}
