//! The leaf operators of the pattern language and how one event value is
//! tested against each: exact values, prefix/suffix, equals-ignore-case,
//! wildcard, anything-but in its forms, numeric ranges, exists and CIDR.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::Value;

/// A literal in a pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Str(String),
    /// A JSON number: its text, and its value scaled by 10^6 when it lies in
    /// the comparable range (±5e9, at most six decimals).
    Num {
        text: String,
        scaled: Option<i64>,
    },
    Bool(bool),
    Null,
}

/// One operator applied to the values of one field.
#[derive(Clone, Debug, PartialEq)]
pub enum Matcher {
    Exact(Literal),
    Prefix(String),
    PrefixIgnoreCase(String),
    Suffix(String),
    SuffixIgnoreCase(String),
    EqualsIgnoreCase(String),
    Wildcard(String),
    /// `anything-but` a list of strings or of numbers.
    AnythingBut(Vec<Literal>),
    AnythingButPrefix(Vec<String>),
    AnythingButSuffix(Vec<String>),
    AnythingButIgnoreCase(Vec<String>),
    AnythingButWildcard(Vec<String>),
    /// A numeric comparison; bounds are scaled by 10^6, with inclusivity.
    Numeric {
        low: Option<(i64, bool)>,
        high: Option<(i64, bool)>,
    },
    Exists(bool),
    Cidr(IpRange),
}

/// An inclusive range of IPv4 or IPv6 addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpRange {
    pub v6: bool,
    pub low: u128,
    pub high: u128,
    pub text_bits: u8,
}

/// The comparable range of numbers: ±5e9 with six decimals, scaled.
const LIMIT: i128 = 5_000_000_000_000_000;

/// Why a number cannot be compared (event-ruler's `ComparableNumber`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    TooPrecise,
    OutOfRange,
}

impl NumberError {
    pub fn message(self) -> &'static str {
        match self {
            NumberError::TooPrecise => "Only values upto 6 decimals are supported",
            NumberError::OutOfRange => "Value must be between -5.0E9 and 5.0E9, inclusive",
        }
    }
}

/// The value of a decimal number's text times 10^6, exactly.
pub fn scaled(text: &str) -> Result<i64, NumberError> {
    let (neg, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (
            &body[..i],
            body[i + 1..].parse::<i64>().map_err(|_| NumberError::OutOfRange)?,
        ),
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = int_part.chars().chain(frac_part.chars()).collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::OutOfRange);
    }
    // value = digits × 10^(exp − frac_len); normalise away trailing zeros.
    let mut e = exp.saturating_sub(frac_part.len() as i64);
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
        e = e.saturating_add(1);
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(0);
    }
    let shift = e.saturating_add(6);
    if shift < 0 {
        return Err(NumberError::TooPrecise);
    }
    if digits.len() as i64 + shift > 17 {
        return Err(NumberError::OutOfRange);
    }
    let mut v: i128 = digits.parse().map_err(|_| NumberError::OutOfRange)?;
    for _ in 0..shift {
        v *= 10;
    }
    if v > LIMIT {
        return Err(NumberError::OutOfRange);
    }
    Ok(if neg { -(v as i64) } else { v as i64 })
}

/// A pattern literal for a number's text.
pub fn number_literal(text: &str) -> Literal {
    Literal::Num {
        text: text.to_owned(),
        scaled: scaled(text).ok(),
    }
}

/// An event number's scaled value, if it is comparable.
fn event_scaled(n: &serde_json::Number) -> Option<i64> {
    // Integers, the usual case, without formatting and parsing the text:
    // `scaled` gives i × 10^6 for |i| ≤ 5 × 10^9 (LIMIT) and refuses the rest.
    if let Some(i) = n.as_i64() {
        return (i.unsigned_abs() as i128 * 1_000_000 <= LIMIT).then(|| i * 1_000_000);
    }
    scaled(&n.to_string()).ok()
}

impl Literal {
    /// Whether an event value equals this literal. Strings compare exactly;
    /// numbers by value (event-ruler inserts both a numeric and a literal
    /// matcher for a number, so `300` matches `300.0` and `3e2`); numbers
    /// outside the comparable range compare as doubles.
    pub fn equals(&self, v: &Value) -> bool {
        match (self, v) {
            (Literal::Str(s), Value::String(e)) => s == e,
            (Literal::Num { text, scaled }, Value::Number(n)) => {
                if let (Some(a), Some(b)) = (scaled, event_scaled(n)) {
                    return *a == b;
                }
                text == &n.to_string() || text.parse::<f64>().ok().zip(n.as_f64()).is_some_and(|(a, b)| a == b)
            }
            (Literal::Bool(a), Value::Bool(b)) => a == b,
            (Literal::Null, Value::Null) => true,
            _ => false,
        }
    }
}

impl Matcher {
    /// Whether one leaf value of the event satisfies the operator
    /// (`exists` is decided by the caller, which sees all values).
    pub fn test(&self, v: &Value) -> bool {
        let s = v.as_str();
        match self {
            Matcher::Exact(lit) => lit.equals(v),
            Matcher::Prefix(p) => s.is_some_and(|s| s.starts_with(p.as_str())),
            Matcher::PrefixIgnoreCase(p) => s.is_some_and(|s| {
                if ascii_pair(s, p) {
                    s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
                } else {
                    fold(s).starts_with(&fold(p))
                }
            }),
            Matcher::Suffix(p) => s.is_some_and(|s| s.ends_with(p.as_str())),
            Matcher::SuffixIgnoreCase(p) => s.is_some_and(|s| {
                if ascii_pair(s, p) {
                    s.len() >= p.len() && s.as_bytes()[s.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes())
                } else {
                    fold(s).ends_with(&fold(p))
                }
            }),
            Matcher::EqualsIgnoreCase(p) => s.is_some_and(|s| {
                if ascii_pair(s, p) {
                    s.eq_ignore_ascii_case(p)
                } else {
                    fold(s) == fold(p)
                }
            }),
            Matcher::Wildcard(w) => s.is_some_and(|s| wildcard_matches(w, s)),
            // Anything-but matches every value that is not excluded, whatever
            // its type: event-ruler compares quoted strings and bare numbers as
            // bytes, so a number is never one of the excluded strings.
            Matcher::AnythingBut(list) => !list.iter().any(|l| l.equals(v)),
            Matcher::AnythingButPrefix(list) => !s.is_some_and(|s| list.iter().any(|p| s.starts_with(p.as_str()))),
            Matcher::AnythingButSuffix(list) => !s.is_some_and(|s| list.iter().any(|p| s.ends_with(p.as_str()))),
            Matcher::AnythingButIgnoreCase(list) => !s.is_some_and(|s| {
                list.iter().any(|p| {
                    if ascii_pair(s, p) {
                        s.eq_ignore_ascii_case(p)
                    } else {
                        fold(s) == fold(p)
                    }
                })
            }),
            Matcher::AnythingButWildcard(list) => !s.is_some_and(|s| list.iter().any(|w| wildcard_matches(w, s))),
            Matcher::Numeric { low, high } => {
                let Some(x) = v.as_number().and_then(event_scaled) else {
                    return false;
                };
                low.is_none_or(|(b, inc)| if inc { x >= b } else { x > b })
                    && high.is_none_or(|(b, inc)| if inc { x <= b } else { x < b })
            }
            Matcher::Exists(_) => false,
            Matcher::Cidr(range) => s
                .and_then(parse_ip)
                .is_some_and(|(v6, addr)| v6 == range.v6 && addr >= range.low && addr <= range.high),
        }
    }
}

fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// Whether both texts are ASCII, where lower-casing is byte-wise and the
/// comparisons need no lower-cased copies (with any other character,
/// lower-casing can change lengths, so the copies are compared).
fn ascii_pair(s: &str, p: &str) -> bool {
    s.is_ascii() && p.is_ascii()
}

/// Checks a wildcard value as event-ruler does; `pos` counts UTF-8 bytes of
/// the value with its opening quote, as its messages do.
pub fn check_wildcard(w: &str) -> Result<(), String> {
    let bytes = w.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'*' if bytes.get(i + 1) == Some(&b'*') => {
                return Err(format!("Consecutive wildcard characters at pos {}", i + 1));
            }
            b'\\' => {
                if matches!(bytes.get(i + 1), Some(b'*' | b'\\')) {
                    i += 1;
                } else {
                    return Err(format!("Invalid escape character at pos {}", i + 1));
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// `*` matches any run of characters; `\*` and `\\` are literal.
fn wildcard_matches(w: &str, s: &str) -> bool {
    // Tokens: Some(c) literal, None star.
    let mut pat: Vec<Option<char>> = Vec::with_capacity(w.len());
    let mut chars = w.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => pat.push(None),
            '\\' => pat.push(Some(chars.next().unwrap_or('\\'))),
            c => pat.push(Some(c)),
        }
    }
    let text: Vec<char> = s.chars().collect();
    let (mut p, mut t) = (0, 0);
    let mut back: Option<(usize, usize)> = None;
    while t < text.len() {
        match pat.get(p) {
            Some(Some(c)) if *c == text[t] => {
                p += 1;
                t += 1;
            }
            Some(None) => {
                back = Some((p, t));
                p += 1;
            }
            _ => match back {
                Some((bp, bt)) => {
                    p = bp + 1;
                    t = bt + 1;
                    back = Some((bp, bt + 1));
                }
                None => return false,
            },
        }
    }
    pat[p..].iter().all(Option::is_none)
}

/// An IP address literal as event-ruler recognises one (its regular
/// expressions first, then the address parser): `(is IPv6, value)`.
pub fn parse_ip(s: &str) -> Option<(bool, u128)> {
    if looks_v4(s) {
        return s.parse::<Ipv4Addr>().ok().map(|a| (false, u32::from(a) as u128));
    }
    if looks_v6(s) {
        return s.parse::<Ipv6Addr>().ok().map(|a| (true, u128::from(a)));
    }
    None
}

fn looks_v4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn looks_v6(s: &str) -> bool {
    s.contains(':') && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
}

/// Parses a `cidr` operand with event-ruler's checks and messages.
pub fn parse_cidr(text: &str) -> Result<IpRange, String> {
    // Java's split drops trailing empty strings.
    let mut parts: Vec<&str> = text.split('/').collect();
    while parts.len() > 1 && parts.last() == Some(&"") {
        parts.pop();
    }
    if parts.len() != 2 {
        return Err("Malformed CIDR, one '/' required".into());
    }
    let bits_text = parts[1].strip_prefix('+').unwrap_or(parts[1]);
    let bits: i64 = match bits_text.parse::<i64>() {
        Ok(b) if bits_text.len() <= 10 => b,
        _ => return Err("Malformed CIDR, mask bits must be an integer".into()),
    };
    if bits < 0 {
        return Err("Malformed CIDR, mask bits must not be negative".into());
    }
    let ip = parts[0];
    let (v6, addr) = if looks_v4(ip) || looks_v6(ip) {
        parse_ip(ip).ok_or_else(|| format!("Invalid IP address: {ip}"))?
    } else {
        return Err(format!("Nonstandard IP address: {ip}"));
    };
    let width: i64 = if v6 { 128 } else { 32 };
    if bits > width - 1 {
        return Err(if v6 {
            "IPv6 mask bits must be < 128".into()
        } else {
            "IPv4 mask bits must be < 32".into()
        });
    }
    let host_bits = (width - bits) as u32;
    let host_mask: u128 = if host_bits >= 128 {
        u128::MAX
    } else {
        (1u128 << host_bits) - 1
    };
    // event-ruler keeps the given base address as the bottom of the range
    // and sets the host bits for the top.
    Ok(IpRange {
        v6,
        low: addr,
        high: addr | host_mask,
        text_bits: bits as u8,
    })
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Str(s) => write!(f, "{}", Value::String(s.clone())),
            Literal::Num { text, .. } => f.write_str(text),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Null => f.write_str("null"),
        }
    }
}

fn json_str(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}

fn json_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| json_str(s)).collect();
    if parts.len() == 1 {
        parts[0].clone()
    } else {
        format!("[{}]", parts.join(","))
    }
}

fn scaled_text(v: i64) -> String {
    let neg = v < 0;
    let a = v.unsigned_abs();
    let (int, frac) = (a / 1_000_000, a % 1_000_000);
    let mut s = if frac == 0 {
        int.to_string()
    } else {
        let f = format!("{frac:06}");
        format!("{int}.{}", f.trim_end_matches('0'))
    };
    if neg {
        s.insert(0, '-');
    }
    s
}

/// The operator in the pattern language's own syntax, for explanations.
impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Matcher::Exact(l) => write!(f, "{l}"),
            Matcher::Prefix(p) => write!(f, "{{\"prefix\":{}}}", json_str(p)),
            Matcher::PrefixIgnoreCase(p) => write!(f, "{{\"prefix\":{{\"equals-ignore-case\":{}}}}}", json_str(p)),
            Matcher::Suffix(p) => write!(f, "{{\"suffix\":{}}}", json_str(p)),
            Matcher::SuffixIgnoreCase(p) => write!(f, "{{\"suffix\":{{\"equals-ignore-case\":{}}}}}", json_str(p)),
            Matcher::EqualsIgnoreCase(p) => write!(f, "{{\"equals-ignore-case\":{}}}", json_str(p)),
            Matcher::Wildcard(w) => write!(f, "{{\"wildcard\":{}}}", json_str(w)),
            Matcher::AnythingBut(list) => {
                let parts: Vec<String> = list.iter().map(|l| l.to_string()).collect();
                if parts.len() == 1 {
                    write!(f, "{{\"anything-but\":{}}}", parts[0])
                } else {
                    write!(f, "{{\"anything-but\":[{}]}}", parts.join(","))
                }
            }
            Matcher::AnythingButPrefix(l) => write!(f, "{{\"anything-but\":{{\"prefix\":{}}}}}", json_list(l)),
            Matcher::AnythingButSuffix(l) => write!(f, "{{\"anything-but\":{{\"suffix\":{}}}}}", json_list(l)),
            Matcher::AnythingButIgnoreCase(l) => {
                write!(f, "{{\"anything-but\":{{\"equals-ignore-case\":{}}}}}", json_list(l))
            }
            Matcher::AnythingButWildcard(l) => write!(f, "{{\"anything-but\":{{\"wildcard\":{}}}}}", json_list(l)),
            Matcher::Numeric { low, high } => {
                let mut parts = Vec::new();
                match (low, high) {
                    (Some((l, li)), Some((h, hi))) if l == h && *li && *hi => {
                        parts.push(format!("\"=\",{}", scaled_text(*l)));
                    }
                    _ => {
                        if let Some((l, inc)) = low {
                            parts.push(format!("\"{}\",{}", if *inc { ">=" } else { ">" }, scaled_text(*l)));
                        }
                        if let Some((h, inc)) = high {
                            parts.push(format!("\"{}\",{}", if *inc { "<=" } else { "<" }, scaled_text(*h)));
                        }
                    }
                }
                write!(f, "{{\"numeric\":[{}]}}", parts.join(","))
            }
            Matcher::Exists(b) => write!(f, "{{\"exists\":{b}}}"),
            Matcher::Cidr(r) => {
                let base = if r.v6 {
                    Ipv6Addr::from(r.low).to_string()
                } else {
                    Ipv4Addr::from(r.low as u32).to_string()
                };
                write!(f, "{{\"cidr\":\"{base}/{}\"}}", r.text_bits)
            }
        }
    }
}
