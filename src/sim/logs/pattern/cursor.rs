//! A character cursor over a pattern, and the parse error it reports.

use std::fmt;

/// Why a filter pattern could not be parsed: where, and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    /// 1-based character position in the pattern.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.column, self.message)
    }
}

impl std::error::Error for PatternError {}

pub(crate) struct Cursor {
    chars: Vec<char>,
    pos: usize,
}

impl Cursor {
    pub(crate) fn new(text: &str) -> Cursor {
        Cursor {
            chars: text.chars().collect(),
            pos: 0,
        }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    pub(crate) fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    pub(crate) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    pub(crate) fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// Consumes `text` if the input continues with it.
    pub(crate) fn eat(&mut self, text: &str) -> bool {
        let n = text.chars().count();
        if self.pos + n <= self.chars.len() && self.chars[self.pos..self.pos + n].iter().copied().eq(text.chars()) {
            self.pos += n;
            true
        } else {
            false
        }
    }

    pub(crate) fn looking_at(&self, text: &str) -> bool {
        let n = text.chars().count();
        self.pos + n <= self.chars.len() && self.chars[self.pos..self.pos + n].iter().copied().eq(text.chars())
    }

    /// The text between two positions.
    pub(crate) fn slice(&self, from: usize, to: usize) -> String {
        self.chars[from.min(self.chars.len())..to.min(self.chars.len())]
            .iter()
            .collect()
    }

    pub(crate) fn error_at(&self, pos: usize, message: impl Into<String>) -> PatternError {
        PatternError {
            column: pos + 1,
            message: message.into(),
        }
    }

    pub(crate) fn error(&self, message: impl Into<String>) -> PatternError {
        self.error_at(self.pos, message)
    }

    /// What the cursor is looking at, for error messages.
    pub(crate) fn describe_here(&self) -> String {
        match self.peek() {
            None => "the end of the pattern".to_owned(),
            Some(c) => format!("'{c}'"),
        }
    }
}
