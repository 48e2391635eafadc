//! The explanation of a match, for the UI: one step per clause, in pattern
//! order, nested under the AND/OR groups that hold them.

use super::PatternKind;

/// Why a pattern matched an event or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub matched: bool,
    pub kind: PatternKind,
    /// Every clause was evaluated (no short-circuit), so all are listed.
    pub steps: Vec<Step>,
}

/// One clause of the pattern and what it found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Nesting level: 0 at the top, +1 inside each AND/OR group.
    pub depth: usize,
    /// The clause as written (`$.eventSource = kms*`, `ERROR`, `all of`).
    pub clause: String,
    /// Whether the clause held. Ignored clauses (`?` terms next to other
    /// terms) read as false.
    pub held: bool,
    /// What the event had and why that makes the clause hold or fail.
    pub reason: String,
}

impl Explanation {
    /// A plain-text rendering: one line per step, indented by depth.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{}\n",
            if self.matched {
                "The pattern matches."
            } else {
                "The pattern does not match."
            }
        );
        for step in &self.steps {
            out.push_str(&"  ".repeat(step.depth));
            out.push_str(if step.held { "✓ " } else { "✗ " });
            out.push_str(&step.clause);
            if !step.reason.is_empty() {
                out.push_str(" — ");
                out.push_str(&step.reason);
            }
            out.push('\n');
        }
        out
    }
}
