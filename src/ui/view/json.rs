//! Pretty-printed JSON as coloured tokens for the JSON viewer. Text is
//! rendered as text nodes, never as markup.

use serde_json::Value;

/// What a token is, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Key,
    String,
    Number,
    Literal,
    Punctuation,
}

impl TokenKind {
    pub fn class(self) -> &'static str {
        match self {
            TokenKind::Key => "j-key",
            TokenKind::String => "j-str",
            TokenKind::Number => "j-num",
            TokenKind::Literal => "j-lit",
            TokenKind::Punctuation => "j-punct",
        }
    }
}

/// `value` pretty-printed with two-space indentation, as tokens.
pub fn tokens(value: &Value) -> Vec<(TokenKind, String)> {
    let mut out = Vec::new();
    walk(value, 0, &mut out);
    out
}

fn push(out: &mut Vec<(TokenKind, String)>, kind: TokenKind, text: impl Into<String>) {
    out.push((kind, text.into()));
}

fn walk(value: &Value, depth: usize, out: &mut Vec<(TokenKind, String)>) {
    let pad = |d: usize| "  ".repeat(d);
    match value {
        Value::Object(map) if map.is_empty() => push(out, TokenKind::Punctuation, "{}"),
        Value::Object(map) => {
            push(out, TokenKind::Punctuation, "{\n");
            for (i, (k, v)) in map.iter().enumerate() {
                push(out, TokenKind::Punctuation, pad(depth + 1));
                push(out, TokenKind::Key, Value::String(k.clone()).to_string());
                push(out, TokenKind::Punctuation, ": ");
                walk(v, depth + 1, out);
                push(
                    out,
                    TokenKind::Punctuation,
                    if i + 1 < map.len() { ",\n" } else { "\n" },
                );
            }
            push(out, TokenKind::Punctuation, format!("{}}}", pad(depth)));
        }
        Value::Array(items) if items.is_empty() => push(out, TokenKind::Punctuation, "[]"),
        Value::Array(items) => {
            push(out, TokenKind::Punctuation, "[\n");
            for (i, v) in items.iter().enumerate() {
                push(out, TokenKind::Punctuation, pad(depth + 1));
                walk(v, depth + 1, out);
                push(
                    out,
                    TokenKind::Punctuation,
                    if i + 1 < items.len() { ",\n" } else { "\n" },
                );
            }
            push(out, TokenKind::Punctuation, format!("{}]", pad(depth)));
        }
        Value::String(_) => push(out, TokenKind::String, value.to_string()),
        Value::Number(n) => push(out, TokenKind::Number, n.to_string()),
        Value::Bool(_) | Value::Null => push(out, TokenKind::Literal, value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn tokens_reassemble_into_pretty_json() {
        let v = json!({"detail-type": "KMS CMK Deletion", "resources": ["arn"], "n": 1, "ok": true, "e": {}});
        let text: String = tokens(&v).into_iter().map(|(_, t)| t).collect();
        assert_eq!(text, serde_json::to_string_pretty(&v).unwrap());
        assert_eq!(tokens(&v)[1], (TokenKind::Punctuation, "  ".into()));
        assert_eq!(tokens(&v)[2], (TokenKind::Key, "\"detail-type\"".into()));
    }
}
