//! What an alarm sends when its state changes: the SNS notification (the
//! alarm JSON, the SMS line and the plain-text email), the Lambda alarm
//! action payload, and the `CloudWatch Alarm State Change` event detail.
//!
//! Sources: the SNS JSON field order of AWS's samples (reference §6.6); the
//! message structure `{"default", "sms", "email"}` and the email layout are
//! reconstructed from real notifications quoted in public repositories
//! (a `publishedMessage` kept in alarm history, and delivered emails); the
//! Lambda payload follows the CloudWatch user guide's example. Where the
//! samples disagree with each other, the newer one is followed.

use std::fmt::Write;

use serde_json::{json, Map, Value};

use super::alarm::{Alarm, StateValue};
use super::format::{email_date, java_double, plus0000, region_long_name, uri_component, J};
use crate::sim::time::SimTime;
use crate::sim::world::Settings;

/// A state change, seen after the alarm was updated.
pub(crate) struct Change<'a> {
    pub alarm: &'a Alarm,
    pub old_state: StateValue,
    pub old_reason: &'a str,
    pub old_reason_data: Option<&'a str>,
    pub old_updated: SimTime,
}

/// `ALARM: "<name>" in <Region long name>`.
pub(crate) fn subject(alarm: &Alarm, settings: &Settings) -> String {
    format!(
        "{}: \"{}\" in {}",
        alarm.state.as_str(),
        alarm.name,
        region_long_name(&settings.region)
    )
}

/// The SNS `Message` for `MessageStructure: json`: `default` carries the
/// alarm JSON (what SQS, Lambda, HTTP and email-json subscribers receive),
/// `sms` the subject line, `email` the text an email subscriber reads.
pub(crate) fn sns_message(ch: &Change, settings: &Settings) -> String {
    J::Obj(vec![
        ("default", J::Str(alarm_json(ch, settings))),
        ("sms", J::Str(subject(ch.alarm, settings))),
        ("email", J::Str(email_text(ch, settings))),
    ])
    .to_json()
}

/// The alarm JSON of CloudWatch's SNS notifications.
pub(crate) fn alarm_json(ch: &Change, settings: &Settings) -> String {
    let a = ch.alarm;
    let c = &a.config;
    let (stat_type, stat_key, stat) = if c.is_extended() {
        ("ExtendedStatistic", "ExtendedStatistic", c.statistic().to_owned())
    } else {
        ("Statistic", "Statistic", upper_statistic(c.statistic()))
    };
    J::Obj(vec![
        ("AlarmName", J::str(&a.name)),
        ("AlarmDescription", J::opt_str(c.description.as_deref())),
        ("AWSAccountId", J::str(&settings.account_id)),
        (
            "AlarmConfigurationUpdatedTimestamp",
            J::str(plus0000(a.configuration_updated)),
        ),
        ("NewStateValue", J::str(a.state.as_str())),
        ("NewStateReason", J::str(&a.state_reason)),
        ("StateChangeTime", J::str(plus0000(a.state_updated))),
        ("Region", J::str(region_long_name(&settings.region))),
        ("AlarmArn", J::str(&a.arn)),
        ("OldStateValue", J::str(ch.old_state.as_str())),
        ("OKActions", J::strs(&c.ok_actions)),
        ("AlarmActions", J::strs(&c.alarm_actions)),
        ("InsufficientDataActions", J::strs(&c.insufficient_data_actions)),
        (
            "Trigger",
            J::Obj(vec![
                ("MetricName", J::str(&c.metric.name)),
                ("Namespace", J::str(&c.metric.namespace)),
                ("StatisticType", J::str(stat_type)),
                (stat_key, J::Str(stat)),
                ("Unit", J::opt_str(c.unit())),
                ("Dimensions", c.dimensions_lower()),
                ("Period", J::Int(c.period)),
                ("EvaluationPeriods", J::Int(c.n() as i64)),
                ("DatapointsToAlarm", J::Int(c.m() as i64)),
                ("ComparisonOperator", J::str(c.comparison.as_str())),
                ("Threshold", J::Num(c.threshold)),
                (
                    "TreatMissingData",
                    J::str(c.treat_missing_data.map_or("", |t| t.as_str())),
                ),
                (
                    "EvaluateLowSampleCountPercentile",
                    J::str(c.evaluate_low_sample_count_percentile.as_deref().unwrap_or_default()),
                ),
            ]),
        ),
    ])
    .to_json()
}

/// `AVERAGE`, `SUM`, `SAMPLE_COUNT`: the Java enum names in `Trigger`.
fn upper_statistic(name: &str) -> String {
    match name {
        "SampleCount" => "SAMPLE_COUNT".to_owned(),
        other => other.to_uppercase(),
    }
}

/// The plain-text email CloudWatch sends to `email` subscribers
/// (reconstructed; SNS appends its unsubscribe footer).
pub(crate) fn email_text(ch: &Change, settings: &Settings) -> String {
    let a = ch.alarm;
    let c = &a.config;
    let region = &settings.region;
    let long = region_long_name(region);
    let when = email_date(a.state_updated);
    let mut s = String::with_capacity(2048);
    // Writing into a String cannot fail.
    let _ = write!(
        s,
        "You are receiving this email because your Amazon CloudWatch Alarm \"{}\" in the {long} region has entered the {} state, because \"{}\" at \"{when}\".\n\n\
         View this alarm in the AWS Management Console:\nhttps://{region}.console.aws.amazon.com/cloudwatch/deeplink.js?region={region}#alarmsV2:alarm/{}\n\n\
         Alarm Details:\n",
        a.name,
        a.state.as_str(),
        a.state_reason,
        uri_component(&a.name)
    );
    let detail = |s: &mut String, label: &str, value: &str| {
        let _ = writeln!(
            s,
            "- {label}:{:pad$}{value}",
            "",
            pad = 27usize.saturating_sub(label.len())
        );
    };
    detail(&mut s, "Name", &a.name);
    detail(&mut s, "Description", c.description.as_deref().unwrap_or_default());
    let _ = writeln!(
        s,
        "- State Change:               {} -> {}",
        ch.old_state.as_str(),
        a.state.as_str()
    );
    detail(&mut s, "Reason for State Change", &a.state_reason);
    detail(&mut s, "Timestamp", &when);
    detail(&mut s, "AWS Account", &settings.account_id);
    detail(&mut s, "Alarm Arn", &a.arn);
    let threshold = java_double(c.threshold);
    if c.datapoints_to_alarm.is_some() {
        let _ = write!(
            s,
            "\nThreshold:\n- The alarm is in the ALARM state when the metric is {} {threshold} for at least {} of the last {} period(s) of {} seconds.\n",
            c.comparison.as_str(),
            c.m(),
            c.n(),
            c.period
        );
    } else {
        let _ = write!(
            s,
            "\nThreshold:\n- The alarm is in the ALARM state when the metric is {} {threshold} for {} seconds.\n",
            c.comparison.as_str(),
            c.period * c.n() as i64
        );
    }
    s.push_str("\nMonitored Metric:\n");
    let metric = |s: &mut String, label: &str, value: &dyn std::fmt::Display| {
        let _ = writeln!(
            s,
            "- {label}:{:pad$}{value}",
            "",
            pad = 36usize.saturating_sub(label.len())
        );
    };
    metric(&mut s, "MetricNamespace", &c.metric.namespace);
    metric(&mut s, "MetricName", &c.metric.name);
    let mut dims = String::new();
    for (i, (n, v)) in c.metric.dimensions.iter().enumerate() {
        dims.push_str(if i == 0 { "[" } else { ", " });
        let _ = write!(dims, "{n} = {v}");
    }
    if !dims.is_empty() {
        dims.push(']');
    }
    metric(&mut s, "Dimensions", &dims);
    metric(&mut s, "Period", &format_args!("{} seconds", c.period));
    metric(&mut s, "Statistic", &c.statistic());
    metric(&mut s, "Unit", &c.unit().unwrap_or("not specified"));
    match c.treat_missing_data {
        Some(t) => metric(&mut s, "TreatMissingData", &t.as_str()),
        None => s.push('\n'),
    }
    s.push_str("\n\nState Change Actions:\n");
    for (label, arns) in [
        ("OK", &c.ok_actions),
        ("ALARM", &c.alarm_actions),
        ("INSUFFICIENT_DATA", &c.insufficient_data_actions),
    ] {
        let _ = write!(s, "- {label}: ");
        if !arns.is_empty() {
            let _ = write!(s, "[{}]", arns.join(", "));
        }
        s.push('\n');
    }
    s
}

/// `{"value", "reason", "reasonData"?, "timestamp"}` of a state.
fn state_object(value: StateValue, reason: &str, data: Option<&str>, at: SimTime) -> Vec<(&'static str, J)> {
    let mut o = vec![("value", J::str(value.as_str())), ("reason", J::str(reason))];
    if let Some(d) = data {
        o.push(("reasonData", J::str(d)));
    }
    o.push(("timestamp", J::str(plus0000(at))));
    o
}

/// The payload CloudWatch invokes a Lambda alarm action with.
pub(crate) fn lambda_payload(ch: &Change, settings: &Settings) -> String {
    let a = ch.alarm;
    let c = &a.config;
    let mut metric_stat = vec![
        (
            "metric",
            J::Obj(vec![
                ("namespace", J::str(&c.metric.namespace)),
                ("name", J::str(&c.metric.name)),
                (
                    "dimensions",
                    J::Map(c.dimensions_map().into_iter().map(|(n, v)| (n, J::Str(v))).collect()),
                ),
            ]),
        ),
        ("period", J::Int(c.period)),
        ("stat", J::str(c.statistic())),
    ];
    if let Some(u) = c.unit() {
        metric_stat.push(("unit", J::str(u)));
    }
    let mut configuration = Vec::new();
    if let Some(d) = &c.description {
        configuration.push(("description", J::str(d)));
    }
    configuration.push((
        "metrics",
        J::Arr(vec![J::Obj(vec![
            ("id", J::str(&a.query_id)),
            ("metricStat", J::Obj(metric_stat)),
            ("returnData", J::Bool(true)),
        ])]),
    ));
    J::Obj(vec![
        ("source", J::str("aws.cloudwatch")),
        ("alarmArn", J::str(&a.arn)),
        ("accountId", J::str(&settings.account_id)),
        ("time", J::str(plus0000(a.state_updated))),
        ("region", J::str(&settings.region)),
        (
            "alarmData",
            J::Obj(vec![
                ("alarmName", J::str(&a.name)),
                (
                    "state",
                    J::Obj(state_object(
                        a.state,
                        &a.state_reason,
                        a.state_reason_data.as_deref(),
                        a.state_updated,
                    )),
                ),
                (
                    "previousState",
                    J::Obj(state_object(
                        ch.old_state,
                        ch.old_reason,
                        ch.old_reason_data,
                        ch.old_updated,
                    )),
                ),
                ("configuration", J::Obj(configuration)),
            ]),
        ),
    ])
    .to_json()
}

/// The `configuration` of the alarm's state-change events: the same for
/// every event of one configuration, so it is built once per
/// PutMetricAlarm (see `Alarm::event_configuration`).
pub(crate) fn event_configuration(alarm: &Alarm) -> Value {
    let c = &alarm.config;
    let dims: Map<String, Value> = c
        .dimensions_map()
        .into_iter()
        .map(|(n, v)| (n, Value::String(v)))
        .collect();
    let mut metric_stat = Map::new();
    metric_stat.insert(
        "metric".into(),
        json!({"dimensions": dims, "name": c.metric.name, "namespace": c.metric.namespace}),
    );
    metric_stat.insert("period".into(), json!(c.period));
    metric_stat.insert("stat".into(), json!(c.statistic()));
    if let Some(u) = c.unit() {
        metric_stat.insert("unit".into(), json!(u));
    }
    let mut configuration = Map::new();
    if let Some(d) = &c.description {
        configuration.insert("description".into(), json!(d));
    }
    configuration.insert(
        "metrics".into(),
        json!([{"id": alarm.query_id, "metricStat": metric_stat, "returnData": true}]),
    );
    Value::Object(configuration)
}

/// The `detail` of the `CloudWatch Alarm State Change` event.
pub(crate) fn event_detail(ch: &Change) -> Value {
    let a = ch.alarm;
    let state = |value: StateValue, reason: &str, data: Option<&str>, at: SimTime| {
        let mut o = Map::new();
        o.insert("reason".into(), Value::String(reason.to_owned()));
        if let Some(d) = data {
            o.insert("reasonData".into(), Value::String(d.to_owned()));
        }
        o.insert("timestamp".into(), Value::String(plus0000(at)));
        o.insert("value".into(), Value::String(value.as_str().to_owned()));
        Value::Object(o)
    };
    let mut detail = Map::new();
    detail.insert("alarmName".into(), Value::String(a.name.clone()));
    detail.insert("configuration".into(), a.event_configuration.clone());
    detail.insert(
        "previousState".into(),
        state(ch.old_state, ch.old_reason, ch.old_reason_data, ch.old_updated),
    );
    detail.insert(
        "state".into(),
        state(
            a.state,
            &a.state_reason,
            a.state_reason_data.as_deref(),
            a.state_updated,
        ),
    );
    Value::Object(detail)
}
