//! Matching an event against a compiled pattern.
//!
//! A pattern node is tested against one JSON object of the event. Leaf
//! fields look at every scalar under the key (arrays are flattened, so an
//! array-valued field matches when any element matches). A nested pattern
//! under a key whose value is an array of objects must match within one
//! element (EventBridge's array-consistent matching).

use serde_json::{Map, Value};

use super::values::Matcher;
use super::Node;

/// Calls `f` on every scalar under `v` (arrays flattened, objects skipped)
/// until it returns true.
pub(super) fn any_scalar<'v>(v: &'v Value, f: &mut impl FnMut(&'v Value) -> bool) -> bool {
    match v {
        Value::Array(items) => items.iter().any(|i| any_scalar(i, f)),
        Value::Object(_) => false,
        scalar => f(scalar),
    }
}

/// Calls `f` on every object under `v` (arrays flattened) until it returns true.
pub(super) fn any_object<'v>(v: &'v Value, f: &mut impl FnMut(&'v Map<String, Value>) -> bool) -> bool {
    match v {
        Value::Array(items) => items.iter().any(|i| any_object(i, f)),
        Value::Object(map) => f(map),
        _ => false,
    }
}

/// Whether there is at least one scalar under `v`.
pub(super) fn has_scalar(v: Option<&Value>) -> bool {
    v.is_some_and(|v| any_scalar(v, &mut |_| true))
}

pub(super) fn has_object(v: Option<&Value>) -> bool {
    v.is_some_and(|v| any_object(v, &mut |_| true))
}

/// Whether a leaf field's operators accept the values under the key.
pub(super) fn leaf_matches(matchers: &[Matcher], v: Option<&Value>) -> bool {
    matchers.iter().any(|m| match m {
        Matcher::Exists(want) => has_scalar(v) == *want,
        m => v.is_some_and(|v| any_scalar(v, &mut |x| m.test(x))),
    })
}

/// The value under `key`. Event objects are small: comparing keys beats
/// hashing the one asked for (serde_json's maps hash with SipHash).
fn member<'v>(obj: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    if obj.len() <= 16 {
        obj.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        obj.get(key)
    }
}

pub(super) fn node_matches(node: &Node, obj: Option<&Map<String, Value>>) -> bool {
    for (key, field) in &node.fields {
        let v = obj.and_then(|o| member(o, key));
        if let Some(leaf) = &field.leaf {
            if !leaf_matches(leaf, v) {
                return false;
            }
        }
        if let Some(nested) = &field.nested {
            if !nested_matches(nested, v) {
                return false;
            }
        }
    }
    node.ors
        .iter()
        .all(|group| group.iter().any(|alt| node_matches(alt, obj)))
}

/// A nested pattern against the value under its key: some object there
/// must match it whole; with no object there at all, it is tested against
/// nothing (so only `exists: false` leaves can hold).
pub(super) fn nested_matches(node: &Node, v: Option<&Value>) -> bool {
    let mut found = false;
    if let Some(v) = v {
        if any_object(v, &mut |o| {
            found = true;
            node_matches(node, Some(o))
        }) {
            return true;
        }
    }
    !found && node_matches(node, None)
}
