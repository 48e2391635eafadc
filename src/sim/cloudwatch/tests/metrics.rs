//! The metric operations: statistics per period and unit, percentiles,
//! GetMetricData ordering and pagination, ListMetrics filters and pages,
//! countdown series, and retention.

use serde_json::{json, Value};

use super::common::*;
use crate::sim::cloudwatch::ChartQuery;
use crate::sim::time::{SimTime, DAY, HOUR, MINUTE};
use crate::sim::world::World;

fn seed_latency(w: &mut World, e: SimTime) {
    let t = |m: i64| e.plus(m * MINUTE).iso_seconds();
    call(
        w,
        "PutMetricData",
        json!({"Namespace": "App", "MetricData": [
            {"MetricName": "Latency", "Timestamp": t(1), "Values": [1.0, 2.0, 3.0], "Counts": [1.0, 1.0, 2.0], "Unit": "Milliseconds"},
            {"MetricName": "Latency", "Timestamp": t(2), "Value": 10.0, "Unit": "Milliseconds"},
            {"MetricName": "Latency", "Timestamp": t(2), "Value": 5.0, "Unit": "Seconds"},
            {"MetricName": "Latency", "Timestamp": t(7), "StatisticValues": {"SampleCount": 2.0, "Sum": 8.0, "Minimum": 3.0, "Maximum": 5.0}, "Unit": "Milliseconds"},
        ]}),
    );
}

#[test]
fn statistics_per_period_and_unit() {
    let mut w = world();
    let e = w.now();
    w.advance_to(e.plus(30 * MINUTE));
    seed_latency(&mut w, e);
    let all = call(
        &mut w,
        "GetMetricStatistics",
        json!({"Namespace": "App", "MetricName": "Latency", "StartTime": e.plus(30_000).iso_seconds(), "EndTime": e.plus(10 * MINUTE).iso_seconds(),
               "Period": 300, "Statistics": ["Maximum", "SampleCount", "Average", "Sum", "Minimum"]}),
    );
    let ts = |m: i64| json!(e.plus(m * MINUTE).epoch_seconds());
    assert_eq!(
        all,
        json!({"Label": "Latency", "Datapoints": [
            {"Timestamp": ts(0), "SampleCount": 1.0, "Average": 5.0, "Sum": 5.0, "Minimum": 5.0, "Maximum": 5.0, "Unit": "Seconds"},
            {"Timestamp": ts(0), "SampleCount": 5.0, "Average": 3.8, "Sum": 19.0, "Minimum": 1.0, "Maximum": 10.0, "Unit": "Milliseconds"},
            {"Timestamp": ts(5), "SampleCount": 2.0, "Average": 4.0, "Sum": 8.0, "Minimum": 3.0, "Maximum": 5.0, "Unit": "Milliseconds"},
        ]})
    );
    let p = call(
        &mut w,
        "GetMetricStatistics",
        json!({"Namespace": "App", "MetricName": "Latency", "StartTime": e.iso_seconds(), "EndTime": e.plus(10 * MINUTE).iso_seconds(),
               "Period": 300, "ExtendedStatistics": ["p50", "p99"], "Unit": "Milliseconds"}),
    );
    assert_eq!(
        p["Datapoints"],
        json!([
            {"Timestamp": ts(0), "Unit": "Milliseconds", "ExtendedStatistics": {"p50": 3.0, "p99": 10.0}},
            {"Timestamp": ts(5), "Unit": "Milliseconds"},
        ])
    );
}

#[test]
fn get_metric_data_orders_labels_and_pages() {
    let mut w = world();
    let e = w.now();
    w.advance_to(e.plus(30 * MINUTE));
    seed_latency(&mut w, e);
    let stat = json!({"Metric": {"Namespace": "App", "MetricName": "Latency"}, "Period": 60, "Stat": "Sum"});
    let req = json!({
        "MetricDataQueries": [
            {"Id": "m1", "MetricStat": stat, "Label": "latency sum"},
            {"Id": "m2", "MetricStat": stat, "ReturnData": false},
            {"Id": "m3", "MetricStat": {"Metric": {"Namespace": "App", "MetricName": "Latency"}, "Period": 60, "Stat": "Maximum", "Unit": "Seconds"}},
        ],
        "StartTime": e.iso_seconds(), "EndTime": e.plus(10 * MINUTE).iso_seconds(),
    });
    let ts = |m: i64| json!(e.plus(m * MINUTE).epoch_seconds());
    let out = call(&mut w, "GetMetricData", req.clone());
    assert_eq!(
        out,
        json!({"MetricDataResults": [
            {"Id": "m1", "Label": "latency sum", "Timestamps": [ts(7), ts(2), ts(1)], "Values": [8.0, 15.0, 9.0], "StatusCode": "Complete"},
            {"Id": "m3", "Label": "Latency", "Timestamps": [ts(2)], "Values": [5.0], "StatusCode": "Complete"},
        ], "Messages": []})
    );
    let mut asc = req.clone();
    asc["ScanBy"] = json!("TimestampAscending");
    assert_eq!(
        call(&mut w, "GetMetricData", asc)["MetricDataResults"][0]["Values"],
        json!([9.0, 15.0, 8.0])
    );
    let mut paged = req.clone();
    paged["MaxDatapoints"] = json!(2);
    let page1 = call(&mut w, "GetMetricData", paged.clone());
    assert_eq!(page1["MetricDataResults"][0]["Values"], json!([8.0, 15.0]));
    assert_eq!(page1["MetricDataResults"][0]["StatusCode"], "PartialData");
    assert_eq!(page1["MetricDataResults"].as_array().unwrap().len(), 1);
    paged["NextToken"] = page1["NextToken"].clone();
    let page2 = call(&mut w, "GetMetricData", paged.clone());
    assert_eq!(page2["MetricDataResults"][0]["Values"], json!([9.0]));
    assert_eq!(page2["MetricDataResults"][0]["StatusCode"], "Complete");
    assert_eq!(page2["MetricDataResults"][1]["Id"], "m3");
    assert!(page2.get("NextToken").is_none());
    // A token belongs to its request.
    let mut other = paged;
    other["EndTime"] = json!(e.plus(9 * MINUTE).iso_seconds());
    assert_eq!(err(&mut w, "GetMetricData", other).0, "InvalidNextToken");
}

#[test]
fn list_metrics_filters_pages_and_forgets_idle_metrics() {
    let mut w = world();
    let e = w.now();
    let data: Vec<Value> = (0..501)
        .map(|i| json!({"MetricName": format!("m{i:03}"), "Value": 1.0, "Dimensions": [{"Name": "Host", "Value": format!("h{}", i % 2)}]}))
        .collect();
    call(
        &mut w,
        "PutMetricData",
        json!({"Namespace": "Bulk", "MetricData": data}),
    );
    call(
        &mut w,
        "PutMetricData",
        json!({"Namespace": "App", "MetricData": [{"MetricName": "Errors", "Value": 1.0, "Dimensions": [{"Name": "Stage", "Value": "prod"}, {"Name": "Api", "Value": "x"}]}]}),
    );
    let page1 = call(&mut w, "ListMetrics", json!({}));
    assert_eq!(page1["Metrics"].as_array().unwrap().len(), 500);
    assert_eq!(
        page1["Metrics"][0],
        json!({"Namespace": "App", "MetricName": "Errors", "Dimensions": [{"Name": "Stage", "Value": "prod"}, {"Name": "Api", "Value": "x"}]})
    );
    let page2 = call(&mut w, "ListMetrics", json!({"NextToken": page1["NextToken"]}));
    assert_eq!(page2["Metrics"].as_array().unwrap().len(), 2);
    assert!(page2.get("NextToken").is_none());
    let count = |w: &mut World, p: Value| call(w, "ListMetrics", p)["Metrics"].as_array().unwrap().len();
    assert_eq!(count(&mut w, json!({"Namespace": "App"})), 1);
    assert_eq!(count(&mut w, json!({"Namespace": "Bulk", "MetricName": "m007"})), 1);
    assert_eq!(
        count(&mut w, json!({"Dimensions": [{"Name": "Host", "Value": "h1"}]})),
        250
    );
    assert_eq!(count(&mut w, json!({"Dimensions": [{"Name": "Api"}]})), 1);
    assert_eq!(
        count(&mut w, json!({"Dimensions": [{"Name": "Api"}, {"Name": "Host"}]})),
        0
    );
    assert_eq!(count(&mut w, json!({"RecentlyActive": "PT3H", "Namespace": "App"})), 1);
    w.advance_to(e.plus(3 * HOUR + MINUTE));
    assert_eq!(count(&mut w, json!({"RecentlyActive": "PT3H", "Namespace": "App"})), 0);
    assert_eq!(count(&mut w, json!({"Namespace": "App"})), 1);
    w.advance_to(e.plus(14 * DAY + MINUTE));
    assert_eq!(count(&mut w, json!({"Namespace": "App"})), 0, "no data in two weeks");
}

#[test]
fn countdowns_are_published_minute_by_minute() {
    let mut w = world();
    let e = w.now();
    countdown(&mut w, "k", e.plus(HOUR), e.plus(HOUR + 10 * DAY));
    let list = |w: &mut World| call(w, "ListMetrics", json!({"Namespace": "AWS/KMS"}))["Metrics"].clone();
    assert_eq!(list(&mut w), json!([]), "nothing published before the countdown starts");
    w.advance_to(e.plus(HOUR + 5 * MINUTE + 30_000));
    assert_eq!(
        list(&mut w),
        json!([{"Namespace": "AWS/KMS", "MetricName": "SecondsUntilKeyMaterialExpiration", "Dimensions": [{"Name": "KeyId", "Value": "k"}]}])
    );
    let out = call(
        &mut w,
        "GetMetricStatistics",
        json!({"Namespace": "AWS/KMS", "MetricName": "SecondsUntilKeyMaterialExpiration", "Dimensions": [{"Name": "KeyId", "Value": "k"}],
               "StartTime": e.plus(HOUR).iso_seconds(), "EndTime": e.plus(2 * HOUR).iso_seconds(), "Period": 300,
               "Statistics": ["Minimum", "SampleCount"]}),
    );
    let ts = |m: i64| json!(e.plus(HOUR + m * MINUTE).epoch_seconds());
    assert_eq!(
        out["Datapoints"],
        json!([
            {"Timestamp": ts(0), "SampleCount": 5.0, "Minimum": 863760.0, "Unit": "Seconds"},
            {"Timestamp": ts(5), "SampleCount": 1.0, "Minimum": 863700.0, "Unit": "Seconds"},
        ]),
        "only the datapoints published by now"
    );
    let query = ChartQuery {
        metric: kms_metric("k"),
        statistic: "Maximum".into(),
        period: 60,
        start: e,
        end: e.plus(2 * HOUR),
        unit: None,
    };
    let chart = cw(&w).metric_values(&query, w.now());
    assert_eq!(chart.len(), 6);
    assert_eq!(chart[0], (e.plus(HOUR), 864000.0));
    assert_eq!(
        cw(&w).stored_datapoints(&kms_metric("k")),
        0,
        "countdowns are generated"
    );
}

#[test]
fn retention_keeps_fifteen_days_of_data() {
    let mut w = world();
    let e = w.now();
    let id = crate::sim::cloudwatch::MetricId {
        namespace: "App".into(),
        name: "Hourly".into(),
        dimensions: vec![],
    };
    let mut most = 0;
    for h in 0..(25 * 24) {
        w.advance_to(e.plus(h * HOUR));
        call(
            &mut w,
            "PutMetricData",
            json!({"Namespace": "App", "MetricData": [{"MetricName": "Hourly", "Value": h as f64}]}),
        );
        most = most.max(cw(&w).stored_datapoints(&id));
    }
    // Pruned daily: never more than 15 days plus the day since the last prune.
    assert!(most <= 16 * 24 + 1, "{most} stored");
    assert!(cw(&w).stored_datapoints(&id) >= 15 * 24);
    let old = call(
        &mut w,
        "GetMetricStatistics",
        json!({"Namespace": "App", "MetricName": "Hourly", "StartTime": e.iso_seconds(), "EndTime": e.plus(5 * DAY).iso_seconds(),
               "Period": 3600, "Statistics": ["Sum"]}),
    );
    assert_eq!(old["Datapoints"], json!([]), "older than 15 days");
}
