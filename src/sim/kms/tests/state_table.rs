//! The key-state × operation table (reference §1.4): every cell that applies
//! to the modelled operations, with AWS's error code and message.

use serde_json::{json, Value};

use super::support::*;
use crate::sim::World;

/// A world with one key in the named state, its id and ARN, and a ciphertext
/// made while the key was usable (empty for keys that never were).
fn key_in(state: &str) -> (World, String, String, String) {
    key_with_alias_in(state, None)
}

/// As `key_in`, with `alias` pointing at the key before it enters `state`.
fn key_with_alias_in(state: &str, alias: Option<&str>) -> (World, String, String, String) {
    let mut w = world();
    let (id, arn) = match state {
        "PendingImport" => create(&mut w, json!({"Origin": "EXTERNAL"})),
        s if s.starts_with("External") => external_key(&mut w, 30),
        _ => create(&mut w, json!({})),
    };
    if let Some(alias) = alias {
        ok(&mut w, "CreateAlias", json!({"AliasName": alias, "TargetKeyId": id}));
    }
    let blob = if state == "PendingImport" {
        String::new()
    } else {
        ok(&mut w, "Encrypt", json!({"KeyId": id, "Plaintext": b64_of("secret")}))["CiphertextBlob"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    match state {
        "Disabled" | "ExternalDisabled" => {
            ok(&mut w, "DisableKey", json!({"KeyId": id}));
        }
        "PendingDeletion" | "ExternalPendingDeletion" => {
            ok(
                &mut w,
                "ScheduleKeyDeletion",
                json!({"KeyId": id, "PendingWindowInDays": 7}),
            );
        }
        _ => {}
    }
    (w, id, arn, blob)
}

fn params(op: &str, id: &str, blob: &str) -> Value {
    match op {
        "CreateAlias" => json!({"AliasName": "alias/table", "TargetKeyId": id}),
        "Encrypt" => json!({"KeyId": id, "Plaintext": b64_of("x")}),
        "Decrypt" => json!({"CiphertextBlob": blob}),
        "ReEncrypt" => json!({"CiphertextBlob": blob, "DestinationKeyId": id}),
        "GenerateDataKey" | "GenerateDataKeyWithoutPlaintext" => json!({"KeyId": id, "KeySpec": "AES_256"}),
        "ListAliases" => json!({"KeyId": id}),
        "GetParametersForImport" => {
            json!({"KeyId": id, "WrappingAlgorithm": "RSAES_OAEP_SHA_256", "WrappingKeySpec": "RSA_2048"})
        }
        "ImportKeyMaterial" => {
            json!({"KeyId": id, "ImportToken": "AAAA", "EncryptedKeyMaterial": "AAAA", "ValidTo": 1775034000.0})
        }
        "ScheduleKeyDeletion" => json!({"KeyId": id, "PendingWindowInDays": 7}),
        "TagResource" => json!({"KeyId": id, "Tags": [{"TagKey": "team", "TagValue": "a"}]}),
        "UntagResource" => json!({"KeyId": id, "TagKeys": ["team"]}),
        "UpdateKeyDescription" => json!({"KeyId": id, "Description": "d"}),
        _ => json!({"KeyId": id}),
    }
}

/// `Ok`, or the error code and message (`{arn}` stands for the key ARN).
type Cell = Result<(), (&'static str, &'static str)>;
const OK: Cell = Ok(());
const NOT_PENDING: Cell = Err(("KMSInvalidStateException", "{arn} is not pending deletion."));
const DISABLED: Cell = Err(("DisabledException", "{arn} is disabled."));
const PENDING_DELETION: Cell = Err(("KMSInvalidStateException", "{arn} is pending deletion."));
const PENDING_IMPORT: Cell = Err(("KMSInvalidStateException", "{arn} is pending import."));
const NOT_EXTERNAL: Cell = Err((
    "UnsupportedOperationException",
    "{arn} origin is AWS_KMS which is not valid for this operation.",
));
const EXTERNAL: Cell = Err((
    "UnsupportedOperationException",
    "{arn} origin is EXTERNAL which is not valid for this operation.",
));
const BAD_TOKEN: Cell = Err((
    "InvalidImportTokenException",
    "The import token is invalid or was issued for another KMS key.",
));

#[rustfmt::skip]
const TABLE: &[(&str, [Cell; 7])] = &[
    // operation                      Enabled  Disabled  PendingDeletion   PendingImport   Ext.Enabled  Ext.Disabled  Ext.PendingDeletion
    ("CancelKeyDeletion",           [NOT_PENDING, NOT_PENDING, OK, NOT_PENDING, NOT_PENDING, NOT_PENDING, OK]),
    ("CreateAlias",                 [OK, OK, PENDING_DELETION, OK, OK, OK, PENDING_DELETION]),
    ("Encrypt",                     [OK, DISABLED, PENDING_DELETION, PENDING_IMPORT, OK, DISABLED, PENDING_DELETION]),
    ("Decrypt",                     [OK, DISABLED, PENDING_DELETION, OK, OK, DISABLED, PENDING_DELETION]),
    ("ReEncrypt",                   [OK, DISABLED, PENDING_DELETION, OK, OK, DISABLED, PENDING_DELETION]),
    ("GenerateDataKey",             [OK, DISABLED, PENDING_DELETION, PENDING_IMPORT, OK, DISABLED, PENDING_DELETION]),
    ("GenerateDataKeyWithoutPlaintext", [OK, DISABLED, PENDING_DELETION, PENDING_IMPORT, OK, DISABLED, PENDING_DELETION]),
    ("DescribeKey",                 [OK, OK, OK, OK, OK, OK, OK]),
    ("ListAliases",                 [OK, OK, OK, OK, OK, OK, OK]),
    ("ListResourceTags",            [OK, OK, OK, OK, OK, OK, OK]),
    ("GetKeyPolicy",                [OK, OK, OK, OK, OK, OK, OK]),
    ("DeleteImportedKeyMaterial",   [NOT_EXTERNAL, NOT_EXTERNAL, NOT_EXTERNAL, OK, OK, OK, OK]),
    ("DisableKey",                  [OK, OK, PENDING_DELETION, PENDING_IMPORT, OK, OK, PENDING_DELETION]),
    ("EnableKey",                   [OK, OK, PENDING_DELETION, PENDING_IMPORT, OK, OK, PENDING_DELETION]),
    ("EnableKeyRotation",           [OK, DISABLED, PENDING_DELETION, EXTERNAL, EXTERNAL, EXTERNAL, EXTERNAL]),
    ("DisableKeyRotation",          [OK, DISABLED, PENDING_DELETION, EXTERNAL, EXTERNAL, EXTERNAL, EXTERNAL]),
    ("GetKeyRotationStatus",        [OK, OK, OK, EXTERNAL, EXTERNAL, EXTERNAL, EXTERNAL]),
    ("GetParametersForImport",      [NOT_EXTERNAL, NOT_EXTERNAL, NOT_EXTERNAL, OK, OK, OK, PENDING_DELETION]),
    ("ImportKeyMaterial",           [NOT_EXTERNAL, NOT_EXTERNAL, NOT_EXTERNAL, BAD_TOKEN, BAD_TOKEN, BAD_TOKEN, PENDING_DELETION]),
    ("ScheduleKeyDeletion",         [OK, OK, PENDING_DELETION, OK, OK, OK, PENDING_DELETION]),
    ("TagResource",                 [OK, OK, PENDING_DELETION, OK, OK, OK, PENDING_DELETION]),
    ("UntagResource",               [OK, OK, PENDING_DELETION, OK, OK, OK, PENDING_DELETION]),
    ("UpdateKeyDescription",        [OK, OK, PENDING_DELETION, OK, OK, OK, PENDING_DELETION]),
    ("RotateKeyOnDemand",           [OK, DISABLED, PENDING_DELETION, EXTERNAL, EXTERNAL, EXTERNAL, EXTERNAL]),
    ("ListKeyRotations",            [OK, OK, OK, EXTERNAL, EXTERNAL, EXTERNAL, EXTERNAL]),
];

const STATES: [&str; 7] = [
    "Enabled",
    "Disabled",
    "PendingDeletion",
    "PendingImport",
    "ExternalEnabled",
    "ExternalDisabled",
    "ExternalPendingDeletion",
];

#[test]
fn every_cell_of_the_key_state_table() {
    let mut failures = Vec::new();
    for (op, cells) in TABLE {
        for (state, expected) in STATES.iter().zip(cells) {
            // Decrypt and ReEncrypt of a never-usable key have no ciphertext
            // to start from; they are covered by the PendingImport tests.
            if *state == "PendingImport" && matches!(*op, "Decrypt" | "ReEncrypt") {
                continue;
            }
            let (mut w, id, arn, blob) = key_in(state);
            let got = w.call("kms", op, &params(op, &id, &blob));
            let ok = match (expected, &got) {
                (Ok(()), Ok(_)) => true,
                (Err((code, message)), Err(e)) => e.code == *code && e.message == message.replace("{arn}", &arn),
                _ => false,
            };
            if !ok {
                failures.push(format!("{op} on {state}: expected {expected:?}, got {got:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn decrypting_after_the_material_expired_is_pending_import() {
    let mut w = world();
    let (id, arn) = external_key(&mut w, 10);
    let blob = ok(&mut w, "Encrypt", json!({"KeyId": id, "Plaintext": b64_of("x")}))["CiphertextBlob"].clone();
    w.advance_by(11 * crate::sim::time::DAY);
    let e = err(&mut w, "Decrypt", json!({"CiphertextBlob": blob}));
    assert_eq!(
        (e.code.as_str(), e.message),
        ("KMSInvalidStateException", format!("{arn} is pending import."))
    );
}

#[test]
fn aws_managed_keys_are_described_but_not_changed() {
    let mut w = world();
    let meta = ok(&mut w, "DescribeKey", json!({"KeyId": "alias/aws/s3"}))["KeyMetadata"].clone();
    assert_eq!(meta["KeyManager"], "AWS");
    let id = meta["KeyId"].as_str().unwrap();
    let status = ok(&mut w, "GetKeyRotationStatus", json!({"KeyId": id}));
    assert_eq!(status["KeyRotationEnabled"], true);
    assert_eq!(status["RotationPeriodInDays"], 1095);
    for op in ["ScheduleKeyDeletion", "DisableKey", "EnableKeyRotation", "Encrypt"] {
        let e = err(&mut w, op, params(op, id, ""));
        assert_eq!(e.code, "AccessDeniedException", "{op}");
        assert!(e.message.contains(&format!(
            "is not authorized to perform: kms:{op} on resource: {}",
            meta["Arn"].as_str().unwrap()
        )));
    }
}

/// The alias rows of the table: DeleteAlias succeeds in every state;
/// UpdateAlias succeeds unless the alias would point at a key pending
/// deletion (footnote 10: the source key's state does not matter).
#[test]
fn alias_cells_of_the_key_state_table() {
    for state in STATES {
        // DeleteAlias of an alias whose key is in `state`.
        let (mut w, _, _, _) = key_with_alias_in(state, Some("alias/table"));
        ok(&mut w, "DeleteAlias", json!({"AliasName": "alias/table"}));

        // UpdateAlias with the key in `state` as the destination.
        let (mut w, id, arn, _) = key_in(state);
        let (other, _) = create(&mut w, json!({}));
        ok(
            &mut w,
            "CreateAlias",
            json!({"AliasName": "alias/moving", "TargetKeyId": other}),
        );
        let got = w.call(
            "kms",
            "UpdateAlias",
            &json!({"AliasName": "alias/moving", "TargetKeyId": id}),
        );
        if state.contains("PendingDeletion") {
            let e = got.expect_err("destination pending deletion");
            assert_eq!(
                (e.code.as_str(), e.message),
                ("KMSInvalidStateException", format!("{arn} is pending deletion."))
            );
        } else {
            got.unwrap_or_else(|e| panic!("UpdateAlias to a key in {state}: {e}"));
        }

        // UpdateAlias with the key in `state` as the source.
        let (mut w, _, _, _) = key_in(state);
        let (source, _) = create(&mut w, json!({}));
        let (destination, _) = create(&mut w, json!({}));
        ok(
            &mut w,
            "CreateAlias",
            json!({"AliasName": "alias/source", "TargetKeyId": source}),
        );
        match state {
            "Disabled" | "ExternalDisabled" => {
                ok(&mut w, "DisableKey", json!({"KeyId": source}));
            }
            "PendingDeletion" | "ExternalPendingDeletion" => {
                ok(
                    &mut w,
                    "ScheduleKeyDeletion",
                    json!({"KeyId": source, "PendingWindowInDays": 7}),
                );
            }
            _ => {}
        }
        ok(
            &mut w,
            "UpdateAlias",
            json!({"AliasName": "alias/source", "TargetKeyId": destination}),
        );
    }
}

/// The signing and MAC row (GenerateMac, VerifyMac, Sign, Verify,
/// GetPublicKey): fine when Enabled, footnote 1 when Disabled, footnote 3
/// (the simulator's choice between 2 and 3) when pending deletion.
/// PendingImport does not apply: these keys cannot be EXTERNAL.
#[test]
fn signing_and_mac_cells_of_the_key_state_table() {
    let ops = |hmac_id: &str, rsa_id: &str, mac: &Value, signature: &Value| {
        vec![
            (
                "GenerateMac",
                json!({"KeyId": hmac_id, "Message": b64_of("m"), "MacAlgorithm": "HMAC_SHA_256"}),
                hmac_id.to_owned(),
            ),
            (
                "VerifyMac",
                json!({"KeyId": hmac_id, "Message": b64_of("m"), "MacAlgorithm": "HMAC_SHA_256", "Mac": mac}),
                hmac_id.to_owned(),
            ),
            (
                "Sign",
                json!({"KeyId": rsa_id, "Message": b64_of("m"), "SigningAlgorithm": "RSASSA_PSS_SHA_256"}),
                rsa_id.to_owned(),
            ),
            (
                "Verify",
                json!({"KeyId": rsa_id, "Message": b64_of("m"), "SigningAlgorithm": "RSASSA_PSS_SHA_256", "Signature": signature}),
                rsa_id.to_owned(),
            ),
            ("GetPublicKey", json!({"KeyId": rsa_id}), rsa_id.to_owned()),
        ]
    };
    for state in ["Enabled", "Disabled", "PendingDeletion"] {
        let mut w = world();
        let (hmac, hmac_arn) = create(
            &mut w,
            json!({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}),
        );
        let (rsa, rsa_arn) = create(&mut w, json!({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}));
        let mac = ok(
            &mut w,
            "GenerateMac",
            json!({"KeyId": hmac, "Message": b64_of("m"), "MacAlgorithm": "HMAC_SHA_256"}),
        )["Mac"]
            .clone();
        let signature = ok(
            &mut w,
            "Sign",
            json!({"KeyId": rsa, "Message": b64_of("m"), "SigningAlgorithm": "RSASSA_PSS_SHA_256"}),
        )["Signature"]
            .clone();
        for id in [&hmac, &rsa] {
            match state {
                "Disabled" => {
                    ok(&mut w, "DisableKey", json!({"KeyId": id}));
                }
                "PendingDeletion" => {
                    ok(
                        &mut w,
                        "ScheduleKeyDeletion",
                        json!({"KeyId": id, "PendingWindowInDays": 7}),
                    );
                }
                _ => {}
            }
        }
        for (op, params, id) in ops(&hmac, &rsa, &mac, &signature) {
            let arn = if id == hmac { &hmac_arn } else { &rsa_arn };
            let got = w.call("kms", op, &params);
            match state {
                "Enabled" => {
                    got.unwrap_or_else(|e| panic!("{op} on an enabled key: {e}"));
                }
                "Disabled" => {
                    let e = got.expect_err(op);
                    assert_eq!(
                        (e.code.as_str(), e.message),
                        ("DisabledException", format!("{arn} is disabled.")),
                        "{op}"
                    );
                }
                _ => {
                    let e = got.expect_err(op);
                    assert_eq!(
                        (e.code.as_str(), e.message),
                        ("KMSInvalidStateException", format!("{arn} is pending deletion.")),
                        "{op}"
                    );
                }
            }
        }
    }
}

/// ReEncrypt's PendingImport cells, skipped in the big table: from a
/// ciphertext whose key's material expired, and into a key that has no
/// material yet (footnote 5 both ways).
#[test]
fn re_encrypt_with_a_key_pending_import() {
    let mut w = world();
    let (expiring, expiring_arn) = external_key(&mut w, 10);
    let (usable, _) = create(&mut w, json!({}));
    let (empty, empty_arn) = create(&mut w, json!({"Origin": "EXTERNAL"}));
    let from_expiring =
        ok(&mut w, "Encrypt", json!({"KeyId": expiring, "Plaintext": b64_of("x")}))["CiphertextBlob"].clone();
    let from_usable =
        ok(&mut w, "Encrypt", json!({"KeyId": usable, "Plaintext": b64_of("x")}))["CiphertextBlob"].clone();

    let e = err(
        &mut w,
        "ReEncrypt",
        json!({"CiphertextBlob": from_usable, "DestinationKeyId": empty}),
    );
    assert_eq!(
        (e.code.as_str(), e.message),
        ("KMSInvalidStateException", format!("{empty_arn} is pending import."))
    );

    w.advance_by(11 * crate::sim::time::DAY);
    let e = err(
        &mut w,
        "ReEncrypt",
        json!({"CiphertextBlob": from_expiring, "DestinationKeyId": usable}),
    );
    assert_eq!(
        (e.code.as_str(), e.message),
        ("KMSInvalidStateException", format!("{expiring_arn} is pending import."))
    );
}
