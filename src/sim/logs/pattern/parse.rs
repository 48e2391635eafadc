//! The parser: one recursive-descent parser per syntax, chosen by the
//! pattern's first character (`{` JSON, `[` space-delimited, anything else
//! terms). Whatever it cannot read is an error with a position, never a
//! pattern that silently matches.

use std::collections::BTreeSet;

use regex_lite::Regex;

use super::ast::{
    Delimited, Expr, FieldCond, FieldSpec, Glob, JsonCond, JsonTest, Literal, Op, Selector, SelectorStep, Term,
    TermMatcher, Terms,
};
use super::cursor::{Cursor, PatternError};

/// Parenthesis nesting deeper than this is refused (it keeps the recursive
/// parser's stack small for any input).
const MAX_DEPTH: usize = 32;
/// AWS's quota: at most two `%regex%` per filter pattern.
pub(crate) const MAX_REGEXES: usize = 2;

/// A parsed pattern of one of the four kinds.
#[derive(Clone, Debug)]
pub(crate) enum Parsed {
    All,
    Terms(Terms),
    Json(Expr<JsonCond>),
    Delimited(Delimited),
}

#[derive(Default)]
struct State {
    regexes: usize,
}

/// Parses a pattern; also returns how many `%regex%` it holds.
pub(crate) fn parse(text: &str) -> Result<(Parsed, usize), PatternError> {
    if text.chars().all(char::is_whitespace) {
        return Ok((Parsed::All, 0));
    }
    let mut c = Cursor::new(text);
    let mut st = State::default();
    // AWS decides the kind by the very first character: a pattern with a
    // space before its `{` is read as terms (and refused for its `{`).
    let parsed = match c.peek() {
        Some('{') => json(&mut c, &mut st).map(Parsed::Json),
        Some('[') => delimited(&mut c, &mut st).map(Parsed::Delimited),
        _ => terms(&mut c, &mut st).map(Parsed::Terms),
    }?;
    Ok((parsed, st.regexes))
}

// ---------------------------------------------------------------- JSON

fn json(c: &mut Cursor, st: &mut State) -> Result<Expr<JsonCond>, PatternError> {
    c.bump();
    let expr = json_or(c, st, 0)?;
    c.skip_ws();
    if !c.eat("}") {
        return Err(c.error(format!("expected '&&', '||' or '}}' but found {}", c.describe_here())));
    }
    c.skip_ws();
    if !c.at_end() {
        return Err(c.error("unexpected text after the closing '}'"));
    }
    Ok(expr)
}

fn json_or(c: &mut Cursor, st: &mut State, depth: usize) -> Result<Expr<JsonCond>, PatternError> {
    let mut items = vec![json_and(c, st, depth)?];
    loop {
        c.skip_ws();
        if c.eat("||") {
            items.push(json_and(c, st, depth)?);
        } else {
            break;
        }
    }
    Ok(collapse(items, Expr::Or))
}

fn json_and(c: &mut Cursor, st: &mut State, depth: usize) -> Result<Expr<JsonCond>, PatternError> {
    let mut items = vec![json_unary(c, st, depth)?];
    loop {
        c.skip_ws();
        if c.eat("&&") {
            items.push(json_unary(c, st, depth)?);
        } else {
            break;
        }
    }
    Ok(collapse(items, Expr::And))
}

fn json_unary(c: &mut Cursor, st: &mut State, depth: usize) -> Result<Expr<JsonCond>, PatternError> {
    c.skip_ws();
    if c.peek() == Some('(') {
        if depth >= MAX_DEPTH {
            return Err(c.error("parentheses are nested too deeply"));
        }
        c.bump();
        let inner = json_or(c, st, depth + 1)?;
        c.skip_ws();
        if !c.eat(")") {
            return Err(c.error(format!("expected ')' but found {}", c.describe_here())));
        }
        return Ok(inner);
    }
    json_condition(c, st).map(Expr::Cond)
}

fn json_condition(c: &mut Cursor, st: &mut State) -> Result<JsonCond, PatternError> {
    let start = c.pos();
    let selector = selector(c)?;
    c.skip_ws();
    let test = if c.peek().is_some_and(|ch| ch.is_ascii_alphabetic()) {
        keyword_test(c)?
    } else {
        let op = operator(c)?;
        let literal = literal(c, st, &['&', '|', ')', '}'])?;
        check_numeric(c, op, &literal)?;
        JsonTest::Compare(op, literal)
    };
    let text = c.slice(start, c.pos()).trim_end().to_owned();
    Ok(JsonCond { text, selector, test })
}

/// `IS NULL`, `IS TRUE`, `IS FALSE`, `NOT EXISTS` (any letter case).
fn keyword_test(c: &mut Cursor) -> Result<JsonTest, PatternError> {
    let at = c.pos();
    let first = word(c).to_ascii_uppercase();
    c.skip_ws();
    let second_at = c.pos();
    let second = word(c).to_ascii_uppercase();
    match (first.as_str(), second.as_str()) {
        ("IS", "NULL") => Ok(JsonTest::IsNull),
        ("IS", "TRUE") => Ok(JsonTest::IsTrue),
        ("IS", "FALSE") => Ok(JsonTest::IsFalse),
        ("NOT", "EXISTS") => Ok(JsonTest::NotExists),
        ("IS", _) => Err(c.error_at(second_at, "IS must be followed by NULL, TRUE or FALSE")),
        ("NOT", _) => Err(c.error_at(second_at, "NOT must be followed by EXISTS")),
        _ => Err(c.error_at(
            at,
            "expected a comparison (=, !=, <, <=, >, >=), IS NULL, IS TRUE, IS FALSE or NOT EXISTS",
        )),
    }
}

fn word(c: &mut Cursor) -> String {
    let mut out = String::new();
    while let Some(ch) = c.peek().filter(|ch| ch.is_ascii_alphabetic()) {
        out.push(ch);
        c.bump();
    }
    out
}

/// `$.a.b[0]`, `$.list[*]`, `$.*`.
fn selector(c: &mut Cursor) -> Result<Selector, PatternError> {
    let start = c.pos();
    if !c.eat("$") {
        return Err(c.error(format!(
            "expected a property selector such as $.eventName but found {}",
            c.describe_here()
        )));
    }
    let mut steps = Vec::new();
    loop {
        match c.peek() {
            Some('.') => {
                c.bump();
                if c.eat("*") {
                    steps.push(SelectorStep::Any);
                    continue;
                }
                let mut name = String::new();
                while let Some(ch) = c
                    .peek()
                    .filter(|ch| ch.is_ascii_alphanumeric() || *ch == '_' || *ch == '-')
                {
                    name.push(ch);
                    c.bump();
                }
                if name.is_empty() {
                    return Err(c.error("expected a property name after '.' (letters, digits, '_' and '-')"));
                }
                steps.push(SelectorStep::Key(name));
            }
            Some('[') => {
                c.bump();
                if c.eat("*]") {
                    steps.push(SelectorStep::Any);
                    continue;
                }
                let digits_at = c.pos();
                let mut digits = String::new();
                while let Some(ch) = c.peek().filter(char::is_ascii_digit) {
                    digits.push(ch);
                    c.bump();
                }
                let index = digits
                    .parse::<usize>()
                    .map_err(|_| c.error_at(digits_at, "expected an array index such as [0] or [*]"))?;
                if !c.eat("]") {
                    return Err(c.error("expected ']' after the array index"));
                }
                steps.push(SelectorStep::Index(index));
            }
            _ => break,
        }
    }
    if steps.is_empty() {
        return Err(c.error("a property selector names a property: $.name"));
    }
    Ok(Selector {
        text: c.slice(start, c.pos()),
        steps,
    })
}

/// Parses a whole string as a selector (a metric value or dimension such as
/// `$.latency`), or `None` if it is not one.
pub(crate) fn parse_selector(text: &str) -> Option<Selector> {
    let mut c = Cursor::new(text);
    let selector = selector(&mut c).ok()?;
    c.at_end().then_some(selector)
}

// ------------------------------------------------------ space-delimited

fn delimited(c: &mut Cursor, st: &mut State) -> Result<Delimited, PatternError> {
    c.bump();
    let mut out = Delimited {
        head: Vec::new(),
        tail: Vec::new(),
        ellipsis: false,
    };
    let mut names = BTreeSet::new();
    c.skip_ws();
    if c.peek() == Some(']') {
        return Err(c.error("a space-delimited pattern names at least one field: [field1, field2, ...]"));
    }
    loop {
        c.skip_ws();
        if c.looking_at("...") {
            if out.ellipsis {
                return Err(c.error("a space-delimited pattern may hold only one '...'"));
            }
            c.eat("...");
            out.ellipsis = true;
        } else {
            let spec = if matches!(c.peek(), Some(',') | Some(']')) {
                FieldSpec {
                    name: None,
                    condition: None,
                }
            } else {
                let at = c.pos();
                let spec = field(c, st)?;
                if let Some(name) = &spec.name {
                    if !names.insert(name.clone()) {
                        return Err(c.error_at(at, format!("field '{name}' is named twice")));
                    }
                }
                spec
            };
            if out.ellipsis {
                out.tail.push(spec);
            } else {
                out.head.push(spec);
            }
        }
        c.skip_ws();
        match c.bump() {
            Some(',') => continue,
            Some(']') => break,
            None => return Err(c.error("expected ']' to close the space-delimited pattern")),
            Some(other) => {
                return Err(c.error_at(c.pos() - 1, format!("expected ',' or ']' but found '{other}'")));
            }
        }
    }
    c.skip_ws();
    if !c.at_end() {
        return Err(c.error("unexpected text after the closing ']'"));
    }
    Ok(out)
}

fn field(c: &mut Cursor, st: &mut State) -> Result<FieldSpec, PatternError> {
    let name_at = c.pos();
    let name = identifier(c)?;
    c.skip_ws();
    if !matches!(c.peek(), Some('=' | '!' | '<' | '>')) {
        return Ok(FieldSpec {
            name: Some(name),
            condition: None,
        });
    }
    let mut first = Some(name_at);
    let condition = field_or(c, st, &name, &mut first)?;
    Ok(FieldSpec {
        name: Some(name),
        condition: Some(condition),
    })
}

fn identifier(c: &mut Cursor) -> Result<String, PatternError> {
    let mut name = String::new();
    while let Some(ch) = c.peek().filter(|ch| ch.is_ascii_alphanumeric() || *ch == '_') {
        name.push(ch);
        c.bump();
    }
    if name.is_empty() {
        return Err(c.error(format!(
            "expected a field name (letters, digits and '_') but found {}",
            c.describe_here()
        )));
    }
    Ok(name)
}

fn field_or(
    c: &mut Cursor,
    st: &mut State,
    name: &str,
    first: &mut Option<usize>,
) -> Result<Expr<FieldCond>, PatternError> {
    let mut items = vec![field_and(c, st, name, first)?];
    loop {
        c.skip_ws();
        if c.eat("||") {
            items.push(field_and(c, st, name, first)?);
        } else {
            break;
        }
    }
    Ok(collapse(items, Expr::Or))
}

fn field_and(
    c: &mut Cursor,
    st: &mut State,
    name: &str,
    first: &mut Option<usize>,
) -> Result<Expr<FieldCond>, PatternError> {
    let mut items = vec![field_comparison(c, st, name, first)?];
    loop {
        c.skip_ws();
        if c.eat("&&") {
            items.push(field_comparison(c, st, name, first)?);
        } else {
            break;
        }
    }
    Ok(collapse(items, Expr::And))
}

/// `name OP value`; the entry's own name was already read for the first one.
fn field_comparison(
    c: &mut Cursor,
    st: &mut State,
    name: &str,
    first: &mut Option<usize>,
) -> Result<Expr<FieldCond>, PatternError> {
    c.skip_ws();
    let start = match first.take() {
        Some(at) => at,
        None => {
            let at = c.pos();
            let other = identifier(c)?;
            if other != name {
                return Err(c.error_at(
                    at,
                    format!("the conditions of field '{name}' may only test '{name}', not '{other}'"),
                ));
            }
            at
        }
    };
    c.skip_ws();
    let op = operator(c)?;
    let literal = literal(c, st, &[',', ']', '&', '|'])?;
    check_numeric(c, op, &literal)?;
    Ok(Expr::Cond(FieldCond {
        text: c.slice(start, c.pos()).trim_end().to_owned(),
        op,
        literal,
    }))
}

// ---------------------------------------------------------------- terms

fn terms(c: &mut Cursor, st: &mut State) -> Result<Terms, PatternError> {
    let mut out = Terms {
        required: Vec::new(),
        excluded: Vec::new(),
        optional: Vec::new(),
    };
    loop {
        c.skip_ws();
        if c.at_end() {
            return Ok(out);
        }
        let start = c.pos();
        let list = match c.peek() {
            Some('?') => {
                c.bump();
                if c.peek().is_none_or(char::is_whitespace) {
                    return Err(c.error("'?' must be followed directly by a term: ?ERROR"));
                }
                &mut out.optional
            }
            Some('-') => {
                c.bump();
                // The older guide writes `"ERROR" - "Exiting"`, the newer
                // `ERROR -Exiting`: both exclude the term that follows.
                c.skip_ws();
                if c.at_end() {
                    return Err(c.error("'-' must be followed by the term to exclude"));
                }
                &mut out.excluded
            }
            _ => &mut out.required,
        };
        let term_at = c.pos();
        let matcher = match c.peek() {
            Some('"') => TermMatcher::Substring(quoted_plain(c)?),
            Some('%') => TermMatcher::Regex(regex(c, st)?.1),
            _ => {
                let mut token = String::new();
                while let Some(ch) = c.peek().filter(|ch| !ch.is_whitespace()) {
                    token.push(ch);
                    c.bump();
                }
                if !token.chars().all(|ch| ch.is_alphanumeric() || ch == '_') {
                    return Err(c.error_at(
                        term_at,
                        format!(
                            "Invalid character(s) in term '{token}': put terms with characters other than \
                             letters, digits and '_' in double quotes"
                        ),
                    ));
                }
                TermMatcher::Substring(token)
            }
        };
        list.push(Term {
            text: c.slice(start, c.pos()),
            matcher,
        });
    }
}

/// A double-quoted phrase of a terms pattern, taken literally (`\"` and
/// `\\` are the only escapes).
fn quoted_plain(c: &mut Cursor) -> Result<String, PatternError> {
    let open = c.pos();
    c.bump();
    let mut out = String::new();
    loop {
        match c.bump() {
            None => return Err(c.error_at(open, "this quoted term is not closed with '\"'")),
            Some('"') => return Ok(out),
            Some('\\') => match c.peek() {
                Some(ch @ ('"' | '\\')) => {
                    out.push(ch);
                    c.bump();
                }
                _ => out.push('\\'),
            },
            Some(ch) => out.push(ch),
        }
    }
}

// ------------------------------------------------------- shared pieces

fn operator(c: &mut Cursor) -> Result<Op, PatternError> {
    let at = c.pos();
    let op = if c.eat("!=") {
        Op::Ne
    } else if c.eat("<=") {
        Op::Le
    } else if c.eat(">=") {
        Op::Ge
    } else if c.eat("=") {
        Op::Eq
    } else if c.eat("<") {
        Op::Lt
    } else if c.eat(">") {
        Op::Gt
    } else {
        return Err(c.error(format!(
            "expected a comparison operator (=, !=, <, <=, >, >=) but found {}",
            c.describe_here()
        )));
    };
    if c.peek() == Some('=') {
        return Err(c.error_at(at, "unknown operator: use =, !=, <, <=, > or >="));
    }
    Ok(op)
}

fn check_numeric(c: &Cursor, op: Op, literal: &Literal) -> Result<(), PatternError> {
    if op.is_numeric_only() && !matches!(literal, Literal::Number { .. }) {
        return Err(c.error(format!(
            "'{}' compares numbers, and {} is not a number",
            op.symbol(),
            literal.display()
        )));
    }
    Ok(())
}

/// A comparison value: `"quoted*"`, `%regex%`, or an unquoted word or number.
fn literal(c: &mut Cursor, st: &mut State, terminators: &[char]) -> Result<Literal, PatternError> {
    c.skip_ws();
    match c.peek() {
        None => Err(c.error("expected a value after the operator")),
        Some('"') => Ok(Literal::Text {
            glob: quoted_glob(c)?,
            quoted: true,
        }),
        Some('%') => {
            let (source, regex) = regex(c, st)?;
            Ok(Literal::Regex { source, regex })
        }
        Some(_) => {
            let at = c.pos();
            let mut token = String::new();
            while let Some(ch) = c.peek().filter(|ch| !ch.is_whitespace() && !terminators.contains(ch)) {
                token.push(ch);
                c.bump();
            }
            if token.is_empty() {
                return Err(c.error(format!("expected a value but found {}", c.describe_here())));
            }
            if !token
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '_' | '.' | '*' | '-' | '+'))
            {
                return Err(c.error_at(
                    at,
                    format!(
                        "Invalid character(s) in term '{token}': put values with characters other than \
                         letters, digits, '_', '.', '-', '+' and '*' in double quotes"
                    ),
                ));
            }
            if let Some(value) = number(&token) {
                return Ok(Literal::Number { text: token, value });
            }
            Ok(Literal::Text {
                glob: Glob {
                    pieces: token.split('*').map(str::to_owned).collect(),
                },
                quoted: false,
            })
        }
    }
}

/// A double-quoted comparison value: `*` is a wildcard, `\*` a literal
/// asterisk, `\"` a quote and `\\` a backslash.
fn quoted_glob(c: &mut Cursor) -> Result<Glob, PatternError> {
    let open = c.pos();
    c.bump();
    let mut pieces = vec![String::new()];
    loop {
        let Some(ch) = c.bump() else {
            return Err(c.error_at(open, "this quoted value is not closed with '\"'"));
        };
        let current = pieces.last_mut().expect("pieces is never empty");
        match ch {
            '"' => return Ok(Glob { pieces }),
            '*' => pieces.push(String::new()),
            '\\' => match c.peek() {
                Some(esc @ ('"' | '\\' | '*')) => {
                    current.push(esc);
                    c.bump();
                }
                _ => current.push('\\'),
            },
            other => current.push(other),
        }
    }
}

/// `%regex%`, limited to the characters AWS's filter-pattern regular
/// expressions allow (no groups, single-byte characters only).
fn regex(c: &mut Cursor, st: &mut State) -> Result<(String, Regex), PatternError> {
    let open = c.pos();
    c.bump();
    let mut source = String::new();
    loop {
        match c.bump() {
            None => return Err(c.error_at(open, "this regular expression is not closed with '%'")),
            Some('%') => break,
            Some(ch) => {
                if ch == '(' || ch == ')' {
                    return Err(c.error_at(
                        c.pos() - 1,
                        "filter-pattern regular expressions cannot use '(' or ')' (no subpatterns)",
                    ));
                }
                let allowed = ch.is_ascii_alphanumeric() || "_#=@/;,-:^$?[]{}|\\*+.".contains(ch);
                if !allowed {
                    return Err(c.error_at(
                        c.pos() - 1,
                        format!("'{ch}' is not allowed in a filter-pattern regular expression"),
                    ));
                }
                source.push(ch);
            }
        }
    }
    if source.is_empty() {
        return Err(c.error_at(open, "a regular expression between '%' signs cannot be empty"));
    }
    st.regexes += 1;
    if st.regexes > MAX_REGEXES {
        return Err(c.error_at(
            open,
            format!("a filter pattern can hold at most {MAX_REGEXES} regular expressions"),
        ));
    }
    let regex = Regex::new(&source).map_err(|e| c.error_at(open, format!("invalid regular expression: {e}")))?;
    Ok((source, regex))
}

/// A number as the filter syntax writes one: an optional sign, digits with
/// an optional fraction, an optional exponent (`+1000`, `-0.5`, `10e-3`).
pub(crate) fn number(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut i = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut digits = i - int_start;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        let frac_start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        digits += i - frac_start;
    }
    if digits == 0 {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    text.trim_start_matches('+')
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

fn collapse<C>(mut items: Vec<Expr<C>>, wrap: fn(Vec<Expr<C>>) -> Expr<C>) -> Expr<C> {
    if items.len() == 1 {
        items.pop().expect("one item")
    } else {
        wrap(items)
    }
}
