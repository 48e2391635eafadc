//! The CLI over real services: the seed's recipes typed as AWS CLI commands
//! and every CloudWatch, SNS, EventBridge, Logs and SQS command of
//! reference §9.3, compared with the documented output (ids and times
//! aside), with CLI v2's timestamps.

use base64::Engine;
use rsa::pkcs8::DecodePublicKey;
use rsa::RsaPublicKey;
use serde_json::{json as j, Value};

use super::kms::{json, ok, world};
use crate::cli::run;
use crate::sim::rng::SimRng;
use crate::sim::sns::EmailKind;
use crate::sim::time::{DAY, MINUTE, SECOND};
use crate::sim::{SimTime, World};

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// Output that is JSON but not necessarily an object (a `--query` result).
fn parsed(w: &mut World, line: &str) -> Value {
    serde_json::from_str(&ok(w, line)).expect("stdout is JSON")
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The token of the latest confirmation email.
fn confirmation_token(w: &World) -> String {
    w.services()
        .sns
        .mailbox()
        .rev()
        .find_map(|m| match &m.kind {
            EmailKind::SubscriptionConfirmation { token, .. } => Some(token.clone()),
            _ => None,
        })
        .expect("a confirmation email")
}

/// Imports material into an EXTERNAL key with the CLI, wrapping it with
/// the public key the CLI printed (what a learner does with openssl).
fn import_with_cli(w: &mut World, key_id: &str, valid_to: &str) -> Value {
    let p = json(
        w,
        &format!(
            "aws kms get-parameters-for-import --key-id {key_id} --wrapping-algorithm RSAES_OAEP_SHA_256 \
             --wrapping-key-spec RSA_2048"
        ),
    );
    let der = base64::engine::general_purpose::STANDARD
        .decode(p["PublicKey"].as_str().unwrap())
        .unwrap();
    let public = RsaPublicKey::from_public_key_der(&der).unwrap();
    let wrapped =
        crate::sim::kms::wrap_material(&public, "RSAES_OAEP_SHA_256", &[0x42; 32], &mut SimRng::from_seed(3)).unwrap();
    json(
        w,
        &format!(
            "aws kms import-key-material --key-id {key_id} --encrypted-key-material {} --import-token {} \
             --expiration-model KEY_MATERIAL_EXPIRES --valid-to {valid_to}",
            b64(&wrapped),
            p["ImportToken"].as_str().unwrap()
        ),
    )
}

#[test]
fn the_expiry_recipe_typed_at_the_console() {
    let mut w = world();
    let t0 = w.now();
    let key_id = json(&mut w, "aws kms create-key --origin EXTERNAL --description imported")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    // No expiring material yet: no metric.
    assert_eq!(
        ok(&mut w, "aws cloudwatch list-metrics --namespace AWS/KMS"),
        "{\n    \"Metrics\": []\n}\n"
    );
    let imported = import_with_cli(&mut w, &key_id, "2026-03-14T09:00:00Z");
    assert_eq!(keys(&imported), ["KeyId", "KeyMaterialId"]);
    let d = json(&mut w, &format!("aws kms describe-key --key-id {key_id}"));
    assert_eq!(d["KeyMetadata"]["ValidTo"], "2026-03-14T09:00:00+00:00");
    assert_eq!(d["KeyMetadata"]["KeyState"], "Enabled");

    // Reference §9.3, exactly, with the key's id.
    let expected = format!(
        "{{\n    \"Metrics\": [\n        {{\n            \"Namespace\": \"AWS/KMS\",\n            \"MetricName\": \
         \"SecondsUntilKeyMaterialExpiration\",\n            \"Dimensions\": [\n                {{\n                    \
         \"Name\": \"KeyId\",\n                    \"Value\": \"{key_id}\"\n                }}\n            ]\n        \
         }}\n    ]\n}}\n"
    );
    assert_eq!(ok(&mut w, "aws cloudwatch list-metrics --namespace AWS/KMS"), expected);
    assert_eq!(
        ok(
            &mut w,
            "aws cloudwatch list-metrics --namespace AWS/KMS --metric-name SecondsUntilKeyMaterialExpiration"
        ),
        expected
    );

    let topic = json(&mut w, "aws sns create-topic --name KMSAlert");
    assert_eq!(topic, j!({"TopicArn": "arn:aws:sns:us-west-2:111122223333:KMSAlert"}));
    let sub = json(
        &mut w,
        "aws sns subscribe --topic-arn arn:aws:sns:us-west-2:111122223333:KMSAlert --protocol email \
         --notification-endpoint security@example.com",
    );
    assert_eq!(sub, j!({"SubscriptionArn": "pending confirmation"}));
    assert_eq!(
        ok(
            &mut w,
            &format!(
                "aws cloudwatch put-metric-alarm --alarm-name KeyMaterialExpiresSoon --metric-name \
                 SecondsUntilKeyMaterialExpiration --namespace AWS/KMS --statistic Minimum --period 60 \
                 --evaluation-periods 1 --datapoints-to-alarm 1 --threshold 864000 --comparison-operator \
                 LessThanOrEqualToThreshold --dimensions Name=KeyId,Value={key_id} --alarm-actions \
                 arn:aws:sns:us-west-2:111122223333:KMSAlert"
            )
        ),
        "",
        "PutMetricAlarm prints nothing"
    );
    let token = confirmation_token(&w);
    let confirmed = json(
        &mut w,
        &format!(
            "aws sns confirm-subscription --topic-arn arn:aws:sns:us-west-2:111122223333:KMSAlert --token {token}"
        ),
    );
    assert!(confirmed["SubscriptionArn"]
        .as_str()
        .unwrap()
        .starts_with("arn:aws:sns:us-west-2:111122223333:KMSAlert:"));

    w.advance_to(t0.plus(MINUTE));
    let a = json(
        &mut w,
        "aws cloudwatch describe-alarms --alarm-names KeyMaterialExpiresSoon",
    );
    assert_eq!(keys(&a), ["MetricAlarms", "CompositeAlarms"]);
    assert_eq!(a["CompositeAlarms"], j!([]));
    let alarm = &a["MetricAlarms"][0];
    assert_eq!(alarm["StateValue"], "OK");
    assert_eq!(alarm["Threshold"], j!(864000.0));
    assert_eq!(alarm["StateUpdatedTimestamp"], "2026-03-02T09:01:00+00:00");
    assert_eq!(alarm["AlarmConfigurationUpdatedTimestamp"], "2026-03-02T09:00:00+00:00");
    let stats = json(
        &mut w,
        &format!(
            "aws cloudwatch get-metric-statistics --namespace AWS/KMS --metric-name SecondsUntilKeyMaterialExpiration \
             --dimensions Name=KeyId,Value={key_id} --statistics Minimum --period 60 \
             --start-time 2026-03-02T09:00:00Z --end-time 2026-03-02T09:01:00Z"
        ),
    );
    assert_eq!(
        stats,
        j!({"Label": "SecondsUntilKeyMaterialExpiration", "Datapoints": [
            {"Timestamp": "2026-03-02T09:00:00+00:00", "Minimum": 1036800.0, "Unit": "Seconds"}
        ]})
    );

    w.advance_to(t0.plus(2 * DAY + MINUTE));
    let out = ok(
        &mut w,
        "aws cloudwatch describe-alarms --alarm-names KeyMaterialExpiresSoon --query 'MetricAlarms[0].[StateValue,StateTransitionedTimestamp]' --output text",
    );
    assert_eq!(out, "ALARM\t2026-03-04T09:01:00+00:00\n");
    let email = w.services().sns.mailbox().last().unwrap().clone();
    assert_eq!(email.subject, "ALARM: \"KeyMaterialExpiresSoon\" in US West (Oregon)");
    assert_eq!(email.to, "security@example.com");

    // At ValidTo the key waits for new material.
    w.advance_to(t0.plus(12 * DAY));
    let state = ok(
        &mut w,
        &format!("aws kms describe-key --key-id {key_id} --query KeyMetadata.KeyState --output text"),
    );
    assert_eq!(state, "PendingImport\n");
}

#[test]
fn describe_alarms_has_the_documented_shape_and_reason() {
    let mut w = world();
    let t0 = w.now();
    ok(&mut w, "aws sns create-topic --name myHighCpuAlarm");
    // Two five-minute periods of data, 40.292 then 38.958, published before
    // the alarm exists (custom namespaces may not start with "AWS/": the
    // example's EC2 metric is published under MyApp here).
    w.advance_to(t0.plus(10 * MINUTE));
    assert_eq!(
        ok(
            &mut w,
            "aws cloudwatch put-metric-data --namespace MyApp --metric-data \
             'MetricName=CPUUtilization,Dimensions=[{Name=InstanceId,Value=i-0c986c72}],Timestamp=2026-03-02T09:01:00Z,Value=40.292' \
             'MetricName=CPUUtilization,Dimensions=[{Name=InstanceId,Value=i-0c986c72}],Timestamp=2026-03-02T09:06:00Z,Value=38.958'"
        ),
        "",
        "PutMetricData prints nothing"
    );
    assert_eq!(
        ok(
            &mut w,
            "aws cloudwatch put-metric-alarm --alarm-name myalarm --alarm-description 'CPU usage exceeds 70 percent' \
             --metric-name CPUUtilization --namespace MyApp --statistic Average --period 300 --threshold 70 \
             --comparison-operator GreaterThanThreshold --dimensions Name=InstanceId,Value=i-0c986c72 \
             --evaluation-periods 2 --alarm-actions arn:aws:sns:us-west-2:111122223333:myHighCpuAlarm"
        ),
        ""
    );
    // The first evaluation (09:11) sees both periods.
    w.advance_to(t0.plus(11 * MINUTE));
    let a = json(&mut w, "aws cloudwatch describe-alarms --alarm-names myalarm");
    let alarm = &a["MetricAlarms"][0];
    // The documented example's members (CLIEX:cloudwatch/describe-alarms),
    // plus StateTransitionedTimestamp, in the model's order.
    assert_eq!(
        keys(alarm),
        [
            "AlarmName",
            "AlarmArn",
            "AlarmDescription",
            "AlarmConfigurationUpdatedTimestamp",
            "ActionsEnabled",
            "OKActions",
            "AlarmActions",
            "InsufficientDataActions",
            "StateValue",
            "StateReason",
            "StateReasonData",
            "StateUpdatedTimestamp",
            "MetricName",
            "Namespace",
            "Statistic",
            "Dimensions",
            "Period",
            "EvaluationPeriods",
            "Threshold",
            "ComparisonOperator",
            "StateTransitionedTimestamp",
        ]
    );
    assert_eq!(
        alarm["AlarmArn"],
        "arn:aws:cloudwatch:us-west-2:111122223333:alarm:myalarm"
    );
    assert_eq!(alarm["StateValue"], "OK");
    // The CLI example's reason ("2 datapoints were not greater than the
    // threshold (70.0). The most recent datapoints: [38.958, 40.292].") is
    // the 2014 form; current alarms list the datapoints with their times,
    // newest first (recorded outputs of 2022–2023 API calls).
    assert_eq!(
        alarm["StateReason"],
        "Threshold Crossed: 2 datapoints [38.958 (02/03/26 09:06:00), 40.292 (02/03/26 09:01:00)] were not greater than the threshold (70.0)."
    );
    assert_eq!(alarm["Threshold"], j!(70.0));
    assert_eq!(alarm["Period"], 300);
    assert_eq!(alarm["Dimensions"], j!([{"Name": "InstanceId", "Value": "i-0c986c72"}]));
    assert_eq!(alarm["OKActions"], j!([]));
    assert_eq!(alarm["InsufficientDataActions"], j!([]));
    assert_eq!(alarm["ActionsEnabled"], true);
    assert_eq!(alarm["StateUpdatedTimestamp"], "2026-03-02T09:11:00+00:00");
    let data: Value = serde_json::from_str(alarm["StateReasonData"].as_str().unwrap()).unwrap();
    assert_eq!(data["version"], "1.0");
    assert_eq!(data["recentDatapoints"], j!([40.292, 38.958]));

    // SetAlarmState at a time with milliseconds: CLI v2 prints microseconds.
    w.advance_to(t0.plus(11 * MINUTE + 5 * SECOND + 250));
    assert_eq!(
        ok(
            &mut w,
            "aws cloudwatch set-alarm-state --alarm-name myalarm --state-value ALARM --state-reason 'testing purposes'"
        ),
        ""
    );
    let a = json(&mut w, "aws cloudwatch describe-alarms --alarm-names myalarm");
    assert_eq!(a["MetricAlarms"][0]["StateValue"], "ALARM");
    assert_eq!(a["MetricAlarms"][0]["StateReason"], "testing purposes");
    assert_eq!(
        a["MetricAlarms"][0]["StateUpdatedTimestamp"],
        "2026-03-02T09:11:05.250000+00:00"
    );
    let h = json(
        &mut w,
        "aws cloudwatch describe-alarm-history --alarm-name myalarm --history-item-type StateUpdate",
    );
    let items = h["AlarmHistoryItems"].as_array().unwrap();
    assert_eq!(items[0]["HistorySummary"], "Alarm updated from OK to ALARM");
    assert_eq!(items[0]["Timestamp"], "2026-03-02T09:11:05.250000+00:00");
    assert_eq!(
        keys(&items[0]),
        [
            "AlarmName",
            "AlarmType",
            "Timestamp",
            "HistoryItemType",
            "HistorySummary",
            "HistoryData"
        ]
    );
    let data: Value = serde_json::from_str(items[0]["HistoryData"].as_str().unwrap()).unwrap();
    assert_eq!(data["oldState"]["stateValue"], "OK");
    assert_eq!(
        data["newState"],
        j!({"stateValue": "ALARM", "stateReason": "testing purposes"})
    );

    // The datapoints, with CLI v2 timestamps.
    let s = parsed(
        &mut w,
        "aws cloudwatch get-metric-statistics --namespace MyApp --metric-name CPUUtilization \
         --dimensions Name=InstanceId,Value=i-0c986c72 --statistics Average --period 300 \
         --start-time 2026-03-02T09:00:00Z --end-time 2026-03-02T09:10:00Z --query 'sort_by(Datapoints, &Timestamp)'",
    );
    assert_eq!(
        s,
        j!([
            {"Timestamp": "2026-03-02T09:00:00+00:00", "Average": 40.292, "Unit": "None"},
            {"Timestamp": "2026-03-02T09:05:00+00:00", "Average": 38.958, "Unit": "None"},
        ])
    );
    let m = json(
        &mut w,
        "aws cloudwatch get-metric-data --start-time 2026-03-02T09:00:00Z --end-time 2026-03-02T09:10:00Z \
         --metric-data-queries '[{\"Id\":\"cpu\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"MyApp\",\"MetricName\":\"CPUUtilization\",\"Dimensions\":[{\"Name\":\"InstanceId\",\"Value\":\"i-0c986c72\"}]},\"Period\":300,\"Stat\":\"Maximum\"}}]'",
    );
    assert_eq!(
        m["MetricDataResults"][0]["Timestamps"],
        j!(["2026-03-02T09:05:00+00:00", "2026-03-02T09:00:00+00:00"])
    );
    assert_eq!(m["MetricDataResults"][0]["Values"], j!([38.958, 40.292]));
}

#[test]
fn sns_commands_from_the_reference() {
    let mut w = world();
    assert_eq!(
        ok(&mut w, "aws sns create-topic --name my-topic"),
        "{\n    \"TopicArn\": \"arn:aws:sns:us-west-2:111122223333:my-topic\"\n}\n"
    );
    assert_eq!(
        ok(
            &mut w,
            "aws sns subscribe --topic-arn arn:aws:sns:us-west-2:111122223333:my-topic --protocol email \
             --notification-endpoint my-email@example.com"
        ),
        "{\n    \"SubscriptionArn\": \"pending confirmation\"\n}\n"
    );
    let listed = json(
        &mut w,
        "aws sns list-subscriptions-by-topic --topic-arn arn:aws:sns:us-west-2:111122223333:my-topic",
    );
    assert_eq!(
        listed,
        j!({"Subscriptions": [{"SubscriptionArn": "PendingConfirmation", "Owner": "111122223333",
            "Protocol": "email", "Endpoint": "my-email@example.com",
            "TopicArn": "arn:aws:sns:us-west-2:111122223333:my-topic"}]})
    );
    // Not confirmed: the publish succeeds and nobody gets it.
    let published = json(
        &mut w,
        "aws sns publish --topic-arn arn:aws:sns:us-west-2:111122223333:my-topic --message 'Hello World!'",
    );
    assert_eq!(keys(&published), ["MessageId"]);
    assert_eq!(published["MessageId"].as_str().unwrap().len(), 36);
    assert_eq!(w.services().sns.mailbox().count(), 1);

    let token = confirmation_token(&w);
    json(
        &mut w,
        &format!(
            "aws sns confirm-subscription --topic-arn arn:aws:sns:us-west-2:111122223333:my-topic --token {token}"
        ),
    );
    json(
        &mut w,
        "aws sns publish --topic-arn arn:aws:sns:us-west-2:111122223333:my-topic --message 'Hello World!' \
         --subject Greetings",
    );
    let last = w.services().sns.mailbox().last().unwrap().clone();
    assert_eq!(last.subject, "Greetings");
    assert!(last.body.starts_with("Hello World!\n\n--\n"), "{}", last.body);
    let topics = json(&mut w, "aws sns list-topics");
    assert_eq!(
        topics,
        j!({"Topics": [{"TopicArn": "arn:aws:sns:us-west-2:111122223333:my-topic"}]})
    );
}

#[test]
fn events_to_a_queue_with_the_cli() {
    let mut w = world();
    let t0 = w.now();
    assert_eq!(
        json(&mut w, "aws sqs create-queue --queue-name kms-events"),
        j!({"QueueUrl": "https://sqs.us-west-2.amazonaws.com/111122223333/kms-events"})
    );
    assert_eq!(
        json(
            &mut w,
            r#"aws events put-rule --name KMSDeletion --event-pattern '{"source":["aws.kms"],"detail-type":["KMS CMK Deletion"]}'"#
        ),
        j!({"RuleArn": "arn:aws:events:us-west-2:111122223333:rule/KMSDeletion"})
    );
    assert_eq!(
        ok(
            &mut w,
            r#"aws events put-targets --rule KMSDeletion --targets "Id"="1","Arn"="arn:aws:sqs:us-west-2:111122223333:kms-events""#
        ),
        "{\n    \"FailedEntryCount\": 0,\n    \"FailedEntries\": []\n}\n"
    );
    let key_id = json(&mut w, "aws kms create-key")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    json(
        &mut w,
        &format!("aws kms schedule-key-deletion --key-id {key_id} --pending-window-in-days 7"),
    );
    w.advance_to(t0.plus(7 * DAY));
    let got = json(
        &mut w,
        "aws sqs receive-message --queue-url https://sqs.us-west-2.amazonaws.com/111122223333/kms-events \
         --attribute-names All --message-attribute-names All --max-number-of-messages 10",
    );
    let messages = got["Messages"].as_array().unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(
        keys(&messages[0]),
        ["MessageId", "ReceiptHandle", "MD5OfBody", "Body", "Attributes"]
    );
    assert_eq!(messages[0]["Attributes"]["SentTimestamp"], "1773046800000");
    assert_eq!(messages[0]["Attributes"]["ApproximateReceiveCount"], "1");
    let event = w.services().events.bus_events().last().unwrap().clone();
    assert_eq!(messages[0]["Body"], j!(event.to_string()));
    assert_eq!(event["detail"], j!({"key-id": key_id}));
    assert_eq!(event["time"], "2026-03-09T09:00:00Z");
    let handle = messages[0]["ReceiptHandle"].as_str().unwrap();
    assert_eq!(
        ok(
            &mut w,
            &format!(
                "aws sqs delete-message --queue-url https://sqs.us-west-2.amazonaws.com/111122223333/kms-events \
                 --receipt-handle {handle}"
            )
        ),
        ""
    );
    assert_eq!(
        ok(
            &mut w,
            "aws sqs receive-message --queue-url https://sqs.us-west-2.amazonaws.com/111122223333/kms-events"
        ),
        "",
        "an empty receive prints nothing"
    );

    // PutEvents and TestEventPattern, as documented.
    let put = json(
        &mut w,
        r#"aws events put-events --entries '[{"Source":"com.mycompany.myapp","DetailType":"myDetailType","Detail":"{ \"key1\": \"value1\", \"key2\": \"value2\" }"}]'"#,
    );
    assert_eq!(put["FailedEntryCount"], 0);
    assert_eq!(keys(&put["Entries"][0]), ["EventId"]);
    let t = json(
        &mut w,
        r#"aws events test-event-pattern --event-pattern '{"source":["com.mycompany.myapp"]}' --event '{"id":"1","source":"com.mycompany.myapp","detail-type":"myDetailType","account":"123456789012","region":"us-east-1","time":"2017-04-11T20:11:04Z","resources":[],"detail":{}}'"#,
    );
    assert_eq!(t, j!({"Result": true}));
    let targets = json(&mut w, "aws events list-targets-by-rule --rule KMSDeletion");
    assert_eq!(
        targets,
        j!({"Targets": [{"Id": "1", "Arn": "arn:aws:sqs:us-west-2:111122223333:kms-events"}]})
    );
}

#[test]
fn logs_commands_with_a_trail() {
    let mut w = world();
    let t0 = w.now();
    assert_eq!(
        ok(&mut w, "aws logs create-log-group --log-group-name CloudTrail/logs"),
        ""
    );
    let trail = json(
        &mut w,
        "aws cloudtrail create-trail --name main --s3-bucket-name my-bucket \
         --cloud-watch-logs-log-group-arn 'arn:aws:logs:us-west-2:111122223333:log-group:CloudTrail/logs:*' \
         --cloud-watch-logs-role-arn arn:aws:iam::111122223333:role/CloudTrail_CloudWatchLogs_Role",
    );
    assert_eq!(trail["Name"], "main");
    assert_eq!(ok(&mut w, "aws cloudtrail start-logging --name main"), "");
    assert_eq!(
        ok(
            &mut w,
            "aws logs put-metric-filter --log-group-name CloudTrail/logs --filter-name KMSKeyPendingDeletionErrorFilter \
             --filter-pattern '{ $.eventSource = kms* && $.errorMessage = \"* is pending deletion.\" }' \
             --metric-transformations metricName=KMSKeyPendingDeletionErrorCount,metricNamespace=CloudTrailLogMetrics,metricValue=1"
        ),
        ""
    );
    let filters = json(
        &mut w,
        "aws logs describe-metric-filters --log-group-name CloudTrail/logs",
    );
    assert_eq!(
        filters["metricFilters"][0]["filterPattern"],
        "{ $.eventSource = kms* && $.errorMessage = \"* is pending deletion.\" }"
    );
    let key_id = json(&mut w, "aws kms create-key")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let blob = json(&mut w, &format!("aws kms encrypt --key-id {key_id} --plaintext aGk="))["CiphertextBlob"]
        .as_str()
        .unwrap()
        .to_owned();
    json(
        &mut w,
        &format!("aws kms schedule-key-deletion --key-id {key_id} --pending-window-in-days 7"),
    );
    w.advance_to(t0.plus(5 * MINUTE + 20 * SECOND));
    let out = run(&mut w, &format!("aws kms decrypt --ciphertext-blob {blob}"));
    assert_eq!(out.exit_code, 254);
    assert_eq!(
        out.stderr,
        format!(
            "\naws: [ERROR]: An error occurred (KMSInvalidStateException) when calling the Decrypt operation: \
             arn:aws:kms:us-west-2:111122223333:key/{key_id} is pending deletion.\n"
        )
    );
    let found = json(
        &mut w,
        "aws logs filter-log-events --log-group-name CloudTrail/logs \
         --filter-pattern '{ $.eventSource = kms* && $.errorMessage = \"* is pending deletion.\" }'",
    );
    let events = found["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{found}");
    assert_eq!(
        keys(&events[0]),
        ["logStreamName", "timestamp", "message", "ingestionTime", "eventId"]
    );
    // Logs' times are epoch milliseconds (longs), as the CLI prints them.
    assert_eq!(
        events[0]["timestamp"],
        j!(SimTime::parse("2026-03-02T09:05:20Z").unwrap().millis())
    );
    let record: Value = serde_json::from_str(events[0]["message"].as_str().unwrap()).unwrap();
    assert_eq!(record["eventName"], "Decrypt");
    let stats = json(
        &mut w,
        "aws cloudwatch get-metric-statistics --namespace CloudTrailLogMetrics --metric-name KMSKeyPendingDeletionErrorCount \
         --statistics Sum --period 60 --start-time 2026-03-02T09:00:00Z --end-time 2026-03-02T10:00:00Z",
    );
    assert_eq!(
        stats["Datapoints"],
        j!([{"Timestamp": "2026-03-02T09:05:00+00:00", "Sum": 1.0, "Unit": "None"}])
    );
    let groups = json(
        &mut w,
        "aws logs describe-log-groups --log-group-name-prefix CloudTrail",
    );
    assert_eq!(groups["logGroups"][0]["metricFilterCount"], 1);
    let tested = json(
        &mut w,
        "aws logs test-metric-filter --filter-pattern '{ $.errorMessage = \"* is pending deletion.\" }' \
         --log-event-messages '{\"errorMessage\":\"arn:aws:kms:us-west-2:111122223333:key/k is pending deletion.\"}' '{\"errorMessage\":\"other\"}'",
    );
    assert_eq!(tested["matches"].as_array().unwrap().len(), 1);
}

#[test]
fn put_metric_data_scalar_options_as_the_cloudwatch_guide_uses_them() {
    let mut w = world();
    let t0 = w.now();
    assert_eq!(
        ok(
            &mut w,
            "aws cloudwatch put-metric-data --metric-name PageViewCount --namespace MyService --value 2 \
             --timestamp 2026-03-02T09:00:00.000Z --unit Count --dimensions Page=home,Env=prod"
        ),
        ""
    );
    w.advance_to(t0.plus(MINUTE + 30 * SECOND));
    ok(
        &mut w,
        "aws cloudwatch put-metric-data --metric-name PageViewCount --namespace MyService --unit Count \
         --dimensions Page=home,Env=prod --statistic-values Sum=11,Minimum=2,Maximum=5,SampleCount=3",
    );
    let stats = parsed(
        &mut w,
        "aws cloudwatch get-metric-statistics --namespace MyService --metric-name PageViewCount \
         --dimensions Name=Page,Value=home Name=Env,Value=prod --statistics Sum SampleCount Maximum --period 60 \
         --start-time 2026-03-02T09:00:00Z --end-time 2026-03-02T09:02:00Z --query 'sort_by(Datapoints, &Timestamp)' \
         --output json",
    );
    assert_eq!(
        stats,
        j!([
            {"Timestamp": "2026-03-02T09:00:00+00:00", "SampleCount": 1.0, "Sum": 2.0, "Maximum": 2.0, "Unit": "Count"},
            {"Timestamp": "2026-03-02T09:01:00+00:00", "SampleCount": 3.0, "Sum": 11.0, "Maximum": 5.0, "Unit": "Count"},
        ])
    );

    let both = run(
        &mut w,
        "aws cloudwatch put-metric-data --namespace MyService --metric-data MetricName=A,Value=1 --metric-name B --value 1",
    );
    assert_eq!(
        (both.exit_code, both.stderr.as_str()),
        (
            255,
            "\naws: [ERROR]: The key \"metric_name\" cannot be specified when one of the following keys are also specified: metric_data\n"
        )
    );
    // The current model no longer requires MetricData (EntityMetricData
    // can replace it): the service says what is missing.
    let neither = run(&mut w, "aws cloudwatch put-metric-data --namespace MyService");
    assert_eq!(neither.exit_code, 254, "{}", neither.stderr);
    assert!(
        neither.stderr.ends_with(
            "(MissingParameter) when calling the PutMetricData operation: The parameter MetricData is required.\n"
        ),
        "{}",
        neither.stderr
    );
    let bad = run(
        &mut w,
        "aws cloudwatch put-metric-data --namespace MyService --metric-name A --value lots",
    );
    assert_eq!(
        (bad.exit_code, bad.stderr.as_str()),
        (255, "\naws: [ERROR]: [<class 'decimal.ConversionSyntax'>]\n")
    );
    let help = crate::cli::help(&["cloudwatch", "put-metric-data"]);
    for option in [
        "[--metric-name <value>]",
        "[--value <value>]",
        "[--dimensions <value>]",
        "[--statistic-values <value>]",
    ] {
        assert!(help.contains(option), "{option} in {help}");
    }
    // Nothing was published by the refused commands.
    let listed = json(&mut w, "aws cloudwatch list-metrics --namespace MyService");
    assert_eq!(listed["Metrics"].as_array().unwrap().len(), 1);
}

#[test]
fn a_world_driven_from_the_console_rebuilds_identically() {
    use crate::sim::WorldFile;
    let mut w = world();
    let t0 = w.now();
    let key_id = json(&mut w, "aws kms create-key --origin EXTERNAL")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    import_with_cli(&mut w, &key_id, "2026-03-14T09:00:00Z");
    ok(&mut w, "aws sns create-topic --name KMSAlert");
    ok(
        &mut w,
        &format!(
            "aws cloudwatch put-metric-alarm --alarm-name KeyMaterialExpiresSoon --metric-name \
             SecondsUntilKeyMaterialExpiration --namespace AWS/KMS --statistic Minimum --period 60 \
             --evaluation-periods 1 --threshold 864000 --comparison-operator LessThanOrEqualToThreshold \
             --dimensions Name=KeyId,Value={key_id} --alarm-actions arn:aws:sns:us-west-2:111122223333:KMSAlert"
        ),
    );
    ok(
        &mut w,
        "aws cloudwatch put-metric-data --namespace MyService --metric-name Hits --value 2.5 --dimensions Page=home",
    );
    ok(&mut w, "aws sqs create-queue --queue-name q");
    ok(
        &mut w,
        r#"aws events put-rule --name all-kms --event-pattern '{"source":["aws.kms"]}'"#,
    );
    ok(
        &mut w,
        "aws events put-targets --rule all-kms --targets Id=q,Arn=arn:aws:sqs:us-west-2:111122223333:q",
    );
    // A refused command (no call made) and a refused call (journaled).
    run(
        &mut w,
        "aws kms schedule-key-deletion --key-id nope --pending-window-in-days 3",
    );
    run(&mut w, &format!("aws kms cancel-key-deletion --key-id {key_id}"));
    w.advance_to(t0.plus(12 * DAY + 5 * MINUTE));

    let mut rebuilt = WorldFile::parse(&WorldFile::of(&w).to_json()).unwrap().build().unwrap();
    for line in [
        "aws kms list-keys",
        &format!("aws kms describe-key --key-id {key_id}"),
        "aws cloudwatch describe-alarms",
        "aws cloudwatch describe-alarm-history",
        "aws cloudwatch list-metrics",
        "aws cloudtrail lookup-events",
        "aws sqs get-queue-attributes --queue-url https://sqs.us-west-2.amazonaws.com/111122223333/q --attribute-names All",
        "aws sqs receive-message --queue-url https://sqs.us-west-2.amazonaws.com/111122223333/q --max-number-of-messages 10",
    ] {
        assert_eq!(run(&mut rebuilt, line), run(&mut w, line), "{line}");
    }
    assert_eq!(rebuilt.services().events.bus_events(), w.services().events.bus_events());
}

/// The rest of reference §9's KMS commands: import-key-material and
/// delete-imported-key-material print `KeyId` and `KeyMaterialId`;
/// describe-key of a key whose material expired shows it `PendingImport`
/// and disabled; rotate-key-on-demand prints `KeyId`; commands whose
/// response is empty (enable-key, disable-key, create-alias, tag-resource)
/// print nothing.
#[test]
fn kms_import_expiry_delete_and_empty_outputs() {
    let mut w = world();
    let key_id = json(&mut w, "aws kms create-key --origin EXTERNAL")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let imported = import_with_cli(&mut w, &key_id, "2026-03-14T09:00:00Z");
    assert_eq!(keys(&imported), ["KeyId", "KeyMaterialId"]);
    let material = imported["KeyMaterialId"].as_str().unwrap().to_owned();
    assert_eq!(material.len(), 64);
    assert!(material.bytes().all(|b| b.is_ascii_hexdigit()));

    w.advance_to(SimTime::parse("2026-03-14T09:00:00Z").unwrap());
    let md = json(&mut w, &format!("aws kms describe-key --key-id {key_id}"))["KeyMetadata"].clone();
    assert_eq!(md["KeyState"], "PendingImport");
    assert_eq!(md["Enabled"], false);
    assert_eq!(md["Origin"], "EXTERNAL");
    assert_eq!(md["ExpirationModel"], "KEY_MATERIAL_EXPIRES");
    // CLI v2 prints timestamps as ISO 8601 (the guide's example is v1's epoch seconds).
    assert_eq!(md["ValidTo"], "2026-03-14T09:00:00+00:00");
    for member in [
        "KeyId",
        "Arn",
        "AWSAccountId",
        "CreationDate",
        "Description",
        "KeyUsage",
        "KeyManager",
        "KeySpec",
    ] {
        assert!(md.get(member).is_some(), "{member} missing: {md}");
    }
    assert_eq!(md["EncryptionAlgorithms"], j!(["SYMMETRIC_DEFAULT"]));

    let other = json(&mut w, "aws kms create-key --origin EXTERNAL")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let later = import_with_cli(&mut w, &other, "2026-12-01T00:00:00Z");
    let deleted = json(
        &mut w,
        &format!("aws kms delete-imported-key-material --key-id {other}"),
    );
    assert_eq!(keys(&deleted), ["KeyId", "KeyMaterialId"]);
    assert_eq!(deleted["KeyMaterialId"], later["KeyMaterialId"]);

    let plain = json(&mut w, "aws kms create-key")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let rotated = json(&mut w, &format!("aws kms rotate-key-on-demand --key-id {plain}"));
    assert_eq!(keys(&rotated), ["KeyId"]);
    for line in [
        format!("aws kms disable-key --key-id {plain}"),
        format!("aws kms enable-key --key-id {plain}"),
        format!("aws kms create-alias --alias-name alias/example-alias --target-key-id {plain}"),
        format!("aws kms tag-resource --key-id {plain} --tags TagKey=Purpose,TagValue=Test"),
    ] {
        let out = run(&mut w, &line);
        assert_eq!(
            (out.exit_code, out.stdout.as_str(), out.stderr.as_str()),
            (0, "", ""),
            "{line}"
        );
    }
    let tags = json(&mut w, &format!("aws kms list-resource-tags --key-id {plain}"));
    assert_eq!(tags["Tags"], j!([{"TagKey": "Purpose", "TagValue": "Test"}]));
}
