use serde_json::json;

use super::*;
use crate::sim::time::SimTime;

/// A world whose clock reads the instant of AWS's ScheduleKeyDeletion
/// example (2021-03-23T18:58:30Z).
fn world_at_example() -> World {
    World::new(
        3,
        Settings {
            epoch: SimTime::parse("2021-03-23T18:58:30Z").unwrap(),
            ..Settings::default()
        },
    )
}

fn last_record(w: &World) -> (Record, serde_json::Value) {
    let r = w.services().cloudtrail.history().last().expect("a record").clone();
    let json = r.to_json(w.settings());
    (r, json)
}

#[test]
fn a_schedule_key_deletion_record_has_the_shape_of_awss_example() {
    let mut w = world_at_example();
    let params = json!({"KeyId": KEY_ID, "PendingWindowInDays": 20});
    let response = json!({
        "KeyId": KEY_ARN,
        "DeletionDate": 1_618_253_910,
        "KeyState": "PendingDeletion",
        "PendingWindowInDays": 20
    });
    let mut record = Record::api_call(ServiceName::Kms, "ScheduleKeyDeletion", &params, &Ok(response)).unwrap();
    record.resources = vec![("AWS::KMS::Key".into(), KEY_ARN.into())];
    w.inject(Effect::Trail(Box::new(record)));
    let (r, json) = last_record(&w);
    assert_eq!(
        json,
        json!({
            "eventVersion": "1.08",
            "userIdentity": {
                "type": "IAMUser",
                "principalId": "AIDAPLAYGROUNDEXAMPLE",
                "arn": "arn:aws:iam::111122223333:user/Alice",
                "accountId": "111122223333",
                "accessKeyId": "AKIAPLAYGROUNDEXAMPLE",
                "userName": "Alice"
            },
            "eventTime": "2021-03-23T18:58:30Z",
            "eventSource": "kms.amazonaws.com",
            "eventName": "ScheduleKeyDeletion",
            "awsRegion": "us-west-2",
            "sourceIPAddress": "192.0.2.0",
            "userAgent": "AWS Internal",
            "requestParameters": {"keyId": KEY_ID, "pendingWindowInDays": 20},
            "responseElements": {
                "keyId": KEY_ARN,
                "deletionDate": "Apr 12, 2021 6:58:30 PM",
                "keyState": "PendingDeletion",
                "pendingWindowInDays": 20
            },
            "requestID": r.request_id,
            "eventID": r.event_id,
            "readOnly": false,
            "resources": [{"accountId": "111122223333", "type": "AWS::KMS::Key", "ARN": KEY_ARN}],
            "eventType": "AwsApiCall",
            "managementEvent": true,
            "recipientAccountId": "111122223333",
            "eventCategory": "Management"
        })
    );
    // Ids are UUIDs from the world's generator, distinct per record.
    assert_eq!(r.event_id.len(), 36);
    assert_ne!(r.event_id, r.request_id);
}

#[test]
fn a_failed_decrypt_record_carries_the_error_and_no_response() {
    let mut w = world();
    w.inject(Effect::Trail(Box::new(pending_deletion_decrypt())));
    let (r, json) = last_record(&w);
    // Compared as text: the member order is part of the shape.
    assert_eq!(
        json.to_string(),
        json!({
            "eventVersion": "1.08",
            "userIdentity": {
                "type": "IAMUser",
                "principalId": "AIDAPLAYGROUNDEXAMPLE",
                "arn": "arn:aws:iam::111122223333:user/Alice",
                "accountId": "111122223333",
                "accessKeyId": "AKIAPLAYGROUNDEXAMPLE",
                "userName": "Alice"
            },
            "eventTime": "2026-03-02T09:00:00Z",
            "eventSource": "kms.amazonaws.com",
            "eventName": "Decrypt",
            "awsRegion": "us-west-2",
            "sourceIPAddress": "192.0.2.0",
            "userAgent": "AWS Internal",
            "errorCode": "KMSInvalidStateException",
            "errorMessage": format!("{KEY_ARN} is pending deletion."),
            "requestParameters": {
                "encryptionContext": {"Department": "Engineering", "Project": "Alpha"},
                "keyId": KEY_ARN,
                "encryptionAlgorithm": "SYMMETRIC_DEFAULT"
            },
            "responseElements": null,
            "requestID": r.request_id,
            "eventID": r.event_id,
            "readOnly": true,
            "resources": [{"accountId": "111122223333", "type": "AWS::KMS::Key", "ARN": KEY_ARN}],
            "eventType": "AwsApiCall",
            "managementEvent": true,
            "recipientAccountId": "111122223333",
            "eventCategory": "Management"
        })
        .to_string()
    );
}

#[test]
fn service_events_are_aws_internal_with_null_request_and_response() {
    let mut w = world();
    let resources = vec![("AWS::KMS::Key".to_owned(), KEY_ARN.to_owned())];
    for name in ["DeleteExpiredKeyMaterial", "DeleteKey"] {
        let record = Record::service_event(ServiceName::Kms, name, resources.clone(), json!({"keyId": KEY_ID}));
        w.inject(Effect::Trail(Box::new(record)));
        let (r, json) = last_record(&w);
        assert_eq!(
            json.to_string(),
            json!({
                "eventVersion": "1.08",
                "userIdentity": {"accountId": "111122223333", "invokedBy": "AWS Internal"},
                "eventTime": "2026-03-02T09:00:00Z",
                "eventSource": "kms.amazonaws.com",
                "eventName": name,
                "awsRegion": "us-west-2",
                "sourceIPAddress": "AWS Internal",
                "userAgent": "AWS Internal",
                "requestParameters": null,
                "responseElements": null,
                "eventID": r.event_id,
                "readOnly": false,
                "resources": [{"accountId": "111122223333", "type": "AWS::KMS::Key", "ARN": KEY_ARN}],
                "eventType": "AwsServiceEvent",
                "managementEvent": true,
                "recipientAccountId": "111122223333",
                "serviceEventDetails": {"keyId": KEY_ID},
                "eventCategory": "Management"
            })
            .to_string()
        );
        assert!(r.request_id.is_empty(), "service events have no requestID");
    }
    // Newer RotateKey records carry the key ARN in responseElements.
    let rotate = Record::service_event(
        ServiceName::Kms,
        "RotateKey",
        resources,
        json!({"rotationType": "AUTOMATIC", "keyId": KEY_ID}),
    )
    .with_response_elements(json!({"keyId": KEY_ARN}));
    w.inject(Effect::Trail(Box::new(rotate)));
    let (_, json) = last_record(&w);
    assert_eq!(json["responseElements"], json!({"keyId": KEY_ARN}));
    assert_eq!(
        json["serviceEventDetails"],
        json!({"rotationType": "AUTOMATIC", "keyId": KEY_ID})
    );
}

#[test]
fn every_logged_call_leaves_a_record_and_input_errors_leave_none() {
    let mut w = world();
    call(&mut w, "logs", "CreateLogGroup", json!({"logGroupName": "g"}));
    let _ = w.call("logs", "CreateLogGroup", &json!({"logGroupName": "g"}));
    let _ = w.call("cloudtrail", "CreateTrail", &json!({"Name": "x", "S3BucketName": "b"}));
    let _ = w.call(
        "logs",
        "PutLogEvents",
        &json!({"logGroupName": "g", "logStreamName": "s", "logEvents": [{"timestamp": 0, "message": "m"}]}),
    );
    let names: Vec<(String, Option<String>)> = w
        .services()
        .cloudtrail
        .history()
        .map(|r| (r.event_name.clone(), r.error_code.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("CreateLogGroup".to_owned(), None),
            (
                "CreateLogGroup".to_owned(),
                Some("ResourceAlreadyExistsException".to_owned())
            ),
        ],
        "the invalid trail name is an input error; PutLogEvents is a data event"
    );
    let json = w.services().cloudtrail.history().next().unwrap().to_json(w.settings());
    assert_eq!(json["eventSource"], "logs.amazonaws.com");
    assert_eq!(json["requestParameters"], json!({"logGroupName": "g"}));
    assert_eq!(json["responseElements"], json!(null));
}
