//! A year with a hundred real EXTERNAL keys (material imported through the
//! request API, expiring 7 to 352 days out): `SecondsUntilKeyMaterialExpiration`
//! is published every minute while the material lasts, stops when it
//! expires, and CloudWatch never serves or stores more than the retention
//! window of any key's series.

use serde_json::json;

use super::support::*;
use crate::sim::time::{DAY, MINUTE};

const KEYS: i64 = 100;
/// CloudWatch keeps 1-minute data 15 days (AWS); the model prunes daily.
const RETENTION_DAYS: i64 = 15;

#[test]
fn a_year_of_a_hundred_expiring_keys_stays_within_retention() {
    let mut w = world();
    let start = w.now();
    let keys: Vec<(String, i64)> = (0..KEYS)
        .map(|k| {
            let days = 7 + k * 345 / (KEYS - 1);
            (external_key(&mut w, days).0, days)
        })
        .collect();
    for day in (5..=365).step_by(5) {
        w.advance_to(start.plus(day * DAY));
        let now = w.now();
        for (id, expires_in) in keys.iter().step_by(9) {
            // Hourly minimums over the last 20 days, as the console's chart
            // asks for them.
            let out = w
                .call(
                    "cloudwatch",
                    "GetMetricData",
                    &json!({
                        "StartTime": now.plus(-20 * DAY).epoch_seconds(),
                        "EndTime": now.epoch_seconds(),
                        "MetricDataQueries": [{"Id": "m", "MetricStat": {
                            "Metric": {"Namespace": "AWS/KMS", "MetricName": "SecondsUntilKeyMaterialExpiration",
                                       "Dimensions": [{"Name": "KeyId", "Value": id}]},
                            "Period": 3600, "Stat": "Minimum"}}],
                    }),
                )
                .unwrap();
            let result = &out["MetricDataResults"][0];
            let times: Vec<f64> = result["Timestamps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_f64().unwrap())
                .collect();
            let oldest_kept = now.plus(-(RETENTION_DAYS + 1) * DAY).epoch_seconds();
            assert!(
                times.iter().all(|t| *t >= oldest_kept),
                "day {day}: data older than retention for a key expiring on day {expires_in}"
            );
            assert!(
                times.len() as i64 <= (RETENTION_DAYS + 1) * 24 + 1,
                "day {day}: {} hours",
                times.len()
            );
            let expired_for = day - expires_in;
            if expired_for > RETENTION_DAYS + 1 {
                assert!(times.is_empty(), "day {day}: data {expired_for} days after expiry");
            }
            if expired_for < 0 {
                // While the material lasts the newest point is at most a
                // minute old and counts down to ValidTo.
                let values = result["Values"].as_array().unwrap();
                let newest = values.first().and_then(|v| v.as_f64()).expect("a datapoint");
                let left = (expires_in * DAY - day * DAY) / 1000;
                assert!(
                    (newest - left as f64).abs() <= (3600 + 60) as f64,
                    "day {day}: {newest} vs {left}"
                );
            }
        }
        // No series holds more than the retention window (the countdowns
        // are computed from ValidTo, so they hold nothing at all).
        for (id, _) in &keys {
            let stored = w
                .services()
                .cloudwatch
                .stored_datapoints(&crate::sim::cloudwatch::MetricId {
                    namespace: "AWS/KMS".into(),
                    name: "SecondsUntilKeyMaterialExpiration".into(),
                    dimensions: vec![("KeyId".into(), id.clone())],
                });
            assert!(
                stored as i64 <= (RETENTION_DAYS + 1) * DAY / MINUTE,
                "{stored} datapoints"
            );
        }
    }
    // Every key's material expired within the year.
    for (id, _) in &keys {
        let md = ok(&mut w, "DescribeKey", json!({"KeyId": id}));
        assert_eq!(md["KeyMetadata"]["KeyState"], "PendingImport");
    }
}
