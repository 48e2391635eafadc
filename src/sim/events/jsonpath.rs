//! The JSONPath subset EventBridge evaluates for `InputPath`,
//! `InputTransformer.InputPathsMap` and `KinesisParameters.PartitionKeyPath`:
//! `$`, dot notation (names with letters, digits, dashes, underscores,
//! slashes), array indices `[n]` and wildcards (`.*`, `[*]`).

use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
    Any,
}

/// A parsed path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonPath {
    steps: Vec<Step>,
    text: String,
}

impl JsonPath {
    pub fn parse(text: &str) -> Option<JsonPath> {
        let mut rest = text.strip_prefix('$')?;
        let mut steps = Vec::new();
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let name = &r[..end];
                if name.is_empty() {
                    return None;
                }
                steps.push(if name == "*" {
                    Step::Any
                } else if name.chars().all(|c| c.is_alphanumeric() || "-_/:@ ".contains(c)) {
                    Step::Key(name.to_owned())
                } else {
                    return None;
                });
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']')?;
                let inner = &r[..end];
                steps.push(if inner == "*" {
                    Step::Any
                } else {
                    if inner.is_empty() || inner.len() > 9 || !inner.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    Step::Index(inner.parse().ok()?)
                });
                rest = &r[end + 1..];
            } else {
                return None;
            }
        }
        Some(JsonPath {
            steps,
            text: text.to_owned(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The value at the path; with wildcards, the array of all matches
    /// (`None` when nothing is there).
    pub fn get(&self, root: &Value) -> Option<Value> {
        let wild = self.steps.contains(&Step::Any);
        let mut current: Vec<&Value> = vec![root];
        for step in &self.steps {
            let mut next = Vec::new();
            for v in current {
                match (step, v) {
                    (Step::Key(k), Value::Object(m)) => next.extend(m.get(k)),
                    (Step::Index(i), Value::Array(a)) => next.extend(a.get(*i)),
                    (Step::Any, Value::Array(a)) => next.extend(a.iter()),
                    (Step::Any, Value::Object(m)) => next.extend(m.values()),
                    _ => {}
                }
            }
            current = next;
        }
        if wild {
            (!current.is_empty()).then(|| Value::Array(current.into_iter().cloned().collect()))
        } else {
            current.first().map(|v| (*v).clone())
        }
    }
}
