//! (d) The alarm evaluator: 100 alarms on 1-minute metrics through one
//! simulated day, with the reference evaluator (every alarm at every
//! period) and the fast one (only where the outcome could change). 50
//! alarms watch EXTERNAL keys' `SecondsUntilKeyMaterialExpiration` (material
//! valid 1 to 50 days: the first ten are within the 10-day threshold), 50
//! watch custom `Bench/App Latency` metrics fed every hour with the coming
//! hour's 1-minute datapoints, breaching for 30 minutes in every two hours,
//! so those alarms change state about 24 times a day and notify SNS each
//! time. Only the advances are timed, not the PutMetricData calls.

use std::time::{Duration, Instant};

use criterion::Criterion;
use kms_playground::sim::cloudwatch::Evaluator;
use kms_playground::sim::time::{DAY, HOUR, MINUTE};
use kms_playground::sim::World;
use serde_json::json;

use crate::support::{create_key, import, ok, world};

const TOPIC: &str = "arn:aws:sns:us-west-2:111122223333:Ops";
const COUNTDOWNS: usize = 50;
const CUSTOM: usize = 50;

pub fn prepare(evaluator: Evaluator) -> World {
    let mut w = world();
    w.set_alarm_evaluator(evaluator);
    ok(&mut w, "sns", "CreateTopic", json!({"Name": "Ops"}));
    let now = w.now();
    for i in 0..COUNTDOWNS {
        let id = create_key(&mut w, json!({"Origin": "EXTERNAL"}));
        import(&mut w, &id, now.plus((i as i64 + 1) * DAY));
        ok(
            &mut w,
            "cloudwatch",
            "PutMetricAlarm",
            json!({
                "AlarmName": format!("KeyMaterialExpiresSoon-{i}"), "AlarmActions": [TOPIC],
                "MetricName": "SecondsUntilKeyMaterialExpiration", "Namespace": "AWS/KMS",
                "Statistic": "Minimum", "Dimensions": [{"Name": "KeyId", "Value": id}],
                "Period": 60, "EvaluationPeriods": 1, "DatapointsToAlarm": 1,
                "Threshold": 864000, "ComparisonOperator": "LessThanOrEqualToThreshold",
            }),
        );
    }
    for i in 0..CUSTOM {
        ok(
            &mut w,
            "cloudwatch",
            "PutMetricAlarm",
            json!({
                "AlarmName": format!("HighLatency-{i}"), "AlarmActions": [TOPIC], "OKActions": [TOPIC],
                "MetricName": "Latency", "Namespace": "Bench/App", "Statistic": "Average",
                "Dimensions": [{"Name": "Service", "Value": format!("svc{i}")}],
                "Period": 60, "EvaluationPeriods": 5, "DatapointsToAlarm": 3, "Threshold": 500,
                "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "missing",
            }),
        );
    }
    w
}

/// Puts the coming hour's 1-minute datapoints of every custom metric.
fn feed_hour(w: &mut World) {
    let now = w.now();
    for i in 0..CUSTOM {
        let data: Vec<_> = (0..60)
            .map(|m| {
                let minute = now.plus(m * MINUTE);
                let slot = (minute.millis() / (30 * MINUTE)) as usize;
                json!({
                    "MetricName": "Latency",
                    "Dimensions": [{"Name": "Service", "Value": format!("svc{i}")}],
                    "Timestamp": minute.epoch_seconds(),
                    "Value": if (slot + i) % 4 == 0 { 900.0 } else { 100.0 },
                    "Unit": "Milliseconds",
                })
            })
            .collect();
        ok(
            w,
            "cloudwatch",
            "PutMetricData",
            json!({"Namespace": "Bench/App", "MetricData": data}),
        );
    }
}

/// One simulated day, hour by hour; returns the time spent advancing.
pub fn day(mut w: World) -> (World, Duration) {
    let start = w.now();
    let mut spent = Duration::ZERO;
    for h in 1..=24 {
        feed_hour(&mut w);
        let t0 = Instant::now();
        crate::measured(|| w.advance_to(start.plus(h * HOUR)));
        spent += t0.elapsed();
    }
    debug_assert!(w.now() == start.plus(DAY));
    (w, spent)
}

pub fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("alarms");
    g.sample_size(10);
    for (name, evaluator) in [("fast_1d", Evaluator::Fast), ("reference_1d", Evaluator::Reference)] {
        let prepared = prepare(evaluator);
        let (after, _) = day(prepared.clone());
        let s = after.services();
        eprintln!(
            "alarms/{name}: {} evaluations, {} alarm history items, {} alarms in ALARM",
            s.cloudwatch.evaluations(),
            s.cloudwatch.history_len(),
            s.cloudwatch
                .alarms()
                .filter(|a| a.state == kms_playground::sim::cloudwatch::StateValue::Alarm)
                .count(),
        );
        g.bench_function(name, |b| {
            b.iter_custom(|iters| (0..iters).map(|_| day(prepared.clone()).1).sum())
        });
    }
    g.finish();
}
