//! The metric store: one series per metric (namespace, name and the full
//! dimension set), holding
//! - custom datapoints (PutMetricData, metric filters, services' `Put`
//!   updates) aggregated per storage bucket (a minute, or a second for
//!   high-resolution data) and per unit, as CloudWatch stores them;
//! - countdown series (KMS's `SecondsUntilKeyMaterialExpiration`) kept as
//!   generators: one datapoint at every whole minute of a segment, valued
//!   `until − t`. Nothing is materialised per minute; every aggregate over a
//!   window is computed from the segment's arithmetic on demand.
//!
//! Retention: data older than 15 days (AWS keeps 1-minute data 15 days, and
//! the seed document says two weeks) is invisible to queries and dropped by
//! the daily [`Store::prune`], so memory stays bounded however far time runs.
//! AWS rolls older data up into 5-minute and 1-hour aggregates; the
//! playground does not keep those roll-ups. High-resolution data is kept at
//! 1-second resolution for the whole 15 days (AWS rolls it up after 3 hours;
//! queries with a period under 60 s still follow AWS's 3-hour rule).

use std::collections::BTreeMap;

use super::stats::Agg;
use super::MetricId;
use crate::sim::time::{SimTime, DAY, MINUTE};

/// Datapoints to store: `(bucket start, unit, aggregate)`.
pub(crate) type Points = Vec<(i64, u8, Agg)>;

/// How long datapoints are kept and visible.
pub(crate) const RETENTION_MS: i64 = 15 * DAY;

/// CloudWatch's units (the model's `StandardUnit` enum), by index.
pub(crate) const UNITS: [&str; 27] = [
    "Seconds",
    "Microseconds",
    "Milliseconds",
    "Bytes",
    "Kilobytes",
    "Megabytes",
    "Gigabytes",
    "Terabytes",
    "Bits",
    "Kilobits",
    "Megabits",
    "Gigabits",
    "Terabits",
    "Percent",
    "Count",
    "Bytes/Second",
    "Kilobytes/Second",
    "Megabytes/Second",
    "Gigabytes/Second",
    "Terabytes/Second",
    "Bits/Second",
    "Kilobits/Second",
    "Megabits/Second",
    "Gigabits/Second",
    "Terabits/Second",
    "Count/Second",
    "None",
];

/// The unit of data published without one.
pub(crate) const UNIT_NONE: u8 = 26;

pub(crate) fn unit_index(name: &str) -> Option<u8> {
    UNITS.iter().position(|u| *u == name).map(|i| i as u8)
}

pub(crate) fn unit_name(unit: u8) -> &'static str {
    UNITS.get(unit as usize).copied().unwrap_or("None")
}

/// A metric's canonical identity: dimensions sorted by name, so the same
/// dimension set in another order is the same metric.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct MetricKey {
    pub namespace: String,
    pub name: String,
    pub dimensions: Vec<(String, String)>,
}

impl MetricKey {
    pub(crate) fn of(id: &MetricId) -> MetricKey {
        let mut dimensions = id.dimensions.clone();
        dimensions.sort();
        MetricKey {
            namespace: id.namespace.clone(),
            name: id.name.clone(),
            dimensions,
        }
    }
}

/// One countdown segment: a datapoint at every whole minute `m` with
/// `first <= m <= last`, valued `(until − m)` seconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Countdown {
    pub unit: u8,
    /// First and last datapoint instants (whole minutes, epoch ms).
    pub first: i64,
    pub last: i64,
    pub until: i64,
}

impl Countdown {
    pub(crate) fn value_at(&self, m: i64) -> f64 {
        (self.until - m) as f64 / 1000.0
    }

    /// The datapoint instants of this segment inside `[start, end)` and at
    /// or before `published`, as `(first, last, count)`.
    fn points_in(&self, start: i64, end: i64, published: i64) -> Option<(i64, i64, i64)> {
        let lo = self.first.max(ceil_to(start, MINUTE));
        let hi = self
            .last
            .min(floor_to(end - 1, MINUTE))
            .min(floor_to(published, MINUTE));
        (lo <= hi).then(|| (lo, hi, (hi - lo) / MINUTE + 1))
    }
}

fn floor_to(t: i64, step: i64) -> i64 {
    t.div_euclid(step) * step
}

fn ceil_to(t: i64, step: i64) -> i64 {
    let f = floor_to(t, step);
    if f == t {
        t
    } else {
        f + step
    }
}

/// The datapoints of one metric.
#[derive(Clone, Debug)]
pub(crate) struct Series {
    /// The identity as first published (dimension order kept for output).
    pub id: MetricId,
    /// Bucket start (epoch ms) → per-unit aggregates.
    buckets: BTreeMap<i64, Vec<(u8, Agg)>>,
    /// Countdown segments, in time order, never overlapping.
    countdowns: Vec<Countdown>,
}

impl Series {
    fn new(id: MetricId) -> Series {
        Series {
            id,
            buckets: BTreeMap::new(),
            countdowns: Vec::new(),
        }
    }

    /// Stored buckets (the datapoints kept; countdowns store none).
    pub(crate) fn bucket_count(&self) -> usize {
        self.buckets.len()
    }

    pub(crate) fn countdowns(&self) -> &[Countdown] {
        &self.countdowns
    }

    /// The first stored bucket at or after `t`.
    pub(crate) fn first_bucket_from(&self, t: i64) -> Option<i64> {
        self.buckets.range(t..).next().map(|(k, _)| *k)
    }

    /// The latest datapoint instant at or before `published` (countdowns)
    /// or at all (custom data, which may lie up to two hours ahead).
    pub(crate) fn last_data(&self, published: i64) -> Option<i64> {
        let custom = self.buckets.keys().next_back().copied();
        let countdown = self
            .countdowns
            .iter()
            .filter(|c| c.first <= published)
            .map(|c| c.last.min(floor_to(published, MINUTE)))
            .max();
        custom.max(countdown)
    }

    /// Every sample in `[start, end)` (countdown points only if published
    /// by `published`), optionally of one unit. `values` asks for the raw
    /// values (extended statistics); without it countdowns contribute
    /// count, sum, minimum and maximum only.
    pub(crate) fn aggregate(&self, start: i64, end: i64, unit: Option<u8>, published: i64, values: bool) -> Agg {
        let mut agg = Agg::default();
        if start >= end {
            return agg;
        }
        for (_, per_unit) in self.buckets.range(start..end) {
            for (u, a) in per_unit {
                if unit.is_none_or(|want| want == *u) {
                    agg.merge(a);
                }
            }
        }
        for c in &self.countdowns {
            if unit.is_some_and(|want| want != c.unit) {
                continue;
            }
            if c.last < start || c.first >= end {
                continue;
            }
            if let Some((lo, hi, k)) = c.points_in(start, end, published) {
                agg.merge(&countdown_agg(c, lo, hi, k, values));
            }
        }
        agg
    }

    /// Like [`Series::aggregate`], one aggregate per unit present.
    pub(crate) fn aggregate_by_unit(&self, start: i64, end: i64, published: i64, values: bool) -> Vec<(u8, Agg)> {
        let mut out: BTreeMap<u8, Agg> = BTreeMap::new();
        if start >= end {
            return Vec::new();
        }
        for (_, per_unit) in self.buckets.range(start..end) {
            for (u, a) in per_unit {
                out.entry(*u).or_default().merge(a);
            }
        }
        for c in &self.countdowns {
            if c.last < start || c.first >= end {
                continue;
            }
            if let Some((lo, hi, k)) = c.points_in(start, end, published) {
                out.entry(c.unit)
                    .or_default()
                    .merge(&countdown_agg(c, lo, hi, k, values));
            }
        }
        out.into_iter().collect()
    }

    fn put(&mut self, bucket: i64, unit: u8, agg: &Agg) {
        let per_unit = self.buckets.entry(bucket).or_default();
        match per_unit.iter_mut().find(|(u, _)| *u == unit) {
            Some((_, a)) => a.merge(agg),
            None => per_unit.push((unit, agg.clone())),
        }
    }

    fn is_empty(&self) -> bool {
        self.buckets.is_empty() && self.countdowns.is_empty()
    }
}

/// The aggregate of the countdown points `lo..=hi` (`k` of them). The sum
/// is computed exactly in integer milliseconds.
fn countdown_agg(c: &Countdown, lo: i64, hi: i64, k: i64, values: bool) -> Agg {
    let k128 = i128::from(k);
    let sum_ms = k128 * i128::from(c.until - lo) - i128::from(MINUTE) * k128 * (k128 - 1) / 2;
    let (count, sum, min, max) = (k as f64, sum_ms as f64 / 1000.0, c.value_at(hi), c.value_at(lo));
    if values {
        let points = (0..k).map(|i| (c.value_at(hi - i * MINUTE), 1.0)).collect();
        return Agg::from_parts(count, sum, min, max, points);
    }
    let mut agg = Agg::default();
    agg.add_set(count, sum, min, max);
    agg
}

/// Every series of the account.
#[derive(Clone, Debug, Default)]
pub(crate) struct Store {
    series: BTreeMap<MetricKey, Series>,
}

impl Store {
    pub(crate) fn get(&self, key: &MetricKey) -> Option<&Series> {
        self.series.get(key)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&MetricKey, &Series)> {
        self.series.iter()
    }

    fn entry(&mut self, id: &MetricId) -> &mut Series {
        self.series
            .entry(MetricKey::of(id))
            .or_insert_with(|| Series::new(id.clone()))
    }

    /// Stores datapoints.
    pub(crate) fn put(&mut self, id: &MetricId, points: &[(i64, u8, Agg)]) {
        if points.is_empty() {
            return;
        }
        let series = self.entry(id);
        for (bucket, unit, agg) in points {
            series.put(*bucket, *unit, agg);
        }
    }

    /// Starts a countdown: a point at every whole minute `t` with
    /// `from <= t <= until`. Points of earlier countdowns at or after the
    /// new one's first point are dropped (a countdown that had not started
    /// is replaced, a running one ends).
    pub(crate) fn start_countdown(&mut self, id: &MetricId, unit: u8, from: SimTime, until: SimTime) {
        let first = ceil_to(from.millis(), MINUTE);
        let last = floor_to(until.millis(), MINUTE);
        let series = self.entry(id);
        cut_countdowns(&mut series.countdowns, first);
        if first <= last {
            series.countdowns.push(Countdown {
                unit,
                first,
                last,
                until: until.millis(),
            });
        }
        if series.is_empty() {
            self.series.remove(&MetricKey::of(id));
        }
    }

    /// Ends every countdown of the metric: no datapoints at or after `at`.
    pub(crate) fn stop_countdown(&mut self, id: &MetricId, at: SimTime) {
        let key = MetricKey::of(id);
        let Some(series) = self.series.get_mut(&key) else {
            return;
        };
        cut_countdowns(&mut series.countdowns, ceil_to(at.millis(), MINUTE));
        if series.is_empty() {
            self.series.remove(&key);
        }
    }

    /// Drops everything older than the retention window.
    pub(crate) fn prune(&mut self, now: SimTime) {
        let cutoff = now.millis() - RETENTION_MS;
        self.series.retain(|_, s| {
            s.buckets = s.buckets.split_off(&cutoff);
            s.countdowns.retain(|c| c.last >= cutoff);
            !s.is_empty()
        });
    }
}

/// Removes countdown points at or after `from` (a whole minute).
fn cut_countdowns(countdowns: &mut Vec<Countdown>, from: i64) {
    countdowns.retain_mut(|c| {
        c.last = c.last.min(from - MINUTE);
        c.first <= c.last
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::cloudwatch::stats::Stat;

    fn id() -> MetricId {
        MetricId {
            namespace: "AWS/KMS".into(),
            name: "SecondsUntilKeyMaterialExpiration".into(),
            dimensions: vec![("KeyId".into(), "k".into())],
        }
    }

    #[test]
    fn countdown_aggregates_match_materialised_points() {
        let mut store = Store::default();
        let from = SimTime::from_millis(1_000 * MINUTE + 1234);
        let until = from.plus(3 * DAY);
        store.start_countdown(&id(), 0, from, until);
        let s = store.get(&MetricKey::of(&id())).unwrap();
        let (start, end) = (1_010 * MINUTE + 7, 1_300 * MINUTE);
        let fast = s.aggregate(start, end, None, i64::MAX, false);
        let slow = s.aggregate(start, end, None, i64::MAX, true);
        for stat in [
            Stat::Sum,
            Stat::Minimum,
            Stat::Maximum,
            Stat::SampleCount,
            Stat::Average,
        ] {
            assert_eq!(stat.value(&fast), stat.value(&slow), "{stat:?}");
        }
        assert_eq!(Stat::SampleCount.value(&fast), Some(289.0));
        assert_eq!(
            Stat::Maximum.value(&fast),
            Some((until.millis() - 1_011 * MINUTE) as f64 / 1000.0)
        );
        // Not yet published.
        let now = 1_100 * MINUTE;
        assert_eq!(
            Stat::SampleCount.value(&s.aggregate(start, end, None, now, false)),
            Some(90.0)
        );
    }

    #[test]
    fn a_new_countdown_ends_the_running_one() {
        let mut store = Store::default();
        store.start_countdown(&id(), 0, SimTime::from_millis(0), SimTime::from_millis(100 * MINUTE));
        store.start_countdown(
            &id(),
            0,
            SimTime::from_millis(50 * MINUTE),
            SimTime::from_millis(200 * MINUTE),
        );
        let s = store.get(&MetricKey::of(&id())).unwrap();
        assert_eq!(s.countdowns().len(), 2);
        assert_eq!(s.countdowns()[0].last, 49 * MINUTE);
        store.stop_countdown(&id(), SimTime::from_millis(60 * MINUTE + 1));
        let s = store.get(&MetricKey::of(&id())).unwrap();
        assert_eq!(s.countdowns()[1].last, 60 * MINUTE);
        store.stop_countdown(&id(), SimTime::from_millis(0));
        assert!(store.get(&MetricKey::of(&id())).is_none());
    }
}
