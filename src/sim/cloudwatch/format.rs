//! The text forms CloudWatch writes: numbers as Java prints doubles
//! (`864000.0`, `3.1536E7`), hand-ordered JSON documents with those numbers
//! (alarm reason data, SNS alarm messages, history data), Region long names,
//! and the date and URL forms of the alarm email.
//!
//! CloudWatch is a Java service: the numbers inside its reason strings and
//! JSON documents are `Double.toString` renderings, which `serde_json` does not
//! produce for large or tiny values. So those documents are written here, in
//! the field order AWS's samples show.

use chrono::{Datelike, Timelike};

use crate::sim::compact_json::needs_escape;
use crate::sim::time::SimTime;

/// Java's `Double.toString`: plain decimal with at least one fraction digit
/// for magnitudes in `[1e-3, 1e7)`, otherwise `d.dddE±n`.
pub(crate) fn java_double(v: f64) -> String {
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0" } else { "0.0" }.to_owned();
    }
    if v.is_nan() {
        return "NaN".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let a = v.abs();
    if (1e-3..1e7).contains(&a) {
        let s = format!("{v}");
        if s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    } else {
        let s = format!("{v:e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((s.as_str(), "0"));
        if mantissa.contains('.') {
            format!("{mantissa}E{exponent}")
        } else {
            format!("{mantissa}.0E{exponent}")
        }
    }
}

/// A value as Java's default `NumberFormat` renders it in CloudWatch's
/// "The value ... is invalid." messages: grouped integer digits, at most
/// three fraction digits (`179,769,313,486,231,570,000,...`, `0`, `-0`).
pub(crate) fn java_grouped(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "\u{fffd}".to_owned()
        } else if v > 0.0 {
            "\u{221e}".to_owned()
        } else {
            "-\u{221e}".to_owned()
        };
    }
    let negative = v.is_sign_negative();
    let a = v.abs();
    let body = if a >= 1e17 {
        // Java prints the 17 significant digits of the double, then zeros.
        let s = format!("{a:e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((s.as_str(), "0"));
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        let exponent: usize = exponent.parse().unwrap_or(0);
        let mut int = digits;
        while int.len() < exponent + 1 {
            int.push('0');
        }
        group(&int)
    } else {
        let rounded = (a * 1000.0).round() / 1000.0;
        let int = rounded.trunc();
        let frac = ((rounded - int) * 1000.0).round() as u64;
        let mut s = group(&format!("{}", int as u64));
        if frac > 0 {
            let f = format!("{frac:03}");
            s.push('.');
            s.push_str(f.trim_end_matches('0'));
        }
        s
    };
    if negative {
        format!("-{body}")
    } else {
        body
    }
}

fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A JSON value written in a fixed member order with Java's number forms.
#[derive(Clone, Debug)]
pub(crate) enum J {
    Str(String),
    /// A double, written as Java writes it (`1.0`, `3.1536E7`).
    Num(f64),
    Int(i64),
    Bool(bool),
    Null,
    Arr(Vec<J>),
    Obj(Vec<(&'static str, J)>),
    /// An object whose keys are data (dimension maps).
    Map(Vec<(String, J)>),
    /// Already-serialised JSON text, embedded as is.
    Raw(String),
}

impl J {
    pub(crate) fn str(s: impl Into<String>) -> J {
        J::Str(s.into())
    }

    pub(crate) fn opt_str(s: Option<&str>) -> J {
        s.map_or(J::Null, J::str)
    }

    pub(crate) fn strs(items: &[String]) -> J {
        J::Arr(items.iter().map(|s| J::Str(s.clone())).collect())
    }

    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Str(s) => push_quoted(out, s),
            J::Num(v) => {
                if v.is_finite() {
                    out.push_str(&java_double(*v));
                } else {
                    out.push_str("null");
                }
            }
            J::Int(i) => out.push_str(&i.to_string()),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Null => out.push_str("null"),
            J::Raw(text) => out.push_str(text),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_quoted(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
            J::Map(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_quoted(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Appends `s` as a JSON string literal: `"` and `\\` escaped, control
/// characters as `\n`-style or `\u00XX` escapes, everything else as is.
fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs an escape (messages
        // embed long texts: the e-mail body, the alarm JSON).
        if let Some(word) = bytes.get(i..i + 8) {
            if !needs_escape(word) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[plain..i - 1]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(escape);
        }
        plain = i;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// `2026-03-02T09:00:00.000+0000` (as `SimTime::iso_plus0000`, without
/// parsing a format string on every call: notifications write many).
pub(crate) fn plus0000(t: SimTime) -> String {
    let dt = t.to_datetime();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+0000",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        t.millis().rem_euclid(1000)
    )
}

/// `02/03/26 09:00:00` (as `SimTime::reason_short`).
pub(crate) fn short(t: SimTime) -> String {
    let dt = t.to_datetime();
    format!(
        "{:02}/{:02}/{:02} {:02}:{:02}:{:02}",
        dt.day(),
        dt.month(),
        dt.year().rem_euclid(100),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

/// The long name AWS uses for a Region in alarm notifications
/// (`US West (Oregon)`); the code itself for Regions not listed.
pub(crate) fn region_long_name(code: &str) -> String {
    const NAMES: [(&str, &str); 27] = [
        ("us-east-1", "US East (N. Virginia)"),
        ("us-east-2", "US East (Ohio)"),
        ("us-west-1", "US West (N. California)"),
        ("us-west-2", "US West (Oregon)"),
        ("af-south-1", "Africa (Cape Town)"),
        ("ap-east-1", "Asia Pacific (Hong Kong)"),
        ("ap-south-1", "Asia Pacific (Mumbai)"),
        ("ap-south-2", "Asia Pacific (Hyderabad)"),
        ("ap-northeast-1", "Asia Pacific (Tokyo)"),
        ("ap-northeast-2", "Asia Pacific (Seoul)"),
        ("ap-northeast-3", "Asia Pacific (Osaka)"),
        ("ap-southeast-1", "Asia Pacific (Singapore)"),
        ("ap-southeast-2", "Asia Pacific (Sydney)"),
        ("ap-southeast-3", "Asia Pacific (Jakarta)"),
        ("ap-southeast-4", "Asia Pacific (Melbourne)"),
        ("ca-central-1", "Canada (Central)"),
        ("eu-central-1", "EU (Frankfurt)"),
        ("eu-central-2", "EU (Zurich)"),
        ("eu-west-1", "EU (Ireland)"),
        ("eu-west-2", "EU (London)"),
        ("eu-west-3", "EU (Paris)"),
        ("eu-north-1", "EU (Stockholm)"),
        ("eu-south-1", "EU (Milan)"),
        ("eu-south-2", "EU (Spain)"),
        ("me-south-1", "Middle East (Bahrain)"),
        ("me-central-1", "Middle East (UAE)"),
        ("sa-east-1", "South America (Sao Paulo)"),
    ];
    NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, name)| (*name).to_owned())
}

/// `Sunday 15 June, 2025 12:07:17 UTC`: instants in the alarm email.
pub(crate) fn email_date(t: SimTime) -> String {
    t.to_datetime().format("%A %d %B, %Y %H:%M:%S UTC").to_string()
}

/// JavaScript's `encodeURIComponent`, as the console deep link uses it.
pub(crate) fn uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `n thing` / `n things`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_as_java_prints_them() {
        assert_eq!(java_double(1.0), "1.0");
        assert_eq!(java_double(864000.0), "864000.0");
        assert_eq!(java_double(99.50160229693434), "99.50160229693434");
        assert_eq!(java_double(31_536_000.0), "3.1536E7");
        assert_eq!(java_double(1e7), "1.0E7");
        assert_eq!(java_double(0.0001234), "1.234E-4");
        assert_eq!(java_double(-2.5), "-2.5");
        assert_eq!(java_double(0.0), "0.0");
    }

    #[test]
    fn grouped_values_match_the_invalid_value_messages() {
        assert_eq!(java_grouped(f64::MAX).len(), 309 + 102);
        assert!(java_grouped(f64::MAX).starts_with("179,769,313,486,231,570,000,"));
        assert!(java_grouped(2f64.powi(361)).starts_with("4,697,085,165,547,666,"));
        assert_eq!(java_grouped(2f64.powi(-361)), "0");
        assert_eq!(java_grouped(-(2f64.powi(-361))), "-0");
        assert_eq!(java_grouped(1234.5), "1,234.5");
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut long = String::new();
        for i in 0..200 {
            long.push_str("Threshold Crossed: ünïcödé text ");
            if i % 9 == 0 {
                long.push(['"', '\\', '\n', '\u{1}', '\r', '\u{8}', '\u{c}', '\t', '\u{1f}'][(i / 9) % 9]);
            }
        }
        for s in [long.as_str(), "", "\"", "abcdefgh\u{0}", "\u{7f}é"] {
            assert_eq!(J::str(s).to_json(), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn json_keeps_member_order_and_java_numbers() {
        let doc = J::Obj(vec![
            ("b", J::Num(3.1536e7)),
            ("a", J::Arr(vec![J::Int(1), J::Null, J::str("x\"y")])),
            ("m", J::Map(vec![("KeyId".into(), J::str("k"))])),
        ]);
        assert_eq!(doc.to_json(), r#"{"b":3.1536E7,"a":[1,null,"x\"y"],"m":{"KeyId":"k"}}"#);
    }

    #[test]
    fn quoting_and_dates_match_serde_and_time() {
        for text in ["plain", "a \"q\" \\ b\n\t\r\u{1}\u{8}\u{c}", "日本語 é", ""] {
            let mut quoted = String::new();
            push_quoted(&mut quoted, text);
            assert_eq!(quoted, serde_json::to_string(text).unwrap());
        }
        for ms in [0, 1_772_442_000_123, 253_402_300_799_999] {
            let t = SimTime::from_millis(ms);
            assert_eq!(plus0000(t), t.iso_plus0000());
            assert_eq!(short(t), t.reason_short());
        }
    }

    #[test]
    fn email_forms() {
        let t = SimTime::parse("2025-06-15T12:07:17Z").unwrap();
        assert_eq!(email_date(t), "Sunday 15 June, 2025 12:07:17 UTC");
        assert_eq!(uri_component("Dummy composite alarm"), "Dummy%20composite%20alarm");
        assert_eq!(region_long_name("us-west-2"), "US West (Oregon)");
    }
}
