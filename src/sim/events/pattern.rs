//! EventBridge's event-pattern language: a parser with AWS's validation and
//! messages, a matcher, and an explainer. This module depends on nothing
//! else in the model (only `serde_json`), so it can be tested and fuzzed on
//! its own. `docs/event-patterns.md` lists the supported constructs and
//! every decision taken where AWS's documentation is silent.
//!
//! AWS compiles patterns with aws/event-ruler (`JsonRuleCompiler`) over
//! Jackson's streaming parser; the reader and compiler here follow its
//! order of checks, so an invalid pattern fails with the same reason and
//! location AWS reports:
//! `Event pattern is not valid. Reason: Empty objects are not allowed`
//! `\n at [Source: (String)"{…}"; line: 1, column: 40]`.

mod compile;
mod eval;
mod explain;
mod reader;
mod values;

use serde_json::Value;

pub use explain::{Check, Explanation};
pub use values::{IpRange, Literal, Matcher};

/// The most branches the `$or`s of one pattern may expand to.
pub const MAX_COMBINATIONS: u64 = 1000;

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    root: Node,
}

/// One object level of a pattern: its fields, in pattern order, and its
/// `$or` groups (each a list of at least two alternative objects).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Node {
    fields: Vec<(String, Field)>,
    ors: Vec<Vec<Node>>,
}

/// A key of a pattern object. Usually one of the two; both when a pattern
/// names the same key once with an array and once with an object.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Field {
    leaf: Option<Vec<Matcher>>,
    nested: Option<Node>,
}

/// Why a pattern is invalid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    /// event-ruler's reason, with Jackson's location when it has one
    /// (`Empty objects are not allowed\n at [Source: …; line: 1, column: 40]`).
    pub reason: String,
}

impl PatternError {
    /// The error code AWS returns.
    pub const CODE: &'static str = "InvalidEventPatternException";

    /// AWS's message: `Event pattern is not valid. Reason: …`.
    pub fn message(&self) -> String {
        format!("Event pattern is not valid. Reason: {}", self.reason)
    }
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl Pattern {
    /// Compiles pattern text, refusing what EventBridge refuses.
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        let mut compiler = compile::Compiler {
            r: reader::Reader::new(text),
        };
        let root = match compiler.compile() {
            Ok(root) => root,
            Err(compile::Failure::At(located)) => {
                return Err(PatternError {
                    reason: format!("{}\n at {}", located.message, compiler.r.describe(located.at)),
                })
            }
            Err(compile::Failure::Bare(reason)) => return Err(PatternError { reason }),
        };
        let combinations = branches(&root);
        if combinations > MAX_COMBINATIONS {
            return Err(PatternError {
                reason: format!(
                    "The total number of combinations of $or conditions ({}) exceeds the limit of {MAX_COMBINATIONS}",
                    if combinations == u64::MAX {
                        "too many to count".to_owned()
                    } else {
                        combinations.to_string()
                    }
                ),
            });
        }
        Ok(Pattern { root })
    }

    /// Whether `event` (a JSON object) matches.
    pub fn matches(&self, event: &Value) -> bool {
        eval::node_matches(&self.root, event.as_object())
    }

    /// Field-by-field reasons for the result of [`Pattern::matches`].
    pub fn explain(&self, event: &Value) -> Explanation {
        explain::explain_node(&self.root, event.as_object(), "")
    }

    /// How many branches the pattern's `$or`s expand to (1 without `$or`).
    pub fn combinations(&self) -> u64 {
        branches(&self.root)
    }
}

/// Explains `event` against pattern text: the pure function behind the
/// UI's pattern tester.
pub fn explain(pattern: &str, event: &Value) -> Result<Explanation, PatternError> {
    Ok(Pattern::parse(pattern)?.explain(event))
}

/// The number of match branches, as event-ruler expands `$or`: the product
/// over `$or` groups of the sum of their alternatives' branches.
fn branches(node: &Node) -> u64 {
    let mut n: u64 = 1;
    for (_, field) in &node.fields {
        if let Some(nested) = &field.nested {
            n = n.saturating_mul(branches(nested));
        }
    }
    for group in &node.ors {
        let sum = group.iter().fold(0u64, |acc, alt| acc.saturating_add(branches(alt)));
        n = n.saturating_mul(sum);
    }
    n
}
