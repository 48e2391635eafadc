//! A streaming JSON reader for pattern text that reports errors and
//! positions the way AWS's pattern compiler does. EventBridge compiles
//! patterns with aws/event-ruler on top of Jackson's streaming parser, and
//! its error messages end with Jackson's location (`[Source: (String)"…";
//! line: 1, column: 40]`), so this reader reproduces Jackson's token model:
//! - a field name is returned after its value's first token has been read
//!   (Jackson looks ahead past the colon);
//! - a string value is parsed lazily: until its text is read, the location
//!   is just after the opening quote;
//! - columns count UTF-16 units from 1, lines start at 1.

use std::fmt::Write as _;

/// Jackson's default limit on nesting (`StreamReadConstraints`).
const MAX_DEPTH: usize = 1000;
/// Jackson shows at most this many characters of the source in a location.
const SOURCE_SHOWN: usize = 500;

/// One token, as Jackson's `JsonToken`.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    FieldName(String),
    Str(String),
    /// A number with its source text; `true` when it has no fraction or exponent.
    Num(String, bool),
    True,
    False,
    Null,
}

/// A position: line and column, both from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Loc {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Copy, Debug)]
enum Frame {
    Object { start: Loc, has_value: bool },
    Array { start: Loc, has_value: bool },
}

/// A syntax error or a compiler complaint, with Jackson's location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Located {
    pub message: String,
    pub at: Loc,
}

pub(super) struct Reader<'a> {
    src: &'a str,
    chars: Vec<char>,
    pos: usize,
    line: usize,
    /// UTF-16 units consumed on the current line.
    col: usize,
    stack: Vec<Frame>,
    /// The value token read ahead after a field name, with its lazy location.
    pending: Option<(Tok, Option<Loc>)>,
    /// Where Jackson's location stays while a string value is unread.
    lazy: Option<Loc>,
    /// The root value has been read.
    root_done: bool,
}

impl<'a> Reader<'a> {
    pub(super) fn new(src: &'a str) -> Reader<'a> {
        Reader {
            src,
            chars: src.chars().collect(),
            pos: 0,
            line: 1,
            col: 0,
            stack: Vec::new(),
            pending: None,
            lazy: None,
            root_done: false,
        }
    }

    /// Jackson's `getCurrentLocation()`.
    pub(super) fn location(&self) -> Loc {
        self.lazy.unwrap_or(self.here())
    }

    fn here(&self) -> Loc {
        Loc {
            line: self.line,
            column: self.col + 1,
        }
    }

    /// Reading a string value's text completes it (Jackson finishes lazy tokens).
    pub(super) fn touch_text(&mut self) {
        self.lazy = None;
    }

    /// An error at the current location.
    pub(super) fn err(&self, message: impl Into<String>) -> Located {
        Located {
            message: message.into(),
            at: self.location(),
        }
    }

    /// Jackson's rendering of a location in this source.
    pub(super) fn describe(&self, at: Loc) -> String {
        describe(self.src, at)
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        match c {
            '\n' => {
                self.line += 1;
                self.col = 0;
            }
            '\r' => {
                if self.peek() != Some('\n') {
                    self.line += 1;
                    self.col = 0;
                } else {
                    self.col += 1;
                }
            }
            _ => self.col += c.len_utf16(),
        }
        Some(c)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.bump();
        }
    }

    /// The next token; `Ok(None)` at the end of the input after the root value.
    pub(super) fn next(&mut self) -> Result<Option<Tok>, Located> {
        self.lazy = None;
        if let Some((tok, lazy)) = self.pending.take() {
            self.lazy = lazy;
            return Ok(Some(tok));
        }
        self.skip_ws();
        let Some(frame) = self.stack.last().copied() else {
            if self.root_done {
                return Ok(None);
            }
            if self.peek().is_none() {
                return Ok(None);
            }
            return self.value().map(Some);
        };
        match frame {
            Frame::Array { start, has_value } => {
                if self.peek() == Some(']') {
                    self.bump();
                    return self.close();
                }
                if has_value {
                    match self.peek() {
                        Some(',') => {
                            self.bump();
                            self.skip_ws();
                        }
                        Some('}') => {
                            self.bump();
                            return Err(self.err(format!(
                                "Unexpected close marker '}}': expected ']' (for Array starting at {})",
                                self.describe(start)
                            )));
                        }
                        None => return Err(self.eof_in(frame)),
                        Some(c) => {
                            self.bump();
                            return Err(self.err(format!(
                                "Unexpected character ({}): was expecting comma to separate Array entries",
                                char_desc(c)
                            )));
                        }
                    }
                }
                self.value().map(Some)
            }
            Frame::Object { start, has_value } => {
                if self.peek() == Some('}') && !has_value {
                    self.bump();
                    return self.close();
                }
                if has_value {
                    match self.peek() {
                        Some('}') => {
                            self.bump();
                            return self.close();
                        }
                        Some(',') => {
                            self.bump();
                            self.skip_ws();
                        }
                        Some(']') => {
                            self.bump();
                            return Err(self.err(format!(
                                "Unexpected close marker ']': expected '}}' (for Object starting at {})",
                                self.describe(start)
                            )));
                        }
                        None => return Err(self.eof_in(frame)),
                        Some(c) => {
                            self.bump();
                            return Err(self.err(format!(
                                "Unexpected character ({}): was expecting comma to separate Object entries",
                                char_desc(c)
                            )));
                        }
                    }
                }
                self.field().map(Some)
            }
        }
    }

    fn eof_in(&self, frame: Frame) -> Located {
        let (kind, start) = match frame {
            Frame::Object { start, .. } => ("OBJECT", start),
            Frame::Array { start, .. } => ("ARRAY", start),
        };
        self.err(format!(
            "Unexpected end-of-input: expected close marker for {kind} (start marker at {})",
            self.describe(start)
        ))
    }

    fn close(&mut self) -> Result<Option<Tok>, Located> {
        let frame = self.stack.pop();
        if self.stack.is_empty() {
            self.root_done = true;
        }
        Ok(Some(match frame {
            Some(Frame::Array { .. }) => Tok::EndArray,
            _ => Tok::EndObject,
        }))
    }

    fn mark_value(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Object { has_value, .. }) | Some(Frame::Array { has_value, .. }) => *has_value = true,
            None => {}
        }
    }

    /// A field name, then the first token of its value (read ahead).
    fn field(&mut self) -> Result<Tok, Located> {
        match self.peek() {
            Some('"') => {
                self.bump();
            }
            None => {
                let frame = self.stack.last().copied().unwrap_or(Frame::Object {
                    start: self.here(),
                    has_value: false,
                });
                return Err(self.eof_in(frame));
            }
            Some(c) => {
                self.bump();
                return Err(self.err(format!(
                    "Unexpected character ({}): was expecting double-quote to start field name",
                    char_desc(c)
                )));
            }
        }
        let name = self.string_body(true)?;
        self.skip_ws();
        match self.bump() {
            Some(':') => {}
            None => {
                return Err(self.err("Unexpected end-of-input: was expecting a colon to separate field name and value"))
            }
            Some(c) => {
                return Err(self.err(format!(
                    "Unexpected character ({}): was expecting a colon to separate field name and value",
                    char_desc(c)
                )))
            }
        }
        self.skip_ws();
        let value = self.value()?;
        // The value token waits; a string value's lazy location is already
        // the current location and stays until its text is read.
        self.pending = Some((value, self.lazy));
        Ok(Tok::FieldName(name))
    }

    /// The first token of a value at the current position.
    fn value(&mut self) -> Result<Tok, Located> {
        let Some(c) = self.peek() else {
            return match self.stack.last().copied() {
                Some(frame) => Err(self.eof_in(frame)),
                None => Err(self.err("Unexpected end-of-input: expected a value")),
            };
        };
        let at = self.here();
        match c {
            '{' | '[' => {
                self.bump();
                if self.stack.len() >= MAX_DEPTH {
                    return Err(self.err(format!(
                        "Document nesting depth ({}) exceeds the maximum allowed ({MAX_DEPTH}, from `StreamReadConstraints.getMaxNestingDepth()`)",
                        self.stack.len() + 1
                    )));
                }
                self.mark_value();
                self.stack.push(if c == '{' {
                    Frame::Object {
                        start: at,
                        has_value: false,
                    }
                } else {
                    Frame::Array {
                        start: at,
                        has_value: false,
                    }
                });
                Ok(if c == '{' { Tok::StartObject } else { Tok::StartArray })
            }
            '"' => {
                self.bump();
                let after_quote = self.here();
                let text = self.string_body(false)?;
                self.lazy = Some(after_quote);
                self.finish_scalar();
                Ok(Tok::Str(text))
            }
            '-' | '0'..='9' => {
                let tok = self.number()?;
                self.finish_scalar();
                Ok(tok)
            }
            ']' | '}' | ',' | ':' => {
                self.bump();
                Err(self.err(format!("Unexpected character ({}): expected a value", char_desc(c))))
            }
            _ => {
                let mut word = String::new();
                while let Some(c) = self.peek() {
                    if c.is_alphanumeric() || c == '_' || c == '$' || c == '.' {
                        word.push(c);
                        self.bump();
                    } else {
                        break;
                    }
                }
                let tok = match word.as_str() {
                    "true" => Tok::True,
                    "false" => Tok::False,
                    "null" => Tok::Null,
                    _ => {
                        if word.is_empty() {
                            self.bump();
                            word.push(c);
                        }
                        return Err(self.err(format!(
                            "Unrecognized token '{word}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
                        )));
                    }
                };
                self.finish_scalar();
                Ok(tok)
            }
        }
    }

    fn finish_scalar(&mut self) {
        self.mark_value();
        if self.stack.is_empty() {
            self.root_done = true;
        }
    }

    /// A string's content after its opening quote, through the closing quote.
    fn string_body(&mut self, field_name: bool) -> Result<String, Located> {
        let mut out = String::new();
        loop {
            let Some(c) = self.bump() else {
                return Err(self.err(if field_name {
                    "Unexpected end-of-input in field name"
                } else {
                    "Unexpected end-of-input: was expecting closing quote for a string value"
                }));
            };
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(e) = self.bump() else {
                        return Err(self.err("Unexpected end-of-input in character escape sequence"));
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
                            let unit = self.hex4()?;
                            if (0xD800..0xDC00).contains(&unit) {
                                // A high surrogate pairs with a following \uDC00..\uDFFF.
                                let low = if self.peek() == Some('\\') && self.chars.get(self.pos + 1) == Some(&'u') {
                                    self.bump();
                                    self.bump();
                                    Some(self.hex4()?)
                                } else {
                                    None
                                };
                                match low {
                                    Some(low) if (0xDC00..0xE000).contains(&low) => {
                                        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                                        out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                                    }
                                    _ => out.push('\u{FFFD}'),
                                }
                            } else {
                                out.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
                            }
                        }
                        other => {
                            return Err(self.err(format!(
                                "Unrecognized character escape {} (code {})",
                                quote_char(other),
                                other as u32
                            )))
                        }
                    }
                }
                c if (c as u32) < 0x20 => {
                    return Err(self.err(format!(
                        "Illegal unquoted character ((CTRL-CHAR, code {})): has to be escaped using backslash to be included in {}",
                        c as u32,
                        if field_name { "name" } else { "string value" }
                    )));
                }
                c => out.push(c),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Located> {
        let mut v = 0u32;
        for _ in 0..4 {
            let Some(c) = self.bump() else {
                return Err(self.err("Unexpected end-of-input in character escape sequence"));
            };
            let Some(d) = c.to_digit(16) else {
                return Err(self.err(format!(
                    "Unexpected character ({}): expected a hex-digit for character escape sequence",
                    char_desc(c)
                )));
            };
            v = v * 16 + d;
        }
        Ok(v)
    }

    fn number(&mut self) -> Result<Tok, Located> {
        let mut text = String::new();
        let mut int = true;
        if self.peek() == Some('-') {
            text.push('-');
            self.bump();
            if !matches!(self.peek(), Some('0'..='9')) {
                return Err(match self.bump() {
                    Some(c) => self.err(format!(
                        "Unexpected character ({}) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value",
                        char_desc(c)
                    )),
                    None => self.err("Unexpected end-of-input in numeric value"),
                });
            }
        }
        let first = self.peek();
        self.digits(&mut text);
        if first == Some('0') && text.trim_start_matches('-').len() > 1 {
            return Err(self.err("Invalid numeric value: Leading zeroes not allowed"));
        }
        if self.peek() == Some('.') {
            int = false;
            text.push('.');
            self.bump();
            if self.digits(&mut text) == 0 {
                return Err(match self.bump() {
                    Some(c) => self.err(format!(
                        "Unexpected character ({}) in numeric value: Decimal point not followed by a digit",
                        char_desc(c)
                    )),
                    None => self.err("Unexpected end-of-input in numeric value"),
                });
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            int = false;
            text.push('e');
            self.bump();
            if let Some(sign @ ('+' | '-')) = self.peek() {
                text.push(sign);
                self.bump();
            }
            if self.digits(&mut text) == 0 {
                return Err(match self.bump() {
                    Some(c) => self.err(format!(
                        "Unexpected character ({}) in numeric value: Exponent indicator not followed by a digit",
                        char_desc(c)
                    )),
                    None => self.err("Unexpected end-of-input in numeric value"),
                });
            }
        }
        Ok(Tok::Num(text, int))
    }

    fn digits(&mut self, out: &mut String) -> usize {
        let mut n = 0;
        while let Some(c @ '0'..='9') = self.peek() {
            out.push(c);
            self.bump();
            n += 1;
        }
        n
    }
}

/// Jackson's `('x' (code 120))` description of a character.
fn char_desc(c: char) -> String {
    if (c as u32) < 0x20 {
        format!("CTRL-CHAR, code {}", c as u32)
    } else {
        format!("{} (code {})", quote_char(c), c as u32)
    }
}

fn quote_char(c: char) -> String {
    format!("'{c}'")
}

/// `[Source: (String)"…"; line: L, column: C]`, with the source cut at
/// 500 characters as Jackson does.
pub(super) fn describe(src: &str, at: Loc) -> String {
    let mut out = String::from("[Source: (String)\"");
    let total = src.chars().count();
    if total > SOURCE_SHOWN {
        out.extend(src.chars().take(SOURCE_SHOWN));
        let _ = write!(out, "\"[truncated {} chars]", total - SOURCE_SHOWN);
    } else {
        out.push_str(src);
        out.push('"');
    }
    let _ = write!(out, "; line: {}, column: {}]", at.line, at.column);
    out
}
