use serde_json::json;

use super::*;
use crate::sim::cloudwatch::{MetricId, MetricUpdate};
use crate::sim::time::SimTime;

const RECIPE: &str = r#"{ $.eventSource = kms* && $.errorMessage = "* is pending deletion."}"#;

fn recipe_filter(w: &mut World, group: &str) {
    call(
        w,
        "PutMetricFilter",
        json!({
            "logGroupName": group,
            "filterName": "KMSKeyPendingDeletionErrorFilter",
            "filterPattern": RECIPE,
            "metricTransformations": [{
                "metricName": "KMSKeyPendingDeletionErrorCount",
                "metricNamespace": "CloudTrailLogMetrics",
                "metricValue": "1"
            }]
        }),
    );
}

#[test]
fn put_and_describe_metric_filters() {
    let mut w = world();
    call(&mut w, "CreateLogGroup", json!({"logGroupName": "trail"}));
    recipe_filter(&mut w, "trail");
    w.advance_by(5);
    call(
        &mut w,
        "PutMetricFilter",
        json!({
            "logGroupName": "trail",
            "filterName": "Latency",
            "filterPattern": "{ $.latency = * }",
            "metricTransformations": [{
                "metricName": "Latency", "metricNamespace": "App", "metricValue": "$.latency",
                "dimensions": {"Route": "$.route"}, "unit": "Milliseconds"
            }]
        }),
    );
    assert_eq!(
        call(&mut w, "DescribeMetricFilters", json!({"logGroupName": "trail"})),
        json!({"metricFilters": [
            {
                "filterName": "KMSKeyPendingDeletionErrorFilter",
                "filterPattern": RECIPE,
                "metricTransformations": [{
                    "metricName": "KMSKeyPendingDeletionErrorCount",
                    "metricNamespace": "CloudTrailLogMetrics",
                    "metricValue": "1"
                }],
                "creationTime": T0,
                "logGroupName": "trail"
            },
            {
                "filterName": "Latency",
                "filterPattern": "{ $.latency = * }",
                "metricTransformations": [{
                    "metricName": "Latency", "metricNamespace": "App", "metricValue": "$.latency",
                    "dimensions": {"Route": "$.route"}, "unit": "Milliseconds"
                }],
                "creationTime": T0 + 5,
                "logGroupName": "trail"
            }
        ]})
    );
    let by_metric = call(
        &mut w,
        "DescribeMetricFilters",
        json!({"metricName": "Latency", "metricNamespace": "App"}),
    );
    assert_eq!(by_metric["metricFilters"].as_array().unwrap().len(), 1);
    let by_prefix = call(
        &mut w,
        "DescribeMetricFilters",
        json!({"logGroupName": "trail", "filterNamePrefix": "KMS", "limit": 1}),
    );
    assert_eq!(
        by_prefix["metricFilters"][0]["filterName"],
        "KMSKeyPendingDeletionErrorFilter"
    );
    assert!(by_prefix.get("nextToken").is_none());
    assert_eq!(
        call(&mut w, "DescribeLogGroups", json!({}))["logGroups"][0]["metricFilterCount"],
        2
    );
    // Updating keeps the creation time.
    w.advance_by(5);
    recipe_filter(&mut w, "trail");
    let first = &call(&mut w, "DescribeMetricFilters", json!({}))["metricFilters"][0];
    assert_eq!(first["creationTime"], T0);
    assert_eq!(
        call(
            &mut w,
            "DeleteMetricFilter",
            json!({"logGroupName": "trail", "filterName": "Latency"})
        ),
        json!({})
    );
    let e = fail(
        &mut w,
        "DeleteMetricFilter",
        json!({"logGroupName": "trail", "filterName": "Latency"}),
    );
    assert_eq!(e.code, "ResourceNotFoundException");
    let e = fail(&mut w, "DescribeMetricFilters", json!({"metricName": "Latency"}));
    assert_eq!(e.code, "InvalidParameterException");
    let e = fail(&mut w, "DescribeMetricFilters", json!({"logGroupName": "nope"}));
    assert_eq!(e.message, "The specified log group does not exist.");
}

fn put_filter(w: &mut World, pattern: &str, transformation: serde_json::Value) -> Result<serde_json::Value, AwsError> {
    w.call(
        "logs",
        "PutMetricFilter",
        &json!({
            "logGroupName": "g",
            "filterName": "f",
            "filterPattern": pattern,
            "metricTransformations": [transformation]
        }),
    )
}

#[test]
fn put_metric_filter_refuses_what_aws_refuses() {
    let mut w = world();
    call(&mut w, "CreateLogGroup", json!({"logGroupName": "g"}));
    let count = json!({"metricName": "M", "metricNamespace": "N", "metricValue": "1"});
    let cases = [
        ("{ $.a = ", count.clone(), "Invalid metric filter pattern"),
        (
            "ERROR",
            json!({"metricName": "M", "metricNamespace": "N", "metricValue": "1", "dimensions": {"D": "$.d"}}),
            "The specified filter pattern does not support dimensions",
        ),
        (
            "{ $.a = b }",
            json!({"metricName": "M", "metricNamespace": "N", "metricValue": "1", "defaultValue": 0, "dimensions": {"D": "$.d"}}),
            "Invalid metric transformation: dimensions and default value are mutually exclusive properties",
        ),
        (
            "{ $.a = b }",
            json!({"metricName": "M", "metricNamespace": "N", "metricValue": "1", "dimensions": {"A": "$.a", "B": "$.b", "C": "$.c", "D": "$.d"}}),
            "Invalid metric transformation: a metric filter can have at most 3 dimensions",
        ),
        (
            "ERROR",
            json!({"metricName": "M", "metricNamespace": "N", "metricValue": "$.latency"}),
            "Invalid metric value: '$.latency'. Use a number, or a field of the filter pattern ($.name for JSON patterns, $name for space-delimited ones).",
        ),
        (
            "[a, b]",
            json!({"metricName": "M", "metricNamespace": "N", "metricValue": "$c"}),
            "Invalid metric value: '$c'. Use a number, or a field of the filter pattern ($.name for JSON patterns, $name for space-delimited ones).",
        ),
        (
            "ERROR",
            json!({"metricName": "", "metricNamespace": "N", "metricValue": "1"}),
            "1 validation error detected: Value '' at 'metricTransformations.1.member.metricName' failed to satisfy constraint: Member must have length greater than or equal to 1",
        ),
    ];
    let journaled = w.journal().len();
    for (pattern, t, message) in cases {
        let e = put_filter(&mut w, pattern, t).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.message.as_str(), e.input),
            ("InvalidParameterException", message, true),
            "{pattern}"
        );
    }
    assert_eq!(w.journal().len(), journaled);
    let e = put_filter(
        &mut w,
        "ERROR",
        json!({"metricName": "M", "metricNamespace": "N:x", "metricValue": "1"}),
    )
    .unwrap_err();
    assert!(
        e.message
            .contains("Member must satisfy regular expression pattern: [^:*$]*"),
        "{e}"
    );
    // Space-delimited fields may feed the value and dimensions.
    put_filter(
        &mut w,
        "[ip, user, ..., status, bytes]",
        json!({"metricName": "Bytes", "metricNamespace": "Web", "metricValue": "$bytes", "dimensions": {"Status": "$status"}}),
    )
    .unwrap();
    // A missing group is a state error; the 101st filter is over the quota.
    let e = w
        .call(
            "logs",
            "PutMetricFilter",
            &json!({"logGroupName": "nope", "filterName": "f", "filterPattern": "", "metricTransformations": [count]}),
        )
        .unwrap_err();
    assert_eq!((e.code.as_str(), e.input), ("ResourceNotFoundException", false));
    for i in 1..100 {
        call(
            &mut w,
            "PutMetricFilter",
            json!({"logGroupName": "g", "filterName": format!("f{i}"), "filterPattern": "", "metricTransformations": [count]}),
        );
    }
    let e = w
        .call(
            "logs",
            "PutMetricFilter",
            &json!({"logGroupName": "g", "filterName": "one-too-many", "filterPattern": "", "metricTransformations": [count]}),
        )
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("LimitExceededException", "Resource limit exceeded.")
    );
    // Replacing an existing filter is not a new one.
    call(
        &mut w,
        "PutMetricFilter",
        json!({"logGroupName": "g", "filterName": "f1", "filterPattern": "ERROR", "metricTransformations": [count]}),
    );
}

#[test]
fn test_metric_filter_reports_matches_and_extracted_values() {
    let mut w = world();
    assert_eq!(
        call(
            &mut w,
            "TestMetricFilter",
            json!({"filterPattern": "ERROR", "logEventMessages": ["[ERROR] 400 BAD REQUEST", "[ERROR] 400 BAD REQUEST", "[INFO] 200 OK"]}),
        ),
        json!({"matches": [
            {"eventNumber": 1, "eventMessage": "[ERROR] 400 BAD REQUEST", "extractedValues": {}},
            {"eventNumber": 2, "eventMessage": "[ERROR] 400 BAD REQUEST", "extractedValues": {}}
        ]})
    );
    assert_eq!(
        call(
            &mut w,
            "TestMetricFilter",
            json!({"filterPattern": "[ip, user, ..., status = 4*, bytes]", "logEventMessages": ["1.2.3.4 - \"GET /\" 404 12", "1.2.3.4 - \"GET /\" 200 12"]}),
        ),
        json!({"matches": [
            {"eventNumber": 1, "eventMessage": "1.2.3.4 - \"GET /\" 404 12", "extractedValues": {
                "$ip": "1.2.3.4", "$user": "-", "$3": "GET /", "$status": "404", "$bytes": "12"
            }}
        ]})
    );
    let e = fail(
        &mut w,
        "TestMetricFilter",
        json!({"filterPattern": "{ $.a > b }", "logEventMessages": ["x"]}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("InvalidParameterException", "Invalid metric filter pattern")
    );
}

#[test]
fn matching_events_become_datapoints_at_their_timestamps() {
    let mut w = world();
    group_with_stream(&mut w, "trail", "s");
    recipe_filter(&mut w, "trail");
    let pending = r#"{"eventSource":"kms.amazonaws.com","errorMessage":"arn:aws:kms:us-west-2:111122223333:key/k is pending deletion."}"#;
    let other = r#"{"eventSource":"kms.amazonaws.com","eventName":"Encrypt"}"#;
    put(
        &mut w,
        "trail",
        "s",
        &[(T0 - 3_000, pending), (T0 - 2_000, other), (T0 - 1_000, pending)],
    );
    assert_eq!(
        metric_updates(&w),
        [MetricUpdate::Put {
            metric: MetricId {
                namespace: "CloudTrailLogMetrics".into(),
                name: "KMSKeyPendingDeletionErrorCount".into(),
                dimensions: vec![],
            },
            unit: None,
            points: vec![
                (SimTime::from_millis(T0 - 3_000), 1.0),
                (SimTime::from_millis(T0 - 1_000), 1.0)
            ],
        }]
    );
}

#[test]
fn default_values_fields_and_dimensions_shape_the_datapoints() {
    let mut w = world();
    group_with_stream(&mut w, "g", "s");
    call(
        &mut w,
        "PutMetricFilter",
        json!({"logGroupName": "g", "filterName": "errors", "filterPattern": "ERROR",
               "metricTransformations": [{"metricName": "Errors", "metricNamespace": "App", "metricValue": "1", "defaultValue": 0, "unit": "Count"}]}),
    );
    call(
        &mut w,
        "PutMetricFilter",
        json!({"logGroupName": "g", "filterName": "latency", "filterPattern": "{ $.latency > 0 }",
               "emitSystemFieldDimensions": ["@aws.region"],
               "metricTransformations": [{"metricName": "Latency", "metricNamespace": "App", "metricValue": "$.latency", "dimensions": {"Route": "$.route"}}]}),
    );
    put(
        &mut w,
        "g",
        "s",
        &[
            (T0 - 4, "ERROR boom"),
            (T0 - 3, r#"{"latency": 120, "route": "/a"}"#),
            (T0 - 2, r#"{"latency": 80.5, "route": "/b"}"#),
            (T0 - 1, r#"{"latency": 7}"#),
        ],
    );
    let at = SimTime::from_millis;
    let latency = |route: &str| MetricId {
        namespace: "App".into(),
        name: "Latency".into(),
        dimensions: vec![
            ("Route".into(), route.into()),
            ("@aws.region".into(), "us-west-2".into()),
        ],
    };
    assert_eq!(
        metric_updates(&w),
        [
            MetricUpdate::Put {
                metric: MetricId {
                    namespace: "App".into(),
                    name: "Errors".into(),
                    dimensions: vec![]
                },
                unit: Some("Count".into()),
                points: vec![
                    (at(T0 - 4), 1.0),
                    (at(T0 - 3), 0.0),
                    (at(T0 - 2), 0.0),
                    (at(T0 - 1), 0.0)
                ],
            },
            // The event without a route has no dimension value: no datapoint.
            MetricUpdate::Put {
                metric: latency("/a"),
                unit: None,
                points: vec![(at(T0 - 3), 120.0)]
            },
            MetricUpdate::Put {
                metric: latency("/b"),
                unit: None,
                points: vec![(at(T0 - 2), 80.5)]
            },
        ]
    );
}

#[test]
fn explain_filter_uses_the_stored_pattern() {
    let mut w = world();
    call(&mut w, "CreateLogGroup", json!({"logGroupName": "trail"}));
    recipe_filter(&mut w, "trail");
    let why = w
        .services()
        .logs
        .explain_filter(
            "trail",
            "KMSKeyPendingDeletionErrorFilter",
            r#"{"eventSource":"sns.amazonaws.com"}"#,
        )
        .unwrap();
    assert!(!why.matched);
    assert_eq!(
        why.steps[1].reason,
        r#"$.eventSource is "sns.amazonaws.com", which does not match kms*"#
    );
    assert!(w.services().logs.explain_filter("trail", "nope", "x").is_none());
}
