//! Every validation bound the KMS operations have: waiting period, rotation
//! period, alias names, description length. A refused request changes
//! nothing.

use serde_json::json;

use super::support::*;
use crate::sim::WorldFile;

#[test]
fn waiting_period_is_7_to_30_days() {
    let mut w = world();
    let (id, _) = create(&mut w, json!({}));
    for (days, rule) in [
        (6, "greater than or equal to 7"),
        (31, "less than or equal to 30"),
        (0, "greater than or equal to 1"),
    ] {
        let before = WorldFile::of(&w).to_json();
        let e = err(
            &mut w,
            "ScheduleKeyDeletion",
            json!({"KeyId": id, "PendingWindowInDays": days}),
        );
        assert_eq!(e.code, "ValidationException");
        assert_eq!(
            e.message,
            format!(
                "1 validation error detected: Value '{days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value {rule}"
            )
        );
        assert_eq!(WorldFile::of(&w).to_json(), before, "a refused request changes nothing");
    }
    for days in [7, 30] {
        let (id, _) = create(&mut w, json!({}));
        assert_eq!(
            ok(
                &mut w,
                "ScheduleKeyDeletion",
                json!({"KeyId": id, "PendingWindowInDays": days})
            )["PendingWindowInDays"],
            days
        );
    }
    let (id, _) = create(&mut w, json!({}));
    assert_eq!(
        ok(&mut w, "ScheduleKeyDeletion", json!({"KeyId": id}))["PendingWindowInDays"],
        30
    );
}

#[test]
fn rotation_period_is_90_to_2560_days() {
    let mut w = world();
    let (id, _) = create(&mut w, json!({}));
    for (days, rule) in [
        (89, "greater than or equal to 90"),
        (2561, "less than or equal to 2560"),
    ] {
        let e = err(
            &mut w,
            "EnableKeyRotation",
            json!({"KeyId": id, "RotationPeriodInDays": days}),
        );
        assert_eq!(
            e.message,
            format!(
                "1 validation error detected: Value '{days}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value {rule}"
            )
        );
    }
    for days in [90, 2560] {
        ok(
            &mut w,
            "EnableKeyRotation",
            json!({"KeyId": id, "RotationPeriodInDays": days}),
        );
        assert_eq!(
            ok(&mut w, "GetKeyRotationStatus", json!({"KeyId": id}))["RotationPeriodInDays"],
            days
        );
    }
}

#[test]
fn alias_names() {
    let mut w = world();
    let (id, _) = create(&mut w, json!({}));
    let long = format!("alias/{}", "a".repeat(250));
    ok(&mut w, "CreateAlias", json!({"AliasName": long, "TargetKeyId": id}));
    let too_long = format!("alias/{}", "a".repeat(251));
    let e = err(&mut w, "CreateAlias", json!({"AliasName": too_long, "TargetKeyId": id}));
    assert!(
        e.message.contains("Member must have length less than or equal to 256"),
        "{}",
        e.message
    );
    let e = err(
        &mut w,
        "CreateAlias",
        json!({"AliasName": "alias/has space", "TargetKeyId": id}),
    );
    assert!(
        e.message
            .ends_with("Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"),
        "{}",
        e.message
    );
    for good in ["alias/a:b/c_d-e", "alias/X9"] {
        ok(&mut w, "CreateAlias", json!({"AliasName": good, "TargetKeyId": id}));
    }
}

#[test]
fn description_is_at_most_8192_characters() {
    let mut w = world();
    ok(&mut w, "CreateKey", json!({"Description": "d".repeat(8192)}));
    let e = err(&mut w, "CreateKey", json!({"Description": "d".repeat(8193)}));
    assert!(e
        .message
        .contains("at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192"));
    let (id, _) = create(&mut w, json!({}));
    ok(&mut w, "UpdateKeyDescription", json!({"KeyId": id, "Description": ""}));
}
