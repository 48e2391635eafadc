use serde_json::json;

use super::*;

fn check(service: ServiceName, op: &str, params: serde_json::Value) -> Result<(), crate::sim::AwsError> {
    let model = service.model();
    model.validate(model.operation(op).expect("operation in model"), &params)
}

#[test]
fn every_committed_model_parses_and_names_its_shapes() {
    for service in ServiceName::ALL {
        let model = service.model();
        assert!(!model.operations.is_empty(), "{service:?}");
        for op in &model.operations {
            for shape in op.input.iter().chain(op.output.iter()).chain(op.errors.iter()) {
                assert!(
                    model.shape(shape).is_some(),
                    "{service:?} {} names missing shape {shape}",
                    op.name
                );
            }
        }
    }
}

#[test]
fn range_violation_reads_as_aws_writes_it() {
    let e = check(
        ServiceName::Kms,
        "ScheduleKeyDeletion",
        json!({"KeyId": "k", "PendingWindowInDays": 0}),
    )
    .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    assert_eq!(
        e.message,
        "1 validation error detected: Value '0' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 1"
    );
    assert!(e.input);
}

#[test]
fn missing_required_and_pattern_errors_are_reported_together() {
    let e = check(ServiceName::Kms, "CreateAlias", json!({"AliasName": "alias/bad name"})).unwrap_err();
    assert_eq!(
        e.message,
        "2 validation errors detected: Value null at 'targetKeyId' failed to satisfy constraint: Member must not be null; \
         Value 'alias/bad name' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"
    );
}

#[test]
fn nested_list_members_use_corals_location_form() {
    let e = check(
        ServiceName::Kms,
        "TagResource",
        json!({"KeyId": "k", "Tags": [{"TagKey": "", "TagValue": "v"}]}),
    )
    .unwrap_err();
    assert!(e.message.contains("at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1"), "{}", e.message);
}

#[test]
fn unknown_members_are_refused_like_the_sdk_does() {
    let e = check(
        ServiceName::Kms,
        "ScheduleKeyDeletion",
        json!({"KeyId": "k", "Days": 7}),
    )
    .unwrap_err();
    assert_eq!(e.code, "ParamValidationError");
    assert_eq!(
        e.message,
        "Parameter validation failed:\nUnknown parameter in input: \"Days\", must be one of: KeyId, PendingWindowInDays"
    );
}

#[test]
fn wrong_json_types_are_serialization_errors() {
    let e = check(
        ServiceName::Kms,
        "ScheduleKeyDeletion",
        json!({"KeyId": "k", "PendingWindowInDays": "7"}),
    )
    .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "SerializationException",
            "STRING_VALUE can not be converted to an Integer"
        )
    );
    let e = check(ServiceName::Kms, "DescribeKey", json!({"KeyId": {"a": 1}})).unwrap_err();
    assert_eq!(e.message, "Start of structure or map found where not expected.");
    let e = check(ServiceName::Kms, "DescribeKey", json!([1])).unwrap_err();
    assert_eq!(e.message, "Start of list found where not expected.");
}

#[test]
fn enums_and_query_protocol_codes() {
    let e = check(
        ServiceName::Cloudwatch,
        "SetAlarmState",
        json!({"AlarmName": "a", "StateValue": "BROKEN", "StateReason": "r"}),
    )
    .unwrap_err();
    assert_eq!(e.code, "ValidationError");
    assert!(
        e.message
            .ends_with("Member must satisfy enum value set: [OK, ALARM, INSUFFICIENT_DATA]"),
        "{}",
        e.message
    );
}

#[test]
fn blobs_must_be_base64_and_timestamps_parse() {
    assert!(check(ServiceName::Kms, "Decrypt", json!({"CiphertextBlob": "not base64!"})).is_err());
    assert!(check(ServiceName::Kms, "Decrypt", json!({"CiphertextBlob": "AAEC"})).is_ok());
    let ok =
        json!({"KeyId": "k", "ImportToken": "AA==", "EncryptedKeyMaterial": "AA==", "ValidTo": "2026-04-01T00:00:00Z"});
    assert!(check(ServiceName::Kms, "ImportKeyMaterial", ok).is_ok());
    let bad = json!({"KeyId": "k", "ImportToken": "AA==", "EncryptedKeyMaterial": "AA==", "ValidTo": "next week"});
    assert_eq!(
        check(ServiceName::Kms, "ImportKeyMaterial", bad).unwrap_err().code,
        "SerializationException"
    );
}
