//! JSON as the AWS CLI's Python sees it: `json.loads` (order-preserving, with
//! Python's error messages, which the CLI shows verbatim), `json.dumps(indent=4,
//! ensure_ascii=False)` for output, and Python's `str()`/`repr()` of parsed
//! values, which botocore's validation messages quote.

use serde_json::{Map, Number, Value};

/// A `json.JSONDecodeError`: Python's message with its position suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError(pub String);

/// `json.loads(text)` with Python 3.13's error messages.
pub(crate) fn loads(text: &str) -> Result<Value, JsonError> {
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser { s: &chars, depth: 0 };
    let start = p.skip_ws(0);
    let (value, end) = p.value(start)?;
    let end = p.skip_ws(end);
    if end != chars.len() {
        return Err(p.error("Extra data", end));
    }
    Ok(value)
}

struct Parser<'a> {
    s: &'a [char],
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, msg: &str, pos: usize) -> JsonError {
        let before = &self.s[..pos.min(self.s.len())];
        let line = before.iter().filter(|c| **c == '\n').count() + 1;
        let col = match before.iter().rposition(|c| *c == '\n') {
            Some(nl) => pos - nl,
            None => pos + 1,
        };
        JsonError(format!("{msg}: line {line} column {col} (char {pos})"))
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.s.len() && matches!(self.s[i], ' ' | '\t' | '\n' | '\r') {
            i += 1;
        }
        i
    }

    fn value(&mut self, i: usize) -> Result<(Value, usize), JsonError> {
        let Some(&c) = self.s.get(i) else {
            return Err(self.error("Expecting value", i));
        };
        match c {
            '"' => {
                let (s, end) = self.string(i + 1)?;
                Ok((Value::String(s), end))
            }
            '{' => self.nested(|p| p.object(i + 1), i),
            '[' => self.nested(|p| p.array(i + 1), i),
            'n' if self.lit(i, "null") => Ok((Value::Null, i + 4)),
            't' if self.lit(i, "true") => Ok((Value::Bool(true), i + 4)),
            'f' if self.lit(i, "false") => Ok((Value::Bool(false), i + 5)),
            _ => self.number(i),
        }
    }

    fn nested(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<(Value, usize), JsonError>,
        at: usize,
    ) -> Result<(Value, usize), JsonError> {
        // Python raises RecursionError far deeper; a bound keeps us safe.
        if self.depth >= 500 {
            return Err(self.error("Expecting value", at));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn lit(&self, i: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(k, c)| self.s.get(i + k) == Some(&c))
    }

    fn number(&self, i: usize) -> Result<(Value, usize), JsonError> {
        let s = self.s;
        let mut j = i;
        if s.get(j) == Some(&'-') {
            j += 1;
        }
        let int_start = j;
        match s.get(j) {
            Some('0') => j += 1,
            Some(c) if c.is_ascii_digit() => {
                while s.get(j).is_some_and(|c| c.is_ascii_digit()) {
                    j += 1;
                }
            }
            _ => {
                if self.lit(i, "NaN") {
                    return Ok((Value::Null, i + 3));
                }
                if self.lit(i, "Infinity") {
                    return Ok((Value::Null, i + 8));
                }
                if self.lit(i, "-Infinity") {
                    return Ok((Value::Null, i + 9));
                }
                return Err(self.error("Expecting value", i));
            }
        }
        let _ = int_start;
        let mut is_float = false;
        if s.get(j) == Some(&'.') && s.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
            is_float = true;
            j += 1;
            while s.get(j).is_some_and(|c| c.is_ascii_digit()) {
                j += 1;
            }
        }
        if matches!(s.get(j), Some('e' | 'E')) {
            let mut k = j + 1;
            if matches!(s.get(k), Some('+' | '-')) {
                k += 1;
            }
            if s.get(k).is_some_and(|c| c.is_ascii_digit()) {
                while s.get(k).is_some_and(|c| c.is_ascii_digit()) {
                    k += 1;
                }
                is_float = true;
                j = k;
            }
        }
        let text: String = s[i..j].iter().collect();
        let value = if is_float {
            text.parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number)
        } else if let Ok(n) = text.parse::<i64>() {
            Some(Value::from(n))
        } else if let Ok(n) = text.parse::<u64>() {
            Some(Value::from(n))
        } else {
            text.parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number)
        };
        Ok((value.unwrap_or(Value::Null), j))
    }

    /// A string body starting after the opening quote; returns the text and
    /// the index after the closing quote.
    fn string(&self, start: usize) -> Result<(String, usize), JsonError> {
        let s = self.s;
        let mut out = String::new();
        let mut i = start;
        loop {
            let Some(&c) = s.get(i) else {
                return Err(self.error("Unterminated string starting at", start - 1));
            };
            match c {
                '"' => return Ok((out, i + 1)),
                '\\' => {
                    let Some(&e) = s.get(i + 1) else {
                        return Err(self.error("Unterminated string starting at", start - 1));
                    };
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let hex = |at: usize| -> Option<u32> {
                                let h: String = s.get(at..at + 4)?.iter().collect();
                                if h.len() == 4 && h.chars().all(|c| c.is_ascii_hexdigit()) {
                                    u32::from_str_radix(&h, 16).ok()
                                } else {
                                    None
                                }
                            };
                            let Some(u) = hex(i + 2) else {
                                return Err(self.error("Invalid \\uXXXX escape", i + 1));
                            };
                            let mut consumed = 6;
                            let code = if (0xd800..0xdc00).contains(&u)
                                && s.get(i + 6) == Some(&'\\')
                                && s.get(i + 7) == Some(&'u')
                            {
                                match hex(i + 8) {
                                    Some(low) if (0xdc00..0xe000).contains(&low) => {
                                        consumed = 12;
                                        0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00)
                                    }
                                    _ => u,
                                }
                            } else {
                                u
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                            i += consumed;
                            continue;
                        }
                        _ => return Err(self.error("Invalid \\escape", i)),
                    }
                    i += 2;
                }
                c if (c as u32) < 0x20 => return Err(self.error("Invalid control character at", i)),
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }

    fn object(&mut self, start: usize) -> Result<(Value, usize), JsonError> {
        let mut map = Map::new();
        let mut i = self.skip_ws(start);
        if self.s.get(i) == Some(&'}') {
            return Ok((Value::Object(map), i + 1));
        }
        loop {
            if self.s.get(i) != Some(&'"') {
                return Err(self.error("Expecting property name enclosed in double quotes", i));
            }
            let (key, after) = self.string(i + 1)?;
            i = self.skip_ws(after);
            if self.s.get(i) != Some(&':') {
                return Err(self.error("Expecting ':' delimiter", i));
            }
            i = self.skip_ws(i + 1);
            let (v, after) = self.value(i)?;
            map.insert(key, v);
            i = self.skip_ws(after);
            match self.s.get(i) {
                Some('}') => return Ok((Value::Object(map), i + 1)),
                Some(',') => {
                    let comma = i;
                    i = self.skip_ws(i + 1);
                    if self.s.get(i) == Some(&'}') {
                        return Err(self.error("Illegal trailing comma before end of object", comma));
                    }
                }
                _ => return Err(self.error("Expecting ',' delimiter", i)),
            }
        }
    }

    fn array(&mut self, start: usize) -> Result<(Value, usize), JsonError> {
        let mut items = Vec::new();
        let mut i = self.skip_ws(start);
        if self.s.get(i) == Some(&']') {
            return Ok((Value::Array(items), i + 1));
        }
        loop {
            let (v, after) = self.value(i)?;
            items.push(v);
            i = self.skip_ws(after);
            match self.s.get(i) {
                Some(']') => return Ok((Value::Array(items), i + 1)),
                Some(',') => {
                    let comma = i;
                    i = self.skip_ws(i + 1);
                    if self.s.get(i) == Some(&']') {
                        return Err(self.error("Illegal trailing comma before end of array", comma));
                    }
                }
                _ => return Err(self.error("Expecting ',' delimiter", i)),
            }
        }
    }
}

/// `json.dumps(value, indent=4, ensure_ascii=False)`.
pub(crate) fn dumps(value: &Value) -> String {
    let mut out = String::new();
    dump_into(value, 0, &mut out);
    out
}

fn dump_into(value: &Value, level: usize, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_repr(n)),
        Value::String(s) => quote_into(s, out),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(level + 1, out);
                dump_into(item, level + 1, out);
            }
            newline(level, out);
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(level + 1, out);
                quote_into(k, out);
                out.push_str(": ");
                dump_into(v, level + 1, out);
            }
            newline(level, out);
            out.push('}');
        }
    }
}

fn newline(level: usize, out: &mut String) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("    ");
    }
}

fn quote_into(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Python's `repr()` of a number: integers as written, floats in the
/// shortest form that round-trips, with Python's notation (`70.0`, `1e-05`,
/// `1e+16`).
pub(crate) fn number_repr(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    float_repr(n.as_f64().unwrap_or(0.0))
}

/// Python's `repr(float)`.
pub(crate) fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "1.2345e4".
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if f < 0.0 { "-" } else { "" };
    // Python uses fixed notation when -4 <= exponent < 16.
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        let body = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        };
        format!("{sign}{body}")
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{esign}{:02}", exp.abs())
    }
}

/// Python's `str()` of a parsed JSON value (`True`, `None`, `{'a': 1}`).
pub(crate) fn py_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => py_repr(other, false),
    }
}

/// Python's `repr()` of a parsed JSON value; `ordered` renders objects as
/// the `OrderedDict` that the CLI's JSON parsing produces (Python 3.12+
/// form).
pub(crate) fn py_repr(value: &Value, ordered: bool) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => number_repr(n),
        Value::String(s) => py_repr_str(s),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|v| py_repr(v, ordered)).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", py_repr_str(k), py_repr(v, ordered)))
                .collect();
            if ordered {
                format!("OrderedDict({{{}}})", parts.join(", "))
            } else {
                format!("{{{}}}", parts.join(", "))
            }
        }
    }
}

/// Python's `repr(str)`.
pub(crate) fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `type()` name of a parsed JSON value, as botocore prints it.
pub(crate) fn py_type(value: &Value, ordered: bool) -> &'static str {
    match value {
        Value::Null => "<class 'NoneType'>",
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(n) if n.is_f64() => "<class 'float'>",
        Value::Number(_) => "<class 'int'>",
        Value::String(_) => "<class 'str'>",
        Value::Array(_) => "<class 'list'>",
        Value::Object(_) if ordered => "<class 'collections.OrderedDict'>",
        Value::Object(_) => "<class 'dict'>",
    }
}
