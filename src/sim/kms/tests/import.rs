//! Importing key material: tokens, unwrapping, expiry at `ValidTo`,
//! re-import, deletion, and the countdown metric KMS publishes.

use serde_json::json;

use super::support::*;
use crate::sim::cloudwatch::MetricUpdate;
use crate::sim::ctx::Effect;
use crate::sim::time::{DAY, HOUR, MINUTE};

#[test]
fn material_expires_at_exactly_valid_to_and_can_be_reimported() {
    let mut w = world();
    let (id, arn) = create(&mut w, json!({"Origin": "EXTERNAL"}));
    let valid_to = w.now().plus(12 * DAY);
    let out = import(&mut w, &id, &[1u8; 32], valid_to);
    assert_eq!(out["KeyId"], arn);
    assert_eq!(out["KeyMaterialId"].as_str().unwrap().len(), 64);
    let meta = ok(&mut w, "DescribeKey", json!({"KeyId": id}))["KeyMetadata"].clone();
    assert_eq!(meta["KeyState"], "Enabled");
    assert_eq!(meta["ExpirationModel"], "KEY_MATERIAL_EXPIRES");
    assert_eq!(meta["ValidTo"], json!(valid_to.epoch_seconds()));
    let blob = ok(&mut w, "Encrypt", json!({"KeyId": id, "Plaintext": b64_of("kept")}))["CiphertextBlob"].clone();

    w.advance_to(valid_to.plus(-1));
    assert_eq!(state(&mut w, &id), "Enabled");
    assert!(bus_events(&w, "KMS Imported Key Material Expiration").is_empty());
    w.advance_to(valid_to);
    assert_eq!(state(&mut w, &id), "PendingImport");
    let events = bus_events(&w, "KMS Imported Key Material Expiration");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["time"], valid_to.iso_seconds());
    assert_eq!(events[0]["resources"], json!([arn]));
    assert_eq!(events[0]["detail"], json!({"key-id": id}));
    let record = w
        .services()
        .cloudtrail
        .history()
        .find(|r| r.event_name == "DeleteExpiredKeyMaterial")
        .unwrap();
    assert_eq!(record.event_time, valid_to);
    let meta = ok(&mut w, "DescribeKey", json!({"KeyId": id}))["KeyMetadata"].clone();
    assert_eq!(
        (meta["ExpirationModel"].clone(), meta["ValidTo"].clone()),
        (json!("KEY_MATERIAL_EXPIRES"), json!(valid_to.epoch_seconds()))
    );

    // Different material: refused; the same material: accepted, and the old
    // ciphertext decrypts again.
    let mut other = wrapped_import(&mut w, &id, "RSAES_OAEP_SHA_256", &[2u8; 32]);
    other["ExpirationModel"] = json!("KEY_MATERIAL_DOES_NOT_EXPIRE");
    assert_eq!(
        err(&mut w, "ImportKeyMaterial", other).code,
        "IncorrectKeyMaterialException"
    );
    let mut same = wrapped_import(&mut w, &id, "RSA_AES_KEY_WRAP_SHA_256", &[1u8; 32]);
    same["ExpirationModel"] = json!("KEY_MATERIAL_DOES_NOT_EXPIRE");
    ok(&mut w, "ImportKeyMaterial", same);
    assert_eq!(state(&mut w, &id), "Enabled");
    let meta = ok(&mut w, "DescribeKey", json!({"KeyId": id}))["KeyMetadata"].clone();
    assert_eq!(meta["ExpirationModel"], "KEY_MATERIAL_DOES_NOT_EXPIRE");
    assert!(meta.get("ValidTo").is_none());
    let plain = ok(&mut w, "Decrypt", json!({"CiphertextBlob": blob}))["Plaintext"].clone();
    assert_eq!(plain, json!(b64_of("kept")));
}

#[test]
fn every_wrapping_algorithm_imports() {
    for alg in [
        "RSAES_OAEP_SHA_1",
        "RSAES_OAEP_SHA_256",
        "RSA_AES_KEY_WRAP_SHA_1",
        "RSA_AES_KEY_WRAP_SHA_256",
    ] {
        let mut w = world();
        let (id, _) = create(&mut w, json!({"Origin": "EXTERNAL"}));
        let mut params = wrapped_import(&mut w, &id, alg, &[5u8; 32]);
        params["ExpirationModel"] = json!("KEY_MATERIAL_DOES_NOT_EXPIRE");
        ok(&mut w, "ImportKeyMaterial", params);
        assert_eq!(state(&mut w, &id), "Enabled", "{alg}");
    }
}

#[test]
fn tokens_expire_after_24_hours_and_belong_to_one_key() {
    let mut w = world();
    let (id, _) = create(&mut w, json!({"Origin": "EXTERNAL"}));
    let (other, _) = create(&mut w, json!({"Origin": "EXTERNAL"}));
    let mut params = wrapped_import(&mut w, &id, "RSAES_OAEP_SHA_256", &[3u8; 32]);
    params["ExpirationModel"] = json!("KEY_MATERIAL_DOES_NOT_EXPIRE");
    let mut foreign = params.clone();
    foreign["KeyId"] = json!(other);
    assert_eq!(
        err(&mut w, "ImportKeyMaterial", foreign).code,
        "InvalidImportTokenException"
    );
    w.advance_by(24 * HOUR + 1);
    let e = err(&mut w, "ImportKeyMaterial", params);
    assert_eq!(e.code, "ExpiredImportTokenException");
    assert_eq!(state(&mut w, &id), "PendingImport");
}

#[test]
fn wrong_wrapping_is_an_invalid_ciphertext() {
    let mut w = world();
    let (id, _) = create(&mut w, json!({"Origin": "EXTERNAL"}));
    let mut params = wrapped_import(&mut w, &id, "RSAES_OAEP_SHA_256", &[3u8; 32]);
    params["EncryptedKeyMaterial"] = json!(b64_of("definitely not wrapped material"));
    params["ExpirationModel"] = json!("KEY_MATERIAL_DOES_NOT_EXPIRE");
    assert_eq!(
        err(&mut w, "ImportKeyMaterial", params).code,
        "InvalidCiphertextException"
    );
    let mut short = wrapped_import(&mut w, &id, "RSAES_OAEP_SHA_256", &[3u8; 16]);
    short["ExpirationModel"] = json!("KEY_MATERIAL_DOES_NOT_EXPIRE");
    assert_eq!(
        err(&mut w, "ImportKeyMaterial", short).code,
        "IncorrectKeyMaterialException"
    );
}

#[test]
fn valid_to_rules() {
    let mut w = world();
    let (id, _) = create(&mut w, json!({"Origin": "EXTERNAL"}));
    let base = wrapped_import(&mut w, &id, "RSAES_OAEP_SHA_256", &[3u8; 32]);
    let now = w.now();
    for (valid_to, model) in [
        (None, None),
        (Some(now.plus(-MINUTE)), None),
        (Some(now.plus(365 * DAY + MINUTE)), None),
        (Some(now.plus(DAY)), Some("KEY_MATERIAL_DOES_NOT_EXPIRE")),
    ] {
        let mut p = base.clone();
        if let Some(t) = valid_to {
            p["ValidTo"] = json!(t.iso_millis());
        }
        if let Some(m) = model {
            p["ExpirationModel"] = json!(m);
        }
        let e = err(&mut w, "ImportKeyMaterial", p.clone());
        assert_eq!(e.code, "ValidationException", "{p}");
        assert!(e.input);
    }
    let mut p = base;
    p["ValidTo"] = json!(now.plus(365 * DAY).iso_millis());
    ok(&mut w, "ImportKeyMaterial", p);
}

#[test]
fn deleting_imported_material_waits_for_a_new_import() {
    let mut w = world();
    let (id, arn) = external_key(&mut w, 30);
    let out = ok(&mut w, "DeleteImportedKeyMaterial", json!({"KeyId": id}));
    assert_eq!(out["KeyId"], arn);
    assert_eq!(state(&mut w, &id), "PendingImport");
    w.advance_by(31 * DAY);
    assert!(
        bus_events(&w, "KMS Imported Key Material Expiration").is_empty(),
        "deleted material does not expire later"
    );
    // On a key pending deletion the state stays.
    let (id2, _) = external_key(&mut w, 30);
    ok(&mut w, "ScheduleKeyDeletion", json!({"KeyId": id2}));
    ok(&mut w, "DeleteImportedKeyMaterial", json!({"KeyId": id2}));
    assert_eq!(state(&mut w, &id2), "PendingDeletion");
    // Cancelling then leaves it waiting for material (reference §10 q3).
    ok(&mut w, "CancelKeyDeletion", json!({"KeyId": id2}));
    assert_eq!(state(&mut w, &id2), "PendingImport");
}

#[test]
fn import_publishes_the_expiry_countdown_and_deletion_ends_it() {
    let mut w = world();
    w.advance_by(30 * 1000);
    let (id, _) = create(&mut w, json!({"Origin": "EXTERNAL"}));
    let valid_to = w.now().plus(12 * DAY);
    import(&mut w, &id, &[1u8; 32], valid_to);
    let countdowns: Vec<_> = w
        .routed
        .iter()
        .filter_map(|e| match e {
            Effect::Metric(MetricUpdate::StartCountdown {
                metric,
                unit,
                from,
                until,
            }) => Some((metric.clone(), unit.clone(), *from, *until)),
            _ => None,
        })
        .collect();
    assert_eq!(countdowns.len(), 1);
    let (metric, unit, from, until) = &countdowns[0];
    assert_eq!(
        (metric.namespace.as_str(), metric.name.as_str()),
        ("AWS/KMS", "SecondsUntilKeyMaterialExpiration")
    );
    assert_eq!(metric.dimensions, vec![("KeyId".to_string(), id.clone())]);
    assert_eq!(unit, "Seconds");
    assert_eq!(*from, w.now().ceil_to(MINUTE));
    assert_eq!(*until, valid_to);
    ok(
        &mut w,
        "ScheduleKeyDeletion",
        json!({"KeyId": id, "PendingWindowInDays": 7}),
    );
    w.advance_by(7 * DAY);
    assert!(w
        .routed
        .iter()
        .any(|e| matches!(e, Effect::Metric(MetricUpdate::StopCountdown { .. }))));
}
