//! Alarm behaviour beyond the tables: reason texts, SetAlarmState, actions
//! (enabled, disabled, Lambda, not modelled), overwrite, the Describe
//! operations, history, and the UI accessors.

use serde_json::{json, Value};

use super::common::*;
use crate::sim::cloudwatch::{Case, StateValue, Status};
use crate::sim::ctx::Effect;
use crate::sim::time::{SimTime, DAY, MINUTE};
use crate::sim::world::World;

fn put(w: &mut World, values: &[(i64, f64)]) {
    let now = w.now();
    let data: Vec<Value> = values
        .iter()
        .map(|(min, v)| json!({"MetricName": "Latency", "Timestamp": now.plus(min * MINUTE).iso_seconds(), "Value": v}))
        .collect();
    call(w, "PutMetricData", json!({"Namespace": "App", "MetricData": data}));
}

fn alarm_params(name: &str, extra: Value) -> Value {
    let mut v = json!({
        "AlarmName": name, "Namespace": "App", "MetricName": "Latency", "Statistic": "Average",
        "Period": 60, "EvaluationPeriods": 3, "Threshold": 5.0, "ComparisonOperator": "GreaterThanThreshold",
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

#[test]
fn reason_texts_for_m_of_n_and_classic_alarms() {
    let mut w = world();
    let e = w.now();
    w.advance_to(e.plus(10 * MINUTE));
    // 09:07 = 9, 09:08 = 2, 09:09 = 7.5.
    put(&mut w, &[(-3, 9.0), (-2, 2.0), (-1, 7.5)]);
    call(
        &mut w,
        "PutMetricAlarm",
        alarm_params("mofn", json!({"DatapointsToAlarm": 2})),
    );
    call(&mut w, "PutMetricAlarm", alarm_params("classic", json!({})));
    call(
        &mut w,
        "PutMetricAlarm",
        alarm_params("classic-alarm", json!({"Threshold": 1.0})),
    );
    w.advance_to(e.plus(11 * MINUTE));
    assert_eq!(
        alarm(&mut w, "mofn")["StateReason"],
        "Threshold Crossed: 2 out of the last 3 datapoints [7.5 (02/03/26 09:09:00), 9.0 (02/03/26 09:07:00)] were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition)."
    );
    assert_eq!(alarm(&mut w, "mofn")["StateValue"], "ALARM");
    assert_eq!(
        alarm(&mut w, "classic")["StateReason"],
        "Threshold Crossed: 1 datapoint [2.0 (02/03/26 09:08:00)] was not greater than the threshold (5.0)."
    );
    assert_eq!(
        alarm(&mut w, "classic-alarm")["StateReason"],
        "Threshold Crossed: 3 datapoints [7.5 (02/03/26 09:09:00), 2.0 (02/03/26 09:08:00), 9.0 (02/03/26 09:07:00)] were greater than the threshold (1.0)."
    );
    assert_eq!(
        alarm(&mut w, "mofn")["StateReasonData"],
        concat!(
            r#"{"version":"1.0","queryDate":"2026-03-02T09:11:00.000+0000","startDate":"2026-03-02T09:07:00.000+0000","#,
            r#""statistic":"Average","period":60,"recentDatapoints":[9.0,2.0,7.5],"threshold":5.0,"evaluatedDatapoints":["#,
            r#"{"timestamp":"2026-03-02T09:09:00.000+0000","sampleCount":1.0,"value":7.5},"#,
            r#"{"timestamp":"2026-03-02T09:08:00.000+0000","sampleCount":1.0,"value":2.0},"#,
            r#"{"timestamp":"2026-03-02T09:07:00.000+0000","sampleCount":1.0,"value":9.0}]}"#
        )
    );
    // Partly filled ranges say how many missing datapoints were filled.
    call(
        &mut w,
        "PutMetricAlarm",
        alarm_params(
            "filled",
            json!({"EvaluationPeriods": 5, "DatapointsToAlarm": 4, "TreatMissingData": "breaching"}),
        ),
    );
    w.advance_to(e.plus(12 * MINUTE));
    assert_eq!(
        alarm(&mut w, "filled")["StateReason"],
        "Threshold Crossed: 4 out of the last 5 datapoints [7.5 (02/03/26 09:09:00), 9.0 (02/03/26 09:07:00)] were greater than the threshold (5.0) (minimum 4 datapoints for OK -> ALARM transition). 2 missing datapoints were treated as [Breaching]."
    );
}

#[test]
fn set_alarm_state_runs_actions_and_the_next_evaluation_restores_the_state() {
    let mut w = world();
    let e = w.now();
    let topic = "arn:aws:sns:us-west-2:111122223333:t";
    call(
        &mut w,
        "PutMetricAlarm",
        alarm_params(
            "a",
            json!({"TreatMissingData": "notBreaching", "AlarmActions": [topic], "OKActions": [topic]}),
        ),
    );
    w.advance_to(e.plus(MINUTE));
    let ok = alarm(&mut w, "a");
    assert_eq!(ok["StateValue"], "OK");
    assert_eq!(sns_publishes(&w).len(), 1, "OK actions ran");

    w.advance_to(e.plus(MINUTE + 20_000));
    call(
        &mut w,
        "SetAlarmState",
        json!({"AlarmName": "a", "StateValue": "ALARM", "StateReason": "testing purposes", "StateReasonData": "{\"x\":1}"}),
    );
    let a = alarm(&mut w, "a");
    assert_eq!(a["StateValue"], "ALARM");
    assert_eq!(a["StateReason"], "testing purposes");
    assert_eq!(a["StateReasonData"], "{\"x\":1}");
    assert_eq!(a["StateUpdatedTimestamp"], a["StateTransitionedTimestamp"]);
    assert_eq!(sns_publishes(&w).len(), 2);
    assert_eq!(
        sns_publishes(&w)[1].1.as_deref(),
        Some("ALARM: \"a\" in US West (Oregon)")
    );
    let h = history(&mut w, "a");
    let last = h.last().unwrap();
    assert_eq!(last["HistorySummary"], format!("Successfully executed action {topic}"));
    let update = &h[h.len() - 2];
    assert_eq!(update["HistoryItemType"], "StateUpdate");
    assert_eq!(update["HistorySummary"], "Alarm updated from OK to ALARM");
    assert_eq!(
        update["HistoryData"],
        format!(
            r#"{{"version":"1.0","oldState":{{"stateValue":"OK","stateReason":"{}","stateReasonData":{}}},"newState":{{"stateValue":"ALARM","stateReason":"testing purposes","stateReasonData":{{"x":1}}}}}}"#,
            ok["StateReason"].as_str().unwrap(),
            ok["StateReasonData"].as_str().unwrap()
        )
    );

    // The next evaluation (09:02) restores OK and runs the OK actions.
    w.advance_to(e.plus(2 * MINUTE));
    assert_eq!(state(&mut w, "a"), "OK");
    assert_eq!(sns_publishes(&w).len(), 3);

    // Setting the same value updates the state but is no transition.
    let before = alarm(&mut w, "a");
    w.advance_to(e.plus(2 * MINUTE + 5_000));
    let events = bus_events(&w).len();
    call(
        &mut w,
        "SetAlarmState",
        json!({"AlarmName": "a", "StateValue": "OK", "StateReason": "again"}),
    );
    let after = alarm(&mut w, "a");
    assert_eq!(after["StateReason"], "again");
    assert!(after.get("StateReasonData").is_none());
    assert_ne!(after["StateUpdatedTimestamp"], before["StateUpdatedTimestamp"]);
    assert_eq!(
        after["StateTransitionedTimestamp"],
        before["StateTransitionedTimestamp"]
    );
    assert_eq!(sns_publishes(&w).len(), 3, "no action without a change");
    assert_eq!(bus_events(&w).len(), events, "no event without a change");
    assert_eq!(
        history(&mut w, "a").last().unwrap()["HistorySummary"],
        "Alarm updated from OK to OK"
    );
}

#[test]
fn disabled_actions_change_state_silently_but_still_emit_the_event() {
    let mut w = world();
    let e = w.now();
    call(
        &mut w,
        "PutMetricAlarm",
        alarm_params(
            "a",
            json!({"ActionsEnabled": false, "TreatMissingData": "breaching", "AlarmActions": ["arn:aws:sns:us-west-2:111122223333:t"]}),
        ),
    );
    w.advance_to(e.plus(MINUTE));
    assert_eq!(state(&mut w, "a"), "ALARM");
    assert!(sns_publishes(&w).is_empty());
    assert_eq!(bus_events(&w).len(), 1);
    call(
        &mut w,
        "SetAlarmState",
        json!({"AlarmName": "a", "StateValue": "OK", "StateReason": "x"}),
    );
    assert!(sns_publishes(&w).is_empty());
    call(&mut w, "EnableAlarmActions", json!({"AlarmNames": ["a", "unknown"]}));
    assert_eq!(alarm(&mut w, "a")["ActionsEnabled"], true);
    w.advance_to(e.plus(2 * MINUTE));
    assert_eq!(state(&mut w, "a"), "ALARM");
    assert_eq!(sns_publishes(&w).len(), 1);
    call(&mut w, "DisableAlarmActions", json!({"AlarmNames": ["a"]}));
    assert_eq!(alarm(&mut w, "a")["ActionsEnabled"], false);
}

#[test]
fn lambda_and_unmodelled_actions() {
    let mut w = world();
    let e = w.now();
    let function = "arn:aws:lambda:us-west-2:111122223333:function:notify";
    let stop = "arn:aws:automate:us-west-2:ec2:stop";
    call(
        &mut w,
        "PutMetricAlarm",
        alarm_params(
            "a",
            json!({"AlarmDescription": "latency", "Unit": "Milliseconds", "TreatMissingData": "breaching", "AlarmActions": [function, stop]}),
        ),
    );
    w.advance_to(e.plus(MINUTE));
    let payload = w
        .routed
        .iter()
        .find_map(|e| match e {
            Effect::LambdaInvoke { function_arn, payload } if function_arn == function => Some(payload.clone()),
            _ => None,
        })
        .expect("the Lambda action ran");
    let p: Value = serde_json::from_str(&payload).unwrap();
    let keys: Vec<&String> = p.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["source", "alarmArn", "accountId", "time", "region", "alarmData"]);
    assert_eq!(p["source"], "aws.cloudwatch");
    assert_eq!(p["time"], "2026-03-02T09:01:00.000+0000");
    assert_eq!(p["alarmData"]["state"]["value"], "ALARM");
    assert_eq!(p["alarmData"]["previousState"]["value"], "INSUFFICIENT_DATA");
    assert_eq!(
        p["alarmData"]["previousState"]["reason"],
        "Unchecked: Initial alarm creation"
    );
    assert!(p["alarmData"]["previousState"].get("reasonData").is_none());
    assert_eq!(p["alarmData"]["configuration"]["description"], "latency");
    assert_eq!(
        p["alarmData"]["configuration"]["metrics"][0]["metricStat"],
        json!({"metric": {"namespace": "App", "name": "Latency", "dimensions": {}}, "period": 60, "stat": "Average", "unit": "Milliseconds"})
    );
    let h = history(&mut w, "a");
    let summaries: Vec<&str> = h.iter().map(|i| i["HistorySummary"].as_str().unwrap()).collect();
    assert_eq!(
        summaries[2..],
        [
            format!("Successfully executed action {function}"),
            format!("Failed to execute action {stop}. Reason: This kind of alarm action is not modelled by the playground; only SNS topic and Lambda function actions run."),
        ]
    );
}

#[test]
fn overwriting_keeps_the_state_and_records_the_update() {
    let mut w = world();
    let e = w.now();
    call(
        &mut w,
        "PutMetricAlarm",
        alarm_params(
            "a",
            json!({"TreatMissingData": "breaching", "Tags": [{"Key": "team", "Value": "ops"}]}),
        ),
    );
    w.advance_to(e.plus(MINUTE));
    assert_eq!(state(&mut w, "a"), "ALARM");
    w.advance_to(e.plus(MINUTE + 30_000));
    call(
        &mut w,
        "PutMetricAlarm",
        alarm_params("a", json!({"Threshold": 7.0, "TreatMissingData": "breaching"})),
    );
    let a = alarm(&mut w, "a");
    assert_eq!(a["StateValue"], "ALARM");
    assert_eq!(a["Threshold"], 7.0);
    assert_eq!(a["AlarmConfigurationUpdatedTimestamp"], json!(1_772_442_090.0));
    assert_eq!(
        cw(&w).alarm("a").unwrap().config.tags,
        [("team".to_owned(), "ops".to_owned())]
    );
    let h = history(&mut w, "a");
    let update = h.last().unwrap();
    assert_eq!(update["HistorySummary"], "Alarm \"a\" updated");
    let data: Value = serde_json::from_str(update["HistoryData"].as_str().unwrap()).unwrap();
    assert_eq!(data["type"], "Update");
    assert_eq!(data["updatedAlarm"]["threshold"], 7.0);
    assert_eq!(data["originalUpdatedFields"]["threshold"], 5.0);
    let created: Value = serde_json::from_str(h[0]["HistoryData"].as_str().unwrap()).unwrap();
    let keys: Vec<&String> = created["createdAlarm"].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "alarmName",
            "alarmArn",
            "alarmConfigurationUpdatedTimestamp",
            "namespace",
            "metricName",
            "statistic",
            "period",
            "dimensions",
            "threshold",
            "comparisonOperator",
            "evaluationPeriods",
            "treatMissingData",
            "stateValue",
            "stateUpdatedTimestamp",
            "actionsEnabled",
            "alarmActions",
            "insufficientDataActions",
            "okactions"
        ]
    );
}

#[test]
fn describe_alarms_filters_and_pages() {
    let mut w = world();
    for name in ["b", "a", "c2", "c1"] {
        call(
            &mut w,
            "PutMetricAlarm",
            alarm_params(
                name,
                json!({"OKActions": [format!("arn:aws:sns:us-west-2:111122223333:{name}")]}),
            ),
        );
    }
    call(
        &mut w,
        "SetAlarmState",
        json!({"AlarmName": "b", "StateValue": "ALARM", "StateReason": "x"}),
    );
    let names = |v: &Value| -> Vec<String> {
        v["MetricAlarms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["AlarmName"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = call(&mut w, "DescribeAlarms", json!({}));
    let keys: Vec<&String> = all.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["CompositeAlarms", "MetricAlarms"]);
    assert_eq!(names(&all), ["a", "b", "c1", "c2"]);
    assert_eq!(
        names(&call(&mut w, "DescribeAlarms", json!({"AlarmNamePrefix": "c"}))),
        ["c1", "c2"]
    );
    assert_eq!(
        names(&call(&mut w, "DescribeAlarms", json!({"StateValue": "ALARM"}))),
        ["b"]
    );
    assert_eq!(
        names(&call(
            &mut w,
            "DescribeAlarms",
            json!({"ActionPrefix": "arn:aws:sns:us-west-2:111122223333:c"})
        )),
        ["c1", "c2"]
    );
    assert_eq!(
        names(&call(
            &mut w,
            "DescribeAlarms",
            json!({"AlarmTypes": ["CompositeAlarm"]})
        )),
        Vec::<String>::new()
    );
    let page1 = call(&mut w, "DescribeAlarms", json!({"MaxRecords": 3}));
    assert_eq!(names(&page1), ["a", "b", "c1"]);
    let page2 = call(
        &mut w,
        "DescribeAlarms",
        json!({"MaxRecords": 3, "NextToken": page1["NextToken"]}),
    );
    assert_eq!(names(&page2), ["c2"]);
    assert!(page2.get("NextToken").is_none());
    let first = &all["MetricAlarms"][0];
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "AlarmName",
            "AlarmArn",
            "AlarmConfigurationUpdatedTimestamp",
            "ActionsEnabled",
            "OKActions",
            "AlarmActions",
            "InsufficientDataActions",
            "StateValue",
            "StateReason",
            "StateUpdatedTimestamp",
            "MetricName",
            "Namespace",
            "Statistic",
            "Dimensions",
            "Period",
            "EvaluationPeriods",
            "Threshold",
            "ComparisonOperator",
            "StateTransitionedTimestamp"
        ]
    );
    let for_metric = call(
        &mut w,
        "DescribeAlarmsForMetric",
        json!({"Namespace": "App", "MetricName": "Latency", "Statistic": "Average", "Period": 60}),
    );
    assert_eq!(names(&for_metric), ["a", "b", "c1", "c2"]);
    let none = call(
        &mut w,
        "DescribeAlarmsForMetric",
        json!({"Namespace": "App", "MetricName": "Latency", "Statistic": "Sum"}),
    );
    assert_eq!(names(&none), Vec::<String>::new());
}

#[test]
fn history_filters_orders_pages_and_outlives_the_alarm() {
    let mut w = world();
    let e = w.now();
    call(
        &mut w,
        "PutMetricAlarm",
        alarm_params("a", json!({"TreatMissingData": "breaching"})),
    );
    w.advance_to(e.plus(MINUTE));
    call(
        &mut w,
        "SetAlarmState",
        json!({"AlarmName": "a", "StateValue": "OK", "StateReason": "x"}),
    );
    w.advance_to(e.plus(2 * MINUTE));
    call(&mut w, "DeleteAlarms", json!({"AlarmNames": ["a"]}));
    assert!(cw(&w).alarm("a").is_none());
    let items = call(&mut w, "DescribeAlarmHistory", json!({"AlarmName": "a"}));
    let summaries: Vec<&str> = items["AlarmHistoryItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["HistorySummary"].as_str().unwrap())
        .collect();
    assert_eq!(
        summaries,
        [
            "Alarm \"a\" deleted",
            "Alarm updated from OK to ALARM",
            "Alarm updated from ALARM to OK",
            "Alarm updated from INSUFFICIENT_DATA to ALARM",
            "Alarm \"a\" created",
        ],
        "newest first by default"
    );
    let item = &items["AlarmHistoryItems"][0];
    let keys: Vec<&String> = item.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "AlarmName",
            "AlarmType",
            "Timestamp",
            "HistoryItemType",
            "HistorySummary",
            "HistoryData"
        ]
    );
    let updates = call(
        &mut w,
        "DescribeAlarmHistory",
        json!({"HistoryItemType": "StateUpdate", "MaxRecords": 2}),
    );
    assert_eq!(updates["AlarmHistoryItems"].as_array().unwrap().len(), 2);
    let rest = call(
        &mut w,
        "DescribeAlarmHistory",
        json!({"HistoryItemType": "StateUpdate", "MaxRecords": 2, "NextToken": updates["NextToken"]}),
    );
    assert_eq!(
        rest["AlarmHistoryItems"][0]["HistorySummary"],
        "Alarm updated from INSUFFICIENT_DATA to ALARM"
    );
    assert!(rest.get("NextToken").is_none());
    let windowed = call(
        &mut w,
        "DescribeAlarmHistory",
        json!({"StartDate": e.plus(MINUTE).iso_seconds(), "EndDate": e.plus(MINUTE).iso_seconds()}),
    );
    assert_eq!(windowed["AlarmHistoryItems"].as_array().unwrap().len(), 2);
    // Two weeks later the history is gone.
    w.advance_to(e.plus(15 * DAY));
    let gone = call(&mut w, "DescribeAlarmHistory", json!({}));
    assert_eq!(gone["AlarmHistoryItems"], json!([]));
    assert_eq!(cw(&w).history_len(), 0);
}

#[test]
fn explanation_and_timeline_for_the_ui() {
    let mut w = world();
    let e = w.now();
    w.advance_to(e.plus(10 * MINUTE));
    put(&mut w, &[(-4, 9.0), (-2, 8.0)]);
    call(
        &mut w,
        "PutMetricAlarm",
        alarm_params("a", json!({"DatapointsToAlarm": 2})),
    );
    w.advance_to(e.plus(10 * MINUTE + 30_000));
    let before = cw(&w).explain("a", w.now()).unwrap();
    assert_eq!(before.state, StateValue::InsufficientData);
    assert_eq!(
        before.decision.state,
        Some(StateValue::Alarm),
        "the next evaluation will alarm"
    );
    w.advance_to(e.plus(11 * MINUTE));
    let x = cw(&w).explain("a", w.now()).unwrap();
    assert_eq!(x.tick, e.plus(11 * MINUTE));
    let statuses: Vec<Status> = x.periods.iter().map(|p| p.status).collect();
    use Status::*;
    assert_eq!(statuses, [Breaching, Missing, Breaching, Missing, Missing]);
    assert_eq!(x.periods[0].start, e.plus(6 * MINUTE));
    assert_eq!(x.periods[0].value, Some(9.0));
    assert_eq!(x.decision.case, Case::Available);
    assert_eq!(
        x.summary,
        "Only 2 datapoints of 3 were received and TreatMissingData = missing evaluates them alone: 2 are greater than 5.0; 2 are needed for ALARM, so the alarm is ALARM."
    );
    let timeline = cw(&w).timeline("a");
    let states: Vec<(SimTime, StateValue)> = timeline.iter().map(|t| (t.at, t.state)).collect();
    assert_eq!(
        states,
        [
            (e.plus(10 * MINUTE), StateValue::InsufficientData),
            (e.plus(11 * MINUTE), StateValue::Alarm)
        ]
    );
}
