//! Creating, describing, listing, deleting keys; aliases and tags.

use serde_json::json;

use super::support::*;
use crate::sim::time::DAY;

#[test]
fn create_key_returns_aws_metadata_in_aws_order() {
    let mut w = world();
    let out = ok(&mut w, "CreateKey", json!({}));
    let meta = &out["KeyMetadata"];
    let id = meta["KeyId"].as_str().unwrap();
    let members: Vec<&str> = meta.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        members,
        [
            "AWSAccountId",
            "KeyId",
            "Arn",
            "CreationDate",
            "Enabled",
            "Description",
            "KeyUsage",
            "KeyState",
            "Origin",
            "KeyManager",
            "CustomerMasterKeySpec",
            "KeySpec",
            "EncryptionAlgorithms",
            "MultiRegion",
            "CurrentKeyMaterialId"
        ]
    );
    assert_eq!(meta["AWSAccountId"], "111122223333");
    assert_eq!(meta["Arn"], format!("arn:aws:kms:us-west-2:111122223333:key/{id}"));
    assert_eq!(meta["CreationDate"], json!(1772442000.0));
    assert_eq!(
        (meta["Enabled"].clone(), meta["KeyState"].clone()),
        (json!(true), json!("Enabled"))
    );
    assert_eq!(meta["EncryptionAlgorithms"], json!(["SYMMETRIC_DEFAULT"]));
    assert_eq!(meta["CurrentKeyMaterialId"].as_str().unwrap().len(), 64);
}

#[test]
fn an_external_key_starts_pending_import_without_expiration_fields() {
    let mut w = world();
    let meta = ok(&mut w, "CreateKey", json!({"Origin": "EXTERNAL"}))["KeyMetadata"].clone();
    assert_eq!(
        (
            meta["KeyState"].clone(),
            meta["Enabled"].clone(),
            meta["Origin"].clone()
        ),
        (json!("PendingImport"), json!(false), json!("EXTERNAL"))
    );
    assert!(
        meta.get("ExpirationModel").is_none()
            && meta.get("ValidTo").is_none()
            && meta.get("CurrentKeyMaterialId").is_none()
    );
}

#[test]
fn rsa_and_hmac_keys_describe_their_algorithms() {
    let mut w = world();
    let rsa = ok(
        &mut w,
        "CreateKey",
        json!({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}),
    )["KeyMetadata"]
        .clone();
    assert_eq!(rsa["SigningAlgorithms"].as_array().unwrap().len(), 6);
    assert!(rsa.get("EncryptionAlgorithms").is_none());
    let hmac = ok(
        &mut w,
        "CreateKey",
        json!({"KeySpec": "HMAC_384", "KeyUsage": "GENERATE_VERIFY_MAC"}),
    )["KeyMetadata"]
        .clone();
    assert_eq!(hmac["MacAlgorithms"], json!(["HMAC_SHA_384"]));
    let e = err(&mut w, "CreateKey", json!({"KeySpec": "RSA_2048"}));
    assert_eq!(
        e.message,
        "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys."
    );
}

#[test]
fn schedule_then_cancel_leaves_the_key_disabled() {
    let mut w = world();
    let (id, arn) = create(&mut w, json!({}));
    let out = ok(
        &mut w,
        "ScheduleKeyDeletion",
        json!({"KeyId": id, "PendingWindowInDays": 7}),
    );
    assert_eq!(
        out,
        json!({"KeyId": arn, "DeletionDate": 1772442000.0 + 7.0 * 86400.0, "KeyState": "PendingDeletion", "PendingWindowInDays": 7})
    );
    let meta = ok(&mut w, "DescribeKey", json!({"KeyId": id}))["KeyMetadata"].clone();
    assert_eq!(
        (meta["KeyState"].clone(), meta["Enabled"].clone()),
        (json!("PendingDeletion"), json!(false))
    );
    assert_eq!(meta["DeletionDate"], json!(1772442000.0 + 7.0 * 86400.0));
    assert_eq!(
        ok(&mut w, "CancelKeyDeletion", json!({"KeyId": id})),
        json!({"KeyId": arn})
    );
    assert_eq!(state(&mut w, &id), "Disabled");
    w.advance_by(8 * DAY);
    assert_eq!(
        state(&mut w, &id),
        "Disabled",
        "the cancelled deletion's timer must not fire"
    );
    assert!(bus_events(&w, "KMS CMK Deletion").is_empty());
}

#[test]
fn a_key_is_deleted_when_its_waiting_period_ends() {
    let mut w = world();
    let (id, arn) = create(&mut w, json!({}));
    ok(
        &mut w,
        "CreateAlias",
        json!({"AliasName": "alias/doomed", "TargetKeyId": id}),
    );
    ok(
        &mut w,
        "ScheduleKeyDeletion",
        json!({"KeyId": id, "PendingWindowInDays": 7}),
    );
    w.advance_by(7 * DAY - 1);
    assert_eq!(state(&mut w, &id), "PendingDeletion");
    w.advance_by(1);
    let e = err(&mut w, "DescribeKey", json!({"KeyId": id}));
    assert_eq!(
        (e.code.as_str(), e.message),
        ("NotFoundException", format!("Key '{arn}' does not exist"))
    );
    let e = err(&mut w, "DescribeKey", json!({"KeyId": "alias/doomed"}));
    assert_eq!(
        e.message,
        "Alias arn:aws:kms:us-west-2:111122223333:alias/doomed is not found."
    );
    let events = bus_events(&w, "KMS CMK Deletion");
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        (e["version"].clone(), e["source"].clone(), e["account"].clone()),
        (json!("0"), json!("aws.kms"), json!("111122223333"))
    );
    assert_eq!(e["time"], "2026-03-09T09:00:00Z");
    assert_eq!(
        (e["region"].clone(), e["resources"].clone()),
        (json!("us-west-2"), json!([arn]))
    );
    assert_eq!(e["detail"], json!({"key-id": id}));
    let trail: Vec<_> = w
        .services()
        .cloudtrail
        .history()
        .filter(|r| r.event_name == "DeleteKey")
        .collect();
    assert_eq!(trail.len(), 1);
}

#[test]
fn aliases_follow_aws_rules() {
    let mut w = world();
    let (a, _) = create(&mut w, json!({}));
    let (b, _) = create(&mut w, json!({}));
    ok(
        &mut w,
        "CreateAlias",
        json!({"AliasName": "alias/app", "TargetKeyId": a}),
    );
    let e = err(
        &mut w,
        "CreateAlias",
        json!({"AliasName": "alias/app", "TargetKeyId": b}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "AlreadyExistsException",
            "An alias with the name arn:aws:kms:us-west-2:111122223333:alias/app already exists"
        )
    );
    let e = err(
        &mut w,
        "CreateAlias",
        json!({"AliasName": "alias/aws/mine", "TargetKeyId": a}),
    );
    assert_eq!(e.code, "InvalidAliasNameException");
    let e = err(&mut w, "CreateAlias", json!({"AliasName": "app2", "TargetKeyId": a}));
    assert_eq!(e.code, "ValidationException");
    assert_eq!(
        ok(&mut w, "DescribeKey", json!({"KeyId": "alias/app"}))["KeyMetadata"]["KeyId"],
        json!(a)
    );
    ok(
        &mut w,
        "UpdateAlias",
        json!({"AliasName": "alias/app", "TargetKeyId": b}),
    );
    assert_eq!(
        ok(
            &mut w,
            "DescribeKey",
            json!({"KeyId": "arn:aws:kms:us-west-2:111122223333:alias/app"})
        )["KeyMetadata"]["KeyId"],
        json!(b)
    );
    let e = err(&mut w, "ScheduleKeyDeletion", json!({"KeyId": "alias/app"}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("NotFoundException", "Invalid keyId alias/app")
    );
    let listed = ok(&mut w, "ListAliases", json!({"KeyId": b}));
    assert_eq!(listed["Aliases"].as_array().unwrap().len(), 1);
    ok(&mut w, "DeleteAlias", json!({"AliasName": "alias/app"}));
    let names: Vec<String> = ok(&mut w, "ListAliases", json!({}))["Aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["AliasName"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["alias/aws/ebs", "alias/aws/lambda", "alias/aws/s3"]);
}

#[test]
fn tags_replace_values_and_list_in_pages() {
    let mut w = world();
    let (id, _) = create(&mut w, json!({"Tags": [{"TagKey": "team", "TagValue": "a"}]}));
    ok(
        &mut w,
        "TagResource",
        json!({"KeyId": id, "Tags": [{"TagKey": "team", "TagValue": "b"}, {"TagKey": "env", "TagValue": ""}]}),
    );
    let page = ok(&mut w, "ListResourceTags", json!({"KeyId": id, "Limit": 1}));
    assert_eq!(
        page,
        json!({"Tags": [{"TagKey": "env", "TagValue": ""}], "NextMarker": "team", "Truncated": true})
    );
    let page = ok(&mut w, "ListResourceTags", json!({"KeyId": id, "Marker": "team"}));
    assert_eq!(
        page,
        json!({"Tags": [{"TagKey": "team", "TagValue": "b"}], "Truncated": false})
    );
    let e = err(
        &mut w,
        "TagResource",
        json!({"KeyId": id, "Tags": [{"TagKey": "aws:x", "TagValue": "v"}]}),
    );
    assert_eq!(e.code, "TagException");
}

#[test]
fn list_keys_pages_include_the_aws_managed_keys() {
    let mut w = world();
    for _ in 0..3 {
        create(&mut w, json!({}));
    }
    let first = ok(&mut w, "ListKeys", json!({"Limit": 4}));
    assert_eq!(first["Keys"].as_array().unwrap().len(), 4);
    assert_eq!(first["Truncated"], true);
    let rest = ok(&mut w, "ListKeys", json!({"Marker": first["NextMarker"]}));
    assert_eq!(rest["Keys"].as_array().unwrap().len(), 2);
    assert_eq!(rest["Truncated"], false);
    assert_eq!(
        err(&mut w, "ListKeys", json!({"Marker": "nope"})).code,
        "InvalidMarkerException"
    );
}

#[test]
fn malformed_and_unknown_key_ids() {
    let mut w = world();
    let e = err(&mut w, "DescribeKey", json!({"KeyId": "not-a-key"}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str(), e.input),
        ("NotFoundException", "Invalid keyId not-a-key", true)
    );
    let e = err(
        &mut w,
        "DescribeKey",
        json!({"KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"}),
    );
    assert_eq!(
        e.message,
        "Key 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' does not exist"
    );
    assert!(
        !e.input,
        "a well-formed id of a missing key is recorded like AWS records it"
    );
    let e = err(
        &mut w,
        "DescribeKey",
        json!({"KeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}),
    );
    assert_eq!(e.code, "InvalidArnException");
}
