use serde_json::json;

use super::*;
use crate::sim::time::SimTime;

#[test]
fn create_describe_update_and_delete_a_trail() {
    let mut w = world();
    assert_eq!(
        call(
            &mut w,
            "cloudtrail",
            "CreateTrail",
            json!({"Name": "Trail1", "S3BucketName": "my-bucket", "IsMultiRegionTrail": true})
        ),
        json!({
            "Name": "Trail1",
            "S3BucketName": "my-bucket",
            "IncludeGlobalServiceEvents": true,
            "IsMultiRegionTrail": true,
            "TrailARN": "arn:aws:cloudtrail:us-west-2:111122223333:trail/Trail1",
            "LogFileValidationEnabled": false,
            "IsOrganizationTrail": false
        })
    );
    call(
        &mut w,
        "cloudtrail",
        "CreateTrail",
        json!({"Name": "Trail2", "S3BucketName": "my-bucket", "S3KeyPrefix": "my-prefix", "SnsTopicName": "my-topic",
               "CloudWatchLogsLogGroupArn": GROUP_ARN, "CloudWatchLogsRoleArn": ROLE_ARN, "KmsKeyId": KEY_ARN,
               "IncludeGlobalServiceEvents": false, "EnableLogFileValidation": true}),
    );
    assert_eq!(
        call(
            &mut w,
            "cloudtrail",
            "DescribeTrails",
            json!({"trailNameList": ["arn:aws:cloudtrail:us-west-2:111122223333:trail/Trail2", "missing"]})
        ),
        json!({"trailList": [{
            "Name": "Trail2",
            "S3BucketName": "my-bucket",
            "S3KeyPrefix": "my-prefix",
            "SnsTopicName": "my-topic",
            "SnsTopicARN": "arn:aws:sns:us-west-2:111122223333:my-topic",
            "IncludeGlobalServiceEvents": false,
            "IsMultiRegionTrail": false,
            "HomeRegion": "us-west-2",
            "TrailARN": "arn:aws:cloudtrail:us-west-2:111122223333:trail/Trail2",
            "LogFileValidationEnabled": true,
            "CloudWatchLogsLogGroupArn": GROUP_ARN,
            "CloudWatchLogsRoleArn": ROLE_ARN,
            "KmsKeyId": KEY_ARN,
            "HasCustomEventSelectors": false,
            "HasInsightSelectors": false,
            "IsOrganizationTrail": false
        }]})
    );
    let all = call(&mut w, "cloudtrail", "DescribeTrails", json!({}));
    assert_eq!(all["trailList"].as_array().unwrap().len(), 2);
    // UpdateTrail changes what it is given; "" clears the log group pair.
    let updated = call(
        &mut w,
        "cloudtrail",
        "UpdateTrail",
        json!({"Name": "Trail2", "CloudWatchLogsLogGroupArn": "", "CloudWatchLogsRoleArn": "", "S3KeyPrefix": "other"}),
    );
    assert_eq!(updated["S3KeyPrefix"], "other");
    assert!(updated.get("CloudWatchLogsLogGroupArn").is_none());
    assert_eq!(updated["KmsKeyId"], KEY_ARN);
    assert_eq!(w.services().cloudtrail.trail("Trail2").unwrap().log_group_name(), None);
    assert_eq!(
        call(&mut w, "cloudtrail", "DeleteTrail", json!({"Name": "Trail2"})),
        json!({})
    );
    let e = fail(&mut w, "DeleteTrail", json!({"Name": "Trail2"}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str(), e.input),
        (
            "TrailNotFoundException",
            "Unknown trail: arn:aws:cloudtrail:us-west-2:111122223333:trail/Trail2 for the user: 111122223333",
            false
        )
    );
}

#[test]
fn trail_names_follow_awss_rules() {
    let mut w = world();
    let cases = [
        ("", "Trail name cannot be blank!"),
        ("ab", "Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters."),
        ("-abc", "Trail name must starts with a letter or number."),
        ("abc_", "Trail name must ends with a letter or number."),
        ("my trail", "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_)."),
        ("my--trail", "Trail name cannot have adjacent periods (.), hyphens (-) or underscores (_)."),
        ("192.168.5.4", "Trail name cannot be formatted as an IP address."),
    ];
    for (name, message) in cases {
        let e = fail(&mut w, "CreateTrail", json!({"Name": name, "S3BucketName": "b"}));
        assert_eq!(
            (e.code.as_str(), e.message.as_str(), e.input),
            ("InvalidTrailNameException", message, true),
            "{name:?}"
        );
    }
    let long = "a".repeat(129);
    let e = fail(&mut w, "CreateTrail", json!({"Name": long, "S3BucketName": "b"}));
    assert_eq!(
        e.message,
        "Trail name too long. Maximum allowed length: 128 characters. Specified name length: 129 characters."
    );
    assert!(w.journal().is_empty(), "input errors leave no trace");
    let e = fail(&mut w, "GetTrailStatus", json!({"Name": "arn:aws:s3:::bucket"}));
    assert_eq!(e.code, "CloudTrailARNInvalidException");
}

#[test]
fn existing_trails_and_the_quota_are_state_errors() {
    let mut w = world();
    for i in 1..=5 {
        call(
            &mut w,
            "cloudtrail",
            "CreateTrail",
            json!({"Name": format!("trail{i}"), "S3BucketName": "b"}),
        );
    }
    let e = fail(&mut w, "CreateTrail", json!({"Name": "trail1", "S3BucketName": "b"}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str(), e.input),
        (
            "TrailAlreadyExistsException",
            "Trail trail1 already exists for customer: 111122223333",
            false
        )
    );
    let e = fail(&mut w, "CreateTrail", json!({"Name": "trail6", "S3BucketName": "b"}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "MaximumNumberOfTrailsExceededException",
            "User: 111122223333 already has 5 trails in us-west-2."
        )
    );
    let e = fail(
        &mut w,
        "StartLogging",
        json!({"Name": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/trail1"}),
    );
    assert_eq!(
        e.message,
        "Unknown trail: arn:aws:cloudtrail:eu-west-1:111122223333:trail/trail1 for the user: 111122223333"
    );
}

#[test]
fn log_group_and_role_are_checked_together() {
    let mut w = world();
    let cases = [
        (
            json!({"CloudWatchLogsLogGroupArn": GROUP_ARN}),
            "InvalidCloudWatchLogsRoleArnException",
            "You must specify a role ARN as well as a log group.",
        ),
        (
            json!({"CloudWatchLogsRoleArn": ROLE_ARN}),
            "InvalidCloudWatchLogsLogGroupArnException",
            "You must specify a log group as well as a role ARN.",
        ),
        (
            json!({"CloudWatchLogsLogGroupArn": "arn:aws:logs:us-west-2:111122223333:log-group:CloudTrail/logs", "CloudWatchLogsRoleArn": ROLE_ARN}),
            "InvalidCloudWatchLogsLogGroupArnException",
            "CloudTrail cannot validate the specified log group ARN.",
        ),
        (
            json!({"CloudWatchLogsLogGroupArn": GROUP_ARN, "CloudWatchLogsRoleArn": "role"}),
            "InvalidCloudWatchLogsRoleArnException",
            "CloudTrail cannot validate the specified role ARN.",
        ),
    ];
    for (extra, code, message) in cases {
        let mut params = json!({"Name": "tr1", "S3BucketName": "b"});
        params
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let e = fail(&mut w, "CreateTrail", params);
        assert_eq!((e.code.as_str(), e.message.as_str()), (code, message));
    }
    call(
        &mut w,
        "cloudtrail",
        "CreateTrail",
        json!({"Name": "tr1", "S3BucketName": "b"}),
    );
    let e = fail(
        &mut w,
        "UpdateTrail",
        json!({"Name": "tr1", "CloudWatchLogsLogGroupArn": GROUP_ARN}),
    );
    assert_eq!(e.code, "InvalidCloudWatchLogsRoleArnException");
}

#[test]
fn trail_status_follows_logging() {
    let mut w = world();
    call(
        &mut w,
        "cloudtrail",
        "CreateTrail",
        json!({"Name": "main", "S3BucketName": "b", "CloudWatchLogsLogGroupArn": GROUP_ARN, "CloudWatchLogsRoleArn": ROLE_ARN}),
    );
    assert_eq!(
        call(&mut w, "cloudtrail", "GetTrailStatus", json!({"Name": "main"})),
        json!({
            "IsLogging": false,
            "LatestDeliveryAttemptTime": "",
            "LatestNotificationAttemptTime": "",
            "LatestNotificationAttemptSucceeded": "",
            "LatestDeliveryAttemptSucceeded": "",
            "TimeLoggingStarted": "",
            "TimeLoggingStopped": ""
        })
    );
    call(&mut w, "cloudtrail", "StartLogging", json!({"Name": "main"}));
    w.advance_by(90_000);
    call(
        &mut w,
        "cloudtrail",
        "StopLogging",
        json!({"Name": "arn:aws:cloudtrail:us-west-2:111122223333:trail/main"}),
    );
    let start = SimTime::parse("2026-03-02T09:00:00Z").unwrap().epoch_seconds();
    let stop = start + 90.0;
    assert_eq!(
        call(&mut w, "cloudtrail", "GetTrailStatus", json!({"Name": "main"})),
        json!({
            "IsLogging": false,
            "LatestDeliveryTime": stop,
            "StartLoggingTime": start,
            "StopLoggingTime": stop,
            "LatestCloudWatchLogsDeliveryTime": stop,
            "LatestDeliveryAttemptTime": "2026-03-02T09:01:30Z",
            "LatestNotificationAttemptTime": "",
            "LatestNotificationAttemptSucceeded": "",
            "LatestDeliveryAttemptSucceeded": "2026-03-02T09:01:30Z",
            "TimeLoggingStarted": "2026-03-02T09:00:00Z",
            "TimeLoggingStopped": "2026-03-02T09:01:30Z"
        })
    );
    assert!(!w.services().cloudtrail.is_logging());
}
