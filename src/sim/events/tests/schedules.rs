//! Scheduled rules firing on simulated time.

use serde_json::{json, Value};

use super::{call, world};
use crate::sim::events::schedule::Schedule;
use crate::sim::time::{SimTime, DAY, HOUR};
use crate::sim::World;

fn firings(w: &World, rule: &str) -> Vec<String> {
    let arn = format!("arn:aws:events:us-west-2:111122223333:rule/{rule}");
    w.services()
        .events
        .bus_events()
        .iter()
        .filter(|e| e["source"] == "aws.events" && e["resources"][0] == Value::String(arn.clone()))
        .map(|e| e["time"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn rate_fires_every_period_and_delivers_the_scheduled_event() {
    let mut w = world();
    call(
        &mut w,
        "PutRule",
        json!({"Name": "five", "ScheduleExpression": "rate(5 minutes)"}),
    );
    call(
        &mut w,
        "PutTargets",
        json!({"Rule": "five", "Targets": [{"Id": "q", "Arn": "arn:aws:sqs:us-west-2:111122223333:q"}]}),
    );
    assert_eq!(
        w.services().events.rule("five").unwrap().next_firing,
        SimTime::parse("2026-03-02T09:05:00Z")
    );
    w.advance_by(DAY);
    let times = firings(&w, "five");
    assert_eq!(times.len(), 288);
    assert_eq!(
        &times[..3],
        ["2026-03-02T09:05:00Z", "2026-03-02T09:10:00Z", "2026-03-02T09:15:00Z"]
    );
    assert_eq!(times.last().unwrap(), "2026-03-03T09:00:00Z");
    let first = &w.services().events.bus_events()[0];
    let body = w.routed.iter().find_map(|e| match e {
        crate::sim::ctx::Effect::SqsSend { body, .. } => Some(body.clone()),
        _ => None,
    });
    assert_eq!(body.as_deref(), Some(first.to_string().as_str()));
    assert_eq!(
        first,
        &json!({"version": "0", "id": first["id"], "detail-type": "Scheduled Event", "source": "aws.events",
                "account": "111122223333", "time": "2026-03-02T09:05:00Z", "region": "us-west-2",
                "resources": ["arn:aws:events:us-west-2:111122223333:rule/five"], "detail": {}})
    );
    // A scheduled event is for its own rule only.
    assert_eq!(
        w.services()
            .events
            .event_outcome(first["id"].as_str().unwrap())
            .unwrap()
            .1
            .len(),
        1
    );
}

#[test]
fn cron_fires_at_the_right_minutes_over_a_week() {
    let mut w = world();
    call(
        &mut w,
        "PutRule",
        json!({"Name": "noon", "ScheduleExpression": "cron(0 12 * * ? *)"}),
    );
    call(
        &mut w,
        "PutRule",
        json!({"Name": "office", "ScheduleExpression": "cron(0/15 9-10 ? * MON-FRI *)"}),
    );
    call(
        &mut w,
        "PutRule",
        json!({"Name": "sunday", "ScheduleExpression": "cron(30 6 ? * SUN *)"}),
    );
    w.advance_by(7 * DAY);
    let noon = firings(&w, "noon");
    assert_eq!(noon.len(), 7);
    assert_eq!(noon[0], "2026-03-02T12:00:00Z");
    assert_eq!(noon[6], "2026-03-08T12:00:00Z");
    let office = firings(&w, "office");
    // Monday from 09:15, Tuesday to Friday 8 each, and Monday 9 March at
    // 09:00, the instant the week ends (deadlines due at the target run).
    assert_eq!(office.len(), 7 + 4 * 8 + 1);
    assert_eq!(&office[..2], ["2026-03-02T09:15:00Z", "2026-03-02T09:30:00Z"]);
    assert_eq!(office[38], "2026-03-06T10:45:00Z");
    assert_eq!(office[39], "2026-03-09T09:00:00Z");
    assert_eq!(firings(&w, "sunday"), ["2026-03-08T06:30:00Z"]);
}

#[test]
fn disabled_and_replaced_rules_leave_no_stale_firings() {
    let mut w = world();
    call(
        &mut w,
        "PutRule",
        json!({"Name": "h", "ScheduleExpression": "rate(1 hour)"}),
    );
    w.advance_by(2 * HOUR);
    call(&mut w, "DisableRule", json!({"Name": "h"}));
    w.advance_by(3 * HOUR);
    assert_eq!(firings(&w, "h"), ["2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z"]);
    // Re-enabling restarts the rate from now (14:00).
    call(&mut w, "EnableRule", json!({"Name": "h"}));
    w.advance_by(2 * HOUR);
    assert_eq!(firings(&w, "h")[2..], ["2026-03-02T15:00:00Z", "2026-03-02T16:00:00Z"]);
    // Replacing the schedule drops the old timer.
    call(
        &mut w,
        "PutRule",
        json!({"Name": "h", "ScheduleExpression": "rate(2 hours)"}),
    );
    w.advance_by(4 * HOUR);
    assert_eq!(firings(&w, "h")[4..], ["2026-03-02T18:00:00Z", "2026-03-02T20:00:00Z"]);
    // A disabled rule created with a schedule never fires; deleting stops one.
    call(
        &mut w,
        "PutRule",
        json!({"Name": "off", "ScheduleExpression": "rate(1 minute)", "State": "DISABLED"}),
    );
    call(&mut w, "DeleteRule", json!({"Name": "h"}));
    w.advance_by(DAY);
    assert!(firings(&w, "off").is_empty());
    assert_eq!(firings(&w, "h").len(), 6);
}

fn next(expr: &str, after: &str) -> Option<String> {
    let s = Schedule::parse(expr).unwrap_or_else(|| panic!("{expr} should parse"));
    let t = SimTime::parse(after).unwrap();
    s.next_after(t, t).map(|t| t.iso_seconds())
}

#[test]
fn cron_special_characters() {
    let cases = [
        ("cron(0 0 L * ? *)", "2026-02-10T00:00:00Z", "2026-02-28T00:00:00Z"),
        ("cron(0 0 L-2 * ? *)", "2026-02-10T00:00:00Z", "2026-02-26T00:00:00Z"),
        ("cron(0 0 ? * 6#3 *)", "2026-03-01T00:00:00Z", "2026-03-20T00:00:00Z"),
        ("cron(0 0 ? * FRI#3 *)", "2026-03-21T00:00:00Z", "2026-04-17T00:00:00Z"),
        ("cron(0 0 15W * ? *)", "2026-08-01T00:00:00Z", "2026-08-14T00:00:00Z"),
        ("cron(0 0 1W * ? *)", "2026-08-01T00:00:00Z", "2026-08-03T00:00:00Z"),
        ("cron(0 0 LW * ? *)", "2026-05-01T00:00:00Z", "2026-05-29T00:00:00Z"),
        ("cron(0 8 ? * 2L *)", "2026-03-01T00:00:00Z", "2026-03-30T08:00:00Z"),
        ("cron(0 8 ? * L *)", "2026-03-02T09:00:00Z", "2026-03-07T08:00:00Z"),
        (
            "cron(5,35 */6 * JAN-MAR ? 2027)",
            "2026-03-02T09:00:00Z",
            "2027-01-01T00:05:00Z",
        ),
        ("cron(0 0 29 2 ? *)", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        (
            "cron(0 22 ? * FRI-MON *)",
            "2026-03-03T00:00:00Z",
            "2026-03-06T22:00:00Z",
        ),
        ("cron(15 10 * * ? *)", "2026-03-02T10:15:00Z", "2026-03-03T10:15:00Z"),
    ];
    for (expr, after, expected) in cases {
        assert_eq!(next(expr, after).as_deref(), Some(expected), "{expr} after {after}");
    }
    assert_eq!(next("cron(0 0 30 2 ? *)", "2026-03-01T00:00:00Z"), None);
    assert_eq!(next("cron(0 0 1 1 ? 2000)", "2026-03-01T00:00:00Z"), None);
    for bad in [
        "cron(0 0 * * * *)",
        "cron(0 0 ? * ? *)",
        "cron(0 24 * * ? *)",
        "cron(0 0 32 * ? *)",
        "cron(0 0 ? * 8 *)",
        "cron(0 0 * 13 ? *)",
        "cron(*/0 * * * ? *)",
        "cron(0 0 * * ? 1969)",
        "rate(1.5 hours)",
        "rate( 1 hour)",
    ] {
        assert!(Schedule::parse(bad).is_none(), "{bad}");
    }
}
