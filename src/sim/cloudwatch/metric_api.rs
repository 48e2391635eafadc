//! The metric operations: PutMetricData, ListMetrics, GetMetricStatistics,
//! GetMetricData (MetricStat queries; metric math is not modelled).
//!
//! Error texts follow AWS's where public samples quote them ("The parameter
//! MetricData.member.1.Timestamp must specify a time within the past two
//! weeks.", "The value NaN for parameter MetricData.member.1.Value is
//! invalid.", "You have requested up to 86400 datapoints, which exceeds the
//! limit of 1440. ...", "The value x for parameter MetricDataQueries.member.1.Id
//! is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$."); the others
//! are written in the same style.
//!
//! Not modelled: the up-to-15-minute delay before a new metric appears in
//! ListMetrics (it appears at once), the 1 MB payload limit, and AWS's
//! unordered GetMetricStatistics datapoints (returned in time order here,
//! which the API allows).

use std::fmt::{self, Display};

use serde_json::{json, Map, Value};

use super::format::java_grouped;
use super::paging;
use super::stats::{Agg, Stat};
use super::store::{unit_index, unit_name, MetricKey, Points, Series, RETENTION_MS, UNIT_NONE};
use super::{CloudWatch, MetricId};
use crate::sim::ctx::Ctx;
use crate::sim::params::Params;
use crate::sim::time::{epoch_json, SimTime, DAY, HOUR, MINUTE, SECOND};
use crate::sim::{AwsError, AwsResult};

/// Metrics per ListMetrics page.
const LIST_PAGE: usize = 500;
/// Datapoints per GetMetricStatistics call.
const MAX_STATISTICS_DATAPOINTS: i64 = 1440;
/// GetMetricData's default and largest `MaxDatapoints`.
const MAX_DATAPOINTS: i64 = 100_800;
/// Data may be stamped up to two weeks back and two hours ahead.
const PAST_LIMIT_MS: i64 = 14 * DAY;
const FUTURE_LIMIT_MS: i64 = 2 * HOUR;

pub(crate) fn invalid(message: impl Into<String>) -> AwsError {
    AwsError::input("InvalidParameterValue", message)
}

fn combination(message: impl Into<String>) -> AwsError {
    AwsError::input("InvalidParameterCombination", message)
}

fn missing(message: impl Into<String>) -> AwsError {
    AwsError::input("MissingParameter", message)
}

/// CloudWatch accepts values of magnitude 2^-360 to 2^360, and zero.
fn value_in_range(v: f64) -> bool {
    let a = v.abs();
    v == 0.0 || (a >= 2f64.powi(-360) && a <= 2f64.powi(360))
}

fn check_value(v: f64, at: impl Display) -> Result<(), AwsError> {
    if value_in_range(v) {
        Ok(())
    } else {
        Err(invalid(format!(
            "The value {} for parameter {at} is invalid.",
            java_grouped(v)
        )))
    }
}

/// Whether `period` (seconds) is one CloudWatch accepts for queries.
pub(crate) fn valid_query_period(period: i64) -> bool {
    period > 0 && (period % 60 == 0 || [1, 5, 10, 20, 30].contains(&period))
}

/// `Dimensions` as `(Name, Value)` pairs; a name given twice is refused.
pub(crate) fn dimensions(list: &[Value], at: impl Display) -> Result<Vec<(String, String)>, AwsError> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(list.len());
    for item in list {
        let d = Params::new(item);
        let name = d.req_str("Name").to_owned();
        if out.iter().any(|(n, _)| *n == name) {
            return Err(invalid(format!(
                "The value {name} for parameter {at} is invalid: each dimension name may be given only once."
            )));
        }
        out.push((name, d.req_str("Value").to_owned()));
    }
    Ok(out)
}

/// Namespaces: printable ASCII of `[0-9A-Za-z.-_/#: ]`, not only spaces;
/// `AWS/` is reserved for AWS's own metrics.
fn check_custom_namespace(ns: &str) -> Result<(), AwsError> {
    let chars_ok = ns.bytes().all(|b| b.is_ascii_alphanumeric() || b".-_/#: ".contains(&b));
    if !chars_ok || ns.trim().is_empty() || ns.starts_with("AWS/") {
        return Err(invalid(format!("The value {ns} for parameter Namespace is invalid.")));
    }
    Ok(())
}

/// The StartTime CloudWatch actually uses: rounded down to the minute
/// (data under 15 days old), 5 minutes (15–63 days) or the hour (older).
fn rounded_start(start: SimTime, now: SimTime) -> SimTime {
    let age = now.since(start);
    if age > 63 * DAY {
        start.floor_to(HOUR)
    } else if age > 15 * DAY {
        start.floor_to(5 * MINUTE)
    } else {
        start.floor_to(MINUTE)
    }
}

/// AWS returns no datapoints when the period does not suit the age of the
/// start: under 60 s needs a start within 3 hours, a start older than 15
/// days needs a multiple of 300 s, older than 63 days a multiple of 3600 s.
fn period_suits_age(period: i64, start: SimTime, now: SimTime) -> bool {
    let age = now.since(start);
    !((period < 60 && age > 3 * HOUR)
        || (age > 15 * DAY && period % 300 != 0)
        || (age > 63 * DAY && period % 3600 != 0))
}

/// The periods `[s, min(s + P, end))` of a query, from the rounded start.
fn query_periods(start: SimTime, end: SimTime, period: i64, now: SimTime) -> impl Iterator<Item = (i64, i64)> {
    let p = period * SECOND;
    let s0 = rounded_start(start, now).millis();
    let end = end.millis();
    let oldest = now.millis() - RETENTION_MS;
    let suits = period_suits_age(period, start, now);
    (0..)
        .map(move |k| s0 + k * p)
        .take_while(move |s| suits && *s < end)
        .map(move |s| (s, (s + p).min(end)))
        .filter(move |(_, e)| *e > oldest)
        .map(move |(s, e)| (s.max(oldest), e))
}

/// One series' values of `stat` per period (the chart query and
/// GetMetricData's MetricStat), oldest first, periods without data left out.
pub(crate) fn series_values(
    series: Option<&Series>,
    stat: &Stat,
    period: i64,
    start: SimTime,
    end: SimTime,
    unit: Option<u8>,
    now: SimTime,
) -> Vec<(SimTime, f64)> {
    let Some(series) = series else {
        return Vec::new();
    };
    let p = period * SECOND;
    query_periods(start, end, period, now)
        .filter_map(|(s, e)| {
            let agg = series.aggregate(s, e, unit, now.millis(), stat.is_extended());
            // Stamp with the period start even when retention clipped it.
            let stamp = s - (s - rounded_start(start, now).millis()).rem_euclid(p);
            stat.value(&agg).map(|v| (SimTime::from_millis(stamp), v))
        })
        .collect()
}

impl CloudWatch {
    pub(super) fn put_metric_data(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let namespace = p.req_str("Namespace");
        check_custom_namespace(namespace)?;
        let metric_data = p.list("MetricData");
        if metric_data.len() > 1000 {
            return Err(invalid(
                "The collection MetricData must not have a size greater than 1000.",
            ));
        }
        let mut data: Vec<(Datum, Params)> = metric_data
            .iter()
            .enumerate()
            .map(|(i, d)| (Datum::Plain(i), Params::new(d)))
            .collect();
        for (i, e) in p.list("EntityMetricData").iter().enumerate() {
            for (j, d) in Params::new(e).list("MetricData").iter().enumerate() {
                data.push((Datum::Entity(i, j), Params::new(d)));
            }
        }
        if data.is_empty() {
            return Err(missing("The parameter MetricData is required."));
        }
        let now = ctx.now;
        let mut timestamp_errors = Vec::new();
        let mut puts: Vec<(MetricId, Points)> = Vec::new();
        for &(at, ref d) in &data {
            let metric = MetricId {
                namespace: namespace.to_owned(),
                name: d.req_str("MetricName").to_owned(),
                dimensions: dimensions(d.list("Dimensions"), Then(at, ".Dimensions"))?,
            };
            let unit = d.str("Unit").and_then(unit_index).unwrap_or(UNIT_NONE);
            let resolution = d.i64("StorageResolution").unwrap_or(60);
            if resolution != 1 && resolution != 60 {
                return Err(invalid(format!(
                    "The value {resolution} for parameter {at}.StorageResolution is invalid."
                )));
            }
            let agg = datum_aggregate(d, at)?;
            let timestamp = d.time("Timestamp").unwrap_or(now);
            if now.since(timestamp) > PAST_LIMIT_MS {
                timestamp_errors.push(format!(
                    "The parameter {at}.Timestamp must specify a time within the past two weeks."
                ));
            } else if timestamp.since(now) > FUTURE_LIMIT_MS {
                timestamp_errors.push(format!(
                    "The parameter {at}.Timestamp must specify a time no more than two hours in the future."
                ));
            }
            let bucket = timestamp.floor_to(if resolution == 1 { SECOND } else { MINUTE });
            puts.push((metric, vec![(bucket.millis(), unit, agg)]));
        }
        if !timestamp_errors.is_empty() {
            return Err(invalid(timestamp_errors.join("\n")));
        }
        let mut touched = std::collections::BTreeSet::new();
        for (metric, points) in puts {
            self.store.put(&metric, &points);
            touched.insert(MetricKey::of(&metric));
        }
        for key in touched {
            self.wake(&key, ctx);
        }
        Ok(json!({}))
    }

    pub(super) fn list_metrics(&self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let now = ctx.now;
        let namespace = p.str("Namespace");
        let name = p.str("MetricName");
        let filters: Vec<(String, Option<String>)> = p
            .list("Dimensions")
            .iter()
            .map(|f| {
                let f = Params::new(f);
                (f.req_str("Name").to_owned(), f.str("Value").map(str::to_owned))
            })
            .collect();
        let recently = p.str("RecentlyActive") == Some("PT3H");
        let linked = p.bool("IncludeLinkedAccounts").unwrap_or(false);
        if p.str("OwningAccount").is_some_and(|a| a != ctx.account()) {
            return Ok(json!({"Metrics": []}));
        }
        let request = json!([namespace, name, filters, recently]).to_string();
        let after: Option<MetricKey> = match p.str("NextToken") {
            None => None,
            Some(token) => Some(
                paging::decode(&request, token)
                    .and_then(|pos| serde_json::from_str::<(String, String, Vec<(String, String)>)>(&pos).ok())
                    .map(|(namespace, name, dimensions)| MetricKey {
                        namespace,
                        name,
                        dimensions,
                    })
                    .ok_or_else(|| invalid(format!("The value {token} for parameter NextToken is invalid.")))?,
            ),
        };
        let active_since = now.millis() - if recently { 3 * HOUR } else { 14 * DAY };
        let mut metrics = Vec::new();
        let mut next = None;
        for (key, series) in self.store.iter() {
            if after.as_ref().is_some_and(|a| key <= a) {
                continue;
            }
            let id = &series.id;
            if namespace.is_some_and(|n| n != id.namespace) || name.is_some_and(|n| n != id.name) {
                continue;
            }
            let dims_match = filters.iter().all(|(n, v)| {
                id.dimensions
                    .iter()
                    .any(|(dn, dv)| dn == n && v.as_ref().is_none_or(|v| v == dv))
            });
            if !dims_match || series.last_data(now.millis()).is_none_or(|t| t < active_since) {
                continue;
            }
            if metrics.len() == LIST_PAGE {
                next = metrics.last().map(|(k, _): &(&MetricKey, Value)| (*k).clone());
                break;
            }
            metrics.push((key, metric_json(id)));
        }
        let mut out = Map::new();
        let count = metrics.len();
        out.insert(
            "Metrics".into(),
            Value::Array(metrics.into_iter().map(|(_, m)| m).collect()),
        );
        if let Some(k) = next {
            let position = json!([k.namespace, k.name, k.dimensions]).to_string();
            out.insert("NextToken".into(), json!(paging::encode(&request, &position)));
        }
        if linked {
            out.insert("OwningAccounts".into(), json!(vec![ctx.account(); count]));
        }
        Ok(Value::Object(out))
    }

    pub(super) fn get_metric_statistics(&self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let now = ctx.now;
        let metric = MetricId {
            namespace: p.req_str("Namespace").to_owned(),
            name: p.req_str("MetricName").to_owned(),
            dimensions: dimensions(p.list("Dimensions"), "Dimensions")?,
        };
        let period = p.i64("Period").unwrap_or_default();
        let (start, end) = (p.time("StartTime").unwrap_or(now), p.time("EndTime").unwrap_or(now));
        let statistics = p.str_list("Statistics");
        let extended_names = p.str_list("ExtendedStatistics");
        if !valid_query_period(period) {
            return Err(invalid(
                "The parameter Period must be 1, 5, 10, 20, 30, or a multiple of 60.",
            ));
        }
        if start >= end {
            return Err(invalid(
                "The parameter StartTime must be less than the parameter EndTime.",
            ));
        }
        match (statistics.is_empty(), extended_names.is_empty()) {
            (true, true) => return Err(combination("Must specify either Statistics or ExtendedStatistics.")),
            (false, false) => return Err(combination(
                "The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.",
            )),
            _ => {}
        }
        let mut extended = Vec::new();
        for (i, name) in extended_names.iter().enumerate() {
            match Stat::extended(name) {
                Some(stat) => extended.push(stat),
                None => {
                    return Err(invalid(format!(
                        "The value {name} for parameter ExtendedStatistics.member.{} is invalid.",
                        i + 1
                    )))
                }
            }
        }
        let requested = (end.millis() - rounded_start(start, now).millis() + period * SECOND - 1) / (period * SECOND);
        if requested > MAX_STATISTICS_DATAPOINTS {
            return Err(combination(format!(
                "You have requested up to {requested} datapoints, which exceeds the limit of {MAX_STATISTICS_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range."
            )));
        }
        let unit = p.str("Unit").and_then(unit_index);
        let basic: Vec<Stat> = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"]
            .iter()
            .filter(|s| statistics.iter().any(|x| x == *s))
            .filter_map(|s| Stat::basic(s))
            .collect();
        let mut datapoints = Vec::new();
        if let Some(series) = self.store.get(&MetricKey::of(&metric)) {
            let p0 = rounded_start(start, now).millis();
            for (s, e) in query_periods(start, end, period, now) {
                let stamp = s - (s - p0).rem_euclid(period * SECOND);
                let per_unit = match unit {
                    Some(u) => vec![(u, series.aggregate(s, e, Some(u), now.millis(), !extended.is_empty()))],
                    None => series.aggregate_by_unit(s, e, now.millis(), !extended.is_empty()),
                };
                for (u, agg) in per_unit {
                    if agg.is_empty() {
                        continue;
                    }
                    let mut dp = Map::new();
                    dp.insert("Timestamp".into(), epoch_json(SimTime::from_millis(stamp)));
                    for stat in &basic {
                        if let Some(v) = stat.value(&agg) {
                            dp.insert(stat.name().into(), json!(v));
                        }
                    }
                    dp.insert("Unit".into(), json!(unit_name(u)));
                    let ext: Map<String, Value> = extended
                        .iter()
                        .filter_map(|stat| stat.value(&agg).map(|v| (stat.name().to_owned(), json!(v))))
                        .collect();
                    if !ext.is_empty() {
                        dp.insert("ExtendedStatistics".into(), Value::Object(ext));
                    }
                    datapoints.push(Value::Object(dp));
                }
            }
        }
        Ok(json!({"Label": metric.name, "Datapoints": datapoints}))
    }

    pub(super) fn get_metric_data(&self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let now = ctx.now;
        let queries = p.list("MetricDataQueries");
        if queries.is_empty() {
            return Err(missing("The parameter MetricDataQueries is required."));
        }
        if queries.len() > 500 {
            return Err(invalid(
                "The collection MetricDataQueries must not have a size greater than 500.",
            ));
        }
        let mut id_errors = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (i, q) in queries.iter().enumerate() {
            let id = Params::new(q).req_str("Id");
            let mut chars = id.chars();
            let pattern_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !pattern_ok {
                id_errors.push(format!(
                    "The value {id} for parameter MetricDataQueries.member.{}.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.",
                    i + 1
                ));
            } else if seen.contains(&id) {
                id_errors.push(format!(
                    "The value {id} for parameter MetricDataQueries.member.{}.Id is a duplicate; each Id must be unique.",
                    i + 1
                ));
            }
            seen.push(id);
        }
        if !id_errors.is_empty() {
            return Err(AwsError::input("ValidationError", id_errors.join("\n")));
        }
        struct Query<'a> {
            id: &'a str,
            label: String,
            key: MetricKey,
            stat: Stat,
            period: i64,
            unit: Option<u8>,
            returned: bool,
        }
        let mut parsed = Vec::new();
        for (i, q) in queries.iter().enumerate() {
            let q = Params::new(q);
            let at = format!("MetricDataQueries.member.{}", i + 1);
            if q.has("Expression") {
                if q.has("MetricStat") {
                    return Err(AwsError::input(
                        "ValidationError",
                        format!("The parameters {at}.MetricStat and {at}.Expression are mutually exclusive and you have specified both."),
                    ));
                }
                return Err(invalid(format!(
                    "{at}.Expression: metric math and Metrics Insights expressions are not modelled by this playground; use MetricStat queries."
                )));
            }
            if !q.has("MetricStat") {
                return Err(AwsError::input(
                    "ValidationError",
                    format!("The parameter {at}.MetricStat is required.\n"),
                ));
            }
            let ms = q.child("MetricStat");
            let m = ms.child("Metric");
            let (Some(namespace), Some(name)) = (m.str("Namespace"), m.str("MetricName")) else {
                let which = if m.has("Namespace") { "MetricName" } else { "Namespace" };
                return Err(missing(format!(
                    "The parameter {at}.MetricStat.Metric.{which} is required."
                )));
            };
            let metric = MetricId {
                namespace: namespace.to_owned(),
                name: name.to_owned(),
                dimensions: dimensions(m.list("Dimensions"), format_args!("{at}.MetricStat.Metric.Dimensions"))?,
            };
            let period = ms.i64("Period").unwrap_or_default();
            if !valid_query_period(period) {
                return Err(invalid(format!(
                    "The parameter {at}.MetricStat.Period must be 1, 5, 10, 20, 30, or a multiple of 60."
                )));
            }
            let stat_name = ms.req_str("Stat");
            let stat = Stat::any(stat_name).ok_or_else(|| {
                invalid(format!(
                    "The value {stat_name} for parameter {at}.MetricStat.Stat is invalid."
                ))
            })?;
            parsed.push(Query {
                id: q.req_str("Id"),
                label: q.str("Label").unwrap_or(name).to_owned(),
                key: MetricKey::of(&metric),
                stat,
                period,
                unit: ms.str("Unit").and_then(unit_index),
                returned: q.bool("ReturnData").unwrap_or(true),
            });
        }
        let (start, end) = (p.time("StartTime").unwrap_or(now), p.time("EndTime").unwrap_or(now));
        if start >= end {
            return Err(invalid(
                "The parameter StartTime must be less than the parameter EndTime.",
            ));
        }
        let max = p.i64("MaxDatapoints").unwrap_or(MAX_DATAPOINTS);
        if max < 1 {
            return Err(invalid(format!(
                "The value {max} for parameter MaxDatapoints is invalid."
            )));
        }
        if let Some(tz) = p.child("LabelOptions").str("Timezone") {
            let b = tz.as_bytes();
            if b.len() != 5 || !(b[0] == b'+' || b[0] == b'-') || !b[1..].iter().all(u8::is_ascii_digit) {
                return Err(invalid(format!(
                    "The value {tz} for parameter LabelOptions.Timezone is invalid."
                )));
            }
        }
        let ascending = p.str("ScanBy") == Some("TimestampAscending");
        let mut request = p.raw().clone();
        if let Some(o) = request.as_object_mut() {
            o.remove("NextToken");
            o.remove("MaxDatapoints");
        }
        let request = request.to_string();
        let (mut first_query, mut offset) = (0usize, 0usize);
        if let Some(token) = p.str("NextToken") {
            let pos = paging::decode(&request, token)
                .and_then(|pos| {
                    let (q, o) = pos.split_once(':')?;
                    Some((q.parse().ok()?, o.parse().ok()?))
                })
                .ok_or_else(|| AwsError::input("InvalidNextToken", "The service cannot process the NextToken."))?;
            (first_query, offset) = pos;
        }
        let mut budget = max as usize;
        let mut results = Vec::new();
        let mut next = None;
        for (qi, q) in parsed.iter().enumerate().skip(first_query) {
            if !q.returned {
                continue;
            }
            let mut values = series_values(self.store.get(&q.key), &q.stat, q.period, start, end, q.unit, now);
            if !ascending {
                values.reverse();
            }
            let skip = if qi == first_query { offset } else { 0 };
            let rest = values.len().saturating_sub(skip);
            let take = rest.min(budget);
            let page = &values[skip.min(values.len())..skip.min(values.len()) + take];
            budget -= take;
            let partial = take < rest;
            results.push(json!({
                "Id": q.id,
                "Label": q.label,
                "Timestamps": page.iter().map(|(t, _)| epoch_json(*t)).collect::<Vec<_>>(),
                "Values": page.iter().map(|(_, v)| *v).collect::<Vec<_>>(),
                "StatusCode": if partial { "PartialData" } else { "Complete" },
            }));
            if partial {
                next = Some(format!("{qi}:{}", skip + take));
                break;
            }
        }
        let mut out = Map::new();
        out.insert("MetricDataResults".into(), Value::Array(results));
        if let Some(position) = next {
            out.insert("NextToken".into(), json!(paging::encode(&request, &position)));
        }
        out.insert("Messages".into(), json!([]));
        Ok(Value::Object(out))
    }
}

/// The samples of one datum: `Value`, `Values` + `Counts`, or
/// `StatisticValues` (exactly one of them).
/// Where a datum sits in a PutMetricData request, written out only in
/// messages (formatting every location up front cost more than storing the
/// datum).
#[derive(Clone, Copy, Debug)]
enum Datum {
    /// `MetricData.member.N`.
    Plain(usize),
    /// `EntityMetricData.member.N.MetricData.member.M`.
    Entity(usize, usize),
}

impl Display for Datum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Datum::Plain(i) => write!(f, "MetricData.member.{}", i + 1),
            Datum::Entity(i, j) => write!(f, "EntityMetricData.member.{}.MetricData.member.{}", i + 1, j + 1),
        }
    }
}

/// A location followed by a member path (`{Datum}.Dimensions`).
#[derive(Clone, Copy)]
struct Then<L>(L, &'static str);

impl<L: Display> Display for Then<L> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.0, self.1)
    }
}

fn datum_aggregate(d: &Params, at: Datum) -> Result<Agg, AwsError> {
    let given: Vec<&str> = ["Value", "StatisticValues", "Values"]
        .into_iter()
        .filter(|m| match *m {
            "Values" => !d.list("Values").is_empty(),
            m => d.has(m),
        })
        .collect();
    if given.len() > 1 {
        return Err(combination(format!(
            "The parameters {at}.{} and {at}.{} are mutually exclusive and you have specified both.",
            given[0], given[1]
        )));
    }
    let mut agg = Agg::default();
    match given.first().copied() {
        None => {
            if !d.list("Counts").is_empty() {
                return Err(missing(format!(
                    "The parameter {at}.Values is required when {at}.Counts is specified."
                )));
            }
            return Err(missing(format!("The parameter {at}.Value is required.")));
        }
        Some("Value") => {
            let v = d.f64("Value").unwrap_or_default();
            check_value(v, Then(at, ".Value"))?;
            agg.add_value(v, 1.0);
        }
        Some("Values") => {
            let values = d.list("Values");
            let counts = d.list("Counts");
            if values.len() > 150 {
                return Err(invalid(format!(
                    "The collection {at}.Values must not have a size greater than 150."
                )));
            }
            if !counts.is_empty() && counts.len() != values.len() {
                return Err(invalid(format!(
                    "The parameters {at}.Values and {at}.Counts must be of the same size."
                )));
            }
            for (i, v) in values.iter().enumerate() {
                let v = v.as_f64().unwrap_or_default();
                check_value(v, format_args!("{at}.Values.member.{}", i + 1))?;
                let c = counts.get(i).and_then(Value::as_f64).unwrap_or(1.0);
                if c < 0.0 || !value_in_range(c) {
                    return Err(invalid(format!(
                        "The value {} for parameter {at}.Counts.member.{} is invalid.",
                        java_grouped(c),
                        i + 1
                    )));
                }
                agg.add_value(v, c);
            }
        }
        _ => {
            let s = d.child("StatisticValues");
            let field = |name: &str| s.f64(name).unwrap_or_default();
            let (n, sum, min, max) = (field("SampleCount"), field("Sum"), field("Minimum"), field("Maximum"));
            for (name, v) in [("SampleCount", n), ("Sum", sum), ("Minimum", min), ("Maximum", max)] {
                check_value(v, format_args!("{at}.StatisticValues.{name}"))?;
            }
            if n <= 0.0 {
                return Err(invalid(format!(
                    "The value {} for parameter {at}.StatisticValues.SampleCount is invalid.",
                    java_grouped(n)
                )));
            }
            if min > max {
                return Err(invalid(format!(
                    "The parameter {at}.StatisticValues.Maximum must be greater than or equal to {at}.StatisticValues.Minimum."
                )));
            }
            agg.add_set(n, sum, min, max);
        }
    }
    Ok(agg)
}

/// ListMetrics' `Metric`.
fn metric_json(id: &MetricId) -> Value {
    json!({
        "Namespace": id.namespace,
        "MetricName": id.name,
        "Dimensions": id.dimensions.iter().map(|(n, v)| json!({"Name": n, "Value": v})).collect::<Vec<_>>(),
    })
}
