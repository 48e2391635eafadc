//! AWS's two missing-data tables (N = 3, M = 3 and N = 3, M = 2), every row
//! for all four TreatMissingData modes, driven through PutMetricData,
//! PutMetricAlarm and `advance_to`, from three starting states, with both
//! evaluators.

use serde_json::json;

use super::common::*;
use crate::sim::cloudwatch::Evaluator;
use crate::sim::time::MINUTE;

const MODES: [&str; 4] = ["missing", "ignore", "breaching", "notBreaching"];
/// "keep" = the state before the evaluation.
const KEEP: &str = "keep";

/// Table 1 (N = 3, M = 3) then table 2 (N = 3, M = 2): data oldest first,
/// outcomes for missing, ignore, breaching, notBreaching.
const ROWS: [(usize, &str, [&str; 4]); 10] = [
    (3, "0 - X - X", ["OK", "OK", "OK", "OK"]),
    (3, "0 - - - -", ["OK", "OK", "OK", "OK"]),
    (3, "- - - - -", ["INSUFFICIENT_DATA", KEEP, "ALARM", "OK"]),
    (3, "0 X X - X", ["ALARM", "ALARM", "ALARM", "ALARM"]),
    (3, "- - X - -", ["ALARM", KEEP, "ALARM", "OK"]),
    (2, "0 - X - X", ["ALARM", "ALARM", "ALARM", "ALARM"]),
    (2, "0 0 X 0 X", ["ALARM", "ALARM", "ALARM", "ALARM"]),
    (2, "0 - X - -", ["OK", "OK", "ALARM", "OK"]),
    (2, "- - - - 0", ["OK", "OK", "ALARM", "OK"]),
    (2, "- - - X -", ["ALARM", KEEP, "ALARM", "OK"]),
];

/// Runs one row: data in the five minutes before 09:10, the alarm created
/// at 09:09:30 (optionally forced into `initial`), evaluated first at 09:10.
fn run(evaluator: Evaluator, m: usize, set_m: bool, data: &str, mode: &str, initial: Option<&str>) -> (String, String) {
    let mut w = world_with(evaluator);
    let tick = at("2026-03-02T09:10:00Z");
    w.advance_to(tick.plus(-30_000));
    let points: Vec<_> = data
        .split(' ')
        .enumerate()
        .filter(|(_, c)| *c != "-")
        .map(|(i, c)| {
            json!({
                "MetricName": "Errors",
                "Timestamp": tick.plus((i as i64 - 5) * MINUTE).iso_seconds(),
                "Value": if c == "X" { 10.0 } else { 1.0 },
            })
        })
        .collect();
    if !points.is_empty() {
        call(
            &mut w,
            "PutMetricData",
            json!({"Namespace": "App", "MetricData": points}),
        );
    }
    let mut alarm = json!({
        "AlarmName": "a",
        "Namespace": "App",
        "MetricName": "Errors",
        "Statistic": "Maximum",
        "Period": 60,
        "EvaluationPeriods": 3,
        "Threshold": 5.0,
        "ComparisonOperator": "GreaterThanThreshold",
        "TreatMissingData": mode,
    });
    if set_m {
        alarm["DatapointsToAlarm"] = json!(m);
    }
    call(&mut w, "PutMetricAlarm", alarm);
    let before = match initial {
        Some(s) => {
            call(
                &mut w,
                "SetAlarmState",
                json!({"AlarmName": "a", "StateValue": s, "StateReason": "test"}),
            );
            s.to_owned()
        }
        None => "INSUFFICIENT_DATA".to_owned(),
    };
    w.advance_to(tick.plus(-1));
    assert_eq!(state(&mut w, "a"), before, "no evaluation before 09:10");
    w.advance_to(tick);
    (before, state(&mut w, "a"))
}

#[test]
fn every_row_of_both_tables_for_all_four_modes() {
    let mut failures = Vec::new();
    for evaluator in [Evaluator::Fast, Evaluator::Reference] {
        for (m, data, expected) in ROWS {
            // Table 1 holds with DatapointsToAlarm unset (M = N) and set to 3.
            let variants: &[bool] = if m == 3 { &[false, true] } else { &[true] };
            for &set_m in variants {
                for (mode, want) in MODES.iter().zip(expected) {
                    for initial in [None, Some("OK"), Some("ALARM")] {
                        let (before, got) = run(evaluator, m, set_m, data, mode, initial);
                        let want = if want == KEEP { before.as_str() } else { want };
                        if got != want {
                            failures.push(format!(
                                "{evaluator:?} M={m} (set: {set_m}) `{data}` {mode} from {before}: got {got}, want {want}"
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn lone_breaching_points_do_not_alarm_prematurely() {
    // `- - - - X` and `- - - X -` with M = 3 do not alarm yet (missing).
    for data in ["- - - - X", "- - - X -"] {
        assert_eq!(
            run(Evaluator::Fast, 3, true, data, "missing", None).1,
            "INSUFFICIENT_DATA"
        );
        assert_eq!(run(Evaluator::Fast, 3, true, data, "missing", Some("OK")).1, "OK");
    }
}

#[test]
fn row_two_with_breaching_flips_once_the_ok_point_leaves_the_range() {
    // `0 - - - -` with breaching is OK; one minute later the range is all
    // missing and three filled breaching points make it ALARM.
    let mut w = world();
    let tick = at("2026-03-02T09:10:00Z");
    w.advance_to(tick.plus(-30_000));
    call(
        &mut w,
        "PutMetricData",
        json!({"Namespace": "App", "MetricData": [{"MetricName": "Errors", "Timestamp": tick.plus(-5 * MINUTE).iso_seconds(), "Value": 1.0}]}),
    );
    call(
        &mut w,
        "PutMetricAlarm",
        json!({"AlarmName": "a", "Namespace": "App", "MetricName": "Errors", "Statistic": "Maximum", "Period": 60,
               "EvaluationPeriods": 3, "Threshold": 5.0, "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "breaching"}),
    );
    w.advance_to(tick);
    assert_eq!(state(&mut w, "a"), "OK");
    w.advance_to(tick.plus(MINUTE));
    assert_eq!(state(&mut w, "a"), "ALARM");
    assert_eq!(
        alarm(&mut w, "a")["StateReason"],
        "Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Breaching]."
    );
}
