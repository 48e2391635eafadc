//! A world holding resources of every service, and the identifiers of
//! those resources by role (`key_id`, `topic_arn`, ...), for the matrix and
//! the property tests.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use rsa::pkcs8::DecodePublicKey;
use rsa::RsaPublicKey;

use crate::sim::params::b64;
use crate::sim::rng::SimRng;
use crate::sim::time::{DAY, MINUTE};
use crate::sim::{Settings, World};

/// The rule's pattern: narrow, so that failed calls (which CloudTrail
/// sends to the default bus) are not delivered to the fixture's queue and
/// the queue's content tells whether a refused request changed anything.
const NARROW_PATTERN: &str = r#"{"source":["aws.kms"],"detail-type":["KMS Imported Key Material Expiration"]}"#;

/// The fixture world and its identifiers.
pub(super) struct Fixture {
    pub world: World,
    pub ids: BTreeMap<&'static str, String>,
}

impl Fixture {
    pub fn id(&self, role: &str) -> &str {
        self.ids.get(role).map_or("", String::as_str)
    }
}

#[track_caller]
pub(super) fn ok(w: &mut World, service: &str, op: &str, params: Value) -> Value {
    match w.call(service, op, &params) {
        Ok(v) => v,
        Err(e) => panic!("fixture: {service} {op} {params} failed: {e}"),
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

/// An EXTERNAL key with material expiring in `days` days, imported the way
/// a learner's tool would.
pub(super) fn import_material(w: &mut World, days: i64) -> String {
    let key = ok(w, "kms", "CreateKey", json!({"Origin": "EXTERNAL"}));
    let key_id = text(&key["KeyMetadata"]["KeyId"]);
    let algorithm = "RSAES_OAEP_SHA_256";
    let params = ok(
        w,
        "kms",
        "GetParametersForImport",
        json!({"KeyId": key_id, "WrappingAlgorithm": algorithm, "WrappingKeySpec": "RSA_2048"}),
    );
    let der = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, text(&params["PublicKey"]))
        .expect("a DER public key");
    let public = RsaPublicKey::from_public_key_der(&der).expect("an RSA public key");
    let wrapped = crate::sim::kms::wrap_material(&public, algorithm, &[7u8; 32], &mut SimRng::from_seed(99))
        .expect("wrapped material");
    let valid_to = w.now().plus(days * DAY).epoch_seconds();
    ok(
        w,
        "kms",
        "ImportKeyMaterial",
        json!({"KeyId": key_id, "ImportToken": params["ImportToken"], "EncryptedKeyMaterial": b64(&wrapped),
               "ExpirationModel": "KEY_MATERIAL_EXPIRES", "ValidTo": valid_to}),
    );
    key_id
}

/// Builds the fixture: keys in several states and kinds, an alias, metric
/// data and an alarm, a topic with email and SQS subscriptions, a queue
/// holding messages, a log group with a stream, events and a metric filter,
/// a rule with a target, a trail that is logging, a stream with a record,
/// and a function that has been invoked.
pub(super) fn build() -> Fixture {
    let mut w = World::new(2026, Settings::default());
    let mut ids: BTreeMap<&'static str, String> = BTreeMap::new();

    // KMS.
    let meta = ok(&mut w, "kms", "CreateKey", json!({"Description": "hardening"}))["KeyMetadata"].clone();
    ids.insert("key_id", text(&meta["KeyId"]));
    ids.insert("key_arn", text(&meta["Arn"]));
    ok(
        &mut w,
        "kms",
        "CreateAlias",
        json!({"AliasName": "alias/hardening", "TargetKeyId": ids["key_id"]}),
    );
    ids.insert("alias", "alias/hardening".into());
    ids.insert("alias_arn", "arn:aws:kms:us-west-2:111122223333:alias/hardening".into());
    let external = import_material(&mut w, 30);
    ids.insert("external_key_id", external);
    let hmac = ok(
        &mut w,
        "kms",
        "CreateKey",
        json!({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}),
    );
    ids.insert("hmac_key_id", text(&hmac["KeyMetadata"]["KeyId"]));
    let sign = ok(
        &mut w,
        "kms",
        "CreateKey",
        json!({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}),
    );
    ids.insert("sign_key_id", text(&sign["KeyMetadata"]["KeyId"]));
    let doomed = ok(&mut w, "kms", "CreateKey", json!({}));
    let doomed_id = text(&doomed["KeyMetadata"]["KeyId"]);
    ok(
        &mut w,
        "kms",
        "ScheduleKeyDeletion",
        json!({"KeyId": doomed_id, "PendingWindowInDays": 30}),
    );
    ids.insert("pending_key_id", doomed_id);
    let disabled = ok(&mut w, "kms", "CreateKey", json!({}));
    let disabled_id = text(&disabled["KeyMetadata"]["KeyId"]);
    ok(&mut w, "kms", "DisableKey", json!({"KeyId": disabled_id}));
    ids.insert("disabled_key_id", disabled_id);
    let encrypted = ok(
        &mut w,
        "kms",
        "Encrypt",
        json!({"KeyId": ids["key_id"], "Plaintext": "aGVsbG8="}),
    );
    ids.insert("ciphertext", text(&encrypted["CiphertextBlob"]));

    // SQS.
    let queue = ok(&mut w, "sqs", "CreateQueue", json!({"QueueName": "hardening"}));
    ids.insert("queue_url", text(&queue["QueueUrl"]));
    ids.insert("queue_arn", "arn:aws:sqs:us-west-2:111122223333:hardening".into());
    ok(
        &mut w,
        "sqs",
        "SendMessage",
        json!({"QueueUrl": ids["queue_url"], "MessageBody": "first"}),
    );
    ok(
        &mut w,
        "sqs",
        "SendMessage",
        json!({"QueueUrl": ids["queue_url"], "MessageBody": "second"}),
    );
    let received = ok(&mut w, "sqs", "ReceiveMessage", json!({"QueueUrl": ids["queue_url"]}));
    ids.insert("receipt_handle", text(&received["Messages"][0]["ReceiptHandle"]));

    // SNS.
    let topic = ok(&mut w, "sns", "CreateTopic", json!({"Name": "hardening"}));
    ids.insert("topic_arn", text(&topic["TopicArn"]));
    ok(
        &mut w,
        "sns",
        "Subscribe",
        json!({"TopicArn": ids["topic_arn"], "Protocol": "email", "Endpoint": "learner@example.com"}),
    );
    let sub = ok(
        &mut w,
        "sns",
        "Subscribe",
        json!({"TopicArn": ids["topic_arn"], "Protocol": "sqs", "Endpoint": ids["queue_arn"]}),
    );
    ids.insert("subscription_arn", text(&sub["SubscriptionArn"]));
    ok(
        &mut w,
        "sns",
        "Publish",
        json!({"TopicArn": ids["topic_arn"], "Message": "hello", "Subject": "hi"}),
    );

    // CloudWatch.
    ok(
        &mut w,
        "cloudwatch",
        "PutMetricData",
        json!({"Namespace": "Hardening", "MetricData": [{"MetricName": "Load", "Value": 1.0, "Unit": "Count"}]}),
    );
    ok(
        &mut w,
        "cloudwatch",
        "PutMetricAlarm",
        json!({
            "AlarmName": "hardening-alarm", "Namespace": "Hardening", "MetricName": "Load",
            "Statistic": "Average", "Period": 60, "EvaluationPeriods": 1, "Threshold": 0.5,
            "ComparisonOperator": "GreaterThanThreshold", "AlarmActions": [ids["topic_arn"]]
        }),
    );
    ids.insert("alarm", "hardening-alarm".into());

    // CloudWatch Logs.
    ok(&mut w, "logs", "CreateLogGroup", json!({"logGroupName": "/hardening"}));
    ok(
        &mut w,
        "logs",
        "CreateLogStream",
        json!({"logGroupName": "/hardening", "logStreamName": "stream-1"}),
    );
    let now_ms = w.now().millis();
    ok(
        &mut w,
        "logs",
        "PutLogEvents",
        json!({"logGroupName": "/hardening", "logStreamName": "stream-1",
               "logEvents": [{"timestamp": now_ms, "message": "ERROR hardening"}]}),
    );
    ok(
        &mut w,
        "logs",
        "PutMetricFilter",
        json!({"logGroupName": "/hardening", "filterName": "errors", "filterPattern": "ERROR",
               "metricTransformations": [{"metricName": "Errors", "metricNamespace": "Hardening", "metricValue": "1"}]}),
    );
    ids.insert("log_group", "/hardening".into());
    ids.insert("log_stream", "stream-1".into());
    ids.insert(
        "log_group_arn",
        "arn:aws:logs:us-west-2:111122223333:log-group:/hardening".into(),
    );

    // Lambda and Kinesis.
    let function = ok(&mut w, "lambda", "CreateFunction", json!({"FunctionName": "hardening"}));
    ids.insert("function_name", "hardening".into());
    ids.insert("function_arn", text(&function["FunctionArn"]));
    ok(
        &mut w,
        "lambda",
        "Invoke",
        json!({"FunctionName": "hardening", "Payload": "e30="}),
    );
    ok(
        &mut w,
        "kinesis",
        "CreateStream",
        json!({"StreamName": "hardening", "ShardCount": 1}),
    );
    ids.insert("stream_name", "hardening".into());
    ids.insert(
        "stream_arn",
        "arn:aws:kinesis:us-west-2:111122223333:stream/hardening".into(),
    );
    ok(
        &mut w,
        "kinesis",
        "PutRecord",
        json!({"StreamName": "hardening", "Data": "aGVsbG8=", "PartitionKey": "p"}),
    );
    let iterator = ok(
        &mut w,
        "kinesis",
        "GetShardIterator",
        json!({"StreamName": "hardening", "ShardId": "shardId-000000000000", "ShardIteratorType": "TRIM_HORIZON"}),
    );
    ids.insert("shard_iterator", text(&iterator["ShardIterator"]));

    // EventBridge.
    let rule = ok(
        &mut w,
        "events",
        "PutRule",
        json!({"Name": "hardening-rule", "EventPattern": NARROW_PATTERN}),
    );
    ids.insert("rule", "hardening-rule".into());
    ids.insert("rule_arn", text(&rule["RuleArn"]));
    ok(
        &mut w,
        "events",
        "PutTargets",
        json!({"Rule": "hardening-rule", "Targets": [{"Id": "queue", "Arn": ids["queue_arn"]}]}),
    );
    ok(
        &mut w,
        "events",
        "PutEvents",
        json!({"Entries": [{"Source": "app.hardening", "DetailType": "Test", "Detail": "{\"a\":1}"}]}),
    );

    // CloudTrail.
    let trail = ok(
        &mut w,
        "cloudtrail",
        "CreateTrail",
        json!({"Name": "hardening-trail", "S3BucketName": "hardening-bucket"}),
    );
    ids.insert("trail", "hardening-trail".into());
    ids.insert("trail_arn", text(&trail["TrailARN"]));
    ok(&mut w, "cloudtrail", "StartLogging", json!({"Name": "hardening-trail"}));

    // Let time run so that evaluations, deliveries and metrics happen.
    w.advance_by(5 * MINUTE);
    ok(
        &mut w,
        "cloudwatch",
        "PutMetricData",
        json!({"Namespace": "Hardening", "MetricData": [{"MetricName": "Load", "Value": 2.0}]}),
    );
    w.advance_by(DAY / 24);
    Fixture { world: w, ids }
}
