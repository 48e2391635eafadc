//! Read access to a request's parameters after validation. Validation has
//! already checked every type, so these accessors only choose a default for
//! absent members; they never fail.

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::{Map, Value};

use crate::sim::time::SimTime;

/// A validated request's parameters (an object; `null` reads as empty).
#[derive(Clone, Copy, Debug)]
pub struct Params<'a>(&'a Value);

static EMPTY: Value = Value::Null;

impl<'a> Params<'a> {
    pub fn new(value: &'a Value) -> Params<'a> {
        Params(value)
    }

    pub fn raw(&self) -> &'a Value {
        self.0
    }

    /// The member's value, with JSON `null` read as absent.
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        let Value::Object(map) = self.0 else {
            return None;
        };
        // Request objects hold a handful of members: comparing names beats
        // hashing the one asked for (serde_json's maps hash with SipHash).
        let found = if map.len() <= 8 {
            map.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v)
        } else {
            map.get(name)
        };
        found.filter(|v| !v.is_null())
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    pub fn str(&self, name: &str) -> Option<&'a str> {
        self.get(name).and_then(Value::as_str)
    }

    /// A required string member (validation guarantees presence).
    pub fn req_str(&self, name: &str) -> &'a str {
        self.str(name).unwrap_or_default()
    }

    pub fn i64(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(Value::as_i64)
    }

    pub fn f64(&self, name: &str) -> Option<f64> {
        self.get(name).and_then(Value::as_f64)
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        self.get(name).and_then(Value::as_bool)
    }

    pub fn time(&self, name: &str) -> Option<SimTime> {
        self.get(name).and_then(parse_time)
    }

    pub fn blob(&self, name: &str) -> Option<Vec<u8>> {
        self.str(name)
            .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
    }

    pub fn object(&self, name: &str) -> Option<&'a Map<String, Value>> {
        self.get(name).and_then(Value::as_object)
    }

    pub fn child(&self, name: &str) -> Params<'a> {
        Params(self.get(name).unwrap_or(&EMPTY))
    }

    pub fn list(&self, name: &str) -> &'a [Value] {
        self.get(name)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    pub fn str_list(&self, name: &str) -> Vec<String> {
        self.list(name)
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    }

    /// A map of strings (encryption context, attributes), ordered by key.
    pub fn str_map(&self, name: &str) -> BTreeMap<String, String> {
        self.object(name)
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
            .collect()
    }
}

/// A timestamp member: epoch seconds or an ISO 8601 string.
pub fn parse_time(v: &Value) -> Option<SimTime> {
    match v {
        Value::Number(n) => n.as_f64().and_then(SimTime::from_epoch_seconds),
        Value::String(s) => SimTime::parse(s),
        _ => None,
    }
}

/// Standard base64, as AWS's JSON protocols carry blobs.
pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A response object from `(member, value)` pairs, in the given order.
/// Cheaper than `json!`, which serialises every interpolated value again.
pub fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    let mut map = Map::with_capacity(N);
    for (name, value) in members {
        map.insert(name.to_owned(), value);
    }
    Value::Object(map)
}
