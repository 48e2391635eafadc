//! CloudTrail event history as rows, with the console's filters.

use crate::sim::cloudtrail::{CloudTrail, Record};
use crate::sim::SimTime;

/// The filters of the event history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrailFilter {
    /// Exact event name, if any.
    pub event_name: Option<String>,
    /// A substring of a resource's ARN (a key ID, say).
    pub resource: String,
    pub errors_only: bool,
}

/// One record as a row.
#[derive(Clone, Debug, PartialEq)]
pub struct TrailRow {
    pub index: usize,
    pub time: SimTime,
    pub event_name: String,
    pub event_source: String,
    pub user: String,
    pub resource: Option<String>,
    pub error_code: Option<String>,
}

impl TrailFilter {
    pub fn accepts(&self, r: &Record) -> bool {
        self.event_name.as_ref().is_none_or(|n| &r.event_name == n)
            && (self.resource.is_empty() || r.resources.iter().any(|(_, arn)| arn.contains(self.resource.trim())))
            && (!self.errors_only || r.error_code.is_some())
    }
}

/// The newest `limit` records the filter accepts, newest first. `index` is
/// the record's position in the history, oldest first.
pub fn trail_rows(trail: &CloudTrail, filter: &TrailFilter, limit: usize) -> Vec<TrailRow> {
    trail
        .history()
        .enumerate()
        .rev()
        .filter(|(_, r)| filter.accepts(r))
        .take(limit)
        .map(|(index, r)| TrailRow {
            index,
            time: r.event_time,
            event_name: r.event_name.clone(),
            event_source: r.service.event_source(),
            user: r.username().unwrap_or("AWS Internal").to_owned(),
            resource: r.resources.first().map(|(_, arn)| arn.clone()),
            error_code: r.error_code.clone(),
        })
        .collect()
}

/// The event names present in the history, sorted, for the filter.
pub fn event_names(trail: &CloudTrail) -> Vec<String> {
    let mut names: Vec<String> = trail.history().map(|r| r.event_name.clone()).collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::sim::{Settings, World};

    #[test]
    fn filters_by_name_resource_and_errors() {
        let mut w = World::new(1, Settings::default());
        let id = w.call("kms", "CreateKey", &json!({})).unwrap()["KeyMetadata"]["KeyId"]
            .as_str()
            .unwrap()
            .to_owned();
        w.call("kms", "ScheduleKeyDeletion", &json!({"KeyId": id})).unwrap();
        let _ = w.call("kms", "Encrypt", &json!({"KeyId": id, "Plaintext": "AA=="}));
        let trail = &w.services().cloudtrail;
        assert_eq!(trail_rows(trail, &TrailFilter::default(), 10).len(), 3);
        let errors = trail_rows(
            trail,
            &TrailFilter {
                errors_only: true,
                ..Default::default()
            },
            10,
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].error_code.as_deref(), Some("KMSInvalidStateException"));
        assert_eq!(errors[0].user, "Alice");
        let named = TrailFilter {
            event_name: Some("CreateKey".into()),
            resource: id[..8].to_owned(),
            errors_only: false,
        };
        assert_eq!(trail_rows(trail, &named, 10).len(), 1);
        assert_eq!(event_names(trail), ["CreateKey", "Encrypt", "ScheduleKeyDeletion"]);
    }
}
