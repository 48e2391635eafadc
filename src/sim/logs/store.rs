//! Log groups, streams and events as the service keeps them, and the event
//! keys that order them and make pagination tokens and event ids.

use std::collections::{BTreeMap, VecDeque};

use super::filters::MetricFilter;
use crate::sim::time::SimTime;

/// The most events kept per log stream; past it the oldest (by timestamp)
/// go first. CloudWatch Logs keeps everything until the retention period
/// ends; the cap keeps the model's memory bounded when a trail delivers
/// every API call of a long simulated run.
pub const MAX_EVENTS_PER_STREAM: usize = 10_000;

/// The most streams a service may keep writing new ones into in one log
/// group (Lambda opens a stream per execution environment, so a scheduled
/// rule invoking a function every 15 minutes would open 35,040 a simulated
/// year). Past it the stream written to least recently goes, as the per-
/// stream cap drops old events. Streams a learner creates are not capped
/// (each is one request).
pub const MAX_SERVICE_STREAMS_PER_GROUP: usize = 1_000;

/// Where an event sits in time order: its timestamp, then its ingestion
/// sequence number (unique in the account). Rendered as 56 digits, the
/// length of AWS's event ids and tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct EventKey {
    pub timestamp: u128,
    pub seq: u128,
}

impl EventKey {
    pub(crate) const MIN: EventKey = EventKey { timestamp: 0, seq: 0 };
    pub(crate) const MAX: EventKey = EventKey {
        timestamp: 99_999_999_999_999_999_999,
        seq: 999_999_999_999_999_999_999_999_999_999_999_999,
    };

    pub(crate) fn digits(self) -> String {
        format!("{:020}{:036}", self.timestamp, self.seq)
    }

    pub(crate) fn parse(digits: &str) -> Option<EventKey> {
        if digits.len() != 56 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(EventKey {
            timestamp: digits[..20].parse().ok()?,
            seq: digits[20..].parse().ok()?,
        })
    }
}

/// One stored log event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEvent {
    /// When the event happened (the writer's timestamp).
    pub timestamp: SimTime,
    /// When CloudWatch Logs received it.
    pub ingestion_time: SimTime,
    pub message: String,
    /// Ingestion order in the account (ties between equal timestamps).
    seq: u64,
}

impl LogEvent {
    pub(crate) fn new(timestamp: SimTime, ingestion_time: SimTime, message: String, seq: u64) -> LogEvent {
        LogEvent {
            timestamp,
            ingestion_time,
            message,
            seq,
        }
    }

    pub(crate) fn key(&self) -> EventKey {
        EventKey {
            timestamp: self.timestamp.millis().max(0) as u128,
            seq: self.seq as u128,
        }
    }

    /// The event's id, as `FilterLogEvents` returns it (56 digits).
    pub fn event_id(&self) -> String {
        self.key().digits()
    }

    /// The bytes CloudWatch Logs counts for an event: its UTF-8 message
    /// plus 26 bytes of overhead.
    pub(crate) fn size(message: &str) -> usize {
        message.len() + 26
    }
}

/// One log stream: its events in timestamp order.
#[derive(Clone, Debug)]
pub struct LogStream {
    pub(crate) name: String,
    pub(crate) creation_time: SimTime,
    pub(crate) events: VecDeque<LogEvent>,
    pub(crate) last_ingestion_time: Option<SimTime>,
    pub(crate) upload_sequence: u64,
}

impl LogStream {
    pub(crate) fn new(name: &str, now: SimTime) -> LogStream {
        LogStream {
            name: name.to_owned(),
            creation_time: now,
            events: VecDeque::new(),
            last_ingestion_time: None,
            upload_sequence: 0,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn creation_time(&self) -> SimTime {
        self.creation_time
    }

    /// The stream's events, oldest timestamp first.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &LogEvent> + ExactSizeIterator {
        self.events.iter()
    }

    pub fn first_event_timestamp(&self) -> Option<SimTime> {
        self.events.front().map(|e| e.timestamp)
    }

    pub fn last_event_timestamp(&self) -> Option<SimTime> {
        self.events.back().map(|e| e.timestamp)
    }

    pub fn last_ingestion_time(&self) -> Option<SimTime> {
        self.last_ingestion_time
    }

    /// Index of the first event whose key is greater than `key`.
    pub(crate) fn after(&self, key: EventKey) -> usize {
        self.events.partition_point(|e| e.key() <= key)
    }

    /// Index of the first event whose key is not less than `key`.
    pub(crate) fn before(&self, key: EventKey) -> usize {
        self.events.partition_point(|e| e.key() < key)
    }

    /// Index of the first event at or after `t`.
    pub(crate) fn at_or_after(&self, t: SimTime) -> usize {
        self.events.partition_point(|e| e.timestamp < t)
    }
}

/// One log group.
#[derive(Clone, Debug)]
pub struct LogGroup {
    pub(crate) name: String,
    pub(crate) creation_time: SimTime,
    pub(crate) retention_days: Option<i64>,
    pub(crate) kms_key_id: Option<String>,
    pub(crate) class: String,
    pub(crate) deletion_protection: bool,
    pub(crate) tags: BTreeMap<String, String>,
    pub(crate) streams: BTreeMap<String, LogStream>,
    pub(crate) filters: BTreeMap<String, MetricFilter>,
    pub(crate) stored_bytes: i64,
}

impl LogGroup {
    pub(crate) fn new(name: &str, now: SimTime) -> LogGroup {
        LogGroup {
            name: name.to_owned(),
            creation_time: now,
            retention_days: None,
            kms_key_id: None,
            class: "STANDARD".to_owned(),
            deletion_protection: false,
            tags: BTreeMap::new(),
            streams: BTreeMap::new(),
            filters: BTreeMap::new(),
            stored_bytes: 0,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn creation_time(&self) -> SimTime {
        self.creation_time
    }

    /// `None`: events never expire.
    pub fn retention_days(&self) -> Option<i64> {
        self.retention_days
    }

    pub fn class(&self) -> &str {
        &self.class
    }

    pub fn kms_key_id(&self) -> Option<&str> {
        self.kms_key_id.as_deref()
    }

    pub fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    /// The UTF-8 bytes of the messages the group holds.
    pub fn stored_bytes(&self) -> i64 {
        self.stored_bytes
    }

    /// Streams by name.
    pub fn streams(&self) -> impl Iterator<Item = &LogStream> {
        self.streams.values()
    }

    pub fn stream(&self, name: &str) -> Option<&LogStream> {
        self.streams.get(name)
    }

    /// Metric filters by name.
    pub fn metric_filters(&self) -> impl Iterator<Item = &MetricFilter> {
        self.filters.values()
    }

    pub fn metric_filter(&self, name: &str) -> Option<&MetricFilter> {
        self.filters.get(name)
    }

    /// Stores an event in a stream (which must exist), in timestamp order,
    /// dropping the stream's oldest events past the cap.
    pub(crate) fn insert(&mut self, stream: &str, event: LogEvent) {
        let Some(s) = self.streams.get_mut(stream) else {
            return;
        };
        self.stored_bytes += event.message.len() as i64;
        s.last_ingestion_time = Some(event.ingestion_time);
        let at = s.events.partition_point(|e| e.timestamp <= event.timestamp);
        s.events.insert(at, event);
        while s.events.len() > MAX_EVENTS_PER_STREAM {
            if let Some(old) = s.events.pop_front() {
                self.stored_bytes -= old.message.len() as i64;
            }
        }
    }

    /// Removes the stream written to least recently (creation time for one
    /// never written to), to make room for a service's new stream.
    pub(crate) fn evict_least_recent_stream(&mut self) {
        let oldest = self
            .streams
            .values()
            .min_by_key(|s| (s.last_ingestion_time.unwrap_or(s.creation_time), s.creation_time))
            .map(|s| s.name.clone());
        if let Some(stream) = oldest.and_then(|name| self.streams.remove(&name)) {
            self.stored_bytes -= stream.events.iter().map(|e| e.message.len() as i64).sum::<i64>();
        }
    }

    /// Drops events older than `cutoff` from every stream.
    pub(crate) fn expire_before(&mut self, cutoff: SimTime) {
        for s in self.streams.values_mut() {
            while s.events.front().is_some_and(|e| e.timestamp < cutoff) {
                if let Some(old) = s.events.pop_front() {
                    self.stored_bytes -= old.message.len() as i64;
                }
            }
        }
    }
}
