//! The deadline queue: everything time-driven in the model is a deadline
//! processed in time order, so a jump of a year costs O(deadlines).
//!
//! Order at the same instant: first by [`Phase`] (the order of the enum),
//! then by the order in which the deadlines were scheduled. So at one instant
//! KMS timers (material expiry, then deletion, then rotation) run before SQS
//! visibility timeouts, before scheduled EventBridge rules, before alarm
//! evaluations, before housekeeping; an alarm evaluated at 12:00 therefore
//! sees the key state KMS left at 12:00.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::sim::time::SimTime;

/// The classes of deadlines, in their order at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// KMS: imported key material reaching its `ValidTo`.
    KmsMaterialExpiry,
    /// KMS: the end of a key's deletion waiting period.
    KmsDeletion,
    /// KMS: automatic rotation.
    KmsRotation,
    /// SQS: messages becoming visible again.
    Sqs,
    /// EventBridge: scheduled rules (`rate(...)`, `cron(...)`).
    EventsSchedule,
    /// CloudWatch: alarm evaluations.
    Alarms,
    /// Retention pruning of metrics, logs, history and trail records.
    Housekeeping,
}

/// One scheduled deadline with its payload `T`.
#[derive(Clone, Debug)]
struct Entry<T> {
    at: SimTime,
    phase: Phase,
    seq: u64,
    payload: T,
}

impl<T> PartialEq for Entry<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}
impl<T> Eq for Entry<T> {}
impl<T> PartialOrd for Entry<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Entry<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}
impl<T> Entry<T> {
    fn key(&self) -> (SimTime, Phase, u64) {
        (self.at, self.phase, self.seq)
    }
}

/// A min-queue of deadlines. Deadlines are never removed early: a payload
/// that became stale (a cancelled deletion, a rescheduled evaluation) is
/// recognised and ignored by its handler, which keeps scheduling O(log n).
#[derive(Clone, Debug)]
pub struct Scheduler<T> {
    heap: BinaryHeap<Reverse<Entry<T>>>,
    seq: u64,
}

impl<T> Default for Scheduler<T> {
    fn default() -> Self {
        Scheduler {
            heap: BinaryHeap::new(),
            seq: 0,
        }
    }
}

impl<T> Scheduler<T> {
    pub fn schedule(&mut self, at: SimTime, phase: Phase, payload: T) {
        self.seq += 1;
        self.heap.push(Reverse(Entry {
            at,
            phase,
            seq: self.seq,
            payload,
        }));
    }

    /// The time of the earliest deadline.
    pub fn next_at(&self) -> Option<SimTime> {
        self.heap.peek().map(|Reverse(e)| e.at)
    }

    /// Removes and returns the earliest deadline if it is due at or before `t`.
    pub fn pop_due(&mut self, t: SimTime) -> Option<(SimTime, T)> {
        if self.next_at()? > t {
            return None;
        }
        self.heap.pop().map(|Reverse(e)| (e.at, e.payload))
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_instant_runs_by_phase_then_scheduling_order() {
        let mut s = Scheduler::default();
        let t = SimTime::from_millis(1000);
        s.schedule(t, Phase::Alarms, "alarm");
        s.schedule(t, Phase::KmsRotation, "kms-1");
        s.schedule(SimTime::from_millis(500), Phase::Housekeeping, "early");
        s.schedule(t, Phase::KmsRotation, "kms-2");
        let order: Vec<_> = std::iter::from_fn(|| s.pop_due(t).map(|(_, p)| p)).collect();
        assert_eq!(order, ["early", "kms-1", "kms-2", "alarm"]);
    }

    #[test]
    fn nothing_pops_before_its_time() {
        let mut s = Scheduler::default();
        s.schedule(SimTime::from_millis(10), Phase::KmsDeletion, ());
        assert!(s.pop_due(SimTime::from_millis(9)).is_none());
        assert!(s.pop_due(SimTime::from_millis(10)).is_some());
    }
}
