//! The parsed form of a filter pattern. Every clause keeps the text it was
//! written as, so explanations quote the user's own pattern.

use regex_lite::Regex;

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }

    pub(crate) fn is_numeric_only(self) -> bool {
        matches!(self, Op::Lt | Op::Le | Op::Gt | Op::Ge)
    }

    pub(crate) fn holds(self, a: f64, b: f64) -> bool {
        match self {
            Op::Eq => a == b,
            Op::Ne => a != b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
        }
    }
}

/// Text with `*` wildcards: the literal pieces between the stars.
/// `kms*` is `["kms", ""]`, `"* is pending deletion."` is
/// `["", " is pending deletion."]`, a text without stars is one piece.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Glob {
    pub pieces: Vec<String>,
}

impl Glob {
    /// Whether `text` matches: starts with the first piece, ends with the
    /// last, and holds the middle pieces in order between them.
    pub(crate) fn matches(&self, text: &str) -> bool {
        let Some((first, rest)) = self.pieces.split_first() else {
            return text.is_empty();
        };
        let Some((last, middle)) = rest.split_last() else {
            return text == first;
        };
        if text.len() < first.len() + last.len() || !text.starts_with(first.as_str()) || !text.ends_with(last.as_str())
        {
            return false;
        }
        let mut window = &text[first.len()..text.len() - last.len()];
        for piece in middle {
            match window.find(piece.as_str()) {
                Some(at) => window = &window[at + piece.len()..],
                None => return false,
            }
        }
        true
    }
}

/// The right-hand side of a comparison.
#[derive(Clone, Debug)]
pub(crate) enum Literal {
    /// An unquoted number (`400`, `-1.5`, `10e-3`): compared numerically
    /// with numbers, as text with strings.
    Number { text: String, value: f64 },
    /// A quoted string, or an unquoted non-numeric word, with `*` wildcards.
    Text { glob: Glob, quoted: bool },
    /// `%regex%`: matches when the regular expression is found in the value.
    Regex { source: String, regex: Regex },
}

impl Literal {
    /// The literal as written in the pattern.
    pub(crate) fn display(&self) -> String {
        match self {
            Literal::Number { text, .. } => text.clone(),
            Literal::Text { glob, quoted } => {
                let body = glob
                    .pieces
                    .iter()
                    .map(|p| p.replace('\\', "\\\\").replace('"', "\\\"").replace('*', "\\*"))
                    .collect::<Vec<_>>()
                    .join("*");
                if *quoted {
                    format!("\"{body}\"")
                } else {
                    body
                }
            }
            Literal::Regex { source, .. } => format!("%{source}%"),
        }
    }
}

/// One step of a JSON property selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SelectorStep {
    /// `.name`
    Key(String),
    /// `[3]`
    Index(usize),
    /// `.*` or `[*]`: every member of an object or element of an array.
    Any,
}

/// `$.a.b[0]`: where in a JSON event a condition looks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Selector {
    pub text: String,
    pub steps: Vec<SelectorStep>,
}

/// What a JSON condition asks of the selected value.
#[derive(Clone, Debug)]
pub(crate) enum JsonTest {
    Compare(Op, Literal),
    IsNull,
    IsTrue,
    IsFalse,
    NotExists,
}

/// A boolean expression over conditions (`&&` binds tighter than `||`).
#[derive(Clone, Debug)]
pub(crate) enum Expr<C> {
    And(Vec<Expr<C>>),
    Or(Vec<Expr<C>>),
    Cond(C),
}

/// One JSON condition: `$.eventSource = kms*`.
#[derive(Clone, Debug)]
pub(crate) struct JsonCond {
    pub text: String,
    pub selector: Selector,
    pub test: JsonTest,
}

/// One condition on a space-delimited field: `status_code = 4*`.
#[derive(Clone, Debug)]
pub(crate) struct FieldCond {
    pub text: String,
    pub op: Op,
    pub literal: Literal,
}

/// One entry of a space-delimited pattern.
#[derive(Clone, Debug)]
pub(crate) struct FieldSpec {
    /// `None` for an empty entry (`[a, , c]`).
    pub name: Option<String>,
    pub condition: Option<Expr<FieldCond>>,
}

/// `[ip, user, ..., status_code = 404, bytes]`.
#[derive(Clone, Debug)]
pub(crate) struct Delimited {
    /// The entries before `...` (all of them without an ellipsis).
    pub head: Vec<FieldSpec>,
    /// The entries after `...`.
    pub tail: Vec<FieldSpec>,
    pub ellipsis: bool,
}

/// How a term is looked for in an unstructured event.
#[derive(Clone, Debug)]
pub(crate) enum TermMatcher {
    Substring(String),
    Regex(Regex),
}

/// One term of an unstructured pattern, as written (`ERROR`, `"Failed to"`).
#[derive(Clone, Debug)]
pub(crate) struct Term {
    pub text: String,
    pub matcher: TermMatcher,
}

impl Term {
    pub(crate) fn found_in(&self, message: &str) -> bool {
        match &self.matcher {
            TermMatcher::Substring(s) => message.contains(s.as_str()),
            TermMatcher::Regex(re) => re.is_match(message),
        }
    }
}

/// An unstructured pattern: every required term present, no excluded term
/// present; `?` terms alone make an "any of" pattern.
#[derive(Clone, Debug)]
pub(crate) struct Terms {
    pub required: Vec<Term>,
    pub excluded: Vec<Term>,
    pub optional: Vec<Term>,
}
