//! Automatic, on-demand and AWS managed rotation.

use serde_json::json;

use super::support::*;
use crate::sim::time::DAY;
use crate::sim::{ManagedKeyRotation, Settings, World};

#[test]
fn yearly_rotation_emits_one_event_and_old_ciphertext_still_decrypts() {
    let mut w = world();
    let (id, arn) = create(&mut w, json!({}));
    let before = ok(&mut w, "DescribeKey", json!({"KeyId": id}))["KeyMetadata"]["CurrentKeyMaterialId"].clone();
    let blob = ok(&mut w, "Encrypt", json!({"KeyId": id, "Plaintext": b64_of("old")}))["CiphertextBlob"].clone();
    ok(&mut w, "EnableKeyRotation", json!({"KeyId": id}));
    let status = ok(&mut w, "GetKeyRotationStatus", json!({"KeyId": id}));
    assert_eq!(
        status,
        json!({"KeyRotationEnabled": true, "KeyId": arn, "RotationPeriodInDays": 365, "NextRotationDate": 1772442000.0 + 365.0 * 86400.0})
    );
    w.advance_by(365 * DAY - 1);
    assert!(bus_events(&w, "KMS CMK Rotation").is_empty());
    w.advance_by(1);
    let events = bus_events(&w, "KMS CMK Rotation");
    assert_eq!(events.len(), 1);
    let after = ok(&mut w, "DescribeKey", json!({"KeyId": id}))["KeyMetadata"]["CurrentKeyMaterialId"].clone();
    assert_ne!(before, after);
    assert_eq!(
        events[0]["detail"],
        json!({"key-id": id, "key-origin": "AWS_KMS", "rotation-type": "AUTOMATIC", "previous-key-material-id": before, "current-key-material-id": after})
    );
    assert_eq!(
        ok(&mut w, "Decrypt", json!({"CiphertextBlob": blob}))["Plaintext"],
        json!(b64_of("old"))
    );
    let rotations = ok(&mut w, "ListKeyRotations", json!({"KeyId": id}));
    assert_eq!(rotations["Rotations"][0]["RotationType"], "AUTOMATIC");
    assert_eq!(
        rotations["Rotations"][0]["RotationDate"],
        json!(1772442000.0 + 365.0 * 86400.0)
    );
    w.advance_by(365 * DAY);
    assert_eq!(bus_events(&w, "KMS CMK Rotation").len(), 2, "rotation continues yearly");
}

#[test]
fn a_disabled_key_rotates_when_it_is_enabled_again() {
    let mut w = world();
    let (id, _) = create(&mut w, json!({}));
    ok(
        &mut w,
        "EnableKeyRotation",
        json!({"KeyId": id, "RotationPeriodInDays": 90}),
    );
    ok(&mut w, "DisableKey", json!({"KeyId": id}));
    w.advance_by(100 * DAY);
    assert!(bus_events(&w, "KMS CMK Rotation").is_empty());
    ok(&mut w, "EnableKey", json!({"KeyId": id}));
    assert_eq!(bus_events(&w, "KMS CMK Rotation").len(), 1);
    assert_eq!(bus_events(&w, "KMS CMK Rotation")[0]["time"], w.now().iso_seconds());
}

#[test]
fn rotation_status_reads_false_while_pending_deletion_and_comes_back() {
    let mut w = world();
    let (id, _) = create(&mut w, json!({}));
    ok(&mut w, "EnableKeyRotation", json!({"KeyId": id}));
    ok(&mut w, "ScheduleKeyDeletion", json!({"KeyId": id}));
    assert_eq!(
        ok(&mut w, "GetKeyRotationStatus", json!({"KeyId": id}))["KeyRotationEnabled"],
        false
    );
    ok(&mut w, "CancelKeyDeletion", json!({"KeyId": id}));
    assert_eq!(
        ok(&mut w, "GetKeyRotationStatus", json!({"KeyId": id}))["KeyRotationEnabled"],
        true
    );
}

#[test]
fn on_demand_rotation_and_its_limits() {
    let mut w = world();
    let (id, arn) = create(&mut w, json!({}));
    assert_eq!(
        ok(&mut w, "RotateKeyOnDemand", json!({"KeyId": id})),
        json!({"KeyId": arn})
    );
    let events = bus_events(&w, "KMS CMK Rotation");
    assert_eq!(events[0]["detail"]["rotation-type"], "ON_DEMAND");
    for _ in 1..25 {
        ok(&mut w, "RotateKeyOnDemand", json!({"KeyId": id}));
    }
    assert_eq!(
        err(&mut w, "RotateKeyOnDemand", json!({"KeyId": id})).code,
        "LimitExceededException"
    );
    let (hmac, hmac_arn) = create(
        &mut w,
        json!({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}),
    );
    let e = err(&mut w, "EnableKeyRotation", json!({"KeyId": hmac}));
    assert_eq!(
        (e.code.as_str(), e.message),
        (
            "UnsupportedOperationException",
            format!("{hmac_arn} key spec is HMAC_256 which is not valid for this operation.")
        )
    );
}

#[test]
fn aws_managed_keys_rotate_on_the_settings_period() {
    for (setting, days) in [
        (ManagedKeyRotation::ThreeYears, 1095),
        (ManagedKeyRotation::OneYear, 365),
    ] {
        let mut w = World::new(
            3,
            Settings {
                managed_key_rotation: setting,
                ..Settings::default()
            },
        );
        w.advance_by(days * DAY - 1);
        assert!(bus_events(&w, "KMS CMK Rotation").is_empty());
        w.advance_by(1);
        assert_eq!(
            bus_events(&w, "KMS CMK Rotation").len(),
            3,
            "the three AWS managed keys rotate after {days} days"
        );
    }
}
