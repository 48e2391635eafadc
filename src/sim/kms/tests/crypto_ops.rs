//! Encrypt/Decrypt, data keys, RSA and HMAC operations.

use serde_json::json;

use super::support::*;

#[test]
fn encryption_context_binds_the_ciphertext() {
    let mut w = world();
    let (id, arn) = create(&mut w, json!({}));
    ok(
        &mut w,
        "CreateAlias",
        json!({"AliasName": "alias/app", "TargetKeyId": id}),
    );
    let ctx = json!({"Department": "Engineering", "Project": "Alpha"});
    let out = ok(
        &mut w,
        "Encrypt",
        json!({"KeyId": "alias/app", "Plaintext": b64_of("hello"), "EncryptionContext": ctx}),
    );
    assert_eq!(
        (out["KeyId"].clone(), out["EncryptionAlgorithm"].clone()),
        (json!(arn), json!("SYMMETRIC_DEFAULT"))
    );
    let blob = out["CiphertextBlob"].clone();
    let plain = ok(
        &mut w,
        "Decrypt",
        json!({"CiphertextBlob": blob, "EncryptionContext": ctx}),
    );
    assert_eq!(plain["Plaintext"], json!(b64_of("hello")));
    assert_eq!(plain["KeyId"], json!(arn));
    let e = err(&mut w, "Decrypt", json!({"CiphertextBlob": blob}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("InvalidCiphertextException", "")
    );
    let (other, _) = create(&mut w, json!({}));
    let e = err(
        &mut w,
        "Decrypt",
        json!({"CiphertextBlob": blob, "KeyId": other, "EncryptionContext": ctx}),
    );
    assert_eq!(e.code, "IncorrectKeyException");
    let e = err(
        &mut w,
        "Decrypt",
        json!({"CiphertextBlob": b64_of("random garbage that is long enough to look like a blob")}),
    );
    assert_eq!(e.code, "InvalidCiphertextException");
}

#[test]
fn data_keys_and_reencryption() {
    let mut w = world();
    let (a, _) = create(&mut w, json!({}));
    let (b, b_arn) = create(&mut w, json!({}));
    let dk = ok(&mut w, "GenerateDataKey", json!({"KeyId": a, "KeySpec": "AES_256"}));
    let plain = dk["Plaintext"].clone();
    assert_eq!(
        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, plain.as_str().unwrap())
            .unwrap()
            .len(),
        32
    );
    let moved = ok(
        &mut w,
        "ReEncrypt",
        json!({"CiphertextBlob": dk["CiphertextBlob"], "DestinationKeyId": b}),
    );
    assert_eq!(moved["KeyId"], json!(b_arn));
    assert_eq!(
        ok(&mut w, "Decrypt", json!({"CiphertextBlob": moved["CiphertextBlob"]}))["Plaintext"],
        plain
    );
    let without = ok(
        &mut w,
        "GenerateDataKeyWithoutPlaintext",
        json!({"KeyId": a, "NumberOfBytes": 64}),
    );
    assert!(without.get("Plaintext").is_none());
    assert_eq!(
        err(&mut w, "GenerateDataKey", json!({"KeyId": a})).code,
        "ValidationException"
    );
    assert_eq!(
        ok(&mut w, "GenerateRandom", json!({"NumberOfBytes": 16}))["Plaintext"]
            .as_str()
            .unwrap()
            .len(),
        24
    );
}

#[test]
fn rsa_keys_encrypt_sign_and_verify() {
    let mut w = world();
    let (enc, _) = create(&mut w, json!({"KeySpec": "RSA_2048", "KeyUsage": "ENCRYPT_DECRYPT"}));
    let blob = ok(
        &mut w,
        "Encrypt",
        json!({"KeyId": enc, "Plaintext": b64_of("rsa"), "EncryptionAlgorithm": "RSAES_OAEP_SHA_256"}),
    )["CiphertextBlob"]
        .clone();
    let out = ok(
        &mut w,
        "Decrypt",
        json!({"CiphertextBlob": blob, "KeyId": enc, "EncryptionAlgorithm": "RSAES_OAEP_SHA_256"}),
    );
    assert_eq!(out["Plaintext"], json!(b64_of("rsa")));
    let public = ok(&mut w, "GetPublicKey", json!({"KeyId": enc}));
    assert_eq!(
        public["EncryptionAlgorithms"],
        json!(["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"])
    );

    let (sig, _) = create(&mut w, json!({"KeySpec": "RSA_3072", "KeyUsage": "SIGN_VERIFY"}));
    for alg in ["RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PSS_SHA_384"] {
        let signature = ok(
            &mut w,
            "Sign",
            json!({"KeyId": sig, "Message": b64_of("m"), "SigningAlgorithm": alg}),
        )["Signature"]
            .clone();
        let v = ok(
            &mut w,
            "Verify",
            json!({"KeyId": sig, "Message": b64_of("m"), "Signature": signature, "SigningAlgorithm": alg}),
        );
        assert_eq!(v["SignatureValid"], true);
        let e = err(
            &mut w,
            "Verify",
            json!({"KeyId": sig, "Message": b64_of("n"), "Signature": signature, "SigningAlgorithm": alg}),
        );
        assert_eq!(e.code, "KMSInvalidSignatureException");
    }
    assert_eq!(
        err(&mut w, "Encrypt", json!({"KeyId": sig, "Plaintext": b64_of("x")})).code,
        "InvalidKeyUsageException"
    );
}

#[test]
fn hmac_keys_generate_and_verify_macs() {
    let mut w = world();
    let (id, _) = create(
        &mut w,
        json!({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}),
    );
    let mac = ok(
        &mut w,
        "GenerateMac",
        json!({"KeyId": id, "Message": b64_of("m"), "MacAlgorithm": "HMAC_SHA_256"}),
    )["Mac"]
        .clone();
    assert_eq!(
        ok(
            &mut w,
            "VerifyMac",
            json!({"KeyId": id, "Message": b64_of("m"), "Mac": mac, "MacAlgorithm": "HMAC_SHA_256"})
        )["MacValid"],
        true
    );
    let e = err(
        &mut w,
        "VerifyMac",
        json!({"KeyId": id, "Message": b64_of("x"), "Mac": mac, "MacAlgorithm": "HMAC_SHA_256"}),
    );
    assert_eq!(e.code, "KMSInvalidMacException");
    assert_eq!(
        err(
            &mut w,
            "GenerateMac",
            json!({"KeyId": id, "Message": b64_of("m"), "MacAlgorithm": "HMAC_SHA_512"})
        )
        .code,
        "InvalidKeyUsageException"
    );
}

#[test]
fn dry_run_reports_success_without_acting() {
    let mut w = world();
    let (id, _) = create(&mut w, json!({}));
    let e = err(
        &mut w,
        "Encrypt",
        json!({"KeyId": id, "Plaintext": b64_of("x"), "DryRun": true}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "DryRunOperationException",
            "The request would have succeeded, but the DryRun option is set."
        )
    );
}

#[test]
fn crypto_calls_on_a_key_pending_deletion_are_audited_with_the_recipes_message() {
    let mut w = world();
    let (id, arn) = create(&mut w, json!({}));
    let blob = ok(&mut w, "Encrypt", json!({"KeyId": id, "Plaintext": b64_of("x")}))["CiphertextBlob"].clone();
    ok(&mut w, "ScheduleKeyDeletion", json!({"KeyId": id}));
    err(&mut w, "Decrypt", json!({"CiphertextBlob": blob}));
    let record = w.services().cloudtrail.history().last().unwrap().to_json(w.settings());
    assert_eq!(record["eventName"], "Decrypt");
    assert_eq!(record["errorCode"], "KMSInvalidStateException");
    assert_eq!(record["errorMessage"], format!("{arn} is pending deletion."));
    assert_eq!(record["eventSource"], "kms.amazonaws.com");
    assert_eq!(record["readOnly"], true);
    assert_eq!(record["requestParameters"]["encryptionAlgorithm"], "SYMMETRIC_DEFAULT");
    assert_eq!(
        record["resources"],
        json!([{"accountId": "111122223333", "type": "AWS::KMS::Key", "ARN": arn}])
    );
    assert!(
        record["requestParameters"].get("ciphertextBlob").is_none(),
        "CloudTrail never logs blobs"
    );
}
