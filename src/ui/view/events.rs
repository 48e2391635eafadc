//! The event stream, the rules, and the sample events of the pattern tester.

use serde_json::{json, Value};

use crate::sim::events::{EventBridge, RuleMatch};
use crate::sim::world::Settings;

/// One event of the stream.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub id: String,
    pub time: String,
    pub detail_type: String,
    pub source: String,
    pub resources: Vec<String>,
    pub event: Value,
    pub matches: Vec<RuleMatch>,
}

/// The bus's events, newest first, optionally only of one detail-type, at
/// most `limit`.
pub fn event_rows(events: &EventBridge, detail_type: Option<&str>, limit: usize) -> Vec<EventRow> {
    events
        .bus_log()
        .rev()
        .filter(|(e, _)| detail_type.is_none_or(|dt| e["detail-type"] == dt))
        .take(limit)
        .map(|(e, matches)| EventRow {
            id: e["id"].as_str().unwrap_or_default().to_owned(),
            time: e["time"].as_str().unwrap_or_default().to_owned(),
            detail_type: e["detail-type"].as_str().unwrap_or_default().to_owned(),
            source: e["source"].as_str().unwrap_or_default().to_owned(),
            resources: e["resources"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| r.as_str().map(str::to_owned))
                .collect(),
            event: e.clone(),
            matches: matches.to_vec(),
        })
        .collect()
}

/// The detail-types present on the bus, sorted, for the filter.
pub fn detail_types(events: &EventBridge) -> Vec<String> {
    let mut types: Vec<String> = events
        .bus_events()
        .iter()
        .filter_map(|e| e["detail-type"].as_str().map(str::to_owned))
        .collect();
    types.sort();
    types.dedup();
    types
}

/// The seed's three KMS events (and an alarm state change), with this
/// account and Region, for the pattern tester.
pub fn sample_events(settings: &Settings) -> Vec<(&'static str, Value)> {
    let key_id = "1234abcd-12ab-34cd-56ef-1234567890ab";
    let key_arn = format!("arn:aws:kms:{}:{}:key/{key_id}", settings.region, settings.account_id);
    let envelope = |id: &str, detail_type: &str, detail: Value| {
        json!({
            "version": "0",
            "id": id,
            "detail-type": detail_type,
            "source": "aws.kms",
            "account": settings.account_id,
            "time": "2026-03-14T09:00:00Z",
            "region": settings.region,
            "resources": [key_arn],
            "detail": detail,
        })
    };
    vec![
        (
            "KMS CMK Rotation",
            envelope(
                "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
                "KMS CMK Rotation",
                json!({"key-id": key_id, "key-origin": "AWS_KMS", "rotation-type": "AUTOMATIC",
                       "previous-key-material-id": "1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef",
                       "current-key-material-id": "9608789048e98a4f0f0d3b9e1bd5a9a50cc3fdff8a6d5e6c2f2c8dd4e1b6c84c"}),
            ),
        ),
        (
            "KMS Imported Key Material Expiration",
            envelope(
                "9da9af57-9253-4406-87cb-7cc400e43465",
                "KMS Imported Key Material Expiration",
                json!({"key-id": key_id}),
            ),
        ),
        (
            "KMS CMK Deletion",
            envelope(
                "e9ce3425-7d22-412a-a699-e7a5fc3fbc9a",
                "KMS CMK Deletion",
                json!({"key-id": key_id}),
            ),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::sim::time::DAY;
    use crate::sim::{Settings, World};

    #[test]
    fn the_stream_is_newest_first_and_filters_by_detail_type() {
        let mut w = World::new(1, Settings::default());
        let id = w.call("kms", "CreateKey", &json!({})).unwrap()["KeyMetadata"]["KeyId"]
            .as_str()
            .unwrap()
            .to_owned();
        w.call("kms", "RotateKeyOnDemand", &json!({"KeyId": id})).unwrap();
        w.call(
            "kms",
            "ScheduleKeyDeletion",
            &json!({"KeyId": id, "PendingWindowInDays": 7}),
        )
        .unwrap();
        w.advance_by(7 * DAY);
        let rows = event_rows(&w.services().events, None, 10);
        assert_eq!(
            rows.iter().map(|r| r.detail_type.as_str()).collect::<Vec<_>>(),
            ["KMS CMK Deletion", "KMS CMK Rotation"]
        );
        assert_eq!(event_rows(&w.services().events, Some("KMS CMK Rotation"), 10).len(), 1);
        assert_eq!(
            detail_types(&w.services().events),
            ["KMS CMK Deletion", "KMS CMK Rotation"]
        );
    }

    #[test]
    fn samples_match_their_own_detail_type() {
        for (name, event) in sample_events(&Settings::default()) {
            let pattern = format!(r#"{{"source":["aws.kms"],"detail-type":["{name}"]}}"#);
            assert!(
                crate::sim::events::pattern::explain(&pattern, &event).unwrap().matched,
                "{name}"
            );
        }
    }
}
