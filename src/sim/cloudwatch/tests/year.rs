//! A simulated year with 100 countdown series (keys re-imported every 90
//! days, material valid 30 to 89 days), 100 expiry alarms and 10 custom series fed hourly: memory stays
//! within retention, alarms fire when they should, and the time it took is
//! printed (no timed assertion; see BENCHMARKS.md for the budget).

use serde_json::{json, Value};

use super::common::*;
use crate::sim::cloudwatch::{MetricId, MetricUpdate};
use crate::sim::ctx::Effect;
use crate::sim::time::{DAY, HOUR, MINUTE};
use crate::sim::world::World;

const KEYS: i64 = 100;
const CUSTOM: usize = 10;

fn expiry_alarm(key: i64) -> Value {
    json!({
        "AlarmName": format!("expiry-k{key}"),
        "AlarmActions": ["arn:aws:sns:us-west-2:111122223333:KMSAlert"],
        "MetricName": "SecondsUntilKeyMaterialExpiration",
        "Namespace": "AWS/KMS",
        "Statistic": "Minimum",
        "Dimensions": [{"Name": "KeyId", "Value": format!("k{key}")}],
        "Period": 60,
        "EvaluationPeriods": 1,
        "DatapointsToAlarm": 1,
        "Threshold": 864000,
        "ComparisonOperator": "LessThanOrEqualToThreshold",
    })
}

/// Every key imported (again) with material valid 30 to 89 days.
fn import_all(w: &mut World) {
    let now = w.now();
    for key in 0..KEYS {
        countdown(
            w,
            &format!("k{key}"),
            now.plus(key * MINUTE),
            now.plus((30 + key % 60) * DAY),
        );
    }
}

/// The past day's hourly datapoints of every custom series, as a service
/// (a metric filter) would send them.
fn feed_custom(w: &mut World) {
    let now = w.now();
    for s in 0..CUSTOM {
        w.inject(Effect::Metric(MetricUpdate::Put {
            metric: custom(s),
            unit: Some("Count".into()),
            points: (1..=24).map(|h| (now.plus(-h * HOUR), (h % 7) as f64)).collect(),
        }));
    }
}

fn custom(s: usize) -> MetricId {
    MetricId {
        namespace: "Load".into(),
        name: format!("c{s}"),
        dimensions: vec![],
    }
}

#[test]
fn a_year_with_a_hundred_keys_and_alarms_stays_bounded() {
    let mut w = world();
    let e = w.now();
    import_all(&mut w);
    for key in 0..KEYS {
        call(&mut w, "PutMetricAlarm", expiry_alarm(key));
    }
    for s in 0..CUSTOM {
        call(
            &mut w,
            "PutMetricAlarm",
            json!({"AlarmName": format!("load-c{s}"), "Namespace": "Load", "MetricName": format!("c{s}"), "Statistic": "Average",
                   "Period": 3600, "EvaluationPeriods": 2, "Threshold": 5.0, "ComparisonOperator": "GreaterThanThreshold",
                   "TreatMissingData": "notBreaching"}),
        );
    }
    let mut most_buckets = 0;
    let mut most_history = 0;
    let mut alarmed = std::collections::BTreeSet::new();
    for day in 1..=365 {
        w.advance_to(e.plus(day * DAY));
        if day % 90 == 0 {
            import_all(&mut w);
        }
        feed_custom(&mut w);
        for s in 0..CUSTOM {
            most_buckets = most_buckets.max(cw(&w).stored_datapoints(&custom(s)));
        }
        for key in 0..KEYS {
            assert_eq!(cw(&w).stored_datapoints(&kms_metric(&format!("k{key}"))), 0);
        }
        most_history = most_history.max(cw(&w).history_len());
        for a in cw(&w).alarms() {
            if a.state == crate::sim::cloudwatch::StateValue::Alarm && a.name.starts_with("expiry") {
                alarmed.insert(a.name.clone());
            }
        }
    }
    let evaluations = cw(&w).evaluations();
    println!(
        "365 simulated days, {KEYS} countdowns, {} alarms: ({evaluations} evaluations, {} SNS publishes)",
        KEYS as usize + CUSTOM,
        sns_publishes(&w).len()
    );
    // Hourly points, pruned daily: 15 days plus at most one day.
    assert!(most_buckets <= 16 * 24 + 24, "{most_buckets} buckets in one series");
    assert!(most_history < 20_000, "{most_history} history items");
    // Every key's material came within 10 days of expiry: every expiry
    // alarm was in ALARM at some point.
    assert_eq!(alarmed.len(), KEYS as usize);
    assert!(evaluations < 200_000, "{evaluations} evaluations");
}
