//! The AWS CLI's shorthand syntax (`Name=KeyId,Value=abc`, `Key=a,Values=x,y`,
//! `[...]`, `{...}`), parsed with the CLI's grammar and error messages
//! (awscli `shorthand.ShorthandParser`). The result is untyped: strings,
//! lists and objects; `args` converts scalars with the parameter's model.

use serde_json::{Map, Value};

/// A shorthand syntax error, with the CLI's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShorthandError(pub String);

/// Parses `value` as shorthand: always an object at the top.
pub(crate) fn parse(value: &str) -> Result<Value, ShorthandError> {
    let chars: Vec<char> = value.chars().collect();
    let mut p = Parser {
        s: &chars,
        i: 0,
        paramfile: false,
        depth: 0,
    };
    p.parameter()
}

struct Parser<'a> {
    s: &'a [char],
    i: usize,
    paramfile: bool,
    depth: usize,
}

enum Class {
    Start,
    FirstFollow,
    SecondFollow,
}

fn in_class(c: char, class: &Class) -> bool {
    let u = c as u32;
    if u > 0xffff {
        return false;
    }
    match class {
        Class::Start => !(c.is_control() || matches!(c, ' ' | '"' | '\'' | ',' | '=' | '[' | '{')),
        Class::FirstFollow => c.is_whitespace() || !(c.is_control() || matches!(c, '"' | '\'' | ',' | ']' | '}')),
        Class::SecondFollow => c.is_whitespace() || !(c.is_control() || matches!(c, '"' | '\'' | ',' | '=')),
    }
}

impl Parser<'_> {
    fn err_syntax(&self, expected: &str, actual: &str, index: usize) -> ShorthandError {
        ShorthandError(format!(
            "Expected: '{expected}', received: '{actual}' for input:\n{}",
            self.location(index)
        ))
    }

    fn location(&self, index: usize) -> String {
        let s: String = self.s.iter().collect();
        let index = index.min(self.s.len());
        let before: String = self.s[..index].iter().collect();
        let after: String = self.s[index..].iter().collect();
        let (mut consumed, mut remaining, mut spaces) = (s.clone(), String::new(), index);
        if let Some(nl) = before.rfind('\n') {
            spaces = index - before[..nl].chars().count() - 1;
        }
        if let Some(nl) = after.find('\n') {
            let next = index + after[..nl].chars().count();
            consumed = self.s[..next].iter().collect();
            remaining = self.s[next..].iter().collect();
        }
        format!("{consumed}\n{}^{remaining}", " ".repeat(spaces))
    }

    fn current(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn at_eof(&self) -> bool {
        self.i >= self.s.len()
    }

    fn consume_whitespace(&mut self) {
        while self.current().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn expect(&mut self, c: char, consume_whitespace: bool) -> Result<(), ShorthandError> {
        if consume_whitespace {
            self.consume_whitespace();
        }
        match self.current() {
            None => return Err(self.err_syntax(&c.to_string(), "EOF", self.i)),
            Some(actual) if actual != c => return Err(self.err_syntax(&c.to_string(), &actual.to_string(), self.i)),
            _ => {}
        }
        self.i += 1;
        if consume_whitespace {
            self.consume_whitespace();
        }
        Ok(())
    }

    fn parameter(&mut self) -> Result<Value, ShorthandError> {
        let mut params = Map::new();
        let (key, val) = self.keyval()?;
        params.insert(key, val);
        let mut last_index = self.i;
        while !self.at_eof() {
            self.expect(',', true)?;
            let (key, val) = self.keyval()?;
            if params.contains_key(&key) {
                return Err(ShorthandError(format!(
                    "Second instance of key \"{key}\" encountered for input:\n{}\nThis is often because there is a \
                     preceding \",\" instead of a space.",
                    self.location(last_index + 1)
                )));
            }
            params.insert(key, val);
            last_index = self.i;
        }
        Ok(Value::Object(params))
    }

    fn keyval(&mut self) -> Result<(String, Value), ShorthandError> {
        let key = self.key();
        self.paramfile = self.try_at();
        self.expect('=', true)?;
        let values = self.values()?;
        Ok((key, values))
    }

    /// The optional `@` of `Key@=file://...`.
    fn try_at(&mut self) -> bool {
        let save = self.i;
        self.consume_whitespace();
        if self.current() == Some('@') {
            self.i += 1;
            self.consume_whitespace();
            true
        } else {
            self.i = save;
            false
        }
    }

    fn key(&mut self) -> String {
        let start = self.i;
        while let Some(c) = self.current() {
            if !(c.is_ascii_alphanumeric() || "-_.#/:".contains(c)) {
                break;
            }
            self.i += 1;
        }
        self.s[start..self.i].iter().collect()
    }

    fn values(&mut self) -> Result<Value, ShorthandError> {
        match self.current() {
            None => Ok(Value::String(String::new())),
            Some('[') => self.explicit_list(),
            Some('{') => self.hash_literal(),
            _ => self.csv_value(),
        }
    }

    fn csv_value(&mut self) -> Result<Value, ShorthandError> {
        let first = self.first_value()?;
        self.consume_whitespace();
        if self.at_eof() || self.current() != Some(',') {
            return Ok(first);
        }
        self.expect(',', true)?;
        let mut list = vec![first.clone()];
        loop {
            // Python wraps both the value and the following comma in one
            // `try`: a failure backtracks to the last comma (the next key).
            let step = self.second_value().and_then(|current| {
                self.consume_whitespace();
                if self.at_eof() {
                    return Ok((current, true));
                }
                self.expect(',', true).map(|_| (current, false))
            });
            match step {
                Ok((current, done)) => {
                    list.push(current);
                    if done {
                        break;
                    }
                }
                Err(e) => {
                    if self.at_eof() {
                        return Err(e);
                    }
                    self.backtrack_to(',');
                    break;
                }
            }
        }
        if list.len() == 1 {
            return Ok(first);
        }
        Ok(Value::Array(list))
    }

    fn backtrack_to(&mut self, c: char) {
        loop {
            if self.s.get(self.i) == Some(&c) {
                return;
            }
            if self.i == 0 {
                return;
            }
            self.i -= 1;
        }
    }

    /// `(\\,|[start])(\\,|[follow])*` at the cursor.
    fn match_word(&self, follow: Class) -> Option<usize> {
        let s = self.s;
        let mut j = self.i;
        let escaped = |j: usize| s.get(j) == Some(&'\\') && s.get(j + 1) == Some(&',');
        if escaped(j) {
            j += 2;
        } else if s.get(j).is_some_and(|c| in_class(*c, &Class::Start)) {
            j += 1;
        } else {
            return None;
        }
        loop {
            if escaped(j) {
                j += 2;
            } else if s.get(j).is_some_and(|c| in_class(*c, &follow)) {
                j += 1;
            } else {
                return Some(j);
            }
        }
    }

    fn word_value(&mut self, end: usize) -> Result<Value, ShorthandError> {
        let consumed: String = self.s[self.i..end].iter().collect();
        self.i = end;
        let processed = consumed.replace("\\,", ",").trim_end().to_owned();
        self.resolve(processed)
    }

    fn resolve(&self, value: String) -> Result<Value, ShorthandError> {
        if self.paramfile {
            if let Some(e) = super::unpack::paramfile_error(&value) {
                return Err(ShorthandError(e));
            }
        }
        Ok(Value::String(value))
    }

    fn value(&mut self) -> Result<Value, ShorthandError> {
        match self.match_word(Class::FirstFollow) {
            Some(end) => self.word_value(end),
            None => Ok(Value::String(String::new())),
        }
    }

    fn first_value(&mut self) -> Result<Value, ShorthandError> {
        match self.current() {
            Some('\'') => self.quoted('\''),
            Some('"') => self.quoted('"'),
            _ => self.value(),
        }
    }

    fn second_value(&mut self) -> Result<Value, ShorthandError> {
        match self.current() {
            Some('\'') => self.quoted('\''),
            Some('"') => self.quoted('"'),
            _ => match self.match_word(Class::SecondFollow) {
                Some(end) => self.word_value(end),
                None => Err(self.err_syntax("<second>", "<none>", self.i)),
            },
        }
    }

    /// `'(?:\\'|[^'])*'` (or the double-quoted twin): the first unescaped
    /// quote closes it; failing that, the last escaped one (the regex
    /// backtracks).
    fn quoted(&mut self, q: char) -> Result<Value, ShorthandError> {
        let s = self.s;
        let start = self.i;
        let mut j = start + 1;
        let mut last_escaped = None;
        let mut close = None;
        while j < s.len() {
            if s[j] == '\\' && s.get(j + 1) == Some(&q) {
                last_escaped = Some(j + 1);
                j += 2;
            } else if s[j] == q {
                close = Some(j);
                break;
            } else {
                j += 1;
            }
        }
        let Some(close) = close.or(last_escaped) else {
            let name = if q == '\'' { "singled quoted" } else { "double quoted" };
            return Err(self.err_syntax(&format!("<{name}>"), "<none>", start));
        };
        let inner: String = s[start + 1..close].iter().collect();
        self.i = close + 1;
        let value = inner.replace(&format!("\\{q}"), &q.to_string()).replace("\\\\", "\\");
        self.resolve(value)
    }

    fn explicit_list(&mut self) -> Result<Value, ShorthandError> {
        self.nest()?;
        self.expect('[', true)?;
        let mut values = Vec::new();
        while self.current() != Some(']') {
            values.push(self.explicit_values()?);
            self.consume_whitespace();
            if self.current() != Some(']') {
                self.expect(',', false)?;
                self.consume_whitespace();
            }
        }
        self.expect(']', false)?;
        self.depth -= 1;
        Ok(Value::Array(values))
    }

    fn explicit_values(&mut self) -> Result<Value, ShorthandError> {
        match self.current() {
            Some('[') => self.explicit_list(),
            Some('{') => self.hash_literal(),
            _ => self.first_value(),
        }
    }

    fn hash_literal(&mut self) -> Result<Value, ShorthandError> {
        self.nest()?;
        self.expect('{', true)?;
        let mut map = Map::new();
        while self.current() != Some('}') {
            let key = self.key();
            self.paramfile = self.try_at();
            self.expect('=', true)?;
            let v = self.explicit_values()?;
            self.consume_whitespace();
            if self.current() != Some('}') {
                self.expect(',', false)?;
                self.consume_whitespace();
            }
            map.insert(key, v);
        }
        self.expect('}', false)?;
        self.depth -= 1;
        Ok(Value::Object(map))
    }

    fn nest(&mut self) -> Result<(), ShorthandError> {
        // Python would hit its recursion limit; a bound keeps memory small.
        if self.depth >= 64 {
            return Err(self.err_syntax("<value>", "<none>", self.i));
        }
        self.depth += 1;
        Ok(())
    }
}
