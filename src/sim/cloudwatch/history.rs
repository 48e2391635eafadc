//! Alarm history: configuration updates, state updates and actions, kept
//! two weeks (AWS) and kept after the alarm is deleted.
//!
//! Items are stored per alarm name in time order; a sequence number orders
//! items of the same millisecond (a state update before the actions it
//! ran). Each alarm keeps at most [`CAP_PER_ALARM`] items (the oldest go
//! first) so that a flapping alarm cannot grow memory without bound.

use std::collections::{BTreeMap, VecDeque};

use serde_json::{json, Value};

use crate::sim::time::{epoch_json, SimTime, DAY};

/// How long history items are kept.
pub const RETENTION_MS: i64 = 14 * DAY;
/// The most items kept per alarm name.
pub const CAP_PER_ALARM: usize = 10_000;

/// The kinds of history item the playground writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HistoryItemType {
    ConfigurationUpdate,
    StateUpdate,
    Action,
}

impl HistoryItemType {
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryItemType::ConfigurationUpdate => "ConfigurationUpdate",
            HistoryItemType::StateUpdate => "StateUpdate",
            HistoryItemType::Action => "Action",
        }
    }
}

/// One history item.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryItem {
    pub alarm_name: String,
    pub timestamp: SimTime,
    pub item_type: HistoryItemType,
    pub summary: String,
    /// The `HistoryData` JSON text.
    pub data: String,
    pub(crate) seq: u64,
}

impl HistoryItem {
    /// DescribeAlarmHistory's `AlarmHistoryItem`.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "AlarmName": self.alarm_name,
            "AlarmType": "MetricAlarm",
            "Timestamp": epoch_json(self.timestamp),
            "HistoryItemType": self.item_type.as_str(),
            "HistorySummary": self.summary,
            "HistoryData": self.data,
        })
    }

    /// The position of the item in time order.
    pub(crate) fn position(&self) -> (SimTime, u64) {
        (self.timestamp, self.seq)
    }
}

/// Every alarm's history.
#[derive(Clone, Debug, Default)]
pub(crate) struct History {
    by_alarm: BTreeMap<String, VecDeque<HistoryItem>>,
    seq: u64,
}

impl History {
    pub(crate) fn push(&mut self, alarm: &str, at: SimTime, item_type: HistoryItemType, summary: String, data: String) {
        self.seq += 1;
        let items = self.by_alarm.entry(alarm.to_owned()).or_default();
        if items.len() >= CAP_PER_ALARM {
            items.pop_front();
        }
        items.push_back(HistoryItem {
            alarm_name: alarm.to_owned(),
            timestamp: at,
            item_type,
            summary,
            data,
            seq: self.seq,
        });
    }

    /// One alarm's items, oldest first (including those past retention
    /// that the daily prune has not removed yet).
    pub(crate) fn of(&self, alarm: &str) -> impl DoubleEndedIterator<Item = &HistoryItem> {
        self.by_alarm.get(alarm).into_iter().flatten()
    }

    /// The items visible at `now` for `alarm` (all alarms if `None`), in
    /// time order.
    pub(crate) fn visible(&self, alarm: Option<&str>, now: SimTime) -> Vec<&HistoryItem> {
        let oldest = now.plus(-RETENTION_MS);
        let mut items: Vec<&HistoryItem> = match alarm {
            Some(name) => self.of(name).filter(|i| i.timestamp >= oldest).collect(),
            None => self
                .by_alarm
                .values()
                .flatten()
                .filter(|i| i.timestamp >= oldest)
                .collect(),
        };
        if alarm.is_none() {
            items.sort_by_key(|i| i.position());
        }
        items
    }

    pub(crate) fn prune(&mut self, now: SimTime) {
        let oldest = now.plus(-RETENTION_MS);
        self.by_alarm.retain(|_, items| {
            while items.front().is_some_and(|i| i.timestamp < oldest) {
                items.pop_front();
            }
            !items.is_empty()
        });
    }

    /// Items stored, for tests of boundedness.
    pub(crate) fn len(&self) -> usize {
        self.by_alarm.values().map(VecDeque::len).sum()
    }
}
