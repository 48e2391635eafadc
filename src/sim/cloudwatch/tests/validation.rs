//! Validation errors of PutMetricAlarm, PutMetricData, GetMetricStatistics,
//! GetMetricData and the alarm operations: code and message, and that a
//! request refused for its input leaves no trace.

use serde_json::{json, Value};

use super::common::*;
use crate::sim::time::{DAY, HOUR, MINUTE};

fn base_alarm() -> Value {
    json!({
        "AlarmName": "a",
        "Namespace": "App",
        "MetricName": "Errors",
        "Statistic": "Sum",
        "Period": 60,
        "EvaluationPeriods": 3,
        "Threshold": 1.0,
        "ComparisonOperator": "GreaterThanThreshold",
    })
}

fn with(mut v: Value, changes: Value) -> Value {
    for (k, x) in changes.as_object().unwrap() {
        if x.is_null() {
            v.as_object_mut().unwrap().remove(k);
        } else {
            v[k] = x.clone();
        }
    }
    v
}

#[test]
fn put_metric_alarm_refusals() {
    let mut w = world();
    let cases: Vec<(Value, &str, &str)> = vec![
        (json!({"MetricName": null}), "ValidationError", "MetricName must not be null"),
        (json!({"Namespace": null}), "ValidationError", "Namespace must not be null"),
        (json!({"Period": null}), "ValidationError", "Period must not be null"),
        (json!({"Threshold": null}), "ValidationError", "Threshold must not be null"),
        (json!({"Period": 45}), "ValidationError", "Period must be 10, 20, 30 or a multiple of 60"),
        (
            json!({"EvaluationPeriods": 1441}),
            "ValidationError",
            "The evaluation period (Period * EvaluationPeriods) must not exceed 86400 seconds (1 day) for periods shorter than 3600 seconds.",
        ),
        (
            json!({"Period": 3600, "EvaluationPeriods": 169}),
            "ValidationError",
            "The evaluation period (Period * EvaluationPeriods) must not exceed 604800 seconds (7 days).",
        ),
        (
            json!({"DatapointsToAlarm": 4}),
            "ValidationError",
            "DatapointsToAlarm must be less than or equal to EvaluationPeriods",
        ),
        (
            json!({"ExtendedStatistic": "p99"}),
            "ValidationError",
            "Statistic and ExtendedStatistic are mutually exclusive; specify one of them.",
        ),
        (
            json!({"Statistic": null}),
            "ValidationError",
            "Statistic or ExtendedStatistic must be specified.",
        ),
        (
            json!({"Statistic": null, "ExtendedStatistic": "p101"}),
            "ValidationError",
            "The value p101 for parameter ExtendedStatistic is invalid.",
        ),
        (
            json!({"TreatMissingData": "sometimes"}),
            "ValidationError",
            "Option sometimes is not supported. Supported options for parameter TreatMissingData are: missing, ignore, breaching, notBreaching.",
        ),
        (
            json!({"EvaluateLowSampleCountPercentile": "ignore"}),
            "ValidationError",
            "EvaluateLowSampleCountPercentile can only be used with a percentile ExtendedStatistic.",
        ),
        (
            json!({"ComparisonOperator": "GreaterThanUpperThreshold"}),
            "ValidationError",
            "The comparison operator GreaterThanUpperThreshold is only valid for anomaly detection alarms (ThresholdMetricId), which this playground does not model.",
        ),
        (
            json!({"Metrics": [{"Id": "e1", "Expression": "m1 * 2"}]}),
            "InvalidParameterValue",
            "Metrics: metric math alarms are not modelled by this playground; use a static-threshold alarm on one metric.",
        ),
        (
            json!({"AlarmActions": ["a1", "a2", "a3", "a4", "a5", "a6"]}),
            "ValidationError",
            "1 validation error detected: Value '[a1, a2, a3, a4, a5, a6]' at 'alarmActions' failed to satisfy constraint: Member must have length less than or equal to 5",
        ),
        (
            json!({"DatapointsToAlarm": 0}),
            "ValidationError",
            "1 validation error detected: Value '0' at 'datapointsToAlarm' failed to satisfy constraint: Member must have value greater than or equal to 1",
        ),
    ];
    for (changes, code, message) in cases {
        let params = with(base_alarm(), changes.clone());
        assert_eq!(
            err(&mut w, "PutMetricAlarm", params),
            (code.to_owned(), message.to_owned()),
            "{changes}"
        );
    }
    assert!(w.journal().is_empty(), "input errors are not journaled");
    assert!(cw(&w).alarms().next().is_none());
    // The high-resolution periods and a percentile with its sample rule pass.
    call(&mut w, "PutMetricAlarm", with(base_alarm(), json!({"Period": 10})));
    call(
        &mut w,
        "PutMetricAlarm",
        with(
            base_alarm(),
            json!({"AlarmName": "p", "Statistic": null, "ExtendedStatistic": "p99", "EvaluateLowSampleCountPercentile": "ignore"}),
        ),
    );
}

#[test]
fn put_metric_alarm_limit() {
    let mut w = world();
    for i in 0..crate::sim::cloudwatch::MAX_ALARMS {
        call(
            &mut w,
            "PutMetricAlarm",
            with(base_alarm(), json!({"AlarmName": format!("a{i}")})),
        );
    }
    // Overwriting an existing alarm is still allowed.
    call(&mut w, "PutMetricAlarm", with(base_alarm(), json!({"AlarmName": "a7"})));
    let (code, message) = err(
        &mut w,
        "PutMetricAlarm",
        with(base_alarm(), json!({"AlarmName": "one-more"})),
    );
    assert_eq!(code, "LimitExceeded");
    assert_eq!(
        message,
        "The maximum number of alarms (5000) for this account and Region has been reached."
    );
}

#[test]
fn put_metric_data_refusals() {
    let mut w = world();
    let now = w.now();
    let datum = |extra: Value| with(json!({"MetricName": "Errors", "Value": 1.0}), extra);
    let put = |data: Vec<Value>| json!({"Namespace": "App", "MetricData": data});
    let old = now.plus(-15 * DAY).iso_seconds();
    let cases: Vec<(Value, &str, String)> = vec![
        (
            put(vec![datum(json!({"Timestamp": old})), datum(json!({"Timestamp": now.plus(3 * HOUR).iso_seconds()}))]),
            "InvalidParameterValue",
            "The parameter MetricData.member.1.Timestamp must specify a time within the past two weeks.\nThe parameter MetricData.member.2.Timestamp must specify a time no more than two hours in the future.".into(),
        ),
        (
            put(vec![datum(json!({"Values": [1.0, 2.0]}))]),
            "InvalidParameterCombination",
            "The parameters MetricData.member.1.Value and MetricData.member.1.Values are mutually exclusive and you have specified both.".into(),
        ),
        (
            put(vec![datum(json!({"StatisticValues": {"SampleCount": 1.0, "Sum": 1.0, "Minimum": 1.0, "Maximum": 1.0}}))]),
            "InvalidParameterCombination",
            "The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.".into(),
        ),
        (
            put(vec![datum(json!({"Value": null}))]),
            "MissingParameter",
            "The parameter MetricData.member.1.Value is required.".into(),
        ),
        (
            put(vec![datum(json!({"Value": null, "Values": vec![1.0; 151]}))]),
            "InvalidParameterValue",
            "The collection MetricData.member.1.Values must not have a size greater than 150.".into(),
        ),
        (
            put(vec![datum(json!({"Value": null, "Values": [1.0, 2.0], "Counts": [1.0]}))]),
            "InvalidParameterValue",
            "The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the same size.".into(),
        ),
        (
            put(vec![datum(json!({"Value": 2f64.powi(361)}))]),
            "InvalidParameterValue",
            format!(
                "The value {} for parameter MetricData.member.1.Value is invalid.",
                crate::sim::cloudwatch::format::java_grouped(2f64.powi(361))
            ),
        ),
        (
            put(vec![datum(json!({"Value": 1e-200}))]),
            "InvalidParameterValue",
            "The value 0 for parameter MetricData.member.1.Value is invalid.".into(),
        ),
        (
            put(vec![datum(json!({"StorageResolution": 30}))]),
            "InvalidParameterValue",
            "The value 30 for parameter MetricData.member.1.StorageResolution is invalid.".into(),
        ),
        (
            json!({"Namespace": "AWS/KMS", "MetricData": [datum(json!({}))]}),
            "InvalidParameterValue",
            "The value AWS/KMS for parameter Namespace is invalid.".into(),
        ),
        (
            put(vec![datum(json!({})); 1001]),
            "InvalidParameterValue",
            "The collection MetricData must not have a size greater than 1000.".into(),
        ),
        (
            json!({"Namespace": "App"}),
            "MissingParameter",
            "The parameter MetricData is required.".into(),
        ),
        (
            put(vec![datum(json!({"Dimensions": [{"Name": "A", "Value": "1"}, {"Name": "A", "Value": "2"}]}))]),
            "InvalidParameterValue",
            "The value A for parameter MetricData.member.1.Dimensions is invalid: each dimension name may be given only once.".into(),
        ),
    ];
    for (params, code, message) in cases {
        assert_eq!(
            err(&mut w, "PutMetricData", params.clone()),
            (code.to_owned(), message),
            "{params}"
        );
    }
    assert!(w.journal().is_empty());
    assert!(cw(&w).metrics(now).is_empty(), "a refused request stores nothing");
    // The limits themselves are accepted.
    call(
        &mut w,
        "PutMetricData",
        put(vec![
            datum(json!({"Timestamp": now.plus(-14 * DAY + MINUTE).iso_seconds()})),
            datum(json!({"Timestamp": now.plus(2 * HOUR).iso_seconds(), "Value": 2f64.powi(360)})),
        ]),
    );
}

#[test]
fn get_metric_statistics_refusals() {
    let mut w = world();
    let now = w.now();
    let base = json!({
        "Namespace": "App", "MetricName": "Errors", "Period": 60, "Statistics": ["Sum"],
        "StartTime": now.plus(-HOUR).iso_seconds(), "EndTime": now.iso_seconds(),
    });
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({"Period": 90}),
            "InvalidParameterValue",
            "The parameter Period must be 1, 5, 10, 20, 30, or a multiple of 60.",
        ),
        (
            json!({"StartTime": now.iso_seconds()}),
            "InvalidParameterValue",
            "The parameter StartTime must be less than the parameter EndTime.",
        ),
        (
            json!({"Statistics": null}),
            "InvalidParameterCombination",
            "Must specify either Statistics or ExtendedStatistics.",
        ),
        (
            json!({"ExtendedStatistics": ["p90"]}),
            "InvalidParameterCombination",
            "The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.",
        ),
        (
            json!({"Statistics": null, "ExtendedStatistics": ["p90", "p101"]}),
            "InvalidParameterValue",
            "The value p101 for parameter ExtendedStatistics.member.2 is invalid.",
        ),
        (
            json!({"StartTime": now.plus(-1441 * MINUTE).iso_seconds()}),
            "InvalidParameterCombination",
            "You have requested up to 1441 datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.",
        ),
        (
            json!({"Statistics": ["Avg"]}),
            "ValidationError",
            "1 validation error detected: Value 'Avg' at 'statistics.1.member' failed to satisfy constraint: Member must satisfy enum value set: [SampleCount, Average, Sum, Minimum, Maximum]",
        ),
    ];
    for (changes, code, message) in cases {
        assert_eq!(
            err(&mut w, "GetMetricStatistics", with(base.clone(), changes.clone())),
            (code.to_owned(), message.to_owned()),
            "{changes}"
        );
    }
    // Exactly 1,440 datapoints is fine.
    call(
        &mut w,
        "GetMetricStatistics",
        with(base, json!({"StartTime": now.plus(-1440 * MINUTE).iso_seconds()})),
    );
}

#[test]
fn get_metric_data_refusals() {
    let mut w = world();
    let now = w.now();
    let stat = json!({"Metric": {"Namespace": "App", "MetricName": "Errors"}, "Period": 60, "Stat": "Sum"});
    let req = |queries: Value| json!({"MetricDataQueries": queries, "StartTime": now.plus(-HOUR).iso_seconds(), "EndTime": now.iso_seconds()});
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            req(json!([{"Id": "M1", "MetricStat": stat}, {"Id": "9x", "MetricStat": stat}])),
            "ValidationError",
            "The value M1 for parameter MetricDataQueries.member.1.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.\nThe value 9x for parameter MetricDataQueries.member.2.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.",
        ),
        (
            req(json!([{"Id": "e1", "Expression": "SUM(METRICS())"}])),
            "InvalidParameterValue",
            "MetricDataQueries.member.1.Expression: metric math and Metrics Insights expressions are not modelled by this playground; use MetricStat queries.",
        ),
        (
            req(json!([{"Id": "m1"}])),
            "ValidationError",
            "The parameter MetricDataQueries.member.1.MetricStat is required.\n",
        ),
        (
            req(json!([{"Id": "m1", "MetricStat": with(stat.clone(), json!({"Stat": "Avg"}))}])),
            "InvalidParameterValue",
            "The value Avg for parameter MetricDataQueries.member.1.MetricStat.Stat is invalid.",
        ),
        (
            with(req(json!([{"Id": "m1", "MetricStat": stat}])), json!({"NextToken": "bogus"})),
            "InvalidNextToken",
            "The service cannot process the NextToken.",
        ),
    ];
    for (params, code, message) in cases {
        assert_eq!(
            err(&mut w, "GetMetricData", params.clone()),
            (code.to_owned(), message.to_owned()),
            "{params}"
        );
    }
}

#[test]
fn alarm_operation_refusals() {
    let mut w = world();
    call(&mut w, "PutMetricAlarm", base_alarm());
    let journaled = w.journal().len();
    assert_eq!(
        err(
            &mut w,
            "SetAlarmState",
            json!({"AlarmName": "a", "StateValue": "ALARM", "StateReason": "x", "StateReasonData": "{not json"})
        ),
        (
            "InvalidFormat".to_owned(),
            "StateReasonData is not valid JSON.".to_owned()
        )
    );
    assert_eq!(w.journal().len(), journaled, "InvalidFormat is an input error");
    assert_eq!(
        err(
            &mut w,
            "SetAlarmState",
            json!({"AlarmName": "nope", "StateValue": "ALARM", "StateReason": "x"})
        ),
        ("ResourceNotFound".to_owned(), "Alarm nope does not exist".to_owned())
    );
    assert_eq!(w.journal().len(), journaled + 1, "ResourceNotFound is journaled");
    assert_eq!(
        err(&mut w, "DeleteAlarms", json!({"AlarmNames": ["a", "nope"]})),
        (
            "ResourceNotFound".to_owned(),
            "Alarm nope does not exist; no alarm was deleted.".to_owned()
        )
    );
    assert_eq!(state(&mut w, "a"), "INSUFFICIENT_DATA", "nothing was deleted");
    assert_eq!(
        err(
            &mut w,
            "DescribeAlarms",
            json!({"AlarmNames": ["a"], "AlarmNamePrefix": "a"})
        )
        .0,
        "InvalidParameterCombination"
    );
    assert_eq!(
        err(&mut w, "DescribeAlarms", json!({"NextToken": "x"})),
        (
            "InvalidNextToken".to_owned(),
            "The service cannot process the NextToken.".to_owned()
        )
    );
}
