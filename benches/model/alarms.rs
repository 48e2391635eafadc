//! (d) The alarm evaluator: 100 alarms on 1-minute metrics through one
//! simulated day, with the reference evaluator (every alarm at every
//! period) and the fast one (only where the outcome could change). 50
//! alarms watch EXTERNAL keys' `SecondsUntilKeyMaterialExpiration` (material
//! valid 1 to 50 days: the first ten are within the 10-day threshold), 50
//! watch custom `Bench/App Latency` metrics that an application publishes
//! every minute (one PutMetricData per metric and minute, at the current
//! time), breaching for 30 minutes in every two hours, so those alarms
//! change state about 24 times a day and notify SNS each time. Only the
//! advances are timed, not the PutMetricData calls.
//!
//! `alarms/fast_1d_ahead` feeds each hour's datapoints at the start of the
//! hour instead (PutMetricData accepts timestamps up to two hours ahead):
//! the fast evaluator must then search the stored future for the next
//! change.

use std::time::{Duration, Instant};

use criterion::Criterion;
use kms_playground::sim::cloudwatch::{Evaluator, StateValue};
use kms_playground::sim::time::{DAY, MINUTE};
use kms_playground::sim::{SimTime, World};
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

/// The value of custom metric `i` at `minute`: 900 (breaching) for 30
/// minutes in every two hours, staggered across metrics, else 100.
fn latency(i: usize, minute: SimTime) -> f64 {
    let slot = (minute.millis() / (30 * MINUTE)) as usize;
    if (slot + i) % 4 == 0 {
        900.0
    } else {
        100.0
    }
}

fn datum(i: usize, minute: SimTime) -> serde_json::Value {
    json!({
        "MetricName": "Latency",
        "Dimensions": [{"Name": "Service", "Value": format!("svc{i}")}],
        "Timestamp": minute.epoch_seconds(),
        "Value": latency(i, minute),
        "Unit": "Milliseconds",
    })
}

/// How the custom metrics are fed.
#[derive(Clone, Copy)]
pub enum Feed {
    /// Every minute, the current minute's datapoint of each metric.
    EveryMinute,
    /// Every hour, the coming hour's 60 datapoints of each metric.
    HourAhead,
}

/// One simulated day; returns the time spent advancing.
pub fn day(mut w: World, feed: Feed) -> (World, Duration) {
    let start = w.now();
    let mut spent = Duration::ZERO;
    let steps = match feed {
        Feed::EveryMinute => 24 * 60,
        Feed::HourAhead => 24,
    };
    let step = DAY / steps;
    for k in 1..=steps {
        let now = w.now();
        for i in 0..CUSTOM {
            let data: Vec<_> = match feed {
                Feed::EveryMinute => vec![datum(i, now)],
                Feed::HourAhead => (0..60).map(|m| datum(i, now.plus(m * MINUTE))).collect(),
            };
            ok(
                &mut w,
                "cloudwatch",
                "PutMetricData",
                json!({"Namespace": "Bench/App", "MetricData": data}),
            );
        }
        let t0 = Instant::now();
        crate::measured(|| w.advance_to(start.plus(k * step)));
        spent += t0.elapsed();
    }
    debug_assert!(w.now() == start.plus(DAY));
    (w, spent)
}

pub fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("alarms");
    g.sample_size(10);
    for (name, evaluator, feed) in [
        ("fast_1d", Evaluator::Fast, Feed::EveryMinute),
        ("reference_1d", Evaluator::Reference, Feed::EveryMinute),
        ("fast_1d_ahead", Evaluator::Fast, Feed::HourAhead),
    ] {
        let prepared = prepare(evaluator);
        let (after, _) = day(prepared.clone(), feed);
        let s = after.services();
        eprintln!(
            "alarms/{name}: {} evaluations, {} alarm history items, {} alarms in ALARM",
            s.cloudwatch.evaluations(),
            s.cloudwatch.history_len(),
            s.cloudwatch.alarms().filter(|a| a.state == StateValue::Alarm).count(),
        );
        g.bench_function(name, |b| {
            b.iter_custom(|iters| (0..iters).map(|_| day(prepared.clone(), feed).1).sum())
        });
    }
    g.finish();
}
