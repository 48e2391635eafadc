//! CloudWatch Logs filter patterns: the language metric filters,
//! `FilterLogEvents` and `TestMetricFilter` use to pick log events, with its
//! own parser (so it can be fuzzed) and an explainer for the UI.
//!
//! What is supported, following AWS's "Filter pattern syntax" guide:
//!
//! - **Match everything**: an empty (or all-blank) pattern.
//! - **Terms** (unstructured events), case-sensitive substring search:
//!   `ERROR` (several terms: all must occur), `"Failed to process"`
//!   (a quoted phrase; `\"` and `\\` escape), `-DEBUG` or `- "DEBUG"`
//!   (must not occur), `?ERROR ?WARN` (any of them). As AWS documents, `?`
//!   terms only count in a pattern made of `?` terms alone; next to other
//!   terms they are ignored (the explanation says so). Unquoted terms may
//!   only hold letters, digits and `_`; anything else must be quoted.
//! - **JSON** events: `{ SELECTOR OP VALUE }` joined with `&&` and `||`
//!   (`&&` binds tighter) and grouped with parentheses.
//!   Selectors: `$.a`, `$.a.b`, `$.a[0]`, `$.a[0].b`, and the wildcards
//!   `$.a[*]` / `$.a.*` (any element or member: the condition holds if it
//!   holds for one of them). Property names hold letters, digits, `_`, `-`.
//!   Operators: `=` and `!=` with strings or numbers, `<`, `<=`, `>`, `>=`
//!   with numbers only; `IS NULL`, `IS TRUE`, `IS FALSE`, `NOT EXISTS`
//!   (keywords in any letter case).
//!   Values: `"quoted"` or unquoted (letters, digits, `_ . - + *`), where
//!   `*` matches any text (`kms*`, `"* is pending deletion."`; `\*` is a
//!   literal asterisk in quotes); an unquoted number (`400`, `-1.5`,
//!   `10e-3`) compares numerically with JSON numbers (`123 = 123.0`) and as
//!   text with strings; a quoted value always compares as text (`"123"`
//!   equals the number 123, `"123.0"` does not). Comparisons only hold for
//!   string and number values: a missing property, an object, an array,
//!   `null` or a boolean satisfies neither `=` nor `!=`. An event that is
//!   not a JSON object or array matches no JSON pattern.
//! - **Space-delimited** events: `[ip, user, ..., status = 404, bytes]`.
//!   The event is split on whitespace, text in `"..."` or `[...]` being one
//!   field. Entries are names, empty (`[a, , c]`) or one `...` standing for
//!   any number of fields; without `...` the event must have exactly as many
//!   fields as the pattern. A named entry may carry conditions on itself
//!   (`status = 4* || status = 5*`, `bytes > 1000 && bytes < 2000`).
//! - **Regular expressions** `%...%` as a term or a value, with AWS's
//!   character set (no parentheses, single-byte characters) and at most two
//!   per pattern; a regex matches when it is found in the text.
//!
//! Anything else is a [`PatternError`] naming the position and the reason —
//! never a pattern that silently matches. The service reports it with AWS's
//! own text ("Invalid metric filter pattern"); the details are for the UI.

mod ast;
mod cursor;
mod eval;
mod explain;
mod parse;

#[cfg(test)]
mod tests;

use std::cell::OnceCell;

use serde_json::Value;

pub use cursor::PatternError;
pub use explain::{Explanation, Step};

use parse::Parsed;

/// The four kinds of filter pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternKind {
    MatchAll,
    Terms,
    Json,
    SpaceDelimited,
}

/// A parsed filter pattern.
#[derive(Clone, Debug)]
pub struct FilterPattern {
    source: String,
    parsed: Parsed,
    regexes: usize,
}

/// One log event message being matched, with its JSON form and its
/// space-delimited fields parsed at most once however many filters look.
pub struct Event<'a> {
    text: &'a str,
    json: OnceCell<Option<Value>>,
    fields: OnceCell<Vec<String>>,
}

impl<'a> Event<'a> {
    pub fn new(text: &'a str) -> Event<'a> {
        Event {
            text,
            json: OnceCell::new(),
            fields: OnceCell::new(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The message as a JSON object or array, if it is one.
    pub(crate) fn json(&self) -> Option<&Value> {
        self.json
            .get_or_init(|| {
                let trimmed = self.text.trim_start();
                if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
                    return None;
                }
                serde_json::from_str::<Value>(self.text)
                    .ok()
                    .filter(|v| v.is_object() || v.is_array())
            })
            .as_ref()
    }

    /// The message split into space-delimited fields.
    pub(crate) fn fields(&self) -> &[String] {
        self.fields.get_or_init(|| eval::split_fields(self.text))
    }
}

impl FilterPattern {
    /// Parses a filter pattern.
    pub fn parse(text: &str) -> Result<FilterPattern, PatternError> {
        let (parsed, regexes) = parse::parse(text)?;
        Ok(FilterPattern {
            source: text.to_owned(),
            parsed,
            regexes,
        })
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn kind(&self) -> PatternKind {
        match self.parsed {
            Parsed::All => PatternKind::MatchAll,
            Parsed::Terms(_) => PatternKind::Terms,
            Parsed::Json(_) => PatternKind::Json,
            Parsed::Delimited(_) => PatternKind::SpaceDelimited,
        }
    }

    /// Whether the pattern matches a message.
    pub fn matches(&self, message: &str) -> bool {
        self.matches_event(&Event::new(message))
    }

    pub fn matches_event(&self, event: &Event) -> bool {
        eval::matches(&self.parsed, event, None)
    }

    /// Why the pattern matches a message or not, clause by clause.
    pub fn explain(&self, message: &str) -> Explanation {
        let event = Event::new(message);
        let mut steps = Vec::new();
        let matched = eval::matches(&self.parsed, &event, Some(&mut steps));
        Explanation {
            matched,
            kind: self.kind(),
            steps,
        }
    }

    /// The values a matching event yields, as `TestMetricFilter` reports
    /// them: every field of a space-delimited event (`$name` for named
    /// entries, `$N` by position otherwise); nothing for other patterns, as
    /// AWS documents.
    pub fn extracted_values(&self, event: &Event) -> Vec<(String, String)> {
        match &self.parsed {
            Parsed::Delimited(d) => eval::extracted(d, event.fields()),
            _ => Vec::new(),
        }
    }

    /// Whether a metric value or dimension may name `reference`: a selector
    /// such as `$.latency` for JSON patterns, `$name` or `$3` for
    /// space-delimited ones; nothing for the other kinds.
    pub fn supports_reference(&self, reference: &str) -> bool {
        match &self.parsed {
            Parsed::Json(_) => parse::parse_selector(reference).is_some(),
            Parsed::Delimited(d) => eval::delimited_reference(d, reference).is_some(),
            _ => false,
        }
    }

    /// Whether the pattern can give dimensions (JSON and space-delimited
    /// patterns can; AWS refuses dimensions on the others).
    pub fn supports_dimensions(&self) -> bool {
        matches!(self.parsed, Parsed::Json(_) | Parsed::Delimited(_))
    }

    /// The value `reference` names in a matched event (`$.latency`,
    /// `$bytes`, `$7`): a string, or a number's text; `None` if the event
    /// has no such value.
    pub fn value_of(&self, event: &Event, reference: &str) -> Option<String> {
        match &self.parsed {
            Parsed::Json(_) => {
                let selector = parse::parse_selector(reference)?;
                eval::first_scalar(event.json()?, &selector)
            }
            Parsed::Delimited(d) => eval::field_value(d, event.fields(), reference),
            _ => None,
        }
    }

    /// How many `%regex%` the pattern holds.
    pub fn regex_count(&self) -> usize {
        self.regexes
    }
}

/// A number as filter patterns and metric values write one (`1`, `-0.5`,
/// `+1e3`), or `None`.
pub fn number(text: &str) -> Option<f64> {
    parse::number(text)
}

/// Parses `pattern` and explains it against `message`: the UI's pattern
/// tester. A pattern that does not parse gives its error.
pub fn explain(pattern: &str, message: &str) -> Result<Explanation, PatternError> {
    FilterPattern::parse(pattern).map(|p| p.explain(message))
}
