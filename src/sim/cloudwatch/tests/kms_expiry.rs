//! The KMS expiry alarm of the seed document: `SecondsUntilKeyMaterialExpiration`
//! `<= 864000` (10 days), Minimum, 60 s, 1 of 1, notifying an SNS topic;
//! the countdown is injected as KMS will emit it (12 days ahead).

use serde_json::{json, Value};

use super::common::*;
use crate::sim::cloudwatch::Evaluator;
use crate::sim::time::{DAY, MINUTE};

const KEY: &str = "1234abcd-12ab-34cd-56ef-1234567890ab";
const TOPIC: &str = "arn:aws:sns:us-west-2:111122223333:KMSAlert";
const ARN: &str = "arn:aws:cloudwatch:us-west-2:111122223333:alarm:KeyMaterialExpiresSoon";

fn alarm_params() -> Value {
    json!({
        "AlarmName": "KeyMaterialExpiresSoon",
        "ActionsEnabled": true,
        "AlarmActions": [TOPIC],
        "MetricName": "SecondsUntilKeyMaterialExpiration",
        "Namespace": "AWS/KMS",
        "Statistic": "Minimum",
        "Dimensions": [{"Name": "KeyId", "Value": KEY}],
        "Period": 60,
        "EvaluationPeriods": 1,
        "DatapointsToAlarm": 1,
        "Threshold": 864000,
        "ComparisonOperator": "LessThanOrEqualToThreshold",
    })
}

const ALARM_REASON: &str = "Threshold Crossed: 1 out of the last 1 datapoints [864000.0 (04/03/26 09:00:00)] was less than or equal to the threshold (864000.0) (minimum 1 datapoint for OK -> ALARM transition).";

fn scenario(evaluator: Evaluator) {
    let mut w = world_with(evaluator);
    let e = w.now();
    assert_eq!(e, at("2026-03-02T09:00:00Z"));
    countdown(&mut w, KEY, e, e.plus(12 * DAY));
    call(&mut w, "PutMetricAlarm", alarm_params());

    let a = alarm(&mut w, "KeyMaterialExpiresSoon");
    assert_eq!(a["StateValue"], "INSUFFICIENT_DATA");
    assert_eq!(a["StateReason"], "Unchecked: Initial alarm creation");
    assert!(a.get("StateReasonData").is_none());
    assert_eq!(a["AlarmArn"], ARN);

    // First evaluation at 09:01 sees the 09:00 datapoint (12 days left).
    w.advance_to(e.plus(MINUTE - 1));
    assert_eq!(state(&mut w, "KeyMaterialExpiresSoon"), "INSUFFICIENT_DATA");
    w.advance_to(e.plus(MINUTE));
    let a = alarm(&mut w, "KeyMaterialExpiresSoon");
    assert_eq!(a["StateValue"], "OK");
    assert_eq!(
        a["StateReason"],
        "Threshold Crossed: 1 out of the last 1 datapoints [1036800.0 (02/03/26 09:00:00)] was not less than or equal to the threshold (864000.0) (minimum 1 datapoint for ALARM -> OK transition)."
    );
    assert_eq!(
        a["StateReasonData"],
        r#"{"version":"1.0","queryDate":"2026-03-02T09:01:00.000+0000","startDate":"2026-03-02T09:00:00.000+0000","statistic":"Minimum","period":60,"recentDatapoints":[1036800.0],"threshold":864000.0,"evaluatedDatapoints":[{"timestamp":"2026-03-02T09:00:00.000+0000","sampleCount":1.0,"value":1036800.0}]}"#
    );
    assert_eq!(a["StateUpdatedTimestamp"], json!(1_772_442_060.0));
    assert!(sns_publishes(&w).is_empty(), "no OK actions");

    // The datapoint at ValidTo − 10 days is exactly 864000: ALARM one
    // minute later.
    let crossing = e.plus(2 * DAY);
    w.advance_to(crossing.plus(MINUTE - 1));
    assert_eq!(state(&mut w, "KeyMaterialExpiresSoon"), "OK");
    w.advance_to(crossing.plus(MINUTE));
    let a = alarm(&mut w, "KeyMaterialExpiresSoon");
    assert_eq!(a["StateValue"], "ALARM");
    assert_eq!(a["StateReason"], ALARM_REASON);
    assert_eq!(a["StateTransitionedTimestamp"], json!(1_772_614_860.0));

    let published = sns_publishes(&w);
    assert_eq!(published.len(), 1);
    let (topic, subject, message, structure) = &published[0];
    assert_eq!(topic, TOPIC);
    assert_eq!(
        subject.as_deref(),
        Some("ALARM: \"KeyMaterialExpiresSoon\" in US West (Oregon)")
    );
    assert_eq!(structure.as_deref(), Some("json"));
    let message: Value = serde_json::from_str(message).unwrap();
    let keys: Vec<&String> = message.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["default", "sms", "email"]);
    assert_eq!(message["sms"], "ALARM: \"KeyMaterialExpiresSoon\" in US West (Oregon)");
    assert_eq!(
        message["default"].as_str().unwrap(),
        concat!(
            r#"{"AlarmName":"KeyMaterialExpiresSoon","AlarmDescription":null,"AWSAccountId":"111122223333","#,
            r#""AlarmConfigurationUpdatedTimestamp":"2026-03-02T09:00:00.000+0000","NewStateValue":"ALARM","#,
            r#""NewStateReason":"Threshold Crossed: 1 out of the last 1 datapoints [864000.0 (04/03/26 09:00:00)] was less than or equal to the threshold (864000.0) (minimum 1 datapoint for OK -> ALARM transition).","#,
            r#""StateChangeTime":"2026-03-04T09:01:00.000+0000","Region":"US West (Oregon)","#,
            r#""AlarmArn":"arn:aws:cloudwatch:us-west-2:111122223333:alarm:KeyMaterialExpiresSoon","OldStateValue":"OK","#,
            r#""OKActions":[],"AlarmActions":["arn:aws:sns:us-west-2:111122223333:KMSAlert"],"InsufficientDataActions":[],"#,
            r#""Trigger":{"MetricName":"SecondsUntilKeyMaterialExpiration","Namespace":"AWS/KMS","StatisticType":"Statistic","#,
            r#""Statistic":"MINIMUM","Unit":null,"Dimensions":[{"value":"1234abcd-12ab-34cd-56ef-1234567890ab","name":"KeyId"}],"#,
            r#""Period":60,"EvaluationPeriods":1,"DatapointsToAlarm":1,"ComparisonOperator":"LessThanOrEqualToThreshold","#,
            r#""Threshold":864000.0,"TreatMissingData":"","EvaluateLowSampleCountPercentile":""}}"#
        )
    );
    let email = [
        "You are receiving this email because your Amazon CloudWatch Alarm \"KeyMaterialExpiresSoon\" in the US West (Oregon) region has entered the ALARM state, because \"",
        ALARM_REASON,
        "\" at \"Wednesday 04 March, 2026 09:01:00 UTC\".\n",
        "\n",
        "View this alarm in the AWS Management Console:\n",
        "https://us-west-2.console.aws.amazon.com/cloudwatch/deeplink.js?region=us-west-2#alarmsV2:alarm/KeyMaterialExpiresSoon\n",
        "\n",
        "Alarm Details:\n",
        "- Name:                       KeyMaterialExpiresSoon\n",
        "- Description:                \n",
        "- State Change:               OK -> ALARM\n",
        "- Reason for State Change:    ",
        ALARM_REASON,
        "\n",
        "- Timestamp:                  Wednesday 04 March, 2026 09:01:00 UTC\n",
        "- AWS Account:                111122223333\n",
        "- Alarm Arn:                  arn:aws:cloudwatch:us-west-2:111122223333:alarm:KeyMaterialExpiresSoon\n",
        "\n",
        "Threshold:\n",
        "- The alarm is in the ALARM state when the metric is LessThanOrEqualToThreshold 864000.0 for at least 1 of the last 1 period(s) of 60 seconds.\n",
        "\n",
        "Monitored Metric:\n",
        "- MetricNamespace:                     AWS/KMS\n",
        "- MetricName:                          SecondsUntilKeyMaterialExpiration\n",
        "- Dimensions:                          [KeyId = 1234abcd-12ab-34cd-56ef-1234567890ab]\n",
        "- Period:                              60 seconds\n",
        "- Statistic:                           Minimum\n",
        "- Unit:                                not specified\n",
        "\n",
        "\n",
        "\n",
        "State Change Actions:\n",
        "- OK: \n",
        "- ALARM: [arn:aws:sns:us-west-2:111122223333:KMSAlert]\n",
        "- INSUFFICIENT_DATA: \n",
    ]
    .concat();
    assert_eq!(message["email"].as_str().unwrap(), email);

    // Two state changes, two events; the second is the ALARM one.
    let events = bus_events(&w);
    assert_eq!(events.len(), 2);
    let ev = &events[1];
    assert_eq!(ev["detail-type"], "CloudWatch Alarm State Change");
    assert_eq!(ev["source"], "aws.cloudwatch");
    assert_eq!(ev["time"], "2026-03-04T09:01:00Z");
    assert_eq!(ev["resources"], json!([ARN]));
    let d = &ev["detail"];
    assert_eq!(d["alarmName"], "KeyMaterialExpiresSoon");
    assert_eq!(
        d["configuration"]["metrics"][0]["metricStat"],
        json!({"metric": {"dimensions": {"KeyId": KEY}, "name": "SecondsUntilKeyMaterialExpiration", "namespace": "AWS/KMS"},
               "period": 60, "stat": "Minimum"})
    );
    assert_eq!(d["configuration"]["metrics"][0]["returnData"], true);
    assert!(d["configuration"].get("description").is_none());
    assert_eq!(d["previousState"]["value"], "OK");
    assert_eq!(d["previousState"]["timestamp"], "2026-03-02T09:01:00.000+0000");
    assert_eq!(d["state"]["value"], "ALARM");
    assert_eq!(d["state"]["reason"], ALARM_REASON);
    assert_eq!(d["state"]["timestamp"], "2026-03-04T09:01:00.000+0000");
    let keys: Vec<&String> = d["state"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["reason", "reasonData", "timestamp", "value"]);

    // History: created, INSUFFICIENT_DATA → OK, OK → ALARM, the action.
    let h = history(&mut w, "KeyMaterialExpiresSoon");
    let summaries: Vec<&str> = h.iter().map(|i| i["HistorySummary"].as_str().unwrap()).collect();
    assert_eq!(
        summaries,
        [
            "Alarm \"KeyMaterialExpiresSoon\" created",
            "Alarm updated from INSUFFICIENT_DATA to OK",
            "Alarm updated from OK to ALARM",
            "Successfully executed action arn:aws:sns:us-west-2:111122223333:KMSAlert",
        ]
    );
    let action: Value = serde_json::from_str(h[3]["HistoryData"].as_str().unwrap()).unwrap();
    assert_eq!(action["actionState"], "Succeeded");
    assert_eq!(action["stateUpdateTimestamp"], 1_772_614_860_000_i64);
    assert_eq!(action["publishedMessage"].as_str(), Some(published[0].2.as_str()));

    // The countdown ends at ValidTo (value 0). The last datapoint stays in
    // the 3-period range for three more minutes, then the alarm has no data.
    let valid_to = e.plus(12 * DAY);
    w.advance_to(valid_to.plus(3 * MINUTE));
    assert_eq!(state(&mut w, "KeyMaterialExpiresSoon"), "ALARM");
    w.advance_to(valid_to.plus(4 * MINUTE));
    let a = alarm(&mut w, "KeyMaterialExpiresSoon");
    assert_eq!(a["StateValue"], "INSUFFICIENT_DATA");
    assert_eq!(a["StateReason"], "Insufficient Data: 1 datapoint was unknown.");
    assert_eq!(sns_publishes(&w).len(), 1, "no INSUFFICIENT_DATA actions");

    if evaluator == Evaluator::Fast {
        let n = cw(&w).evaluations();
        assert!(
            n < 30,
            "the fast evaluator skipped the quiet stretches ({n} evaluations)"
        );
    }
}

#[test]
fn expiry_alarm_goes_ok_then_alarm_at_the_exact_minutes() {
    scenario(Evaluator::Fast);
}

#[test]
fn the_reference_evaluator_agrees() {
    scenario(Evaluator::Reference);
}
