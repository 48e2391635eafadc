//! Lambda scenarios through `World::call`: functions, Invoke's three
//! invocation types, the invocation record and the log lines written for
//! it, invocations by other services, and errors.

use serde_json::{json, Value};

use super::*;
use crate::sim::ctx::Effect;
use crate::sim::params::b64;
use crate::sim::time::{MINUTE, SECOND};
use crate::sim::{Settings, World};

const ARN: &str = "arn:aws:lambda:us-west-2:111122223333:function:audit";

fn world() -> World {
    World::new(11, Settings::default())
}

fn lambda(w: &mut World, op: &str, params: Value) -> Value {
    w.call("lambda", op, &params)
        .unwrap_or_else(|e| panic!("lambda {op} failed: {e}"))
}

fn err(w: &mut World, op: &str, params: Value) -> (String, String) {
    match w.call("lambda", op, &params) {
        Ok(v) => panic!("lambda {op} unexpectedly succeeded: {v}"),
        Err(e) => (e.code, e.message),
    }
}

fn create(w: &mut World) -> Value {
    lambda(w, "CreateFunction", json!({"FunctionName": "audit"}))
}

/// The log effects routed so far: `(group, stream, message)`.
fn logs(w: &World) -> Vec<(String, String, String)> {
    w.routed
        .iter()
        .filter_map(|e| match e {
            Effect::Log {
                group, stream, message, ..
            } => Some((group.clone(), stream.clone(), message.clone())),
            _ => None,
        })
        .collect()
}

fn invocations(w: &World) -> Vec<Invocation> {
    w.services()
        .lambda
        .function("audit")
        .map(|f| f.invocations().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn create_function_needs_only_a_name() {
    let mut w = world();
    let config = create(&mut w);
    assert_eq!(
        config,
        json!({
            "FunctionName": "audit",
            "FunctionArn": ARN,
            "CodeSize": 0,
            "Description": "",
            "Timeout": 3,
            "MemorySize": 128,
            "LastModified": "2026-03-02T09:00:00.000+0000",
            "CodeSha256": "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            "Version": "$LATEST",
            "TracingConfig": {"Mode": "PassThrough"},
            "RevisionId": config["RevisionId"],
            "State": "Active",
            "LastUpdateStatus": "Successful",
            "PackageType": "Zip",
            "Architectures": ["x86_64"],
            "EphemeralStorage": {"Size": 512},
            "SnapStart": {"ApplyOn": "None", "OptimizationStatus": "Off"},
            "LoggingConfig": {"LogFormat": "Text", "LogGroup": "/aws/lambda/audit"},
        })
    );
    assert_eq!(config["RevisionId"].as_str().map(str::len), Some(36));
    assert_eq!(
        err(&mut w, "CreateFunction", json!({"FunctionName": "audit"})),
        (
            "ResourceConflictException".into(),
            "Function already exist: audit".into()
        )
    );
    let full = lambda(
        &mut w,
        "CreateFunction",
        json!({
            "FunctionName": "worker",
            "Runtime": "python3.12",
            "Role": "arn:aws:iam::111122223333:role/lambda-run",
            "Handler": "app.handler",
            "Code": {"ZipFile": b64(b"PK")},
            "Tags": {"team": "sec"},
        }),
    );
    assert_eq!(full["Runtime"], json!("python3.12"));
    assert_eq!(full["CodeSize"], json!(2));
    let got = lambda(&mut w, "GetFunction", json!({"FunctionName": "worker"}));
    assert_eq!(got["Configuration"], full);
    assert_eq!(got["Tags"], json!({"team": "sec"}));
    assert_eq!(got["Code"]["RepositoryType"], json!("S3"));
}

#[test]
fn functions_are_listed_found_and_deleted_by_any_name_form() {
    let mut w = world();
    create(&mut w);
    lambda(&mut w, "CreateFunction", json!({"FunctionName": "beta"}));
    let names: Vec<Value> = lambda(&mut w, "ListFunctions", json!({}))["Functions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["FunctionName"].clone())
        .collect();
    assert_eq!(names, [json!("audit"), json!("beta")]);
    let page = lambda(&mut w, "ListFunctions", json!({"MaxItems": 1}));
    assert_eq!(page["Functions"].as_array().map(Vec::len), Some(1));
    let marker = page["NextMarker"].clone();
    assert_eq!(
        lambda(&mut w, "ListFunctions", json!({"Marker": marker}))["Functions"][0]["FunctionName"],
        json!("beta")
    );
    for name in [ARN, "111122223333:function:audit", "audit", "audit:$LATEST"] {
        assert_eq!(
            lambda(&mut w, "GetFunction", json!({"FunctionName": name}))["Configuration"]["FunctionArn"],
            json!(ARN),
            "{name}"
        );
    }
    assert_eq!(
        err(&mut w, "GetFunction", json!({"FunctionName": "audit:7"})),
        (
            "ResourceNotFoundException".into(),
            format!("Function not found: {ARN}:7")
        )
    );
    assert_eq!(
        lambda(&mut w, "DeleteFunction", json!({"FunctionName": ARN})),
        json!({"StatusCode": 204})
    );
    assert_eq!(
        err(&mut w, "GetFunction", json!({"FunctionName": "audit"})),
        ("ResourceNotFoundException".into(), format!("Function not found: {ARN}"))
    );
    assert_eq!(
        err(&mut w, "DeleteFunction", json!({"FunctionName": "audit"})),
        ("ResourceNotFoundException".into(), format!("Function not found: {ARN}"))
    );
}

#[test]
fn invoke_answers_by_invocation_type() {
    let mut w = world();
    create(&mut w);
    let payload = b64(br#"{"hello":"world"}"#);
    assert_eq!(
        lambda(&mut w, "Invoke", json!({"FunctionName": "audit", "Payload": payload})),
        json!({"StatusCode": 200, "Payload": "bnVsbA==", "ExecutedVersion": "$LATEST"})
    );
    assert_eq!(
        lambda(
            &mut w,
            "Invoke",
            json!({"FunctionName": "audit", "InvocationType": "Event", "Payload": payload})
        ),
        json!({"StatusCode": 202})
    );
    assert_eq!(
        lambda(
            &mut w,
            "Invoke",
            json!({"FunctionName": "audit", "InvocationType": "DryRun"})
        ),
        json!({"StatusCode": 204})
    );
    let record = invocations(&w);
    assert_eq!(record.len(), 2);
    assert_eq!(record[0].source, InvocationSource::Api);
    assert_eq!(record[0].invocation_type, "RequestResponse");
    assert_eq!(record[0].payload, r#"{"hello":"world"}"#);
    assert_eq!(record[1].invocation_type, "Event");
    assert_ne!(record[0].request_id, record[1].request_id);

    assert_eq!(
        err(&mut w, "Invoke", json!({"FunctionName": "nobody"})),
        (
            "ResourceNotFoundException".into(),
            "Function not found: arn:aws:lambda:us-west-2:111122223333:function:nobody".into()
        )
    );
    let (code, message) = err(
        &mut w,
        "Invoke",
        json!({"FunctionName": "audit", "Payload": b64(b"not json")}),
    );
    assert_eq!(code, "InvalidRequestContentException");
    assert!(
        message.starts_with("Could not parse request body into json: Could not parse payload into json: "),
        "{message}"
    );
    // An empty payload is the empty object.
    lambda(&mut w, "Invoke", json!({"FunctionName": "audit"}));
    assert_eq!(invocations(&w).last().map(|i| i.payload.clone()), Some("{}".into()));
}

#[test]
fn every_invocation_writes_lambdas_log_lines() {
    let mut w = world();
    create(&mut w);
    lambda(
        &mut w,
        "Invoke",
        json!({"FunctionName": "audit", "Payload": b64(b"{\"n\":1}")}),
    );
    w.advance_by(5 * SECOND);
    lambda(
        &mut w,
        "Invoke",
        json!({"FunctionName": "audit", "Payload": b64(b"{\"n\":2}")}),
    );
    let lines = logs(&w);
    assert_eq!(lines.len(), 8);
    let ids: Vec<String> = invocations(&w).iter().map(|i| i.request_id.clone()).collect();
    let (group, stream, _) = &lines[0];
    assert_eq!(group, "/aws/lambda/audit");
    assert!(stream.starts_with("2026/03/02/[$LATEST]"), "{stream}");
    assert_eq!(stream.len(), "2026/03/02/[$LATEST]".len() + 32);
    assert!(
        lines.iter().all(|(_, s, _)| s == stream),
        "a warm environment keeps its stream"
    );

    assert_eq!(lines[0].2, format!("START RequestId: {} Version: $LATEST\n", ids[0]));
    assert_eq!(lines[1].2, "{\"n\":1}\n");
    assert_eq!(lines[2].2, format!("END RequestId: {}\n", ids[0]));
    let report = &lines[3].2;
    let prefix = format!("REPORT RequestId: {}\tDuration: ", ids[0]);
    assert!(report.starts_with(&prefix), "{report:?}");
    let fields: Vec<&str> = report.trim_end_matches('\n').split('\t').collect();
    assert_eq!(fields.len(), 7, "{report:?}");
    assert!(fields[1].starts_with("Duration: ") && fields[1].ends_with(" ms"));
    assert!(fields[2].starts_with("Billed Duration: ") && fields[2].ends_with(" ms"));
    assert_eq!(fields[3], "Memory Size: 128 MB");
    assert!(fields[4].starts_with("Max Memory Used: ") && fields[4].ends_with(" MB"));
    assert!(fields[5].starts_with("Init Duration: "), "cold start: {report:?}");
    assert_eq!(fields[6], "");
    // The second (warm) invocation has no Init Duration.
    assert!(!lines[7].2.contains("Init Duration"));
    assert!(lines[7].2.ends_with("MB\t\n"));

    // After ten idle minutes a new environment (and stream) starts.
    w.advance_by(10 * MINUTE);
    lambda(&mut w, "Invoke", json!({"FunctionName": "audit"}));
    let lines = logs(&w);
    assert_ne!(&lines[8].1, stream);
    assert!(lines[11].2.contains("Init Duration"));
    assert_eq!(invocations(&w)[2].log_stream, lines[8].1);
}

#[test]
fn log_type_tail_returns_the_log_lines() {
    let mut w = world();
    create(&mut w);
    let out = lambda(&mut w, "Invoke", json!({"FunctionName": "audit", "LogType": "Tail"}));
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(out["LogResult"].as_str().unwrap_or_default())
        .expect("base64");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let expected: String = logs(&w).into_iter().map(|(_, _, m)| m).collect();
    assert_eq!(text, expected);
    let keys: Vec<&str> = out
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(keys, ["StatusCode", "LogResult", "Payload", "ExecutedVersion"]);
}

#[test]
fn services_invoke_asynchronously_and_missing_functions_drop_it() {
    let mut w = world();
    create(&mut w);
    let event = json!({
        "version": "0",
        "id": "x",
        "detail-type": "KMS CMK Deletion",
        "source": "aws.kms",
        "detail": {},
    });
    w.inject(Effect::LambdaInvoke {
        function_arn: ARN.into(),
        payload: event.to_string(),
    });
    w.inject(Effect::LambdaInvoke {
        function_arn: ARN.into(),
        payload: json!({"source": "aws.cloudwatch", "alarmArn": "arn:aws:cloudwatch:us-west-2:111122223333:alarm:a",
            "alarmData": {}})
        .to_string(),
    });
    w.inject(Effect::LambdaInvoke {
        function_arn: "arn:aws:lambda:us-west-2:111122223333:function:gone".into(),
        payload: "{}".into(),
    });
    let record = invocations(&w);
    assert_eq!(
        record[0].source,
        InvocationSource::EventBridge {
            source: "aws.kms".into(),
            detail_type: "KMS CMK Deletion".into()
        }
    );
    assert_eq!(record[0].invocation_type, "Event");
    assert_eq!(
        record[1].source,
        InvocationSource::CloudWatchAlarm {
            alarm_arn: "arn:aws:cloudwatch:us-west-2:111122223333:alarm:a".into()
        }
    );
    let dropped: Vec<_> = w.services().lambda.dropped().cloned().collect();
    assert_eq!(dropped.len(), 1);
    assert_eq!(
        dropped[0].reason,
        "Function not found: arn:aws:lambda:us-west-2:111122223333:function:gone"
    );
    assert_eq!(logs(&w).len(), 8);
}

#[test]
fn invocations_are_kept_for_thirty_days() {
    let mut w = world();
    create(&mut w);
    lambda(&mut w, "Invoke", json!({"FunctionName": "audit"}));
    w.advance_by(30 * crate::sim::time::DAY);
    assert_eq!(invocations(&w).len(), 1);
    w.advance_by(crate::sim::time::DAY);
    assert!(invocations(&w).is_empty());
}

fn script(seed: u64) -> (Value, Vec<String>) {
    let mut w = World::new(seed, Settings::default());
    let config = create(&mut w);
    lambda(&mut w, "Invoke", json!({"FunctionName": "audit"}));
    (
        config,
        logs(&w).into_iter().map(|(_, s, m)| format!("{s}{m}")).collect(),
    )
}

#[test]
fn the_same_seed_gives_the_same_ids_and_logs() {
    assert_eq!(script(1), script(1));
    assert_ne!(script(1), script(2));
}
