//! The fast evaluator against the reference one: many seeded random worlds
//! (custom datapoints, countdowns, alarms with random N/M/period/statistic/
//! comparison/threshold/missing-data mode, SetAlarmState, overwrites,
//! deletions, random advances), driven identically through both; alarm
//! states, history and every routed effect must be identical.

use serde_json::{json, Value};

use super::common::*;
use crate::sim::cloudwatch::{Evaluator, MetricUpdate};
use crate::sim::ctx::Effect;
use crate::sim::rng::SimRng;
use crate::sim::time::{SimTime, HOUR, MINUTE, SECOND};
use crate::sim::world::World;

const WORLDS: u64 = 40;
const OPS: usize = 160;

/// One step applied to both worlds.
#[derive(Clone, Debug)]
enum Op {
    Call(&'static str, Value),
    Inject(MetricUpdate),
    Advance(i64),
}

fn pick<'a, T>(rng: &mut SimRng, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len() as u64) as usize]
}

fn chance(rng: &mut SimRng, percent: u64) -> bool {
    rng.below(100) < percent
}

/// Metrics 0..3 are custom (`App/m0..m2`), 3..5 countdowns (`AWS/KMS`).
fn metric_params(i: usize) -> Value {
    if i < 3 {
        json!({"Namespace": "App", "MetricName": format!("m{i}")})
    } else {
        json!({"Namespace": "AWS/KMS", "MetricName": "SecondsUntilKeyMaterialExpiration",
               "Dimensions": [{"Name": "KeyId", "Value": format!("k{}", i - 3)}]})
    }
}

fn random_alarm(rng: &mut SimRng) -> Value {
    let metric = rng.below(5) as usize;
    let mut a = metric_params(metric);
    a["AlarmName"] = json!(format!("a{}", rng.below(6)));
    let stat = *pick(
        rng,
        &["Sum", "Average", "Minimum", "Maximum", "SampleCount", "p90", "p50"],
    );
    if stat.starts_with('p') {
        a["ExtendedStatistic"] = json!(stat);
        if chance(rng, 30) {
            a["EvaluateLowSampleCountPercentile"] = json!(*pick(rng, &["evaluate", "ignore"]));
        }
    } else {
        a["Statistic"] = json!(stat);
    }
    let period = if chance(rng, 10) {
        *pick(rng, &[10, 20, 30])
    } else {
        *pick(rng, &[60, 60, 120, 300])
    };
    a["Period"] = json!(period);
    let n = 1 + rng.below(5);
    a["EvaluationPeriods"] = json!(n);
    if chance(rng, 60) {
        a["DatapointsToAlarm"] = json!(1 + rng.below(n));
    }
    a["ComparisonOperator"] = json!(*pick(
        rng,
        &[
            "GreaterThanOrEqualToThreshold",
            "GreaterThanThreshold",
            "LessThanThreshold",
            "LessThanOrEqualToThreshold"
        ]
    ));
    let threshold = if metric < 3 {
        rng.below(11) as f64
    } else if stat == "SampleCount" || stat == "Sum" && chance(rng, 50) {
        rng.below(6) as f64
    } else {
        (rng.below(40) * 600) as f64
    };
    a["Threshold"] = json!(threshold);
    if chance(rng, 80) {
        a["TreatMissingData"] = json!(*pick(rng, &["missing", "ignore", "breaching", "notBreaching"]));
    }
    if chance(rng, 20) {
        a["Unit"] = json!(*pick(rng, &["Seconds", "Count"]));
    }
    let actions = [
        "arn:aws:sns:us-west-2:111122223333:t",
        "arn:aws:lambda:us-west-2:111122223333:function:f",
        "arn:aws:automate:us-west-2:ec2:stop",
    ];
    for list in ["AlarmActions", "OKActions", "InsufficientDataActions"] {
        if chance(rng, 40) {
            a[list] = json!([*pick(rng, &actions)]);
        }
    }
    a["ActionsEnabled"] = json!(chance(rng, 85));
    a
}

fn random_op(rng: &mut SimRng, now: SimTime) -> Op {
    match rng.below(100) {
        0..=34 => Op::Advance(match rng.below(10) {
            0..=4 => (1 + rng.below(120)) as i64 * SECOND,
            5..=7 => (1 + rng.below(30)) as i64 * MINUTE,
            8 => (1 + rng.below(3)) as i64 * HOUR,
            _ => (3 + rng.below(6)) as i64 * HOUR,
        }),
        35..=59 => {
            let metric = rng.below(3);
            let offset = rng.below(50 * 60) as i64 - 40 * 60;
            let mut datum = json!({
                "MetricName": format!("m{metric}"),
                "Timestamp": now.plus(offset * SECOND).iso_millis(),
            });
            if chance(rng, 70) {
                datum["Value"] = json!(rng.below(11) as f64);
            } else {
                let k = 1 + rng.below(4);
                datum["Values"] = json!((0..k).map(|_| rng.below(11) as f64).collect::<Vec<_>>());
            }
            if chance(rng, 15) {
                datum["Unit"] = json!("Count");
            }
            if chance(rng, 10) {
                datum["StorageResolution"] = json!(1);
            }
            Op::Call("PutMetricData", json!({"Namespace": "App", "MetricData": [datum]}))
        }
        60..=65 => {
            let key = rng.below(2);
            let from = now.plus((rng.below(40 * 60) as i64 - 10 * 60) * SECOND);
            let until = from.plus((10 * 60 + rng.below(24 * 3600) as i64) * SECOND);
            Op::Inject(MetricUpdate::StartCountdown {
                metric: kms_metric(&format!("k{key}")),
                unit: "Seconds".into(),
                from,
                until,
            })
        }
        66..=68 => Op::Inject(MetricUpdate::StopCountdown {
            metric: kms_metric(&format!("k{}", rng.below(2))),
            at: now.plus((rng.below(3600) as i64 - 600) * SECOND),
        }),
        69..=71 => {
            // Service datapoints, also into the countdown metrics, so that
            // stored values and countdown points share periods.
            let (metric, value) = if chance(rng, 50) {
                (
                    crate::sim::cloudwatch::MetricId {
                        namespace: "App".into(),
                        name: format!("m{}", rng.below(3)),
                        dimensions: vec![],
                    },
                    rng.below(11) as f64,
                )
            } else {
                (kms_metric(&format!("k{}", rng.below(2))), (rng.below(40) * 600) as f64)
            };
            let at = now.plus((rng.below(20 * 60) as i64 - 15 * 60) * SECOND);
            Op::Inject(MetricUpdate::Put {
                metric,
                unit: chance(rng, 70).then(|| "Seconds".to_owned()),
                points: vec![(at, value)],
            })
        }
        72..=85 => Op::Call("PutMetricAlarm", random_alarm(rng)),
        86..=93 => Op::Call(
            "SetAlarmState",
            json!({"AlarmName": format!("a{}", rng.below(6)),
                   "StateValue": *pick(rng, &["OK", "ALARM", "INSUFFICIENT_DATA"]),
                   "StateReason": "chaos"}),
        ),
        94..=95 => Op::Call("DeleteAlarms", json!({"AlarmNames": [format!("a{}", rng.below(6))]})),
        96..=97 => Op::Call(
            "DisableAlarmActions",
            json!({"AlarmNames": [format!("a{}", rng.below(6))]}),
        ),
        _ => Op::Call(
            "EnableAlarmActions",
            json!({"AlarmNames": [format!("a{}", rng.below(6))]}),
        ),
    }
}

fn apply(w: &mut World, op: &Op) -> String {
    match op {
        Op::Call(operation, params) => match w.call("cloudwatch", operation, params) {
            Ok(v) => v.to_string(),
            Err(e) => format!("{}: {}", e.code, e.message),
        },
        Op::Inject(update) => {
            w.inject(Effect::Metric(update.clone()));
            String::new()
        }
        Op::Advance(ms) => {
            w.advance_by(*ms);
            String::new()
        }
    }
}

fn snapshot(w: &mut World) -> Value {
    w.peek("cloudwatch", "DescribeAlarms", &json!({})).unwrap()
}

fn all_history(w: &mut World) -> Vec<Value> {
    let mut items = Vec::new();
    let mut params = json!({"ScanBy": "TimestampAscending"});
    loop {
        let page = w.peek("cloudwatch", "DescribeAlarmHistory", &params).unwrap();
        items.extend(page["AlarmHistoryItems"].as_array().cloned().unwrap_or_default());
        match page.get("NextToken") {
            Some(t) => params["NextToken"] = t.clone(),
            None => return items,
        }
    }
}

#[test]
fn fast_and_reference_evaluators_agree_on_random_worlds() {
    let (mut fast_evals, mut reference_evals, mut changes, mut effects) = (0, 0, 0, 0);
    for seed in 0..WORLDS {
        let mut rng = SimRng::from_seed(1000 + seed);
        let mut fast = world_with(Evaluator::Fast);
        let mut reference = world_with(Evaluator::Reference);
        for step in 0..OPS {
            let op = random_op(&mut rng, fast.now());
            let (a, b) = (apply(&mut fast, &op), apply(&mut reference, &op));
            assert_eq!(a, b, "seed {seed} step {step}: {op:?}");
            if matches!(op, Op::Advance(_)) {
                assert_eq!(
                    snapshot(&mut fast),
                    snapshot(&mut reference),
                    "seed {seed} step {step}: {op:?}"
                );
            }
        }
        // Let every alarm settle, then compare everything.
        fast.advance_by(HOUR);
        reference.advance_by(HOUR);
        assert_eq!(snapshot(&mut fast), snapshot(&mut reference), "seed {seed}");
        assert_eq!(all_history(&mut fast), all_history(&mut reference), "seed {seed}");
        let fast_effects: Vec<String> = fast.routed.iter().map(|e| format!("{e:?}")).collect();
        let reference_effects: Vec<String> = reference.routed.iter().map(|e| format!("{e:?}")).collect();
        assert_eq!(fast_effects, reference_effects, "seed {seed}");
        changes += all_history(&mut fast)
            .iter()
            .filter(|i| i["HistoryItemType"] == "StateUpdate")
            .count();
        effects += fast_effects.len();
        fast_evals += cw(&fast).evaluations();
        reference_evals += cw(&reference).evaluations();
    }
    println!("{changes} state updates, {effects} effects; evaluations: fast {fast_evals}, reference {reference_evals}");
    assert!(
        changes > 20 * WORLDS as usize,
        "the worlds exercise the alarms ({changes} state updates)"
    );
    assert!(
        fast_evals < reference_evals / 2,
        "fast {fast_evals} vs reference {reference_evals}"
    );
}
