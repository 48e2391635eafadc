//! The alarm operations: PutMetricAlarm, DescribeAlarms,
//! DescribeAlarmsForMetric, DeleteAlarms, DescribeAlarmHistory,
//! SetAlarmState, Enable/DisableAlarmActions.
//!
//! Static-threshold metric alarms only: metric math (`Metrics`), anomaly
//! detection (`ThresholdMetricId`), PromQL (`EvaluationCriteria`), wall-clock
//! windows and warm-up are refused with an `InvalidParameterValue` that says
//! so. Validation messages quote AWS where public samples show them
//! ("DatapointsToAlarm must be less than or equal to EvaluationPeriods",
//! "Period must not be null"); the rest follow the same style.

use serde_json::{json, Map, Value};

use super::alarm::{Alarm, AlarmConfig, Comparison, MissingData, StateValue};
use super::format::J;
use super::history::{HistoryItem, HistoryItemType};
use super::metric_api::{dimensions, invalid};
use super::paging;
use super::stats::Stat;
use super::store::{unit_index, MetricKey};
use super::{CloudWatch, MetricId, MAX_ALARMS};
use crate::sim::ctx::Ctx;
use crate::sim::params::Params;
use crate::sim::{AwsError, AwsResult};

fn validation(message: impl Into<String>) -> AwsError {
    AwsError::input("ValidationError", message)
}

/// The alarm configuration a PutMetricAlarm request describes, checked as
/// AWS checks it beyond the model's constraints.
fn parse_config(p: &Params) -> Result<AlarmConfig, AwsError> {
    for (member, what) in [
        ("Metrics", "metric math alarms"),
        ("ThresholdMetricId", "anomaly detection alarms"),
        ("EvaluationCriteria", "PromQL alarms"),
        ("EvaluationInterval", "PromQL alarms"),
        ("WarmUpConfiguration", "alarm warm-up"),
    ] {
        if p.has(member) && !(member == "Metrics" && p.list(member).is_empty()) {
            return Err(invalid(format!(
                "{member}: {what} are not modelled by this playground; use a static-threshold alarm on one metric."
            )));
        }
    }
    if p.child("EvaluationWindow").has("WallClockWindow") {
        return Err(invalid(
            "EvaluationWindow: wall-clock windows are not modelled by this playground; the sliding window is.",
        ));
    }
    let name = p.req_str("AlarmName");
    if name.chars().any(char::is_control) {
        return Err(validation(
            "The value of AlarmName must not contain ASCII control characters.",
        ));
    }
    let required = |member: &str| -> Result<(), AwsError> {
        if p.has(member) {
            Ok(())
        } else {
            Err(validation(format!("{member} must not be null")))
        }
    };
    required("MetricName")?;
    required("Namespace")?;
    let stat = match (p.str("Statistic"), p.str("ExtendedStatistic")) {
        (Some(_), Some(_)) => {
            return Err(validation(
                "Statistic and ExtendedStatistic are mutually exclusive; specify one of them.",
            ))
        }
        (None, None) => return Err(validation("Statistic or ExtendedStatistic must be specified.")),
        (Some(s), None) => Stat::basic(s).ok_or_else(|| validation(format!("Invalid Statistic: {s}")))?,
        (None, Some(e)) => Stat::extended(e)
            .ok_or_else(|| validation(format!("The value {e} for parameter ExtendedStatistic is invalid.")))?,
    };
    required("Period")?;
    required("EvaluationPeriods")?;
    required("Threshold")?;
    required("ComparisonOperator")?;
    let period = p.i64("Period").unwrap_or_default();
    if !(period % 60 == 0 || [10, 20, 30].contains(&period)) {
        return Err(validation("Period must be 10, 20, 30 or a multiple of 60"));
    }
    let op_text = p.req_str("ComparisonOperator");
    let comparison = Comparison::parse(op_text).ok_or_else(|| {
        validation(format!(
            "The comparison operator {op_text} is only valid for anomaly detection alarms (ThresholdMetricId), which this playground does not model."
        ))
    })?;
    let n = p.i64("EvaluationPeriods").unwrap_or(1);
    let window = period.saturating_mul(n);
    if period < 3600 && window > 86_400 {
        return Err(validation(
            "The evaluation period (Period * EvaluationPeriods) must not exceed 86400 seconds (1 day) for periods shorter than 3600 seconds.",
        ));
    }
    if window > 604_800 {
        return Err(validation(
            "The evaluation period (Period * EvaluationPeriods) must not exceed 604800 seconds (7 days).",
        ));
    }
    let m = p.i64("DatapointsToAlarm");
    if m.is_some_and(|m| m > n) {
        return Err(validation(
            "DatapointsToAlarm must be less than or equal to EvaluationPeriods",
        ));
    }
    let treat_missing_data = match p.str("TreatMissingData") {
        None => None,
        Some(t) => Some(MissingData::parse(t).ok_or_else(|| {
            validation(format!(
                "Option {t} is not supported. Supported options for parameter TreatMissingData are: missing, ignore, breaching, notBreaching."
            ))
        })?),
    };
    let low = p.str("EvaluateLowSampleCountPercentile");
    if let Some(l) = low {
        if l != "evaluate" && l != "ignore" {
            return Err(validation(format!(
                "Option {l} is not supported. Supported options for parameter EvaluateLowSampleCountPercentile are: evaluate, ignore."
            )));
        }
        if stat.percentile().is_none() {
            return Err(validation(
                "EvaluateLowSampleCountPercentile can only be used with a percentile ExtendedStatistic.",
            ));
        }
    }
    let tags: Vec<(String, String)> = p
        .list("Tags")
        .iter()
        .map(|t| {
            let t = Params::new(t);
            (t.req_str("Key").to_owned(), t.req_str("Value").to_owned())
        })
        .collect();
    if tags.len() > 50 {
        return Err(validation("An alarm can have at most 50 tags."));
    }
    let metric = MetricId {
        namespace: p.req_str("Namespace").to_owned(),
        name: p.req_str("MetricName").to_owned(),
        dimensions: dimensions(p.list("Dimensions"), "Dimensions")?,
    };
    Ok(AlarmConfig {
        description: p.str("AlarmDescription").map(str::to_owned),
        actions_enabled: p.bool("ActionsEnabled").unwrap_or(true),
        ok_actions: p.str_list("OKActions"),
        alarm_actions: p.str_list("AlarmActions"),
        insufficient_data_actions: p.str_list("InsufficientDataActions"),
        key: MetricKey::of(&metric),
        metric,
        stat,
        period,
        unit: p.str("Unit").and_then(unit_index),
        evaluation_periods: n.max(1) as usize,
        datapoints_to_alarm: m.map(|m| m.max(1) as usize),
        threshold: p.f64("Threshold").unwrap_or_default(),
        comparison,
        treat_missing_data,
        evaluate_low_sample_count_percentile: low.map(str::to_owned),
        tags,
    })
}

/// `(type, alarm object)` of ConfigurationUpdate history data.
fn configuration_data(kind: &str, key: &'static str, object: Vec<(&'static str, J)>) -> String {
    J::Obj(vec![
        ("version", J::str("1.0")),
        ("type", J::str(kind)),
        (key, J::Obj(object)),
    ])
    .to_json()
}

impl CloudWatch {
    pub(super) fn put_metric_alarm(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let mut config = parse_config(&p)?;
        let name = p.req_str("AlarmName").to_owned();
        let now = ctx.now;
        let next = Self::next_tick(&config, now);
        if let Some(existing) = self.alarms.get_mut(&name) {
            // Overwrite: the whole configuration, the state is kept, tags
            // are ignored on update.
            let before = existing.history_object();
            config.tags = existing.config.tags.clone();
            let old_key = std::mem::replace(&mut existing.config, config).key;
            existing.configuration_updated = now;
            existing.event_configuration = super::notify::event_configuration(existing);
            let after = existing.history_object();
            let changed: Vec<(&'static str, J)> = before
                .into_iter()
                .filter(|(k, v)| {
                    after
                        .iter()
                        .find(|(k2, _)| k2 == k)
                        .is_none_or(|(_, v2)| v2.to_json() != v.to_json())
                })
                .collect();
            let new_key = existing.config.key.clone();
            let data = J::Obj(vec![
                ("version", J::str("1.0")),
                ("type", J::str("Update")),
                ("updatedAlarm", J::Obj(after)),
                ("originalUpdatedFields", J::Obj(changed)),
            ])
            .to_json();
            self.history.push(
                &name,
                now,
                HistoryItemType::ConfigurationUpdate,
                format!("Alarm \"{name}\" updated"),
                data,
            );
            if old_key != new_key {
                self.unwatch(&old_key, &name);
                self.watchers.entry(new_key).or_default().insert(name.clone());
            }
        } else {
            if self.alarms.len() >= MAX_ALARMS {
                return Err(AwsError::new(
                    "LimitExceeded",
                    format!(
                        "The maximum number of alarms ({MAX_ALARMS}) for this account and Region has been reached."
                    ),
                ));
            }
            let mut alarm = Alarm {
                name: name.clone(),
                arn: ctx.arn("cloudwatch", &format!("alarm:{name}")),
                config,
                configuration_updated: now,
                state: StateValue::InsufficientData,
                state_reason: "Unchecked: Initial alarm creation".to_owned(),
                state_reason_data: None,
                state_updated: now,
                state_transitioned: now,
                query_id: ctx.rng.uuid(),
                event_configuration: Value::Null,
                due: None,
            };
            alarm.event_configuration = super::notify::event_configuration(&alarm);
            let data = configuration_data("Create", "createdAlarm", alarm.history_object());
            self.history.push(
                &name,
                now,
                HistoryItemType::ConfigurationUpdate,
                format!("Alarm \"{name}\" created"),
                data,
            );
            self.watchers
                .entry(alarm.config.key.clone())
                .or_default()
                .insert(name.clone());
            self.alarms.insert(name.clone(), alarm);
        }
        self.set_due(&name, Some(next), ctx);
        Ok(json!({}))
    }

    fn unwatch(&mut self, key: &MetricKey, name: &str) {
        if let Some(set) = self.watchers.get_mut(key) {
            set.remove(name);
            if set.is_empty() {
                self.watchers.remove(key);
            }
        }
    }

    pub(super) fn describe_alarms(&self, p: Params) -> AwsResult {
        let names = p.str_list("AlarmNames");
        let prefix = p.str("AlarmNamePrefix");
        if !names.is_empty() && prefix.is_some() {
            return Err(AwsError::input(
                "InvalidParameterCombination",
                "The parameters AlarmNames and AlarmNamePrefix are mutually exclusive and you have specified both.",
            ));
        }
        let types = p.str_list("AlarmTypes");
        let metric_alarms_wanted = types.is_empty() || types.iter().any(|t| t == "MetricAlarm");
        let composite_query = p.has("ChildrenOfAlarmName") || p.has("ParentsOfAlarmName");
        let state = p.str("StateValue").and_then(StateValue::parse);
        let action_prefix = p.str("ActionPrefix");
        let max = p.i64("MaxRecords").unwrap_or(50).clamp(1, 100) as usize;
        let request = json!([names, prefix, types, state.map(|s| s.as_str()), action_prefix]).to_string();
        let after = match p.str("NextToken") {
            None => None,
            Some(token) => Some(
                paging::decode(&request, token)
                    .ok_or_else(|| AwsError::input("InvalidNextToken", "The service cannot process the NextToken."))?,
            ),
        };
        let mut page = Vec::new();
        let mut next = None;
        if metric_alarms_wanted && !composite_query {
            let matching = self.alarms.values().filter(|a| {
                after.as_ref().is_none_or(|after| a.name > *after)
                    && (names.is_empty() || names.contains(&a.name))
                    && prefix.is_none_or(|pre| a.name.starts_with(pre))
                    && state.is_none_or(|s| a.state == s)
                    && action_prefix.is_none_or(|pre| {
                        [
                            &a.config.ok_actions,
                            &a.config.alarm_actions,
                            &a.config.insufficient_data_actions,
                        ]
                        .iter()
                        .any(|list| list.iter().any(|arn| arn.starts_with(pre)))
                    })
            });
            for a in matching {
                if page.len() == max {
                    next = page.last().map(|a: &&Alarm| a.name.clone());
                    break;
                }
                page.push(a);
            }
        }
        let mut out = Map::new();
        out.insert("CompositeAlarms".into(), json!([]));
        out.insert(
            "MetricAlarms".into(),
            Value::Array(page.iter().map(|a| a.to_json()).collect()),
        );
        if types.iter().any(|t| t == "LogAlarm") {
            out.insert("LogAlarms".into(), json!([]));
        }
        if let Some(last) = next {
            out.insert("NextToken".into(), json!(paging::encode(&request, &last)));
        }
        Ok(Value::Object(out))
    }

    pub(super) fn describe_alarms_for_metric(&self, p: Params) -> AwsResult {
        let key = MetricKey::of(&MetricId {
            namespace: p.req_str("Namespace").to_owned(),
            name: p.req_str("MetricName").to_owned(),
            dimensions: dimensions(p.list("Dimensions"), "Dimensions")?,
        });
        let statistic = p.str("Statistic");
        let extended = p.str("ExtendedStatistic");
        let period = p.i64("Period");
        let unit = p.str("Unit");
        let alarms: Vec<Value> = self
            .alarms
            .values()
            .filter(|a| {
                let c = &a.config;
                c.key == key
                    && statistic.is_none_or(|s| !c.is_extended() && c.statistic() == s)
                    && extended.is_none_or(|s| c.is_extended() && c.statistic() == s)
                    && period.is_none_or(|p| c.period == p)
                    && unit.is_none_or(|u| c.unit() == Some(u))
            })
            .map(Alarm::to_json)
            .collect();
        Ok(json!({ "MetricAlarms": alarms }))
    }

    pub(super) fn delete_alarms(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let names = p.str_list("AlarmNames");
        if let Some(unknown) = names.iter().find(|n| !self.alarms.contains_key(*n)) {
            return Err(AwsError::new(
                "ResourceNotFound",
                format!("Alarm {unknown} does not exist; no alarm was deleted."),
            ));
        }
        for name in names {
            self.set_due(&name, None, ctx);
            let Some(alarm) = self.alarms.remove(&name) else {
                continue;
            };
            self.unwatch(&alarm.config.key, &name);
            let data = configuration_data("Delete", "deletedAlarm", alarm.history_object());
            self.history.push(
                &name,
                ctx.now,
                HistoryItemType::ConfigurationUpdate,
                format!("Alarm \"{name}\" deleted"),
                data,
            );
        }
        Ok(json!({}))
    }

    pub(super) fn describe_alarm_history(&self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.str("AlarmName");
        let types = p.str_list("AlarmTypes");
        let item_type = p.str("HistoryItemType");
        let start = p.time("StartDate");
        let end = p.time("EndDate");
        let ascending = p.str("ScanBy") == Some("TimestampAscending");
        let max = p.i64("MaxRecords").unwrap_or(100).clamp(1, 100) as usize;
        let request = json!([
            name,
            types,
            item_type,
            start.map(|t| t.millis()),
            end.map(|t| t.millis()),
            ascending
        ])
        .to_string();
        let after: Option<(i64, u64)> = match p.str("NextToken") {
            None => None,
            Some(token) => Some(
                paging::decode(&request, token)
                    .and_then(|pos| {
                        let (t, s) = pos.split_once(':')?;
                        Some((t.parse().ok()?, s.parse().ok()?))
                    })
                    .ok_or_else(|| AwsError::input("InvalidNextToken", "The service cannot process the NextToken."))?,
            ),
        };
        let wanted_type = |i: &HistoryItem| item_type.is_none_or(|t| t == i.item_type.as_str());
        let metric_alarms = types.is_empty() || types.iter().any(|t| t == "MetricAlarm");
        let mut items: Vec<&HistoryItem> = if metric_alarms {
            self.history
                .visible(name, ctx.now)
                .into_iter()
                .filter(|i| wanted_type(i))
                .filter(|i| start.is_none_or(|s| i.timestamp >= s) && end.is_none_or(|e| i.timestamp <= e))
                .collect()
        } else {
            Vec::new()
        };
        if !ascending {
            items.reverse();
        }
        let position = |i: &HistoryItem| (i.timestamp.millis(), i.position().1);
        if let Some(after) = after {
            items.retain(|i| {
                if ascending {
                    position(i) > after
                } else {
                    position(i) < after
                }
            });
        }
        let next = (items.len() > max).then(|| position(items[max - 1]));
        items.truncate(max);
        let mut out = Map::new();
        out.insert(
            "AlarmHistoryItems".into(),
            Value::Array(items.iter().map(|i| i.to_json()).collect()),
        );
        if let Some((t, s)) = next {
            out.insert("NextToken".into(), json!(paging::encode(&request, &format!("{t}:{s}"))));
        }
        Ok(Value::Object(out))
    }

    pub(super) fn set_alarm_state(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("AlarmName");
        let state = StateValue::parse(p.req_str("StateValue")).unwrap_or(StateValue::InsufficientData);
        let data = p.str("StateReasonData");
        if let Some(d) = data {
            if serde_json::from_str::<Value>(d).is_err() {
                return Err(AwsError::input("InvalidFormat", "StateReasonData is not valid JSON."));
            }
        }
        if !self.alarms.contains_key(name) {
            return Err(AwsError::new(
                "ResourceNotFound",
                format!("Alarm {name} does not exist"),
            ));
        }
        self.set_state(
            name,
            state,
            p.req_str("StateReason").to_owned(),
            data.map(str::to_owned),
            ctx,
        );
        self.wake_alarm(name, ctx);
        Ok(json!({}))
    }

    pub(super) fn set_actions_enabled(&mut self, p: Params, enabled: bool) -> AwsResult {
        for name in p.str_list("AlarmNames") {
            if let Some(alarm) = self.alarms.get_mut(&name) {
                alarm.config.actions_enabled = enabled;
            }
        }
        Ok(json!({}))
    }
}
