//! EventBridge (real in this tree) end to end; the other services' parsing
//! and the call each command makes.

use super::kms::{fail, json, ok, world};
use crate::cli::{complete, help, run};

#[test]
fn events_commands_from_the_reference() {
    let mut w = world();
    let rule = json(
        &mut w,
        r#"aws events put-rule --name KeyExpiry --event-pattern '{"source":["aws.kms"]}'"#,
    );
    assert_eq!(
        rule,
        serde_json::json!({"RuleArn": "arn:aws:events:us-west-2:111122223333:rule/KeyExpiry"})
    );
    let t = json(
        &mut w,
        r#"aws events test-event-pattern --event-pattern '{"source":["com.mycompany.myapp"]}' --event '{"id":"1","source":"com.mycompany.myapp","detail-type":"x","account":"111122223333","time":"2026-03-02T09:00:00Z","region":"us-west-2","resources":[],"detail":{}}'"#,
    );
    assert_eq!(t, serde_json::json!({"Result": true}));
    let targets = ok(
        &mut w,
        "aws events put-targets --rule KeyExpiry --targets Id=1,Arn=arn:aws:sqs:us-west-2:111122223333:q",
    );
    assert_eq!(
        targets,
        "{\n    \"FailedEntryCount\": 0,\n    \"FailedEntries\": []\n}\n"
    );
    let listed = json(&mut w, "aws events list-targets-by-rule --rule KeyExpiry");
    assert_eq!(listed["Targets"][0]["Id"], "1");
}

/// The stub services answer with their "not supported" error; the CLI got
/// as far as calling them with the parsed parameters.
#[test]
fn other_services_parse_and_call() {
    let mut w = world();
    for line in [
        "aws cloudwatch list-metrics --namespace AWS/KMS",
        "aws sns create-topic --name my-topic",
        "aws sns subscribe --topic-arn arn:aws:sns:us-west-2:111122223333:my-topic --protocol email --notification-endpoint me@example.com",
        "aws cloudwatch put-metric-alarm --alarm-name A --metric-name SecondsUntilKeyMaterialExpiration --namespace AWS/KMS --statistic Minimum --period 60 --evaluation-periods 1 --threshold 1 --comparison-operator LessThanThreshold --dimensions Name=KeyId,Value=k --actions-enabled",
        "aws logs create-log-group --log-group-name g",
        "aws sqs create-queue --queue-name q",
    ] {
        let out = run(&mut w, line);
        if out.exit_code != 0 {
            assert_eq!(out.exit_code, 254, "{line}: {}", out.stderr);
            assert!(out.stderr.contains("when calling the"), "{line}: {}", out.stderr);
        }
    }
    let out = fail(&mut w, "aws cloudwatch put-metric-alarm --threshold 1");
    assert!(
        out.stderr
            .contains("the following arguments are required: --alarm-name"),
        "{}",
        out.stderr
    );
    let out = fail(
        &mut w,
        "aws cloudwatch put-metric-alarm --alarm-name A --threshold high",
    );
    assert_eq!(
        out.stderr,
        "\naws: [ERROR]: could not convert string to float: 'high'\n"
    );
    let out = fail(&mut w, "aws sns subscribe --topic-arn t");
    assert!(
        out.stderr.contains("the following arguments are required: --protocol"),
        "{}",
        out.stderr
    );
}

#[test]
fn help_and_completion() {
    assert!(help(&[]).contains("o kms"));
    assert!(help(&["kms"]).contains("o schedule-key-deletion"));
    let page = help(&["kms", "schedule-key-deletion"]);
    assert!(
        page.contains("--key-id <value>") && page.contains("[--pending-window-in-days <value>]"),
        "{page}"
    );
    assert!(page.contains("--key-id (string) [required]"), "{page}");
    let mut w = world();
    assert_eq!(
        ok(&mut w, "aws kms describe-key help"),
        page.replace("SCHEDULE-KEY-DELETION", "DESCRIBE-KEY")
            .split("\n")
            .next()
            .map(|_| help(&["kms", "describe-key"]))
            .unwrap()
    );
    assert!(run(&mut w, "clear").clear);
    assert_eq!(complete("aws km", 6).candidates, vec!["kms"]);
    assert!(complete("aws kms sched", 13)
        .candidates
        .contains(&"schedule-key-deletion".to_owned()));
    let c = complete("aws kms schedule-key-deletion --pe", 34);
    assert_eq!(
        (c.start, c.candidates),
        (30, vec!["--pending-window-in-days".to_owned()])
    );
}
