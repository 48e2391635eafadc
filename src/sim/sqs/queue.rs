//! One queue and its messages on simulated time.
//!
//! A message is `Visible` (receivable), `Delayed` (sent with a delay that
//! has not passed) or `InFlight` (received, its visibility timeout running).
//! Visible messages are kept in send order, hidden ones by the instant they
//! become visible, so receiving, the approximate counts and making messages
//! visible again all cost O(log n) per message touched, never a scan.
//! [`Queue::settle`] applies everything due at an instant (visibility
//! timeouts, delays, retention); it is idempotent, so the service calls it
//! both from its deadlines and before every request on the queue.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use md5::{Digest, Md5};

use crate::sim::rng::hex;
use crate::sim::time::{SimTime, SECOND};

/// Where a message is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageState {
    /// ReceiveMessage can return it.
    Visible,
    /// Sent with a delay that has not passed yet.
    Delayed,
    /// Received; hidden until its visibility timeout ends.
    InFlight,
}

/// A message attribute as sent: name, `DataType`, and the string value or
/// the binary value's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageAttribute {
    pub name: String,
    pub data_type: String,
    pub value: AttributeValue,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttributeValue {
    String(String),
    Binary(Vec<u8>),
}

/// One message in a queue.
#[derive(Clone, Debug)]
pub struct Message {
    pub message_id: String,
    pub body: String,
    pub attributes: Vec<MessageAttribute>,
    pub md5_of_attributes: Option<String>,
    pub sender_id: String,
    pub sent_at: SimTime,
    /// When the message is (or became) visible.
    pub visible_at: SimTime,
    pub receive_count: u64,
    pub first_receive: Option<SimTime>,
    pub state: MessageState,
    /// FIFO queues only.
    pub group_id: Option<String>,
    pub deduplication_id: Option<String>,
    pub sequence_number: Option<String>,
    /// The random part of the latest receipt handle (only the latest one
    /// deletes the message).
    pub(super) receipt: Option<Vec<u8>>,
}

impl Message {
    /// MD5 of the body, lower-case hex. Computed when asked for: most
    /// messages delivered by other services are never received, and the
    /// digest cost more than the rest of a delivery.
    pub fn md5_of_body(&self) -> String {
        hex(&Md5::digest(self.body.as_bytes()))
    }
}

/// A queue's settings, from CreateQueue's attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueSettings {
    pub visibility_timeout_s: i64,
    pub retention_s: i64,
    pub delay_s: i64,
    pub max_message_size: i64,
    pub receive_wait_s: i64,
    pub fifo: bool,
    pub content_based_deduplication: bool,
    /// Attributes stored and reported without behaviour (Policy, KMS, ...).
    pub other: BTreeMap<String, String>,
}

impl Default for QueueSettings {
    fn default() -> Self {
        QueueSettings {
            visibility_timeout_s: 30,
            retention_s: 345_600,
            delay_s: 0,
            max_message_size: 1_048_576,
            receive_wait_s: 0,
            fifo: false,
            content_based_deduplication: false,
            other: BTreeMap::new(),
        }
    }
}

/// A queue.
#[derive(Clone, Debug)]
pub struct Queue {
    pub name: String,
    pub url: String,
    pub arn: String,
    pub created: SimTime,
    pub settings: QueueSettings,
    pub tags: BTreeMap<String, String>,
    /// The attributes CreateQueue was given, for its idempotency check.
    pub(super) given: BTreeMap<String, String>,
    /// Distinguishes this queue from an earlier one of the same name in
    /// receipt handles.
    pub(super) uid: u64,
    pub(super) messages: BTreeMap<u64, Message>,
    visible: BTreeSet<u64>,
    hidden: BTreeSet<(SimTime, u64)>,
    delayed: usize,
    next_seq: u64,
    /// The retention deadline scheduled for this queue, if any.
    pub(super) retention_wake: Option<SimTime>,
    pub(super) last_purge: Option<SimTime>,
    /// FIFO: in-flight messages per message group.
    group_in_flight: BTreeMap<String, usize>,
    /// FIFO: `(sent at, deduplication id, message id, sequence number)`
    /// within the five-minute deduplication interval.
    pub(super) dedup: VecDeque<(SimTime, String, String, String)>,
    pub(super) fifo_sequence: u64,
}

impl Queue {
    /// An empty queue; `settings`, `given` and `tags` are set by CreateQueue.
    pub(super) fn new(name: String, url: String, arn: String, created: SimTime, uid: u64) -> Queue {
        Queue {
            name,
            url,
            arn,
            created,
            settings: QueueSettings::default(),
            tags: BTreeMap::new(),
            given: BTreeMap::new(),
            uid,
            messages: BTreeMap::new(),
            visible: BTreeSet::new(),
            hidden: BTreeSet::new(),
            delayed: 0,
            next_seq: 0,
            retention_wake: None,
            last_purge: None,
            group_in_flight: BTreeMap::new(),
            dedup: VecDeque::new(),
            fifo_sequence: 0,
        }
    }

    /// The messages, oldest first, as they are now. Looking changes nothing.
    pub fn messages(&self) -> impl Iterator<Item = &Message> {
        self.messages.values()
    }

    /// `ApproximateNumberOfMessages`: visible messages.
    pub fn visible_count(&self) -> usize {
        self.visible.len()
    }

    /// `ApproximateNumberOfMessagesNotVisible`: messages in flight.
    pub fn in_flight_count(&self) -> usize {
        self.hidden.len() - self.delayed
    }

    /// `ApproximateNumberOfMessagesDelayed`.
    pub fn delayed_count(&self) -> usize {
        self.delayed
    }

    /// Adds a message sent at `now`; returns its sequence in the queue.
    pub(super) fn push(&mut self, mut message: Message, delay_s: i64, now: SimTime) -> u64 {
        self.next_seq += 1;
        let seq = self.next_seq;
        message.sent_at = now;
        if delay_s > 0 {
            message.visible_at = now.plus(delay_s * SECOND);
            message.state = MessageState::Delayed;
            self.hidden.insert((message.visible_at, seq));
            self.delayed += 1;
        } else {
            message.visible_at = now;
            message.state = MessageState::Visible;
            self.visible.insert(seq);
        }
        self.messages.insert(seq, message);
        seq
    }

    /// Makes due messages visible and drops those past the retention period.
    pub(super) fn settle(&mut self, now: SimTime) {
        while let Some(&(at, seq)) = self.hidden.first() {
            if at > now {
                break;
            }
            self.hidden.pop_first();
            if let Some(m) = self.messages.get_mut(&seq) {
                match m.state {
                    MessageState::Delayed => self.delayed -= 1,
                    MessageState::InFlight => {
                        if let Some(g) = &m.group_id {
                            release_group(&mut self.group_in_flight, g);
                        }
                    }
                    MessageState::Visible => {}
                }
                m.state = MessageState::Visible;
                self.visible.insert(seq);
            }
        }
        let retention = self.settings.retention_s * SECOND;
        while let Some((&seq, m)) = self.messages.first_key_value() {
            if now.since(m.sent_at) < retention {
                break;
            }
            self.remove(seq);
        }
    }

    /// When the oldest message's retention ends, if there is one.
    pub(super) fn next_expiry(&self) -> Option<SimTime> {
        self.messages
            .first_key_value()
            .map(|(_, m)| m.sent_at.plus(self.settings.retention_s * SECOND))
    }

    /// Receives up to `max` visible messages, oldest first (FIFO: not from a
    /// group that has a message in flight), hiding them for `vt_s` seconds.
    /// `handle` makes the random part of each new receipt handle.
    pub(super) fn receive(
        &mut self,
        max: usize,
        vt_s: i64,
        now: SimTime,
        mut handle: impl FnMut() -> Vec<u8>,
    ) -> Vec<u64> {
        let mut taken = Vec::new();
        let mut blocked: BTreeSet<String> = BTreeSet::new();
        let mut taken_groups: BTreeSet<String> = BTreeSet::new();
        for &seq in &self.visible {
            if taken.len() >= max {
                break;
            }
            if let Some(g) = self.messages.get(&seq).and_then(|m| m.group_id.as_ref()) {
                if blocked.contains(g) {
                    continue;
                }
                if self.group_in_flight.contains_key(g) && !taken_groups.contains(g) {
                    blocked.insert(g.clone());
                    continue;
                }
                taken_groups.insert(g.clone());
            }
            taken.push(seq);
        }
        for &seq in &taken {
            let Some(m) = self.messages.get_mut(&seq) else {
                continue;
            };
            m.receive_count += 1;
            m.first_receive.get_or_insert(now);
            m.receipt = Some(handle());
            if vt_s > 0 {
                self.visible.remove(&seq);
                m.state = MessageState::InFlight;
                m.visible_at = now.plus(vt_s * SECOND);
                self.hidden.insert((m.visible_at, seq));
                if let Some(g) = &m.group_id {
                    *self.group_in_flight.entry(g.clone()).or_default() += 1;
                }
            }
        }
        taken
    }

    /// Sets an in-flight message's remaining visibility timeout.
    pub(super) fn change_visibility(&mut self, seq: u64, vt_s: i64, now: SimTime) {
        let Some(m) = self.messages.get_mut(&seq) else {
            return;
        };
        if m.state != MessageState::InFlight {
            return;
        }
        self.hidden.remove(&(m.visible_at, seq));
        m.visible_at = now.plus(vt_s * SECOND);
        if vt_s == 0 {
            m.state = MessageState::Visible;
            self.visible.insert(seq);
            if let Some(g) = &m.group_id {
                release_group(&mut self.group_in_flight, g);
            }
        } else {
            self.hidden.insert((m.visible_at, seq));
        }
    }

    /// Deletes a message.
    pub(super) fn remove(&mut self, seq: u64) -> Option<Message> {
        let m = self.messages.remove(&seq)?;
        match m.state {
            MessageState::Visible => {
                self.visible.remove(&seq);
            }
            MessageState::Delayed => {
                self.hidden.remove(&(m.visible_at, seq));
                self.delayed -= 1;
            }
            MessageState::InFlight => {
                self.hidden.remove(&(m.visible_at, seq));
                if let Some(g) = &m.group_id {
                    release_group(&mut self.group_in_flight, g);
                }
            }
        }
        Some(m)
    }

    /// Deletes every message (PurgeQueue).
    pub(super) fn purge(&mut self) {
        self.messages.clear();
        self.visible.clear();
        self.hidden.clear();
        self.delayed = 0;
        self.group_in_flight.clear();
    }
}

fn release_group(groups: &mut BTreeMap<String, usize>, g: &str) {
    if let Some(n) = groups.get_mut(g) {
        *n -= 1;
        if *n == 0 {
            groups.remove(g);
        }
    }
}
