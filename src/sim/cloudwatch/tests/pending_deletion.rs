//! The KMS guide's "use of a key pending deletion" alarm: the metric filter
//! count `CloudTrailLogMetrics/KMSKeyPendingDeletionErrorCount`, `Sum >= 1`,
//! 1 of 1, missing data treated as not breaching. The filter's datapoint is
//! injected as the Logs service will emit it.

use serde_json::{json, Value};

use super::common::*;
use crate::sim::cloudwatch::{MetricId, MetricUpdate};
use crate::sim::ctx::Effect;
use crate::sim::time::{SimTime, MINUTE, SECOND};
use crate::sim::world::World;

const TOPIC: &str = "arn:aws:sns:us-west-2:111122223333:KMSAlert";

fn create(w: &mut World, period: i64) {
    call(
        w,
        "PutMetricAlarm",
        json!({
            "AlarmName": "KMSKeyPendingDeletionErrorAlarm",
            "AlarmActions": [TOPIC],
            "MetricName": "KMSKeyPendingDeletionErrorCount",
            "Namespace": "CloudTrailLogMetrics",
            "Statistic": "Sum",
            "Period": period,
            "EvaluationPeriods": 1,
            "DatapointsToAlarm": 1,
            "Threshold": 1,
            "ComparisonOperator": "GreaterThanOrEqualToThreshold",
            "TreatMissingData": "notBreaching",
        }),
    );
}

fn error_logged(w: &mut World, t: SimTime) {
    w.inject(Effect::Metric(MetricUpdate::Put {
        metric: MetricId {
            namespace: "CloudTrailLogMetrics".into(),
            name: "KMSKeyPendingDeletionErrorCount".into(),
            dimensions: vec![],
        },
        unit: None,
        points: vec![(t, 1.0)],
    }));
}

fn get(w: &mut World) -> Value {
    alarm(w, "KMSKeyPendingDeletionErrorAlarm")
}

#[test]
fn alarm_at_the_next_evaluation_and_ok_once_the_point_leaves_the_range() {
    let mut w = world();
    let e = w.now();
    create(&mut w, 60);
    w.advance_to(e.plus(MINUTE));
    let a = get(&mut w);
    assert_eq!(a["StateValue"], "OK");
    assert_eq!(
        a["StateReason"],
        "Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching]."
    );
    assert_eq!(
        a["StateReasonData"],
        r#"{"version":"1.0","queryDate":"2026-03-02T09:01:00.000+0000","statistic":"Sum","period":60,"recentDatapoints":[],"threshold":1.0,"evaluatedDatapoints":[{"timestamp":"2026-03-02T09:00:00.000+0000"}]}"#
    );

    // A failed Decrypt on a key pending deletion at 09:05:10.
    w.advance_to(e.plus(5 * MINUTE + 10 * SECOND));
    let now = w.now();
    error_logged(&mut w, now);
    w.advance_to(e.plus(6 * MINUTE - 1));
    assert_eq!(get(&mut w)["StateValue"], "OK");
    w.advance_to(e.plus(6 * MINUTE));
    let a = get(&mut w);
    assert_eq!(a["StateValue"], "ALARM");
    assert_eq!(
        a["StateReason"],
        "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (02/03/26 09:05:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition)."
    );
    assert_eq!(
        a["StateReasonData"],
        r#"{"version":"1.0","queryDate":"2026-03-02T09:06:00.000+0000","startDate":"2026-03-02T09:05:00.000+0000","statistic":"Sum","period":60,"recentDatapoints":[1.0],"threshold":1.0,"evaluatedDatapoints":[{"timestamp":"2026-03-02T09:05:00.000+0000","sampleCount":1.0,"value":1.0}]}"#
    );
    assert_eq!(sns_publishes(&w).len(), 1);
    assert_eq!(
        sns_publishes(&w)[0].1.as_deref(),
        Some("ALARM: \"KMSKeyPendingDeletionErrorAlarm\" in US West (Oregon)")
    );

    // The range is 3 periods: the point is evaluated until 09:08, at 09:09
    // the range is empty and missing data counts as not breaching.
    w.advance_to(e.plus(8 * MINUTE));
    assert_eq!(get(&mut w)["StateValue"], "ALARM");
    w.advance_to(e.plus(9 * MINUTE));
    let a = get(&mut w);
    assert_eq!(a["StateValue"], "OK");
    assert_eq!(
        a["StateReason"],
        "Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching]."
    );
    assert_eq!(sns_publishes(&w).len(), 1, "no OK actions configured");
    assert_eq!(bus_events(&w).len(), 3);
    // Then nothing changes while no error is logged.
    w.advance_to(e.plus(9 * MINUTE + 3 * 24 * 60 * MINUTE));
    assert_eq!(get(&mut w)["StateValue"], "OK");
    assert!(cw(&w).evaluations() < 20, "{} evaluations", cw(&w).evaluations());
}

#[test]
fn with_five_minute_periods_the_point_stays_in_range_for_fifteen_minutes() {
    let mut w = world();
    let e = w.now();
    create(&mut w, 300);
    w.advance_to(e.plus(5 * MINUTE + 10 * SECOND));
    let now = w.now();
    error_logged(&mut w, now);
    w.advance_to(e.plus(6 * MINUTE));
    assert_eq!(get(&mut w)["StateValue"], "ALARM");
    let reason = get(&mut w)["StateReason"].clone();
    assert_eq!(
        reason,
        "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (02/03/26 09:01:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition)."
    );
    w.advance_to(e.plus(20 * MINUTE));
    assert_eq!(get(&mut w)["StateValue"], "ALARM");
    w.advance_to(e.plus(21 * MINUTE));
    assert_eq!(get(&mut w)["StateValue"], "OK");
}
