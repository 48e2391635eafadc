//! Alarms as rows, their conditions in words, their ALARM intervals for the
//! chart, and the sentence that says why an alarm is in its state.

use crate::sim::cloudwatch::{Alarm, Case, CloudWatch, Explanation, MetricId, StateValue, Status, TimelineEntry};
use crate::sim::SimTime;
use crate::ui::i18n::{tr, trs, Lang, Msg};
use crate::ui::view::Tone;

/// One row of the alarms table.
#[derive(Clone, Debug, PartialEq)]
pub struct AlarmRow {
    pub name: String,
    pub state: StateValue,
    pub tone: Tone,
    pub condition: String,
    pub metric: MetricId,
    pub actions_enabled: bool,
    pub updated: SimTime,
}

/// The console's colours for alarm states.
pub fn state_tone(state: StateValue) -> Tone {
    match state {
        StateValue::Ok => Tone::Success,
        StateValue::Alarm => Tone::Error,
        StateValue::InsufficientData => Tone::Pending,
    }
}

/// "SecondsUntilKeyMaterialExpiration <= 864000 for 1 datapoints within 1
/// minute", as the console writes conditions.
pub fn condition(alarm: &Alarm, lang: Lang) -> String {
    use crate::sim::cloudwatch::Comparison::*;
    let c = &alarm.config;
    let op = match c.comparison {
        GreaterThanOrEqualToThreshold => ">=",
        GreaterThanThreshold => ">",
        LessThanThreshold => "<",
        LessThanOrEqualToThreshold => "<=",
    };
    let threshold = if c.threshold.fract() == 0.0 && c.threshold.abs() < 1e15 {
        format!("{}", c.threshold as i64)
    } else {
        c.threshold.to_string()
    };
    let window = c.period * c.n() as i64;
    let within = match (window % 3600, window % 60, lang) {
        (0, _, Lang::En) => format!("{} hour{}", window / 3600, if window == 3600 { "" } else { "s" }),
        (_, 0, Lang::En) => format!("{} minute{}", window / 60, if window == 60 { "" } else { "s" }),
        (_, _, Lang::En) => format!("{window} seconds"),
        (0, _, Lang::Ja) => format!("{} 時間", window / 3600),
        (_, 0, Lang::Ja) => format!("{} 分", window / 60),
        (_, _, Lang::Ja) => format!("{window} 秒"),
    };
    match lang {
        Lang::En => trs(
            lang,
            Msg::Condition,
            &[c.metric.name.clone(), op.into(), threshold, c.m().to_string(), within],
        ),
        Lang::Ja => trs(
            lang,
            Msg::Condition,
            &[c.metric.name.clone(), op.into(), threshold, within, c.m().to_string()],
        ),
    }
}

pub fn alarm_rows(cw: &CloudWatch, lang: Lang) -> Vec<AlarmRow> {
    cw.alarms()
        .map(|a| AlarmRow {
            name: a.name.clone(),
            state: a.state,
            tone: state_tone(a.state),
            condition: condition(a, lang),
            metric: a.config.metric.clone(),
            actions_enabled: a.config.actions_enabled,
            updated: a.state_transitioned,
        })
        .collect()
}

/// The intervals an alarm spent in ALARM, from its timeline, up to `now`.
pub fn alarm_ranges(timeline: &[TimelineEntry], now: SimTime) -> Vec<(SimTime, SimTime)> {
    let mut out = Vec::new();
    for (i, entry) in timeline.iter().enumerate() {
        if entry.state == StateValue::Alarm {
            let until = timeline[i + 1..]
                .iter()
                .find(|e| e.state != StateValue::Alarm)
                .map_or(now, |e| e.at);
            if out.last().is_none_or(|(_, end)| *end <= entry.at) {
                out.push((entry.at, until));
            }
        }
    }
    out
}

/// Words for a period's status.
pub fn status_label(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Breaching => tr(lang, Msg::Breaching),
        Status::NotBreaching => tr(lang, Msg::NotBreaching),
        Status::Missing => tr(lang, Msg::Missing),
    }
}

/// Why the alarm is in its state, in the UI's language.
pub fn why(explanation: &Explanation, alarm: &Alarm, lang: Lang) -> String {
    let c = &alarm.config;
    let d = &explanation.decision;
    let (n, m, r) = (c.n().to_string(), c.m().to_string(), c.range().to_string());
    let outcome = d.state.unwrap_or(alarm.state).as_str().to_owned();
    let breaching = d
        .evaluated
        .iter()
        .filter(|&&i| explanation.periods[i].status == Status::Breaching)
        .count();
    let filled_as = |fill: bool| tr(lang, if fill { Msg::Breaching } else { Msg::NotBreaching }).to_owned();
    let mode = c.missing_data().as_str().to_owned();
    match d.case {
        Case::Enough => match lang {
            Lang::En => trs(lang, Msg::ExplainEnough, &[breaching.to_string(), n, m, outcome]),
            Lang::Ja => trs(lang, Msg::ExplainEnough, &[n, breaching.to_string(), m, outcome]),
        },
        Case::Filled { breaching: fill } => match lang {
            Lang::En => trs(
                lang,
                Msg::ExplainFilled,
                &[d.evaluated.len().to_string(), n, filled_as(fill), mode, outcome],
            ),
            Lang::Ja => trs(
                lang,
                Msg::ExplainFilled,
                &[n, d.evaluated.len().to_string(), filled_as(fill), mode, outcome],
            ),
        },
        Case::AllFilled { breaching: fill } => trs(lang, Msg::ExplainAllFilled, &[r, mode, filled_as(fill), outcome]),
        Case::Unknown => trs(lang, Msg::ExplainUnknown, &[r]),
        Case::AllMissingIgnored => trs(lang, Msg::ExplainIgnored, &[r, alarm.state.as_str().into()]),
        Case::Available => match lang {
            Lang::En => trs(
                lang,
                Msg::ExplainAvailable,
                &[d.evaluated.len().to_string(), n, breaching.to_string(), m, outcome],
            ),
            Lang::Ja => trs(
                lang,
                Msg::ExplainAvailable,
                &[n, d.evaluated.len().to_string(), breaching.to_string(), m, outcome],
            ),
        },
        Case::Premature => trs(lang, Msg::ExplainPremature, &[m]),
        Case::NotYet => trs(lang, Msg::ExplainNotYet, &[alarm.state.as_str().into()]),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::sim::time::{DAY, MINUTE};
    use crate::sim::{Settings, World};

    fn world_with_alarm() -> World {
        let mut w = World::new(1, Settings::default());
        w.call(
            "cloudwatch",
            "PutMetricAlarm",
            &json!({"AlarmName": "busy", "Namespace": "App", "MetricName": "Load", "Statistic": "Maximum", "Period": 60,
                    "EvaluationPeriods": 3, "DatapointsToAlarm": 2, "Threshold": 5.0, "ComparisonOperator": "GreaterThanThreshold"}),
        )
        .unwrap();
        w
    }

    #[test]
    fn conditions_read_like_the_console() {
        let w = world_with_alarm();
        let rows = alarm_rows(&w.services().cloudwatch, Lang::En);
        assert_eq!(rows[0].condition, "Load > 5 for 2 datapoints within 3 minutes");
        assert_eq!(rows[0].tone, Tone::Pending);
    }

    #[test]
    fn alarm_intervals_and_the_reason_in_words() {
        let mut w = world_with_alarm();
        let at = |w: &World| w.now().iso_millis();
        for _ in 0..3 {
            let t = at(&w);
            w.call(
                "cloudwatch",
                "PutMetricData",
                &json!({"Namespace": "App", "MetricData": [{"MetricName": "Load", "Value": 9.0, "Timestamp": t}]}),
            )
            .unwrap();
            w.advance_by(MINUTE);
        }
        let cw = &w.services().cloudwatch;
        assert_eq!(cw.alarm("busy").unwrap().state, StateValue::Alarm);
        let ranges = alarm_ranges(&cw.timeline("busy"), w.now());
        assert_eq!(ranges.len(), 1);
        let e = cw.explain("busy", w.now()).unwrap();
        let sentence = why(&e, cw.alarm("busy").unwrap(), Lang::En);
        assert!(sentence.ends_with("so the alarm is ALARM."), "{sentence}");
        let ja = why(&e, cw.alarm("busy").unwrap(), Lang::Ja);
        assert!(ja.contains("ALARM"), "{ja}");
        w.advance_by(DAY);
        let cw = &w.services().cloudwatch;
        let e = cw.explain("busy", w.now()).unwrap();
        assert!(why(&e, cw.alarm("busy").unwrap(), Lang::En).contains("INSUFFICIENT_DATA"));
    }
}
