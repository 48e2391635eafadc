//! The writer against serde_json's `to_string` on every kind of value.

use serde_json::{json, Value};

use super::to_string;

fn same(v: &Value) {
    assert_eq!(to_string(v), v.to_string(), "{v:?}");
}

#[test]
fn every_escape_and_character_class_matches_serde_json() {
    let mut all = String::new();
    for c in (0u32..0x300).chain([0x7F, 0x2028, 0x2029, 0xFFFD, 0xFFFF, 0x1F600, 0x10FFFF]) {
        if let Some(c) = char::from_u32(c) {
            all.push(c);
            same(&Value::String(c.to_string()));
            same(&json!({ c.to_string(): c.to_string() }));
        }
    }
    same(&Value::String(all));
    same(&json!("plain"));
    same(&json!(""));
    same(&json!("ends with escape\n"));
    same(&json!("\"quoted\" and \\back\\slashed/"));
}

#[test]
fn numbers_match_serde_json() {
    for v in [
        json!(0),
        json!(-0.0),
        json!(1.0),
        json!(1.5),
        json!(-2.25),
        json!(1e300),
        json!(1e-7),
        json!(0.1),
        json!(123456789.123),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(i64::MAX),
        json!(-1),
        json!(864000),
        json!(1772442000.0),
        json!(1618253910.272),
        json!(f64::MAX),
        json!(f64::MIN_POSITIVE),
    ] {
        same(&v);
    }
}

#[test]
fn structures_match_serde_json() {
    same(&json!(null));
    same(&json!(true));
    same(&json!(false));
    same(&json!([]));
    same(&json!({}));
    same(&json!([[], {}, [null], {"a": []}]));
    same(&json!({
        "version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "KMS CMK Rotation",
        "source": "aws.kms", "account": "111122223333", "time": "2026-03-02T09:00:00Z", "region": "us-west-2",
        "resources": ["arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
        "detail": {"key-id": "1234abcd", "nested": {"list": [1, 2.5, "x", {"deep": [true, null]}]}, "e": "\u{1}"}
    }));
}

#[test]
fn the_word_check_finds_exactly_the_bytes_that_need_an_escape() {
    for v in 0u8..=255 {
        for at in 0..8 {
            let mut word = *b"abcdefgh";
            word[at] = v;
            let expected = v < 0x20 || v == b'"' || v == b'\\';
            assert_eq!(super::needs_escape(&word), expected, "byte {v:#x} at {at}");
        }
    }
    // Pseudo-random words, including non-ASCII bytes next to controls.
    let mut seed = 7u64;
    for _ in 0..100_000 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let word = seed.to_le_bytes();
        let expected = word.iter().any(|&v| v < 0x20 || v == b'"' || v == b'\\');
        assert_eq!(super::needs_escape(&word), expected, "{word:?}");
    }
}

#[test]
fn long_strings_with_sparse_escapes_match_serde_json() {
    let mut s = String::new();
    for i in 0..300 {
        s.push_str("plain text with ünïcödé ");
        if i % 7 == 0 {
            s.push(['"', '\\', '\n', '\u{1}', '\t'][i % 5]);
        }
    }
    same(&Value::String(s.clone()));
    same(&json!({ "k": s, "n": [1, 2.5, "x\u{1f}y"] }));
}
