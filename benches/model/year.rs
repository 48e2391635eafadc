//! (a) A simulated year: 100 customer managed keys — 50 EXTERNAL keys whose
//! imported material expires during the year (ValidTo 7 to 350 days ahead;
//! KMS accepts at most 365 days) and 50 AWS_KMS keys with automatic
//! rotation every 90 to 365 days — 100 alarms on 1-minute metrics (50 on
//! each EXTERNAL key's `SecondsUntilKeyMaterialExpiration`, the KMS guide's
//! 10-day alarm, and 50 on custom `Bench/App Latency` metrics, 3 of 5
//! one-minute periods, all four TreatMissingData modes), an SNS topic with a
//! confirmed email subscription for the alarms, a logging trail delivering
//! to CloudWatch Logs with the guide's pending-deletion metric filter, and
//! EventBridge rules sending KMS events and alarm state changes to a queue.
//!
//! - `year/advance_365d`: one `advance_to(now + 365 days)`, SPEC §4's
//!   budget figure.
//! - `year/monthly_reimport`: the same year in 30-day steps, re-importing
//!   the material of every key whose material expired (untimed between the
//!   steps); only the advances are timed.

use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion};
use kms_playground::sim::sns::EmailKind;
use kms_playground::sim::time::{DAY, MINUTE};
use kms_playground::sim::{SimTime, World};
use serde_json::json;

use crate::support::{create_key, import, ok, rule_to_queue, world};

pub const EXTERNAL_KEYS: usize = 50;
pub const ROTATING_KEYS: usize = 50;
pub const CUSTOM_ALARMS: usize = 50;
const TOPIC: &str = "arn:aws:sns:us-west-2:111122223333:KMSAlert";
const QUEUE: &str = "arn:aws:sqs:us-west-2:111122223333:kms-events";
const MISSING: [&str; 4] = ["missing", "notBreaching", "breaching", "ignore"];

/// The prepared account, at the start of the year.
pub struct Year {
    pub world: World,
    pub external: Vec<String>,
}

/// The days of validity the `i`-th EXTERNAL key's material gets.
fn validity_days(i: usize) -> i64 {
    7 * (i as i64 + 1)
}

pub fn prepare() -> Year {
    let mut w = world();
    ok(&mut w, "sns", "CreateTopic", json!({"Name": "KMSAlert"}));
    ok(
        &mut w,
        "sns",
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "email", "Endpoint": "ops@example.com"}),
    );
    let token = w
        .services()
        .sns
        .mailbox()
        .find_map(|m| match &m.kind {
            EmailKind::SubscriptionConfirmation { token, .. } => Some(token.clone()),
            _ => None,
        })
        .expect("a confirmation email");
    ok(
        &mut w,
        "sns",
        "ConfirmSubscription",
        json!({"TopicArn": TOPIC, "Token": token}),
    );

    ok(&mut w, "sqs", "CreateQueue", json!({"QueueName": "kms-events"}));
    for (name, pattern) in [
        ("kms-events", json!({"source": ["aws.kms"]})),
        (
            "alarm-changes",
            json!({"source": ["aws.cloudwatch"], "detail-type": ["CloudWatch Alarm State Change"]}),
        ),
    ] {
        rule_to_queue(&mut w, name, &pattern, QUEUE);
    }

    ok(
        &mut w,
        "logs",
        "CreateLogGroup",
        json!({"logGroupName": "CloudTrail/logs"}),
    );
    ok(
        &mut w,
        "cloudtrail",
        "CreateTrail",
        json!({
            "Name": "main", "S3BucketName": "trail-bucket",
            "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-west-2:111122223333:log-group:CloudTrail/logs:*",
            "CloudWatchLogsRoleArn": "arn:aws:iam::111122223333:role/CloudTrail_CloudWatchLogs_Role",
        }),
    );
    ok(&mut w, "cloudtrail", "StartLogging", json!({"Name": "main"}));
    ok(
        &mut w,
        "logs",
        "PutMetricFilter",
        json!({
            "logGroupName": "CloudTrail/logs",
            "filterName": "KMSKeyPendingDeletionErrorFilter",
            "filterPattern": "{ $.eventSource = kms* && $.errorMessage = \"* is pending deletion.\" }",
            "metricTransformations": [{
                "metricName": "KMSKeyPendingDeletionErrorCount",
                "metricNamespace": "CloudTrailLogMetrics",
                "metricValue": "1"
            }]
        }),
    );

    let now = w.now();
    let mut external = Vec::new();
    for i in 0..EXTERNAL_KEYS {
        let id = create_key(
            &mut w,
            json!({"Origin": "EXTERNAL", "Description": format!("imported {i}")}),
        );
        import(&mut w, &id, now.plus(validity_days(i) * DAY));
        ok(
            &mut w,
            "cloudwatch",
            "PutMetricAlarm",
            json!({
                "AlarmName": format!("KeyMaterialExpiresSoon-{i}"),
                "AlarmActions": [TOPIC],
                "MetricName": "SecondsUntilKeyMaterialExpiration",
                "Namespace": "AWS/KMS",
                "Statistic": "Minimum",
                "Dimensions": [{"Name": "KeyId", "Value": id}],
                "Period": 60,
                "EvaluationPeriods": 1,
                "DatapointsToAlarm": 1,
                "Threshold": 864000,
                "ComparisonOperator": "LessThanOrEqualToThreshold",
            }),
        );
        external.push(id);
    }
    for i in 0..ROTATING_KEYS {
        let id = create_key(&mut w, json!({"Description": format!("rotating {i}")}));
        let period = 90 + (i as i64 * 29) % 276;
        ok(
            &mut w,
            "kms",
            "EnableKeyRotation",
            json!({"KeyId": id, "RotationPeriodInDays": period}),
        );
    }
    for i in 0..CUSTOM_ALARMS {
        // An hour of 1-minute data, the last ten minutes breaching.
        let data: Vec<_> = (0..60)
            .map(|m| {
                json!({
                    "MetricName": "Latency",
                    "Dimensions": [{"Name": "Service", "Value": format!("svc{i}")}],
                    "Timestamp": now.plus((m - 60) * MINUTE).epoch_seconds(),
                    "Value": if m >= 50 { 900.0 } else { 100.0 + m as f64 },
                    "Unit": "Milliseconds",
                })
            })
            .collect();
        ok(
            &mut w,
            "cloudwatch",
            "PutMetricData",
            json!({"Namespace": "Bench/App", "MetricData": data}),
        );
        ok(
            &mut w,
            "cloudwatch",
            "PutMetricAlarm",
            json!({
                "AlarmName": format!("HighLatency-{i}"),
                "AlarmActions": [TOPIC],
                "OKActions": [TOPIC],
                "MetricName": "Latency",
                "Namespace": "Bench/App",
                "Statistic": "Average",
                "Dimensions": [{"Name": "Service", "Value": format!("svc{i}")}],
                "Period": 60,
                "EvaluationPeriods": 5,
                "DatapointsToAlarm": 3,
                "Threshold": 500,
                "ComparisonOperator": "GreaterThanThreshold",
                "TreatMissingData": MISSING[i % 4],
            }),
        );
    }
    Year { world: w, external }
}

/// Re-imports the material of every EXTERNAL key whose material expired.
fn reimport_expired(year: &mut Year) {
    let now = year.world.now();
    for (i, id) in year.external.clone().iter().enumerate() {
        let meta = ok(&mut year.world, "kms", "DescribeKey", json!({"KeyId": id}));
        if meta["KeyMetadata"]["KeyState"] == "PendingImport" {
            import(&mut year.world, id, now.plus(validity_days(i).min(365) * DAY));
        }
    }
}

/// The monthly year: advances in 30-day steps, re-importing between them;
/// returns the time spent advancing.
fn monthly(mut year: Year) -> (Year, Duration) {
    let start = year.world.now();
    let end = start.plus(365 * DAY);
    let mut spent = Duration::ZERO;
    let mut at = start;
    while at < end {
        at = at.plus(30 * DAY).min(end);
        let t0 = Instant::now();
        year.world.advance_to(at);
        spent += t0.elapsed();
        reimport_expired(&mut year);
    }
    (year, spent)
}

/// What one year does, printed once so the figures can be interpreted.
fn describe(label: &str, w: &World) {
    let s = w.services();
    eprintln!(
        "{label}: {} alarm evaluations, {} bus events, {} emails, {} CloudTrail records kept, {} alarm history items",
        s.cloudwatch.evaluations(),
        s.events.bus_events().len(),
        s.sns.mailbox().len(),
        s.cloudtrail.history().len(),
        s.cloudwatch.history_len(),
    );
}

pub fn bench(c: &mut Criterion) {
    let prepared = prepare();
    let start: SimTime = prepared.world.now();
    {
        let mut w = prepared.world.clone();
        w.advance_to(start.plus(365 * DAY));
        describe("year/advance_365d", &w);
        let (year, _) = monthly(Year {
            world: prepared.world.clone(),
            external: prepared.external.clone(),
        });
        describe("year/monthly_reimport", &year.world);
    }
    let mut g = c.benchmark_group("year");
    g.sample_size(10);
    g.bench_function("advance_365d", |b| {
        b.iter_batched(
            || prepared.world.clone(),
            |mut w| {
                w.advance_to(start.plus(365 * DAY));
                w
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("monthly_reimport", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let year = Year {
                    world: prepared.world.clone(),
                    external: prepared.external.clone(),
                };
                let (year, spent) = monthly(year);
                total += spent;
                drop(year);
            }
            total
        })
    });
    g.finish();
}
