//! Rules and targets: create, replace, describe, list with paging,
//! enable/disable, delete, and their errors.

use serde_json::json;

use super::{call, fail, world};

const ARN: &str = "arn:aws:events:us-west-2:111122223333:rule/";

#[test]
fn put_rule_creates_and_describes() {
    let mut w = world();
    let r = call(
        &mut w,
        "PutRule",
        json!({"Name": "kms-deletion", "EventPattern": "{\"source\":[\"aws.kms\"]}", "Description": "d"}),
    );
    assert_eq!(r, json!({"RuleArn": format!("{ARN}kms-deletion")}));
    let d = call(&mut w, "DescribeRule", json!({"Name": "kms-deletion"}));
    assert_eq!(
        d.to_string(),
        json!({
            "Name": "kms-deletion",
            "Arn": format!("{ARN}kms-deletion"),
            "EventPattern": "{\"source\":[\"aws.kms\"]}",
            "State": "ENABLED",
            "Description": "d",
            "EventBusName": "default",
            "CreatedBy": "111122223333"
        })
        .to_string()
    );
    // The same through peek, with nothing journaled.
    let before = w.journal().len();
    assert_eq!(
        w.peek("events", "DescribeRule", &json!({"Name": "kms-deletion"}))
            .unwrap(),
        d
    );
    assert_eq!(w.journal().len(), before);
}

#[test]
fn put_rule_replaces_but_keeps_targets() {
    let mut w = world();
    call(
        &mut w,
        "PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"a\"]}", "Description": "old", "State": "DISABLED"}),
    );
    call(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "q", "Arn": "arn:aws:sqs:us-west-2:111122223333:q"}]}),
    );
    call(
        &mut w,
        "PutRule",
        json!({"Name": "r", "ScheduleExpression": "rate(5 minutes)"}),
    );
    let d = call(&mut w, "DescribeRule", json!({"Name": "r"}));
    assert_eq!(
        d,
        json!({"Name": "r", "Arn": format!("{ARN}r"), "ScheduleExpression": "rate(5 minutes)", "State": "ENABLED", "EventBusName": "default", "CreatedBy": "111122223333"})
    );
    let t = call(&mut w, "ListTargetsByRule", json!({"Rule": "r"}));
    assert_eq!(t["Targets"].as_array().map(Vec::len), Some(1));
}

#[test]
fn put_rule_validation() {
    let mut w = world();
    let e = fail(&mut w, "PutRule", json!({"Name": "r"}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "ValidationException",
            "Parameter(s) EventPattern or ScheduleExpression must be specified."
        )
    );
    let e = fail(&mut w, "PutRule", json!({"Name": "r", "EventPattern": "{\"a\":\"b\"}"}));
    assert_eq!(e.code, "InvalidEventPatternException");
    assert_eq!(
        e.message,
        "Event pattern is not valid. Reason: \"a\" must be an object or an array\n at [Source: (String)\"{\"a\":\"b\"}\"; line: 1, column: 7]"
    );
    let long = format!("{{\"source\":[\"{}\"]}}", "x".repeat(2040));
    let e = fail(&mut w, "PutRule", json!({"Name": "r", "EventPattern": long}));
    assert_eq!(e.code, "InvalidEventPatternException");
    assert!(e.message.contains("quota is 2048 characters"), "{}", e.message);
    for bad in [
        "rate(1 minutes)",
        "rate(5 minute)",
        "rate(0 minutes)",
        "rate(5 weeks)",
        "cron(0 12 * * * *)",
        "cron(0 12 * *)",
        "cron(60 * * * ? *)",
        "every day",
        "cron(0 0 ? * MON#6 *)",
    ] {
        let e = fail(&mut w, "PutRule", json!({"Name": "r", "ScheduleExpression": bad}));
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("ValidationException", "Parameter ScheduleExpression is not valid."),
            "{bad}"
        );
    }
    let e = fail(
        &mut w,
        "PutRule",
        json!({"Name": "bad name!", "ScheduleExpression": "rate(1 day)"}),
    );
    assert_eq!(e.code, "ValidationException");
    let e = fail(
        &mut w,
        "PutRule",
        json!({"Name": "r", "ScheduleExpression": "rate(1 day)", "EventBusName": "custom"}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("ResourceNotFoundException", "Event bus custom does not exist.")
    );
    // Input errors leave no trace; the missing bus is a state error and is journaled.
    assert_eq!(w.journal().len(), 1);
    assert!(w.services().events.rules().next().is_none());
}

#[test]
fn list_rules_with_prefix_and_paging() {
    let mut w = world();
    for name in ["b-2", "a-1", "b-1", "b-3", "c"] {
        call(
            &mut w,
            "PutRule",
            json!({"Name": name, "ScheduleExpression": "rate(1 hour)"}),
        );
    }
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["Rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["Name"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = call(&mut w, "ListRules", json!({}));
    assert_eq!(names(&all), ["a-1", "b-1", "b-2", "b-3", "c"]);
    assert!(all.get("NextToken").is_none());
    assert_eq!(
        all["Rules"][0],
        json!({"Name": "a-1", "Arn": format!("{ARN}a-1"), "State": "ENABLED", "ScheduleExpression": "rate(1 hour)", "EventBusName": "default"})
    );
    let p1 = call(&mut w, "ListRules", json!({"NamePrefix": "b-", "Limit": 2}));
    assert_eq!(names(&p1), ["b-1", "b-2"]);
    let token = p1["NextToken"].as_str().unwrap().to_owned();
    let p2 = call(
        &mut w,
        "ListRules",
        json!({"NamePrefix": "b-", "Limit": 2, "NextToken": token}),
    );
    assert_eq!(names(&p2), ["b-3"]);
    assert!(p2.get("NextToken").is_none());
    let e = fail(&mut w, "ListRules", json!({"NextToken": "garbage"}));
    assert_eq!(e.code, "ValidationException");
    let e = fail(&mut w, "ListRules", json!({"Limit": 101}));
    assert_eq!(e.code, "ValidationException");
}

#[test]
fn enable_disable_and_not_found() {
    let mut w = world();
    call(
        &mut w,
        "PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"a\"]}", "State": "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"}),
    );
    let state = |w: &mut crate::sim::World| call(w, "DescribeRule", json!({"Name": "r"}))["State"].clone();
    assert_eq!(state(&mut w), "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
    call(&mut w, "DisableRule", json!({"Name": "r"}));
    assert_eq!(state(&mut w), "DISABLED");
    call(&mut w, "EnableRule", json!({"Name": "r"}));
    assert_eq!(state(&mut w), "ENABLED");
    for op in ["EnableRule", "DisableRule", "DescribeRule"] {
        let e = fail(&mut w, op, json!({"Name": "nope"}));
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            (
                "ResourceNotFoundException",
                "Rule nope does not exist on EventBus default."
            ),
            "{op}"
        );
    }
    let e = fail(&mut w, "ListTargetsByRule", json!({"Rule": "nope"}));
    assert_eq!(e.code, "ResourceNotFoundException");
    let e = fail(
        &mut w,
        "PutTargets",
        json!({"Rule": "nope", "Targets": [{"Id": "a", "Arn": "arn:aws:sqs:us-west-2:111122223333:q"}]}),
    );
    assert_eq!(e.code, "ResourceNotFoundException");
}

#[test]
fn delete_rule_refused_while_targets_remain() {
    let mut w = world();
    call(
        &mut w,
        "PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"a\"]}"}),
    );
    call(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "t1", "Arn": "arn:aws:sqs:us-west-2:111122223333:q"}]}),
    );
    let e = fail(&mut w, "DeleteRule", json!({"Name": "r"}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("ValidationException", "Rule can't be deleted since it has targets.")
    );
    let e = fail(&mut w, "DeleteRule", json!({"Name": "r", "Force": true}));
    assert_eq!(e.code, "ValidationException");
    assert_eq!(
        call(&mut w, "RemoveTargets", json!({"Rule": "r", "Ids": ["t1", "missing"]})),
        json!({"FailedEntryCount": 0, "FailedEntries": []})
    );
    assert_eq!(call(&mut w, "DeleteRule", json!({"Name": "r"})), json!({}));
    assert_eq!(
        fail(&mut w, "DescribeRule", json!({"Name": "r"})).code,
        "ResourceNotFoundException"
    );
    // Deleting a rule that does not exist succeeds, as AWS's does.
    assert_eq!(call(&mut w, "DeleteRule", json!({"Name": "r"})), json!({}));
}

#[test]
fn targets_limits_ids_and_listing() {
    let mut w = world();
    call(
        &mut w,
        "PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"a\"]}"}),
    );
    let q = |i: usize| json!({"Id": format!("t{i}"), "Arn": format!("arn:aws:sqs:us-west-2:111122223333:q{i}")});
    let r = call(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [q(1), q(2), q(3)]}),
    );
    assert_eq!(r, json!({"FailedEntryCount": 0, "FailedEntries": []}));
    // Re-putting an Id replaces it; two new ones reach the limit of five.
    call(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [q(1), q(4), q(5)]}),
    );
    let e = fail(&mut w, "PutTargets", json!({"Rule": "r", "Targets": [q(6)]}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "LimitExceededException",
            "The requested resource exceeds the maximum number allowed."
        )
    );
    let many: Vec<_> = (0..11).map(q).collect();
    let e = fail(&mut w, "PutTargets", json!({"Rule": "r", "Targets": many}));
    assert_eq!(e.code, "ValidationException");
    let e = fail(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "x", "Arn": "arn:aws:sqs:us-west-2:111122223333:q", "Input": "{}", "InputPath": "$.detail"}]}),
    );
    assert_eq!(e.code, "ValidationException");
    assert!(e.message.contains("Only one of Input, InputPath, or InputTransformer"));
    let e = fail(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "x", "Arn": "arn:aws:sqs:us-west-2:111122223333:q", "Input": "{nope"}]}),
    );
    assert_eq!(e.code, "ValidationException");
    let e = fail(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "x", "Arn": "arn:aws:sqs:us-west-2:111122223333:q", "InputPath": "detail"}]}),
    );
    assert_eq!(e.code, "ValidationException");
    let e = fail(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "bad id", "Arn": "arn:aws:sqs:us-west-2:111122223333:q"}]}),
    );
    assert_eq!(e.code, "ValidationException");
    // Per-entry failure for an ARN that is not one.
    call(&mut w, "RemoveTargets", json!({"Rule": "r", "Ids": ["t5"]}));
    let r = call(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "z", "Arn": "not-an-arn"}]}),
    );
    assert_eq!(
        r,
        json!({"FailedEntryCount": 1, "FailedEntries": [{"TargetId": "z", "ErrorCode": "ValidationException", "ErrorMessage": "Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format."}]})
    );
    let listed = call(&mut w, "ListTargetsByRule", json!({"Rule": "r", "Limit": 3}));
    let ids: Vec<&str> = listed["Targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["Id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["t1", "t2", "t3"]);
    let rest = call(
        &mut w,
        "ListTargetsByRule",
        json!({"Rule": "r", "NextToken": listed["NextToken"].clone()}),
    );
    assert_eq!(rest["Targets"], json!([q(4)]));
    call(
        &mut w,
        "PutRule",
        json!({"Name": "other", "EventPattern": "{\"source\":[\"b\"]}"}),
    );
    call(&mut w, "PutTargets", json!({"Rule": "other", "Targets": [q(2)]}));
    assert_eq!(
        call(
            &mut w,
            "ListRuleNamesByTarget",
            json!({"TargetArn": "arn:aws:sqs:us-west-2:111122223333:q2"})
        ),
        json!({"RuleNames": ["other", "r"]})
    );
}

#[test]
fn target_members_come_back_in_model_order() {
    let mut w = world();
    call(
        &mut w,
        "PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"a\"]}"}),
    );
    call(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [{"KinesisParameters": {"PartitionKeyPath": "$.detail.k"}, "Arn": "arn:aws:kinesis:us-west-2:111122223333:stream/s", "Id": "k"}]}),
    );
    assert_eq!(
        call(&mut w, "ListTargetsByRule", json!({"Rule": "r"}))["Targets"][0].to_string(),
        r#"{"Id":"k","Arn":"arn:aws:kinesis:us-west-2:111122223333:stream/s","KinesisParameters":{"PartitionKeyPath":"$.detail.k"}}"#
    );
}
