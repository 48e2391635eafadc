//! A metric alarm: its configuration (what PutMetricAlarm set), its state,
//! and the JSON forms it is shown in (DescribeAlarms' `MetricAlarm`, the
//! alarm objects inside history data).

use serde_json::{json, Map, Value};

use super::format::{plus0000, J};
use super::stats::Stat;
use super::store::{unit_name, MetricKey};
use super::MetricId;
use crate::sim::time::{epoch_json, SimTime, MINUTE, SECOND};

/// An alarm state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StateValue {
    Ok,
    Alarm,
    InsufficientData,
}

impl StateValue {
    pub fn as_str(self) -> &'static str {
        match self {
            StateValue::Ok => "OK",
            StateValue::Alarm => "ALARM",
            StateValue::InsufficientData => "INSUFFICIENT_DATA",
        }
    }

    pub fn parse(text: &str) -> Option<StateValue> {
        Some(match text {
            "OK" => StateValue::Ok,
            "ALARM" => StateValue::Alarm,
            "INSUFFICIENT_DATA" => StateValue::InsufficientData,
            _ => return None,
        })
    }
}

/// A static-threshold comparison; the metric value is the left operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    GreaterThanOrEqualToThreshold,
    GreaterThanThreshold,
    LessThanThreshold,
    LessThanOrEqualToThreshold,
}

impl Comparison {
    pub fn parse(text: &str) -> Option<Comparison> {
        Some(match text {
            "GreaterThanOrEqualToThreshold" => Comparison::GreaterThanOrEqualToThreshold,
            "GreaterThanThreshold" => Comparison::GreaterThanThreshold,
            "LessThanThreshold" => Comparison::LessThanThreshold,
            "LessThanOrEqualToThreshold" => Comparison::LessThanOrEqualToThreshold,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Comparison::GreaterThanOrEqualToThreshold => "GreaterThanOrEqualToThreshold",
            Comparison::GreaterThanThreshold => "GreaterThanThreshold",
            Comparison::LessThanThreshold => "LessThanThreshold",
            Comparison::LessThanOrEqualToThreshold => "LessThanOrEqualToThreshold",
        }
    }

    /// The words of `StateReason` (`greater than or equal to`).
    pub fn phrase(self) -> &'static str {
        match self {
            Comparison::GreaterThanOrEqualToThreshold => "greater than or equal to",
            Comparison::GreaterThanThreshold => "greater than",
            Comparison::LessThanThreshold => "less than",
            Comparison::LessThanOrEqualToThreshold => "less than or equal to",
        }
    }

    /// Whether `value` breaches `threshold`.
    pub fn breaches(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::GreaterThanOrEqualToThreshold => value >= threshold,
            Comparison::GreaterThanThreshold => value > threshold,
            Comparison::LessThanThreshold => value < threshold,
            Comparison::LessThanOrEqualToThreshold => value <= threshold,
        }
    }
}

/// How missing datapoints are treated (`TreatMissingData`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MissingData {
    Missing,
    Ignore,
    Breaching,
    NotBreaching,
}

impl MissingData {
    pub fn parse(text: &str) -> Option<MissingData> {
        Some(match text {
            "missing" => MissingData::Missing,
            "ignore" => MissingData::Ignore,
            "breaching" => MissingData::Breaching,
            "notBreaching" => MissingData::NotBreaching,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MissingData::Missing => "missing",
            MissingData::Ignore => "ignore",
            MissingData::Breaching => "breaching",
            MissingData::NotBreaching => "notBreaching",
        }
    }
}

/// What PutMetricAlarm configured.
#[derive(Clone, Debug, PartialEq)]
pub struct AlarmConfig {
    pub description: Option<String>,
    pub actions_enabled: bool,
    pub ok_actions: Vec<String>,
    pub alarm_actions: Vec<String>,
    pub insufficient_data_actions: Vec<String>,
    /// The metric with its dimensions in the order given.
    pub metric: MetricId,
    pub(crate) key: MetricKey,
    pub(crate) stat: Stat,
    /// Seconds.
    pub period: i64,
    pub(crate) unit: Option<u8>,
    pub evaluation_periods: usize,
    pub datapoints_to_alarm: Option<usize>,
    pub threshold: f64,
    pub comparison: Comparison,
    /// As given (absent means `missing`).
    pub treat_missing_data: Option<MissingData>,
    pub evaluate_low_sample_count_percentile: Option<String>,
    pub tags: Vec<(String, String)>,
}

impl AlarmConfig {
    /// N.
    pub fn n(&self) -> usize {
        self.evaluation_periods
    }

    /// M: DatapointsToAlarm, or N when it is not set.
    pub fn m(&self) -> usize {
        self.datapoints_to_alarm.unwrap_or(self.evaluation_periods)
    }

    /// The evaluation range: how many periods each evaluation looks at.
    /// AWS documents only N = 3 → 5; the playground uses N + 2 for every N
    /// (two extra periods, as in the documented case).
    pub fn range(&self) -> usize {
        self.evaluation_periods + 2
    }

    pub fn missing_data(&self) -> MissingData {
        self.treat_missing_data.unwrap_or(MissingData::Missing)
    }

    /// The statistic's name (`Minimum`, `p99`).
    pub fn statistic(&self) -> &str {
        self.stat.name()
    }

    pub fn is_extended(&self) -> bool {
        self.stat.is_extended()
    }

    pub fn unit(&self) -> Option<&'static str> {
        self.unit.map(unit_name)
    }

    pub(crate) fn period_ms(&self) -> i64 {
        self.period * SECOND
    }

    /// How often the alarm is evaluated: every minute, or every 10 seconds
    /// for high-resolution alarms (periods of 10, 20 or 30 seconds).
    pub(crate) fn tick_ms(&self) -> i64 {
        if self.period >= 60 {
            MINUTE
        } else {
            10 * SECOND
        }
    }

    /// Whether low-sample periods of a percentile are left out
    /// (`EvaluateLowSampleCountPercentile = ignore`).
    pub(crate) fn ignores_low_samples(&self) -> bool {
        self.evaluate_low_sample_count_percentile.as_deref() == Some("ignore")
    }

    fn dimensions_value(&self) -> Value {
        Value::Array(
            self.metric
                .dimensions
                .iter()
                .map(|(n, v)| json!({"Name": n, "Value": v}))
                .collect(),
        )
    }

    /// `[{"value":..,"name":..}]`: dimensions in history data and SNS
    /// messages.
    pub(crate) fn dimensions_lower(&self) -> J {
        J::Arr(
            self.metric
                .dimensions
                .iter()
                .map(|(n, v)| J::Obj(vec![("value", J::str(v)), ("name", J::str(n))]))
                .collect(),
        )
    }

    /// `{"KeyId": "..."}`: dimensions in alarm events and Lambda payloads.
    pub(crate) fn dimensions_map(&self) -> Vec<(String, String)> {
        self.metric.dimensions.clone()
    }
}

/// One metric alarm.
#[derive(Clone, Debug)]
pub struct Alarm {
    pub name: String,
    pub arn: String,
    pub config: AlarmConfig,
    pub configuration_updated: SimTime,
    pub state: StateValue,
    pub state_reason: String,
    pub state_reason_data: Option<String>,
    pub state_updated: SimTime,
    pub state_transitioned: SimTime,
    /// The id of the alarm's one metric query in events and Lambda payloads.
    pub(crate) query_id: String,
    /// The `configuration` of its state-change events (built once).
    pub(crate) event_configuration: Value,
    /// When the alarm is next evaluated, if it is scheduled.
    pub(crate) due: Option<SimTime>,
}

impl Alarm {
    /// The actions for entering `state`.
    pub fn actions_for(&self, state: StateValue) -> &[String] {
        match state {
            StateValue::Ok => &self.config.ok_actions,
            StateValue::Alarm => &self.config.alarm_actions,
            StateValue::InsufficientData => &self.config.insufficient_data_actions,
        }
    }

    /// DescribeAlarms' `MetricAlarm`, in the model's member order.
    pub(crate) fn to_json(&self) -> Value {
        let c = &self.config;
        let mut o = Map::new();
        o.insert("AlarmName".into(), json!(self.name));
        o.insert("AlarmArn".into(), json!(self.arn));
        if let Some(d) = &c.description {
            o.insert("AlarmDescription".into(), json!(d));
        }
        o.insert(
            "AlarmConfigurationUpdatedTimestamp".into(),
            epoch_json(self.configuration_updated),
        );
        o.insert("ActionsEnabled".into(), json!(c.actions_enabled));
        o.insert("OKActions".into(), json!(c.ok_actions));
        o.insert("AlarmActions".into(), json!(c.alarm_actions));
        o.insert("InsufficientDataActions".into(), json!(c.insufficient_data_actions));
        o.insert("StateValue".into(), json!(self.state.as_str()));
        o.insert("StateReason".into(), json!(self.state_reason));
        if let Some(d) = &self.state_reason_data {
            o.insert("StateReasonData".into(), json!(d));
        }
        o.insert("StateUpdatedTimestamp".into(), epoch_json(self.state_updated));
        o.insert("MetricName".into(), json!(c.metric.name));
        o.insert("Namespace".into(), json!(c.metric.namespace));
        if c.is_extended() {
            o.insert("ExtendedStatistic".into(), json!(c.statistic()));
        } else {
            o.insert("Statistic".into(), json!(c.statistic()));
        }
        o.insert("Dimensions".into(), c.dimensions_value());
        o.insert("Period".into(), json!(c.period));
        if let Some(u) = c.unit() {
            o.insert("Unit".into(), json!(u));
        }
        o.insert("EvaluationPeriods".into(), json!(c.evaluation_periods));
        if let Some(m) = c.datapoints_to_alarm {
            o.insert("DatapointsToAlarm".into(), json!(m));
        }
        o.insert("Threshold".into(), json!(c.threshold));
        o.insert("ComparisonOperator".into(), json!(c.comparison.as_str()));
        if let Some(t) = c.treat_missing_data {
            o.insert("TreatMissingData".into(), json!(t.as_str()));
        }
        if let Some(e) = &c.evaluate_low_sample_count_percentile {
            o.insert("EvaluateLowSampleCountPercentile".into(), json!(e));
        }
        o.insert("StateTransitionedTimestamp".into(), epoch_json(self.state_transitioned));
        Value::Object(o)
    }

    /// The alarm object inside ConfigurationUpdate history data, in the
    /// member order of AWS's samples (including their lower-case
    /// `okactions`).
    pub(crate) fn history_object(&self) -> Vec<(&'static str, J)> {
        let c = &self.config;
        let mut o = vec![("alarmName", J::str(&self.name))];
        if let Some(d) = &c.description {
            o.push(("alarmDescription", J::str(d)));
        }
        o.push(("alarmArn", J::str(&self.arn)));
        o.push((
            "alarmConfigurationUpdatedTimestamp",
            J::str(plus0000(self.configuration_updated)),
        ));
        o.push(("namespace", J::str(&c.metric.namespace)));
        o.push(("metricName", J::str(&c.metric.name)));
        if c.is_extended() {
            o.push(("extendedStatistic", J::str(c.statistic())));
        } else {
            o.push(("statistic", J::str(c.statistic())));
        }
        o.push(("period", J::Int(c.period)));
        if let Some(u) = c.unit() {
            o.push(("unit", J::str(u)));
        }
        o.push(("dimensions", c.dimensions_lower()));
        o.push(("threshold", J::Num(c.threshold)));
        o.push(("comparisonOperator", J::str(c.comparison.as_str())));
        o.push(("evaluationPeriods", J::Int(c.evaluation_periods as i64)));
        if let Some(m) = c.datapoints_to_alarm {
            o.push(("datapointsToAlarm", J::Int(m as i64)));
        }
        if let Some(t) = c.treat_missing_data {
            o.push(("treatMissingData", J::str(t.as_str())));
        }
        if let Some(e) = &c.evaluate_low_sample_count_percentile {
            o.push(("evaluateLowSampleCountPercentile", J::str(e)));
        }
        o.push(("stateValue", J::str(self.state.as_str())));
        o.push(("stateUpdatedTimestamp", J::str(plus0000(self.state_updated))));
        o.push(("actionsEnabled", J::Bool(c.actions_enabled)));
        o.push(("alarmActions", J::strs(&c.alarm_actions)));
        o.push(("insufficientDataActions", J::strs(&c.insufficient_data_actions)));
        o.push(("okactions", J::strs(&c.ok_actions)));
        o
    }
}
