//! Matching: one evaluator per syntax. With a trace it evaluates every
//! clause (no short-circuit) and writes a step for each; without one it
//! stops as soon as the answer is known and allocates nothing.

use serde_json::Value;

use super::ast::{
    Delimited, Expr, FieldCond, FieldSpec, JsonCond, JsonTest, Literal, Op, Selector, SelectorStep, Terms,
};
use super::explain::Step;
use super::parse::{number, Parsed};
use super::Event;

type Trace<'t> = Option<&'t mut Vec<Step>>;

pub(crate) fn matches(parsed: &Parsed, event: &Event, mut trace: Trace) -> bool {
    match parsed {
        Parsed::All => {
            push(&mut trace, 0, "(empty pattern)", true, || {
                "an empty pattern matches every event".to_owned()
            });
            true
        }
        Parsed::Terms(terms) => eval_terms(terms, event.text(), trace),
        Parsed::Json(expr) => match event.json() {
            None => {
                push(&mut trace, 0, "JSON event", false, || {
                    "the event is not a JSON object or array, so no JSON pattern matches it".to_owned()
                });
                false
            }
            Some(root) => eval_expr(
                expr,
                &mut |cond, tr, depth| json_condition(cond, root, tr, depth),
                trace,
                0,
            ),
        },
        Parsed::Delimited(d) => eval_delimited(d, event.fields(), trace),
    }
}

fn push(trace: &mut Trace, depth: usize, clause: &str, held: bool, reason: impl FnOnce() -> String) {
    if let Some(steps) = trace.as_deref_mut() {
        steps.push(Step {
            depth,
            clause: clause.to_owned(),
            held,
            reason: reason(),
        });
    }
}

type Leaf<'l, C> = dyn FnMut(&C, Trace, usize) -> bool + 'l;

fn eval_expr<C>(expr: &Expr<C>, leaf: &mut Leaf<C>, trace: Trace, depth: usize) -> bool {
    let (items, all) = match expr {
        Expr::Cond(c) => return leaf(c, trace, depth),
        Expr::And(items) => (items, true),
        Expr::Or(items) => (items, false),
    };
    let Some(steps) = trace else {
        return if all {
            items.iter().all(|i| eval_expr(i, leaf, None, depth + 1))
        } else {
            items.iter().any(|i| eval_expr(i, leaf, None, depth + 1))
        };
    };
    let slot = steps.len();
    steps.push(Step {
        depth,
        clause: if all { "all of (&&)" } else { "any of (||)" }.to_owned(),
        held: false,
        reason: String::new(),
    });
    let mut holding = 0;
    for item in items {
        if eval_expr(item, leaf, Some(&mut *steps), depth + 1) {
            holding += 1;
        }
    }
    let held = if all { holding == items.len() } else { holding > 0 };
    steps[slot].held = held;
    steps[slot].reason = format!("{holding} of {} hold", items.len());
    held
}

// ---------------------------------------------------------------- terms

fn eval_terms(t: &Terms, message: &str, mut trace: Trace) -> bool {
    let plain = !t.required.is_empty() || !t.excluded.is_empty();
    if trace.is_none() {
        return if plain {
            t.required.iter().all(|term| term.found_in(message))
                && !t.excluded.iter().any(|term| term.found_in(message))
        } else {
            t.optional.iter().any(|term| term.found_in(message))
        };
    }
    let mut held = true;
    for term in &t.required {
        let found = term.found_in(message);
        held &= found;
        push(&mut trace, 0, &term.text, found, || {
            if found {
                "found in the event".to_owned()
            } else {
                "not in the event (terms are case-sensitive)".to_owned()
            }
        });
    }
    for term in &t.excluded {
        let found = term.found_in(message);
        held &= !found;
        push(&mut trace, 0, &term.text, !found, || {
            if found {
                "found in the event, which excludes it".to_owned()
            } else {
                "not in the event".to_owned()
            }
        });
    }
    let mut any_optional = false;
    for term in &t.optional {
        if plain {
            push(&mut trace, 0, &term.text, false, || {
                "ignored: '?' terms only count in a pattern made of '?' terms alone".to_owned()
            });
        } else {
            let found = term.found_in(message);
            any_optional |= found;
            push(&mut trace, 0, &term.text, found, || {
                if found {
                    "found in the event (one '?' term is enough)".to_owned()
                } else {
                    "not in the event".to_owned()
                }
            });
        }
    }
    if plain {
        held
    } else {
        any_optional
    }
}

// ----------------------------------------------------------------- JSON

/// The values a selector points at: none if a step is missing, several
/// with a wildcard.
fn resolve<'v>(root: &'v Value, steps: &[SelectorStep]) -> Vec<&'v Value> {
    let mut current = vec![root];
    for step in steps {
        let mut next = Vec::new();
        for node in current {
            match (step, node) {
                (SelectorStep::Key(k), Value::Object(map)) => next.extend(map.get(k)),
                (SelectorStep::Index(i), Value::Array(items)) => next.extend(items.get(*i)),
                (SelectorStep::Any, Value::Object(map)) => next.extend(map.values()),
                (SelectorStep::Any, Value::Array(items)) => next.extend(items.iter()),
                _ => {}
            }
        }
        if next.is_empty() {
            return next;
        }
        current = next;
    }
    current
}

/// A string's text or a number's, for comparisons and metric values.
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn first_scalar(root: &Value, selector: &Selector) -> Option<String> {
    resolve(root, &selector.steps).into_iter().find_map(scalar_text)
}

/// Whether `=` holds between a value (its text, and its number if it is
/// one) and a literal.
fn literal_equals(text: &str, number: Option<f64>, literal: &Literal) -> bool {
    match literal {
        Literal::Number { text: written, value } => match number {
            Some(n) => n == *value,
            None => text == written,
        },
        Literal::Text { glob, .. } => glob.matches(text),
        Literal::Regex { regex, .. } => regex.is_match(text),
    }
}

fn compare(op: Op, literal: &Literal, text: &str, number: Option<f64>) -> bool {
    match (op, literal) {
        (Op::Eq, _) => literal_equals(text, number, literal),
        (Op::Ne, _) => !literal_equals(text, number, literal),
        (_, Literal::Number { value, .. }) => number.is_some_and(|n| op.holds(n, *value)),
        // The parser only lets numbers follow <, <=, > and >=.
        _ => false,
    }
}

fn json_value_holds(op: Op, literal: &Literal, v: &Value) -> bool {
    let Some(text) = scalar_text(v) else {
        return false;
    };
    compare(op, literal, &text, v.as_f64().filter(|_| v.is_number()))
}

fn json_condition(cond: &JsonCond, root: &Value, mut trace: Trace, depth: usize) -> bool {
    let nodes = resolve(root, &cond.selector.steps);
    let held = match &cond.test {
        JsonTest::NotExists => nodes.is_empty(),
        JsonTest::IsNull => nodes.iter().any(|v| v.is_null()),
        JsonTest::IsTrue => nodes.iter().any(|v| *v == &Value::Bool(true)),
        JsonTest::IsFalse => nodes.iter().any(|v| *v == &Value::Bool(false)),
        JsonTest::Compare(op, literal) => nodes.iter().any(|v| json_value_holds(*op, literal, v)),
    };
    push(&mut trace, depth, &cond.text, held, || json_reason(cond, &nodes, held));
    held
}

/// A value as JSON, shortened past 160 characters (a string keeps its
/// closing quote).
fn show(v: &Value) -> String {
    const LIMIT: usize = 160;
    match v {
        Value::String(s) if s.chars().count() > LIMIT => {
            let cut: String = s.chars().take(LIMIT).collect();
            let quoted = Value::String(cut).to_string();
            format!("{}…\"", &quoted[..quoted.len() - 1])
        }
        _ => {
            let text = v.to_string();
            if text.chars().count() > LIMIT {
                format!("{}…", text.chars().take(LIMIT).collect::<String>())
            } else {
                text
            }
        }
    }
}

fn json_reason(cond: &JsonCond, nodes: &[&Value], held: bool) -> String {
    let sel = &cond.selector.text;
    if nodes.is_empty() {
        return match cond.test {
            JsonTest::NotExists => format!("{sel} is not in the event"),
            _ => format!("{sel} is not in the event, and a missing property satisfies no comparison"),
        };
    }
    let found = if nodes.len() == 1 {
        format!("{sel} is {}", show(nodes[0]))
    } else {
        let shown: Vec<String> = nodes.iter().take(3).map(|v| show(v)).collect();
        let more = if nodes.len() > 3 { ", …" } else { "" };
        format!("{sel} selects {} values ({}{more})", nodes.len(), shown.join(", "))
    };
    let verdict = match &cond.test {
        JsonTest::NotExists => "so it exists".to_owned(),
        JsonTest::IsNull => if held { "which is null" } else { "which is not null" }.to_owned(),
        JsonTest::IsTrue => if held { "which is true" } else { "which is not true" }.to_owned(),
        JsonTest::IsFalse => if held { "which is false" } else { "which is not false" }.to_owned(),
        JsonTest::Compare(op, literal) => {
            if !nodes.iter().any(|v| v.is_string() || v.is_number()) {
                "comparisons only apply to strings and numbers".to_owned()
            } else {
                verdict(*op, literal, held, nodes.iter().any(|v| v.is_number()))
            }
        }
    };
    format!("{found}, {verdict}")
}

fn verdict(op: Op, literal: &Literal, held: bool, is_number: bool) -> String {
    let lit = literal.display();
    match (op, held) {
        (Op::Eq, true) => format!("which matches {lit}"),
        (Op::Eq, false) => format!("which does not match {lit}"),
        (Op::Ne, true) => format!("which differs from {lit}"),
        (Op::Ne, false) => format!("which matches {lit}, so != fails"),
        (_, true) => format!("and {} {lit} holds", op.symbol()),
        (_, false) if !is_number => format!("which is not a number, so {} cannot hold", op.symbol()),
        (_, false) => format!("and {} {lit} does not hold", op.symbol()),
    }
}

// ------------------------------------------------------ space-delimited

/// Splits an event into fields on whitespace; text between double quotes
/// or square brackets is one field (without its delimiters).
pub(crate) fn split_fields(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(first) = chars.next() else {
            return out;
        };
        let mut field = String::new();
        let close = match first {
            '"' => Some('"'),
            '[' => Some(']'),
            _ => None,
        };
        match close {
            Some(close) => {
                for c in chars.by_ref() {
                    if c == close {
                        break;
                    }
                    field.push(c);
                }
            }
            None => {
                field.push(first);
                while let Some(c) = chars.peek().copied().filter(|c| !c.is_whitespace()) {
                    field.push(c);
                    chars.next();
                }
            }
        }
        out.push(field);
    }
}

/// The pattern entry that describes field `i` of an event with `n` fields.
fn spec_at(d: &Delimited, n: usize, i: usize) -> Option<&FieldSpec> {
    if i < d.head.len() {
        return d.head.get(i);
    }
    if d.ellipsis && n >= d.tail.len() && i >= n - d.tail.len() {
        return d.tail.get(i - (n - d.tail.len()));
    }
    None
}

fn eval_delimited(d: &Delimited, fields: &[String], mut trace: Trace) -> bool {
    let n = fields.len();
    let fixed = d.head.len() + d.tail.len();
    let count_ok = if d.ellipsis { n >= fixed } else { n == fixed };
    push(&mut trace, 0, "fields", count_ok, || {
        let shown: Vec<String> = fields.iter().take(8).map(|f| format!("{f:?}")).collect();
        let more = if n > 8 { ", …" } else { "" };
        let need = if d.ellipsis {
            format!("at least {fixed}")
        } else {
            format!("exactly {fixed}")
        };
        format!(
            "the event has {n} fields ({}{more}); the pattern needs {need}",
            shown.join(", ")
        )
    });
    if !count_ok {
        return false;
    }
    let mut held = true;
    for (i, value) in fields.iter().enumerate() {
        let Some(spec) = spec_at(d, n, i) else {
            continue;
        };
        let (Some(name), Some(condition)) = (&spec.name, &spec.condition) else {
            continue;
        };
        let ok = eval_expr(
            condition,
            &mut |cond: &FieldCond, tr, depth| field_condition(cond, name, value, tr, depth),
            trace.as_deref_mut(),
            0,
        );
        held &= ok;
        if !held && trace.is_none() {
            return false;
        }
    }
    held
}

fn field_condition(cond: &FieldCond, name: &str, value: &str, mut trace: Trace, depth: usize) -> bool {
    let num = number(value);
    let held = compare(cond.op, &cond.literal, value, num);
    push(&mut trace, depth, &cond.text, held, || {
        format!(
            "{name} is {value:?}, {}",
            verdict(cond.op, &cond.literal, held, num.is_some())
        )
    });
    held
}

/// `$name` or `$N` of a space-delimited pattern.
pub(crate) enum FieldRef<'a> {
    Named(&'a str),
    Position(usize),
}

pub(crate) fn delimited_reference<'a>(d: &Delimited, reference: &'a str) -> Option<FieldRef<'a>> {
    let key = reference.strip_prefix('$')?;
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
        return key.parse::<usize>().ok().filter(|n| *n >= 1).map(FieldRef::Position);
    }
    d.head
        .iter()
        .chain(d.tail.iter())
        .any(|s| s.name.as_deref() == Some(key))
        .then_some(FieldRef::Named(key))
}

pub(crate) fn field_value(d: &Delimited, fields: &[String], reference: &str) -> Option<String> {
    let n = fields.len();
    match delimited_reference(d, reference)? {
        FieldRef::Position(p) => fields.get(p - 1).cloned(),
        FieldRef::Named(name) => (0..n)
            .find(|i| spec_at(d, n, *i).and_then(|s| s.name.as_deref()) == Some(name))
            .and_then(|i| fields.get(i).cloned()),
    }
}

pub(crate) fn extracted(d: &Delimited, fields: &[String]) -> Vec<(String, String)> {
    let n = fields.len();
    fields
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let key = match spec_at(d, n, i).and_then(|s| s.name.as_deref()) {
                Some(name) => format!("${name}"),
                None => format!("${}", i + 1),
            };
            (key, value.clone())
        })
        .collect()
}
