//! Property tests of the world's invariants over random request sequences
//! and random advances of time:
//! - replaying the journal reproduces the world;
//! - export → import is the identity (world file, bus, mailbox, trail);
//! - alarms change state only at evaluation times (whole minutes);
//! - a key leaves PendingDeletion only by CancelKeyDeletion or deletion;
//! - metric series never hold more than their retention window.

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::share;
use crate::sim::time::{DAY, HOUR, MINUTE};
use crate::sim::{Settings, SimTime, World, WorldFile};

/// One step of a random scenario. Indices pick among the resources made so
/// far (modulo their count), so every sequence is meaningful.
#[derive(Clone, Debug)]
enum Step {
    Advance(i64),
    CreateKey,
    ScheduleDeletion(usize, i64),
    CancelDeletion(usize),
    DisableKey(usize),
    EnableKey(usize),
    Encrypt(usize),
    RotateOnDemand(usize),
    PutMetric(u8, f64, i64),
    PutAlarm(u8, f64, i64),
    CreateTopic(u8),
    SubscribeEmail(u8),
    SubscribeQueue(u8, u8),
    Publish(u8),
    CreateQueue(u8),
    SendMessage(u8),
    ReceiveMessage(u8),
    PutRule(u8, u8),
    PutTarget(u8, u8),
    PutEvent(u8),
    CreateLogGroup(u8),
    PutLogEvent(u8, i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => prop_oneof![Just(1i64), 999i64..=61_000, Just(HOUR), Just(DAY), 1i64..=40 * DAY].prop_map(Step::Advance),
        2 => Just(Step::CreateKey),
        1 => (any::<usize>(), 5i64..=32).prop_map(|(k, d)| Step::ScheduleDeletion(k, d)),
        1 => any::<usize>().prop_map(Step::CancelDeletion),
        1 => any::<usize>().prop_map(Step::DisableKey),
        1 => any::<usize>().prop_map(Step::EnableKey),
        1 => any::<usize>().prop_map(Step::Encrypt),
        1 => any::<usize>().prop_map(Step::RotateOnDemand),
        3 => (0u8..3, -10.0f64..10.0, -1200i64..=60).prop_map(|(m, v, s)| Step::PutMetric(m, v, s)),
        1 => (0u8..3, -5.0f64..5.0, prop_oneof![Just(60i64), Just(120), Just(300), Just(3600)])
            .prop_map(|(m, t, p)| Step::PutAlarm(m, t, p)),
        1 => (0u8..3).prop_map(Step::CreateTopic),
        1 => (0u8..3).prop_map(Step::SubscribeEmail),
        1 => (0u8..3, 0u8..3).prop_map(|(t, q)| Step::SubscribeQueue(t, q)),
        1 => (0u8..3).prop_map(Step::Publish),
        1 => (0u8..3).prop_map(Step::CreateQueue),
        1 => (0u8..3).prop_map(Step::SendMessage),
        1 => (0u8..3).prop_map(Step::ReceiveMessage),
        1 => (0u8..3, 0u8..3).prop_map(|(r, p)| Step::PutRule(r, p)),
        1 => (0u8..3, 0u8..3).prop_map(|(r, q)| Step::PutTarget(r, q)),
        1 => (0u8..3).prop_map(Step::PutEvent),
        1 => (0u8..3).prop_map(Step::CreateLogGroup),
        1 => (0u8..3, -3600i64..=0).prop_map(|(g, s)| Step::PutLogEvent(g, s)),
    ]
}

const PATTERNS: [&str; 3] = [
    r#"{"source":["aws.kms"]}"#,
    r#"{"source":[{"prefix":"app."}],"detail":{"n":[{"numeric":[">",0]}]}}"#,
    r#"{"detail-type":["CloudWatch Alarm State Change"]}"#,
];

fn queue_arn(q: u8) -> String {
    format!("arn:aws:sqs:us-west-2:111122223333:q{q}")
}

fn queue_url(q: u8) -> String {
    format!("https://sqs.us-west-2.amazonaws.com/111122223333/q{q}")
}

fn topic_arn(t: u8) -> String {
    format!("arn:aws:sns:us-west-2:111122223333:t{t}")
}

/// Runs one step; the outcome of the request does not matter.
fn apply(w: &mut World, keys: &mut Vec<String>, step: &Step) {
    let key = |i: usize| keys.get(i % keys.len().max(1)).cloned().unwrap_or_default();
    let now_s = w.now().millis() / 1000;
    let (service, op, params): (&str, &str, Value) = match step {
        Step::Advance(ms) => {
            w.advance_by(*ms);
            return;
        }
        Step::CreateKey => {
            if let Ok(out) = w.call("kms", "CreateKey", &json!({})) {
                keys.push(out["KeyMetadata"]["KeyId"].as_str().unwrap_or_default().to_owned());
            }
            return;
        }
        Step::ScheduleDeletion(k, d) => (
            "kms",
            "ScheduleKeyDeletion",
            json!({"KeyId": key(*k), "PendingWindowInDays": d}),
        ),
        Step::CancelDeletion(k) => ("kms", "CancelKeyDeletion", json!({"KeyId": key(*k)})),
        Step::DisableKey(k) => ("kms", "DisableKey", json!({"KeyId": key(*k)})),
        Step::EnableKey(k) => ("kms", "EnableKey", json!({"KeyId": key(*k)})),
        Step::Encrypt(k) => ("kms", "Encrypt", json!({"KeyId": key(*k), "Plaintext": "aGk="})),
        Step::RotateOnDemand(k) => ("kms", "RotateKeyOnDemand", json!({"KeyId": key(*k)})),
        Step::PutMetric(m, v, offset) => (
            "cloudwatch",
            "PutMetricData",
            json!({"Namespace": "Props", "MetricData": [{"MetricName": format!("m{m}"), "Value": v,
                   "Timestamp": now_s + offset}]}),
        ),
        Step::PutAlarm(m, threshold, period) => (
            "cloudwatch",
            "PutMetricAlarm",
            json!({"AlarmName": format!("a{m}"), "Namespace": "Props", "MetricName": format!("m{m}"),
                   "Statistic": "Average", "Period": period, "EvaluationPeriods": 2, "DatapointsToAlarm": 1,
                   "Threshold": threshold, "ComparisonOperator": "GreaterThanThreshold",
                   "TreatMissingData": "notBreaching", "AlarmActions": [topic_arn(*m)]}),
        ),
        Step::CreateTopic(t) => ("sns", "CreateTopic", json!({"Name": format!("t{t}")})),
        Step::SubscribeEmail(t) => (
            "sns",
            "Subscribe",
            json!({"TopicArn": topic_arn(*t), "Protocol": "email", "Endpoint": format!("u{t}@example.com")}),
        ),
        Step::SubscribeQueue(t, q) => (
            "sns",
            "Subscribe",
            json!({"TopicArn": topic_arn(*t), "Protocol": "sqs", "Endpoint": queue_arn(*q)}),
        ),
        Step::Publish(t) => (
            "sns",
            "Publish",
            json!({"TopicArn": topic_arn(*t), "Message": "hello", "Subject": "props"}),
        ),
        Step::CreateQueue(q) => ("sqs", "CreateQueue", json!({"QueueName": format!("q{q}")})),
        Step::SendMessage(q) => (
            "sqs",
            "SendMessage",
            json!({"QueueUrl": queue_url(*q), "MessageBody": "m"}),
        ),
        Step::ReceiveMessage(q) => ("sqs", "ReceiveMessage", json!({"QueueUrl": queue_url(*q)})),
        Step::PutRule(r, p) => (
            "events",
            "PutRule",
            json!({"Name": format!("r{r}"), "EventPattern": PATTERNS[usize::from(*p)]}),
        ),
        Step::PutTarget(r, q) => (
            "events",
            "PutTargets",
            json!({"Rule": format!("r{r}"), "Targets": [{"Id": "q", "Arn": queue_arn(*q)}]}),
        ),
        Step::PutEvent(n) => (
            "events",
            "PutEvents",
            json!({"Entries": [{"Source": "app.props", "DetailType": "Tick", "Detail": format!("{{\"n\":{n}}}")}]}),
        ),
        Step::CreateLogGroup(g) => ("logs", "CreateLogGroup", json!({"logGroupName": format!("g{g}")})),
        Step::PutLogEvent(g, offset) => {
            let _ = w.call(
                "logs",
                "CreateLogStream",
                &json!({"logGroupName": format!("g{g}"), "logStreamName": "s"}),
            );
            (
                "logs",
                "PutLogEvents",
                json!({"logGroupName": format!("g{g}"), "logStreamName": "s",
                       "logEvents": [{"timestamp": (now_s + offset) * 1000, "message": "ERROR props"}]}),
            )
        }
    };
    let _ = w.call(service, op, &params);
}

fn run(steps: &[Step]) -> World {
    let mut w = World::new(77, Settings::default());
    let mut keys = Vec::new();
    for s in steps {
        apply(&mut w, &mut keys, s);
    }
    w
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn replaying_the_journal_reproduces_the_world(steps in prop::collection::vec(step(), 1..40)) {
        let w = run(&steps);
        let replayed = World::replay(w.seed(), w.settings().clone(), w.journal(), w.now()).expect("replays");
        prop_assert!(replayed.fingerprint() == w.fingerprint(), "replay differs");
    }

    #[test]
    fn export_then_import_is_the_identity(steps in prop::collection::vec(step(), 1..40)) {
        let w = run(&steps);
        let file = WorldFile::of(&w);
        let json = file.to_json();
        let imported = WorldFile::parse(&json).expect("parses").build().expect("builds");
        prop_assert_eq!(WorldFile::of(&imported).to_json(), json.clone());
        let shared = share::decode(&share::encode(&file)).expect("decodes").build().expect("builds");
        prop_assert_eq!(WorldFile::of(&shared).to_json(), json);
        for other in [&imported, &shared] {
            let (a, b) = (w.services(), other.services());
            prop_assert_eq!(a.events.bus_events(), b.events.bus_events());
            let mailbox = |s: &crate::sim::world::Services| format!("{:?}", s.sns.mailbox().collect::<Vec<_>>());
            let trail = |s: &crate::sim::world::Services| format!("{:?}", s.cloudtrail.history().collect::<Vec<_>>());
            prop_assert_eq!(mailbox(a), mailbox(b));
            prop_assert_eq!(trail(a), trail(b));
        }
    }

    #[test]
    fn alarms_change_state_only_at_whole_minutes(steps in prop::collection::vec(step(), 1..60)) {
        let mut w = run(&steps);
        let history = w.peek("cloudwatch", "DescribeAlarmHistory",
            &json!({"HistoryItemType": "StateUpdate", "MaxRecords": 100})).expect("history");
        for item in history["AlarmHistoryItems"].as_array().into_iter().flatten() {
            let seconds = item["Timestamp"].as_f64().expect("epoch seconds");
            let ms = (seconds * 1000.0).round() as i64;
            prop_assert_eq!(ms % MINUTE, 0, "state change off the minute: {}", item);
        }
    }

    #[test]
    fn metric_series_stay_within_retention(steps in prop::collection::vec(step(), 1..60)) {
        let w = run(&steps);
        let now = w.now().millis();
        // Pruning runs daily: a series may hold up to a day beyond its 15
        // days, plus the two hours custom data may lie ahead.
        let window = 16 * DAY + 2 * HOUR;
        for (buckets, oldest) in w.services().cloudwatch.stored_series() {
            prop_assert!(buckets as i64 <= window / 1000 + 1, "{} buckets", buckets);
            if let Some(oldest) = oldest {
                prop_assert!(oldest >= now - 16 * DAY, "a bucket {} ms old", now - oldest);
            }
        }
    }

    #[test]
    fn a_key_leaves_pending_deletion_only_by_cancel_or_deletion(
        window in 7i64..=30,
        steps in prop::collection::vec(
            prop_oneof![step(), (0u8..1).prop_map(|_| Step::CancelDeletion(0))], 1..40),
    ) {
        let mut w = World::new(78, Settings::default());
        let out = w.call("kms", "CreateKey", &json!({})).expect("key");
        let key = out["KeyMetadata"]["KeyId"].as_str().expect("id").to_owned();
        let scheduled = w.call("kms", "ScheduleKeyDeletion",
            &json!({"KeyId": key, "PendingWindowInDays": window})).expect("scheduled");
        let deletion = SimTime::from_millis((scheduled["DeletionDate"].as_f64().expect("date") * 1000.0) as i64);
        let mut keys = vec![key.clone()];
        let mut pending = true;
        for s in &steps {
            apply(&mut w, &mut keys, s);
            keys.truncate(1);
            let state = w.peek("kms", "DescribeKey", &json!({"KeyId": key}));
            let now_state = match &state {
                Ok(out) => out["KeyMetadata"]["KeyState"].as_str().unwrap_or_default().to_owned(),
                Err(e) => e.code.clone(),
            };
            if pending && now_state != "PendingDeletion" {
                let cancelled = matches!(s, Step::CancelDeletion(_)) && now_state == "Disabled";
                let deleted = now_state == "NotFoundException" && w.now() >= deletion;
                prop_assert!(cancelled || deleted, "left PendingDeletion for {} after {:?} at {:?}",
                    now_state, s, w.now());
                pending = false;
            }
            if !pending {
                break;
            }
        }
    }
}
