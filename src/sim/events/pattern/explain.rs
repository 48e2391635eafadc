//! Explaining a match: for every field of a pattern, whether the event
//! satisfied it and why (which value and operator, or what was missing).
//! The UI's rule view and pattern tester render this.

use serde_json::{Map, Value};

use super::eval::{any_object, any_scalar, has_object, has_scalar, leaf_matches};
use super::values::Matcher;
use super::Node;

/// How many elements of an array of objects an explanation details.
const ELEMENTS_SHOWN: usize = 10;

/// Why an event did or did not match a pattern (or one `$or` alternative,
/// or one element of an array of objects).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub matched: bool,
    pub checks: Vec<Check>,
}

/// One field of the pattern (dotted path from the event's root, such as
/// `detail.state`), an `$or` group (`detail.$or`), or an array of objects a
/// nested pattern was tested against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub path: String,
    pub matched: bool,
    /// A sentence for people: the values seen and the operator that
    /// accepted one, or why none did.
    pub reason: String,
    /// For `$or`: one explanation per alternative. For an array of
    /// objects: one per element (the first ten).
    pub children: Vec<Explanation>,
}

pub(super) fn explain_node(node: &Node, obj: Option<&Map<String, Value>>, prefix: &str) -> Explanation {
    let mut checks = Vec::new();
    for (key, field) in &node.fields {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        let v = obj.and_then(|o| o.get(key));
        if let Some(leaf) = &field.leaf {
            checks.push(explain_leaf(leaf, v, &path));
        }
        if let Some(nested) = &field.nested {
            match v {
                Some(Value::Object(inner)) => checks.extend(explain_node(nested, Some(inner), &path).checks),
                Some(other) if has_object(Some(other)) => checks.push(explain_array(nested, other, &path)),
                _ => checks.extend(explain_node(nested, None, &path).checks),
            }
        }
    }
    for group in &node.ors {
        let path = if prefix.is_empty() {
            "$or".to_owned()
        } else {
            format!("{prefix}.$or")
        };
        let children: Vec<Explanation> = group.iter().map(|alt| explain_node(alt, obj, prefix)).collect();
        let first = children.iter().position(|c| c.matched);
        checks.push(Check {
            path,
            matched: first.is_some(),
            reason: match first {
                Some(i) => format!("alternative {} of {} matches", i + 1, children.len()),
                None => format!("none of the {} alternatives matches", children.len()),
            },
            children,
        });
    }
    Explanation {
        matched: checks.iter().all(|c| c.matched),
        checks,
    }
}

fn explain_array(node: &Node, v: &Value, path: &str) -> Check {
    let mut objects = Vec::new();
    any_object(v, &mut |o| {
        objects.push(o);
        false
    });
    let children: Vec<Explanation> = objects.iter().map(|o| explain_node(node, Some(o), path)).collect();
    let first = children.iter().position(|c| c.matched);
    let n = children.len();
    Check {
        path: path.to_owned(),
        matched: first.is_some(),
        reason: match first {
            Some(i) => format!("element {} of the {n} objects in the array matches every field below it", i + 1),
            None => format!(
                "no single element of the {n} objects in the array matches every field below it (fields must match within one element)"
            ),
        },
        children: children.into_iter().take(ELEMENTS_SHOWN).collect(),
    }
}

fn explain_leaf(matchers: &[Matcher], v: Option<&Value>, path: &str) -> Check {
    let matched = leaf_matches(matchers, v);
    let mut seen = Vec::new();
    if let Some(v) = v {
        any_scalar(v, &mut |x| {
            seen.push(x.to_string());
            false
        });
    }
    let ops: Vec<String> = matchers.iter().map(|m| m.to_string()).collect();
    let reason = if matched {
        let winner = matchers.iter().find(|m| match m {
            Matcher::Exists(want) => has_scalar(v) == *want,
            m => v.is_some_and(|v| any_scalar(v, &mut |x| m.test(x))),
        });
        match winner {
            Some(Matcher::Exists(true)) => format!("the field exists (value {})", seen.join(", ")),
            Some(Matcher::Exists(false)) => "the field does not exist, as {\"exists\":false} requires".to_owned(),
            Some(m) => {
                let hit = seen_matching(m, v).unwrap_or_default();
                format!("value {hit} matches {m}")
            }
            None => "matched".to_owned(),
        }
    } else if seen.is_empty() {
        let why = if has_object(v) {
            "the event has an object here, not a value (an object counts as absent)"
        } else if v.is_some() {
            "the event has an empty array here (no value)"
        } else {
            "the field is missing from the event"
        };
        format!("{why}; the pattern expects {}", ops.join(" or "))
    } else {
        let noun = if seen.len() == 1 { "value" } else { "values" };
        format!("{noun} {} match none of: {}", seen.join(", "), ops.join(", "))
    };
    Check {
        path: path.to_owned(),
        matched,
        reason,
        children: Vec::new(),
    }
}

fn seen_matching(m: &Matcher, v: Option<&Value>) -> Option<String> {
    let mut hit = None;
    any_scalar(v?, &mut |x| {
        if m.test(x) {
            hit = Some(x.to_string());
            true
        } else {
            false
        }
    });
    hit
}
