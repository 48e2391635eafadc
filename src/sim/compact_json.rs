//! JSON text of a `serde_json::Value`, byte for byte what `Value::to_string`
//! writes (compact, serde_json's escapes), without serde's serializer.
//!
//! Events delivered to targets, CloudTrail records delivered to log groups
//! and SNS envelopes are written as text on the request path and on every
//! timed action; through serde's generic serializer (built for size, as the
//! app is) that cost several times the rest of a delivery. A test compares
//! this writer with serde_json's on every kind of value.

use serde_json::{Number, Value};

/// `value` as compact JSON text, identical to `value.to_string()`.
pub fn to_string(value: &Value) -> String {
    let mut out = Vec::with_capacity(256);
    write_value(&mut out, value);
    // Only whole UTF-8 strings and ASCII are written.
    String::from_utf8(out).unwrap_or_else(|_| value.to_string())
}

fn write_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, item);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            out.push(b'{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(out, k);
                out.push(b':');
                write_value(out, v);
            }
            out.push(b'}');
        }
    }
}

fn write_number(out: &mut Vec<u8>, n: &Number) {
    if let Some(u) = n.as_u64() {
        write_u64(out, u);
    } else if let Some(i) = n.as_i64() {
        // Only negative integers reach here (non-negative ones are u64).
        out.push(b'-');
        write_u64(out, i.unsigned_abs());
    } else {
        // Floats: serde_json's own formatting (ryu), kept exactly.
        out.extend_from_slice(n.to_string().as_bytes());
    }
}

fn write_u64(out: &mut Vec<u8>, mut u: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// A string with serde_json's escapes: `"` and `\`, and the control
/// characters (`\b \t \n \f \r`, the rest as `\u00XX`); everything else,
/// non-ASCII included, verbatim. Runs of eight bytes that need no escape
/// are skipped a word at a time.
fn write_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8) {
            if !needs_escape(word) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0A => b"\\n",
            0x0C => b"\\f",
            0x0D => b"\\r",
            0x00..=0x1F => &[],
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 15)],
            ]);
        } else {
            out.extend_from_slice(escape);
        }
        i += 1;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Whether any of eight bytes is a control byte, `"` or `\` (the classic
/// "has a byte less than n" and "has a zero byte" word tricks, exact for
/// the existence of such a byte).
pub(crate) fn needs_escape(word: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut a = [0u8; 8];
    a.copy_from_slice(word);
    let w = u64::from_le_bytes(a);
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let control = below(w, 0x20);
    let quote = below(w ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(w ^ (ONES * u64::from(b'\\')), 1);
    control | quote | backslash != 0
}

#[cfg(test)]
mod tests;
