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
