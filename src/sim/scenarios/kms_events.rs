//! The seed's three KMS events (`KMS CMK Rotation`, `KMS Imported Key
//! Material Expiration`, `KMS CMK Deletion`) produced by real actions —
//! material expiry, the end of a deletion window, automatic rotation after
//! 365 days and on-demand rotation — compared field by field with the
//! examples of reference §8.2, and routed by rules to SQS and Lambda.

use serde_json::{json, Value};

use super::*;
use crate::sim::lambda::InvocationSource;
use crate::sim::time::{DAY, HOUR, MINUTE};

/// The rotation example of reference §8.2 (the 2025 guide's).
fn seed_rotation_example() -> Value {
    json!({"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"KMS CMK Rotation","source":"aws.kms",
     "account":"111122223333","time":"2025-05-23T03:11:54Z","region":"us-west-2",
     "resources":["arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
     "detail":{"key-id":"1234abcd-12ab-34cd-56ef-1234567890ab","key-origin":"AWS_KMS","rotation-type":"ON_DEMAND",
               "previous-key-material-id":"1234","current-key-material-id":"9608"}})
}

fn is_uuid_v4(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && text
            .chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        && parts[2].starts_with('4')
        && parts[3].starts_with(['8', '9', 'a', 'b'])
}

fn is_material_id(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()))
}

/// Checks an event against the seed's envelope: member order, fixed values,
/// `time` to the second at `when`, `resources` = [key ARN], and `detail`'s
/// members (in order) with `key-id`.
#[track_caller]
fn check_envelope(event: &Value, detail_type: &str, key: &(String, String), when: SimTime, detail_keys: &[&str]) {
    let example = seed_rotation_example();
    assert_eq!(keys(event), keys(&example), "{event}");
    assert_eq!(event["version"], example["version"]);
    assert!(is_uuid_v4(event["id"].as_str().unwrap_or_default()), "{event}");
    assert_eq!(event["detail-type"], detail_type);
    assert_eq!(event["source"], example["source"]);
    assert_eq!(event["account"], example["account"]);
    assert!(is_event_time(event["time"].as_str().unwrap_or_default()), "{event}");
    assert_eq!(event["time"], json!(when.iso_seconds()));
    assert_eq!(event["region"], example["region"]);
    assert_eq!(event["resources"], json!([key.1]));
    assert_eq!(keys(&event["detail"]), detail_keys, "{event}");
    assert_eq!(event["detail"]["key-id"], json!(key.0));
}

#[test]
fn the_three_kms_events_from_real_actions_match_the_seed() {
    let mut w = world();
    let t0 = w.now();
    // One rule for the deletion event only, one for all three, as the
    // seed's procedures set them up.
    let (deletions_url, deletions_arn) = queue(&mut w, "kms-deletions");
    let deletion_rule = rule(
        &mut w,
        "kms-cmk-deletion",
        r#"{"source":["aws.kms"],"detail-type":["KMS CMK Deletion"]}"#,
        None,
        json!([{"Id": "queue", "Arn": deletions_arn}]),
    );
    assert_eq!(
        deletion_rule,
        "arn:aws:events:us-west-2:111122223333:rule/kms-cmk-deletion"
    );
    let (events_url, events_arn) = queue(&mut w, "kms-events");
    let function_arn = call(
        &mut w,
        "lambda",
        "CreateFunction",
        json!({"FunctionName": "kms-events"}),
    )["FunctionArn"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        function_arn,
        "arn:aws:lambda:us-west-2:111122223333:function:kms-events"
    );
    rule(
        &mut w,
        "kms-lifecycle",
        r#"{"source":["aws.kms"],"detail-type":["KMS CMK Rotation","KMS Imported Key Material Expiration","KMS CMK Deletion"]}"#,
        None,
        json!([{"Id": "queue", "Arn": events_arn}, {"Id": "function", "Arn": function_arn}]),
    );

    let imported = create_key(&mut w, json!({"Origin": "EXTERNAL"}));
    import_material(&mut w, &imported.0, &[9u8; 32], t0.plus(3 * DAY));
    let rotating = create_key(&mut w, json!({}));
    call(&mut w, "kms", "EnableKeyRotation", json!({"KeyId": rotating.0}));
    let first_material = w.peek("kms", "DescribeKey", &json!({"KeyId": rotating.0})).unwrap()["KeyMetadata"]
        ["CurrentKeyMaterialId"]
        .clone();
    assert!(is_material_id(&first_material), "{first_material}");
    let doomed = create_key(&mut w, json!({}));
    call(
        &mut w,
        "kms",
        "ScheduleKeyDeletion",
        json!({"KeyId": doomed.0, "PendingWindowInDays": 7}),
    );
    assert!(w.services().events.bus_events().is_empty());

    // On-demand rotation: at once.
    w.advance_to(t0.plus(HOUR));
    assert_eq!(
        call(&mut w, "kms", "RotateKeyOnDemand", json!({"KeyId": rotating.0})),
        json!({"KeyId": rotating.1})
    );
    let rotations = bus_events(&w, "KMS CMK Rotation");
    assert_eq!(rotations.len(), 1);
    let on_demand = &rotations[0];
    check_envelope(
        on_demand,
        "KMS CMK Rotation",
        &rotating,
        t0.plus(HOUR),
        &[
            "key-id",
            "key-origin",
            "rotation-type",
            "previous-key-material-id",
            "current-key-material-id",
        ],
    );
    assert_eq!(on_demand["detail"]["key-origin"], "AWS_KMS");
    assert_eq!(on_demand["detail"]["rotation-type"], "ON_DEMAND");
    assert_eq!(on_demand["detail"]["previous-key-material-id"], first_material);
    let second_material = on_demand["detail"]["current-key-material-id"].clone();
    assert!(is_material_id(&second_material) && second_material != first_material);
    assert_eq!(
        w.peek("kms", "DescribeKey", &json!({"KeyId": rotating.0})).unwrap()["KeyMetadata"]["CurrentKeyMaterialId"],
        second_material
    );

    // SQS keeps messages 4 days by default: read each as it comes.
    assert_eq!(drain(&mut w, &events_url), [on_demand.to_string()]);

    // Material expiry at ValidTo.
    w.advance_to(t0.plus(3 * DAY));
    let expirations = bus_events(&w, "KMS Imported Key Material Expiration");
    assert_eq!(expirations.len(), 1);
    check_envelope(
        &expirations[0],
        "KMS Imported Key Material Expiration",
        &imported,
        t0.plus(3 * DAY),
        &["key-id"],
    );
    assert_eq!(drain(&mut w, &events_url), [expirations[0].to_string()]);

    // Deletion at the end of the window: exactly one message on the
    // deletion queue, the bus event as its body.
    w.advance_to(t0.plus(7 * DAY - 1));
    assert!(drain(&mut w, &deletions_url).is_empty());
    assert_eq!(key_state(&mut w, &doomed.0), "PendingDeletion");
    w.advance_to(t0.plus(7 * DAY));
    assert_eq!(key_state(&mut w, &doomed.0), "<NotFoundException>");
    let deletions = bus_events(&w, "KMS CMK Deletion");
    assert_eq!(deletions.len(), 1);
    check_envelope(
        &deletions[0],
        "KMS CMK Deletion",
        &doomed,
        t0.plus(7 * DAY),
        &["key-id"],
    );
    let received = drain(&mut w, &deletions_url);
    assert_eq!(received, [deletions[0].to_string()]);
    let body: Value = serde_json::from_str(&received[0]).unwrap();
    assert_eq!(body, deletions[0]);

    assert_eq!(drain(&mut w, &events_url), [deletions[0].to_string()]);
    // The function was invoked with each, asynchronously, and logged it.
    let f = w.services().lambda.function("kms-events").unwrap();
    let invocations: Vec<(SimTime, String, InvocationSource, String)> = f
        .invocations()
        .map(|i| (i.at, i.payload.clone(), i.source.clone(), i.invocation_type.clone()))
        .collect();
    let source = |dt: &str| InvocationSource::EventBridge {
        source: "aws.kms".into(),
        detail_type: dt.into(),
    };
    assert_eq!(
        invocations,
        [
            (
                t0.plus(HOUR),
                on_demand.to_string(),
                source("KMS CMK Rotation"),
                "Event".into()
            ),
            (
                t0.plus(3 * DAY),
                expirations[0].to_string(),
                source("KMS Imported Key Material Expiration"),
                "Event".into()
            ),
            (
                t0.plus(7 * DAY),
                deletions[0].to_string(),
                source("KMS CMK Deletion"),
                "Event".into()
            ),
        ]
    );
    assert_eq!(f.log_group(), "/aws/lambda/kms-events");
    let request_ids: Vec<(String, String)> = f
        .invocations()
        .map(|i| (i.request_id.clone(), i.payload.clone()))
        .collect();
    let logged = w
        .peek(
            "logs",
            "FilterLogEvents",
            &json!({"logGroupName": "/aws/lambda/kms-events"}),
        )
        .unwrap();
    let messages: Vec<String> = logged["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(messages.len(), 12, "{messages:?}");
    for (i, (request_id, payload)) in request_ids.iter().enumerate() {
        assert_eq!(
            messages[4 * i],
            format!("START RequestId: {request_id} Version: $LATEST\n")
        );
        assert_eq!(messages[4 * i + 1], format!("{payload}\n"));
        assert_eq!(messages[4 * i + 2], format!("END RequestId: {request_id}\n"));
        assert!(messages[4 * i + 3].starts_with(&format!("REPORT RequestId: {request_id}\tDuration: ")));
    }

    // Automatic rotation one period (365 days) after it was enabled; the
    // on-demand rotation did not move the schedule.
    let status = w
        .peek("kms", "GetKeyRotationStatus", &json!({"KeyId": rotating.0}))
        .unwrap();
    assert_eq!(
        status["NextRotationDate"],
        crate::sim::time::epoch_json(t0.plus(365 * DAY))
    );
    w.advance_to(t0.plus(365 * DAY - MINUTE));
    assert_eq!(bus_events(&w, "KMS CMK Rotation").len(), 1);
    w.advance_to(t0.plus(365 * DAY));
    let rotations = bus_events(&w, "KMS CMK Rotation");
    assert_eq!(rotations.len(), 2);
    let automatic = &rotations[1];
    check_envelope(
        automatic,
        "KMS CMK Rotation",
        &rotating,
        t0.plus(365 * DAY),
        &[
            "key-id",
            "key-origin",
            "rotation-type",
            "previous-key-material-id",
            "current-key-material-id",
        ],
    );
    assert_eq!(automatic["detail"]["rotation-type"], "AUTOMATIC");
    assert_eq!(automatic["detail"]["previous-key-material-id"], second_material);
    let listed = w
        .peek("kms", "ListKeyRotations", &json!({"KeyId": rotating.0}))
        .unwrap();
    let types: Vec<&Value> = listed["Rotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["RotationType"])
        .collect();
    assert_eq!(types, [&json!("ON_DEMAND"), &json!("AUTOMATIC")]);
    assert_eq!(
        listed["Rotations"][1]["KeyMaterialId"],
        automatic["detail"]["current-key-material-id"]
    );

    // Nothing else reached the bus all year (AWS managed keys rotate every
    // three years by default), and no deletion arrived twice.
    assert_eq!(w.services().events.bus_events().len(), 4);
    assert!(drain(&mut w, &deletions_url).is_empty());
    assert_eq!(drain(&mut w, &events_url), [automatic.to_string()]);
    let f = w.services().lambda.function("kms-events").unwrap();
    assert_eq!(
        f.invocations().last().map(|i| i.payload.clone()),
        Some(automatic.to_string())
    );
}
