//! Statistics: the aggregate of the datapoints in one period ([`Agg`]) and
//! the statistics CloudWatch computes from it ([`Stat`]): the five basic
//! ones and the extended ones (`pNN`, `tmNN`, `wmNN`, `tcNN`, `tsNN`, `IQM`,
//! `TM(a:b)`, `WM(a:b)`, `TC(a:b)`, `TS(a:b)`, `PR(a:b)`).
//!
//! Percentile-type statistics need the raw values. They are kept per period
//! (with their counts) until a statistic set that cannot be expanded into
//! values arrives (AWS: only `SampleCount=1, Min=Max=Sum` or `Min=Max,
//! Sum=Min×SampleCount` can), or the period holds too many distinct values;
//! after that, and whenever a value is negative, extended statistics are not
//! available for the period, as AWS documents.
//!
//! Percentiles use the nearest-rank definition (the smallest value with at
//! least p% of the samples at or below it). AWS's are approximations whose
//! exact method is not published; nearest rank is exact on small samples.

/// The most distinct values kept per period for percentiles.
const VALUES_CAP: usize = 10_000;

/// The datapoints of one period (or one stored bucket).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Agg {
    pub count: f64,
    pub sum: f64,
    pub min: f64,
    pub max: f64,
    /// `(value, count)` pairs, valid while `exact`.
    values: Vec<(f64, f64)>,
    exact: bool,
}

impl Default for Agg {
    fn default() -> Self {
        Agg {
            count: 0.0,
            sum: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            values: Vec::new(),
            exact: true,
        }
    }
}

impl Agg {
    pub(crate) fn is_empty(&self) -> bool {
        self.count <= 0.0
    }

    /// An aggregate whose count, sum, minimum and maximum were computed
    /// elsewhere (a countdown's arithmetic), with its raw values.
    pub(crate) fn from_parts(count: f64, sum: f64, min: f64, max: f64, values: Vec<(f64, f64)>) -> Agg {
        let exact = values.len() <= VALUES_CAP;
        Agg {
            count,
            sum,
            min,
            max,
            values: if exact { values } else { Vec::new() },
            exact,
        }
    }

    /// Adds `count` samples of `value`.
    pub(crate) fn add_value(&mut self, value: f64, count: f64) {
        if count <= 0.0 {
            return;
        }
        self.count += count;
        self.sum += value * count;
        self.min = self.min.min(value);
        self.max = self.max.max(value);
        self.push_value(value, count);
    }

    /// Adds a statistic set.
    pub(crate) fn add_set(&mut self, sample_count: f64, sum: f64, min: f64, max: f64) {
        if sample_count <= 0.0 {
            return;
        }
        self.count += sample_count;
        self.sum += sum;
        self.min = self.min.min(min);
        self.max = self.max.max(max);
        if min == max && (sum == min * sample_count) {
            self.push_value(min, sample_count);
        } else {
            self.exact = false;
            self.values = Vec::new();
        }
    }

    /// Adds every sample of `other`.
    pub(crate) fn merge(&mut self, other: &Agg) {
        if other.is_empty() {
            return;
        }
        self.count += other.count;
        self.sum += other.sum;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        if self.exact && other.exact {
            for &(v, c) in &other.values {
                self.push_value(v, c);
            }
        } else {
            self.exact = false;
            self.values = Vec::new();
        }
    }

    fn push_value(&mut self, value: f64, count: f64) {
        if !self.exact {
            return;
        }
        if let Some(last) = self.values.last_mut() {
            if last.0 == value {
                last.1 += count;
                return;
            }
        }
        if self.values.len() >= VALUES_CAP {
            self.exact = false;
            self.values = Vec::new();
            return;
        }
        self.values.push((value, count));
    }

    /// The values sorted ascending, if extended statistics are available.
    fn sorted_values(&self) -> Option<Vec<(f64, f64)>> {
        if !self.exact || self.values.is_empty() || self.min < 0.0 {
            return None;
        }
        let mut v = self.values.clone();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        Some(v)
    }
}

/// A statistic CloudWatch can compute for a period.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Stat {
    SampleCount,
    Average,
    Sum,
    Minimum,
    Maximum,
    Extended(Extended),
}

/// An extended statistic with the text it was written as.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Extended {
    pub text: String,
    kind: ExtKind,
    lo: Option<Bound>,
    hi: Option<Bound>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum ExtKind {
    Percentile(f64),
    TrimmedMean,
    WinsorizedMean,
    TrimmedCount,
    TrimmedSum,
    PercentileRank,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Bound {
    Percent(f64),
    Absolute(f64),
}

impl Stat {
    /// One of the five basic statistics, by its API name.
    pub(crate) fn basic(name: &str) -> Option<Stat> {
        Some(match name {
            "SampleCount" => Stat::SampleCount,
            "Average" => Stat::Average,
            "Sum" => Stat::Sum,
            "Minimum" => Stat::Minimum,
            "Maximum" => Stat::Maximum,
            _ => return None,
        })
    }

    /// A basic or an extended statistic (GetMetricData's `Stat`).
    pub(crate) fn any(name: &str) -> Option<Stat> {
        Stat::basic(name).or_else(|| Stat::extended(name))
    }

    /// An extended statistic: `p99`, `p99.9`, `tm90`, `IQM`, `TM(10%:90%)`,
    /// `TM(100:200)`, `PR(:300)`, ...
    pub(crate) fn extended(text: &str) -> Option<Stat> {
        let ext = |kind, lo, hi| {
            Some(Stat::Extended(Extended {
                text: text.to_owned(),
                kind,
                lo,
                hi,
            }))
        };
        if text == "IQM" {
            return ext(
                ExtKind::TrimmedMean,
                Some(Bound::Percent(25.0)),
                Some(Bound::Percent(75.0)),
            );
        }
        for (prefix, kind) in [
            ("tm", ExtKind::TrimmedMean),
            ("wm", ExtKind::WinsorizedMean),
            ("tc", ExtKind::TrimmedCount),
            ("ts", ExtKind::TrimmedSum),
        ] {
            if let Some(rest) = text.strip_prefix(prefix) {
                let p = percent_number(rest)?;
                return ext(kind, None, Some(Bound::Percent(p)));
            }
        }
        if let Some(rest) = text.strip_prefix('p') {
            let p = percent_number(rest)?;
            return ext(ExtKind::Percentile(p), None, None);
        }
        for (prefix, kind) in [
            ("TM(", ExtKind::TrimmedMean),
            ("WM(", ExtKind::WinsorizedMean),
            ("TC(", ExtKind::TrimmedCount),
            ("TS(", ExtKind::TrimmedSum),
            ("PR(", ExtKind::PercentileRank),
        ] {
            if let Some(rest) = text.strip_prefix(prefix) {
                let inner = rest.strip_suffix(')')?;
                let (a, b) = inner.split_once(':')?;
                let lo = bound(a, kind == ExtKind::PercentileRank)?;
                let hi = bound(b, kind == ExtKind::PercentileRank)?;
                if lo.is_none() && hi.is_none() {
                    return None;
                }
                if let (Some(Bound::Percent(x)), Some(Bound::Percent(y))) = (lo, hi) {
                    if x > y {
                        return None;
                    }
                }
                return ext(kind, lo, hi);
            }
        }
        None
    }

    /// The statistic's name as the API writes it.
    pub(crate) fn name(&self) -> &str {
        match self {
            Stat::SampleCount => "SampleCount",
            Stat::Average => "Average",
            Stat::Sum => "Sum",
            Stat::Minimum => "Minimum",
            Stat::Maximum => "Maximum",
            Stat::Extended(e) => &e.text,
        }
    }

    pub(crate) fn is_extended(&self) -> bool {
        matches!(self, Stat::Extended(_))
    }

    /// Whether this is a plain percentile (`pNN`), the only kind the
    /// low-sample-count rule applies to.
    pub(crate) fn percentile(&self) -> Option<f64> {
        match self {
            Stat::Extended(Extended {
                kind: ExtKind::Percentile(p),
                ..
            }) => Some(*p),
            _ => None,
        }
    }

    /// Whether `samples` are too few for this percentile to be
    /// statistically significant (AWS: for p in [0.5, 1), fewer than
    /// 10/(1−p) samples; for p in (0, 0.5), fewer than 10/p).
    pub(crate) fn low_sample_count(&self, samples: f64) -> bool {
        let Some(p) = self.percentile() else {
            return false;
        };
        let p = p / 100.0;
        if (0.5..1.0).contains(&p) {
            samples < 10.0 / (1.0 - p)
        } else if p > 0.0 && p < 0.5 {
            samples < 10.0 / p
        } else {
            false
        }
    }

    /// Whether the statistic of a window sliding over a linear, decreasing
    /// series (a countdown) is monotone in the window's position: true for
    /// the basic statistics and for the extended ones bounded by
    /// percentiles; false for absolute bounds and percentile rank, whose
    /// value depends on which points fall inside fixed limits.
    pub(crate) fn shift_monotone(&self) -> bool {
        match self {
            Stat::Extended(e) => match e.kind {
                ExtKind::Percentile(_) => true,
                ExtKind::PercentileRank => false,
                _ => [e.lo, e.hi].iter().all(|b| !matches!(b, Some(Bound::Absolute(_)))),
            },
            _ => true,
        }
    }

    /// The statistic's value for `agg`, if it has one.
    pub(crate) fn value(&self, agg: &Agg) -> Option<f64> {
        if agg.is_empty() {
            return None;
        }
        match self {
            Stat::SampleCount => Some(agg.count),
            Stat::Sum => Some(agg.sum),
            Stat::Average => Some(agg.sum / agg.count),
            Stat::Minimum => Some(agg.min),
            Stat::Maximum => Some(agg.max),
            Stat::Extended(e) => e.value(agg),
        }
    }
}

/// `NN` or `NN.n` (up to 10 decimals) between 0 and 100.
fn percent_number(text: &str) -> Option<f64> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if int.is_empty() || int.len() > 3 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if text.contains('.') && (frac.is_empty() || frac.len() > 10 || !frac.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let v: f64 = text.parse().ok()?;
    (0.0..=100.0).contains(&v).then_some(v)
}

/// One bound of `TM(a:b)`: empty, `NN%` or an absolute number. Percentile
/// rank takes absolute values only.
fn bound(text: &str, absolute_only: bool) -> Option<Option<Bound>> {
    if text.is_empty() {
        return Some(None);
    }
    if let Some(p) = text.strip_suffix('%') {
        if absolute_only {
            return None;
        }
        return percent_number(p).map(|v| Some(Bound::Percent(v)));
    }
    let v: f64 = text.parse().ok()?;
    v.is_finite().then_some(Some(Bound::Absolute(v)))
}

impl Extended {
    fn value(&self, agg: &Agg) -> Option<f64> {
        let values = agg.sorted_values()?;
        let total: f64 = values.iter().map(|v| v.1).sum();
        let at = |b: Option<Bound>, default: f64| match b {
            None => default,
            Some(Bound::Percent(p)) => percentile(&values, total, p),
            Some(Bound::Absolute(v)) => v,
        };
        match self.kind {
            ExtKind::Percentile(p) => Some(percentile(&values, total, p)),
            ExtKind::PercentileRank => {
                let lo = at(self.lo, f64::NEG_INFINITY);
                let hi = at(self.hi, f64::INFINITY);
                let inside: f64 = values.iter().filter(|v| v.0 > lo && v.0 <= hi).map(|v| v.1).sum();
                Some(100.0 * inside / total)
            }
            ExtKind::WinsorizedMean => {
                let lo = at(self.lo, f64::NEG_INFINITY);
                let hi = at(self.hi, f64::INFINITY);
                let sum: f64 = values.iter().map(|v| v.0.clamp(lo, hi) * v.1).sum();
                Some(sum / total)
            }
            ExtKind::TrimmedMean | ExtKind::TrimmedCount | ExtKind::TrimmedSum => {
                let lo = self.lo.map(|b| at(Some(b), f64::NEG_INFINITY));
                let hi = at(self.hi, f64::INFINITY);
                let inside = values
                    .iter()
                    .filter(|v| lo.is_none_or(|lo| v.0 > lo) && v.0 <= hi)
                    .fold((0.0, 0.0), |(n, s), v| (n + v.1, s + v.0 * v.1));
                match self.kind {
                    ExtKind::TrimmedCount => Some(inside.0),
                    ExtKind::TrimmedSum => Some(inside.1),
                    _ => (inside.0 > 0.0).then(|| inside.1 / inside.0),
                }
            }
        }
    }
}

/// Nearest-rank percentile of sorted, weighted values.
fn percentile(values: &[(f64, f64)], total: f64, p: f64) -> f64 {
    let rank = (p / 100.0 * total).ceil().max(1.0);
    let mut seen = 0.0;
    for &(v, c) in values {
        seen += c;
        if seen >= rank {
            return v;
        }
    }
    values.last().map_or(0.0, |v| v.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agg(values: &[f64]) -> Agg {
        let mut a = Agg::default();
        for &v in values {
            a.add_value(v, 1.0);
        }
        a
    }

    #[test]
    fn basic_statistics() {
        let a = agg(&[1.0, 2.0, 6.0]);
        assert_eq!(Stat::Average.value(&a), Some(3.0));
        assert_eq!(Stat::Sum.value(&a), Some(9.0));
        assert_eq!(Stat::SampleCount.value(&a), Some(3.0));
        assert_eq!(Stat::Minimum.value(&a), Some(1.0));
        assert_eq!(Stat::Maximum.value(&a), Some(6.0));
        assert_eq!(Stat::Sum.value(&Agg::default()), None);
    }

    #[test]
    fn extended_statistics() {
        let a = agg(&(1..=100).map(f64::from).collect::<Vec<_>>());
        let v = |s: &str| Stat::extended(s).unwrap().value(&a);
        assert_eq!(v("p50"), Some(50.0));
        assert_eq!(v("p99"), Some(99.0));
        assert_eq!(v("p99.5"), Some(100.0));
        assert_eq!(v("p100"), Some(100.0));
        assert_eq!(v("tm10"), Some(5.5));
        assert_eq!(v("tc10"), Some(10.0));
        assert_eq!(v("ts10"), Some(55.0));
        assert_eq!(v("IQM"), Some(50.5));
        assert_eq!(v("TM(10%:90%)"), Some(50.5));
        assert_eq!(v("PR(:50)"), Some(50.0));
        assert_eq!(v("TM(90:)"), Some(95.5));
        assert_eq!(v("WM(:10%)"), Some(9.55));
        for bad in [
            "p101",
            "p",
            "p9.",
            "P90",
            "tm",
            "TM(:)",
            "TM(90%:10%)",
            "PR(10%:)",
            "foo",
        ] {
            assert!(Stat::extended(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn statistic_sets_keep_percentiles_only_when_expandable() {
        let mut a = Agg::default();
        a.add_set(3.0, 6.0, 2.0, 2.0);
        assert_eq!(Stat::extended("p50").unwrap().value(&a), Some(2.0));
        a.add_set(2.0, 5.0, 1.0, 4.0);
        assert_eq!(Stat::extended("p50").unwrap().value(&a), None);
        assert_eq!(Stat::Average.value(&a), Some(11.0 / 5.0));
        let negative = agg(&[-1.0, 2.0]);
        assert_eq!(Stat::extended("p50").unwrap().value(&negative), None);
    }

    #[test]
    fn low_sample_rule() {
        let p99 = Stat::extended("p99").unwrap();
        assert!(p99.low_sample_count(999.0));
        assert!(!p99.low_sample_count(1000.0));
        let p10 = Stat::extended("p10").unwrap();
        assert!(p10.low_sample_count(99.0));
        assert!(!Stat::Average.low_sample_count(1.0));
    }
}
