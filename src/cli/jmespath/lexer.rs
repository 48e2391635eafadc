//! JMESPath tokens.

use serde_json::Value;

/// A token and the column it starts at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Ident(String),
    Quoted(String),
    Literal(Value),
    Number(i64),
    Dot,
    Star,
    Flatten,
    Filter,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    LParen,
    RParen,
    Comma,
    Colon,
    At,
    Expref,
    And,
    Or,
    Pipe,
    Not,
    Cmp(super::Cmp),
    Eof,
}

pub(crate) fn tokenize(expr: &str) -> Result<Vec<(Tok, usize)>, String> {
    let s: Vec<char> = expr.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |col: usize, msg: &str| format!("Bad value for --query {expr}: {msg} at column {col}");
    while i < s.len() {
        let c = s[i];
        let start = i;
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            'a'..='z' | 'A'..='Z' | '_' => {
                while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == '_') {
                    i += 1;
                }
                out.push((Tok::Ident(s[start..i].iter().collect()), start));
                continue;
            }
            '-' | '0'..='9' => {
                i += 1;
                while i < s.len() && s[i].is_ascii_digit() {
                    i += 1;
                }
                let text: String = s[start..i].iter().collect();
                let n = text.parse::<i64>().map_err(|_| err(start, "Unknown token"))?;
                out.push((Tok::Number(n), start));
                continue;
            }
            '"' | '\'' | '`' => {
                i += 1;
                let mut body = String::new();
                let mut closed = false;
                while i < s.len() {
                    if s[i] == '\\' && i + 1 < s.len() && (s[i + 1] == c || c == '"') {
                        body.push('\\');
                        body.push(s[i + 1]);
                        i += 2;
                        continue;
                    }
                    if s[i] == c {
                        closed = true;
                        i += 1;
                        break;
                    }
                    body.push(s[i]);
                    i += 1;
                }
                if !closed {
                    return Err(err(start, "Unclosed delimiter"));
                }
                let tok = match c {
                    '"' => {
                        let v: Value = serde_json::from_str(&format!("\"{body}\""))
                            .map_err(|_| err(start, "Invalid quoted identifier"))?;
                        Tok::Quoted(v.as_str().unwrap_or_default().to_owned())
                    }
                    '\'' => Tok::Literal(Value::String(body.replace("\\'", "'"))),
                    _ => {
                        let text = body.replace("\\`", "`");
                        let v = super::super::pyjson::loads(text.trim()).map_err(|_| err(start, "Bad token"))?;
                        Tok::Literal(v)
                    }
                };
                out.push((tok, start));
                continue;
            }
            _ => {}
        }
        let next = s.get(i + 1).copied();
        let (tok, len) = match (c, next) {
            ('.', _) => (Tok::Dot, 1),
            ('*', _) => (Tok::Star, 1),
            ('[', Some(']')) => (Tok::Flatten, 2),
            ('[', Some('?')) => (Tok::Filter, 2),
            ('[', _) => (Tok::LBracket, 1),
            (']', _) => (Tok::RBracket, 1),
            ('{', _) => (Tok::LBrace, 1),
            ('}', _) => (Tok::RBrace, 1),
            ('(', _) => (Tok::LParen, 1),
            (')', _) => (Tok::RParen, 1),
            (',', _) => (Tok::Comma, 1),
            (':', _) => (Tok::Colon, 1),
            ('@', _) => (Tok::At, 1),
            ('&', Some('&')) => (Tok::And, 2),
            ('&', _) => (Tok::Expref, 1),
            ('|', Some('|')) => (Tok::Or, 2),
            ('|', _) => (Tok::Pipe, 1),
            ('!', Some('=')) => (Tok::Cmp(super::Cmp::Ne), 2),
            ('!', _) => (Tok::Not, 1),
            ('=', Some('=')) => (Tok::Cmp(super::Cmp::Eq), 2),
            ('<', Some('=')) => (Tok::Cmp(super::Cmp::Le), 2),
            ('<', _) => (Tok::Cmp(super::Cmp::Lt), 1),
            ('>', Some('=')) => (Tok::Cmp(super::Cmp::Ge), 2),
            ('>', _) => (Tok::Cmp(super::Cmp::Gt), 1),
            _ => return Err(err(start, &format!("Unknown token '{c}'"))),
        };
        out.push((tok, start));
        i += len;
    }
    out.push((Tok::Eof, s.len()));
    Ok(out)
}
