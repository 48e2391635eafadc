//! Metric filters: `PutMetricFilter`, `DeleteMetricFilter`,
//! `DescribeMetricFilters`, `TestMetricFilter`, and what happens at
//! ingestion — every event of the group is matched, and each match (or,
//! with a `defaultValue`, each miss) becomes a datapoint at the event's
//! timestamp, published to CloudWatch as `Effect::Metric`.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::pattern::{Event, FilterPattern};
use super::{group_not_found, invalid, millis, offset_token, token_offset, Logs};
use crate::sim::cloudwatch::{MetricId, MetricUpdate};
use crate::sim::ctx::{Ctx, Effect};
use crate::sim::params::Params;
use crate::sim::time::SimTime;
use crate::sim::{AwsError, AwsResult};

/// AWS's quota of metric filters per log group.
pub const MAX_FILTERS_PER_GROUP: usize = 100;
/// AWS's quota of metric filters with a `%regex%` per log group.
pub const MAX_REGEX_FILTERS_PER_GROUP: usize = 5;
/// At most this many dimensions (system fields included) per filter.
pub const MAX_DIMENSIONS: usize = 3;
/// The system fields `emitSystemFieldDimensions` may name.
const SYSTEM_FIELDS: [&str; 2] = ["@aws.account", "@aws.region"];

/// What a filter publishes for an event.
#[derive(Clone, Debug, PartialEq)]
pub enum MetricValue {
    /// A constant (`"1"`): count the matches.
    Number(f64),
    /// A field of the event (`$.latency`, `$bytes`).
    Field(String),
}

/// A filter's one metric transformation.
#[derive(Clone, Debug)]
pub struct MetricTransformation {
    pub metric_name: String,
    pub metric_namespace: String,
    /// As written in the request.
    pub metric_value_text: String,
    pub metric_value: MetricValue,
    pub default_value: Option<f64>,
    /// `(dimension name, field reference)` in request order.
    pub dimensions: Vec<(String, String)>,
    pub unit: Option<String>,
}

/// One metric filter of a log group.
#[derive(Clone, Debug)]
pub struct MetricFilter {
    pub name: String,
    pub creation_time: SimTime,
    pub transformation: MetricTransformation,
    pub apply_on_transformed_logs: bool,
    /// Stored and returned; not evaluated (every event of the playground
    /// comes from its one account and Region).
    pub field_selection_criteria: Option<String>,
    pub emit_system_field_dimensions: Vec<String>,
    pattern: FilterPattern,
}

impl MetricFilter {
    /// The filter pattern, parsed (its text is `pattern().source()`).
    pub fn pattern(&self) -> &FilterPattern {
        &self.pattern
    }
}

/// Datapoints gathered while ingesting a batch, one update per metric, in
/// the order the metrics first appeared.
#[derive(Default)]
pub(crate) struct Publication {
    updates: Vec<(MetricId, Option<String>, Points)>,
}

type Points = Vec<(SimTime, f64)>;

impl Publication {
    fn add(&mut self, metric: MetricId, unit: &Option<String>, point: (SimTime, f64)) {
        match self.updates.iter_mut().find(|(m, u, _)| *m == metric && u == unit) {
            Some((_, _, points)) => points.push(point),
            None => self.updates.push((metric, unit.clone(), vec![point])),
        }
    }

    pub(crate) fn emit(self, ctx: &mut Ctx) {
        for (metric, unit, points) in self.updates {
            ctx.emit(Effect::Metric(MetricUpdate::Put { metric, unit, points }));
        }
    }
}

/// Runs every filter of a group over one event.
pub(crate) fn apply(
    filters: &BTreeMap<String, MetricFilter>,
    timestamp: SimTime,
    message: &str,
    ctx: &Ctx,
    out: &mut Publication,
) {
    if filters.is_empty() {
        return;
    }
    let event = Event::new(message);
    for filter in filters.values() {
        let t = &filter.transformation;
        let value = if filter.pattern.matches_event(&event) {
            match &t.metric_value {
                MetricValue::Number(n) => Some(*n),
                // A field that is missing or not a number publishes nothing.
                MetricValue::Field(reference) => filter
                    .pattern
                    .value_of(&event, reference)
                    .and_then(|v| super::pattern::number(&v)),
            }
        } else {
            t.default_value
        };
        let Some(value) = value else {
            continue;
        };
        let mut dimensions = Vec::with_capacity(t.dimensions.len());
        for (name, reference) in &t.dimensions {
            // Dimensions only exist on matches (they exclude defaultValue).
            match filter.pattern.value_of(&event, reference) {
                Some(v) => dimensions.push((name.clone(), v)),
                None => break,
            }
        }
        if dimensions.len() < t.dimensions.len() {
            continue;
        }
        for field in &filter.emit_system_field_dimensions {
            let v = if field == "@aws.account" {
                ctx.account()
            } else {
                ctx.region()
            };
            dimensions.push((field.clone(), v.to_owned()));
        }
        let metric = MetricId {
            namespace: t.metric_namespace.clone(),
            name: t.metric_name.clone(),
            dimensions,
        };
        out.add(metric, &t.unit, (timestamp, value));
    }
}

impl Logs {
    pub(super) fn put_metric_filter(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let filter = parse_filter(&p, ctx.now)?;
        let group = self.group_mut(p.req_str("logGroupName"))?;
        let replacing = group.filters.get(&filter.name);
        if replacing.is_none() && group.filters.len() >= MAX_FILTERS_PER_GROUP {
            return Err(AwsError::new("LimitExceededException", "Resource limit exceeded."));
        }
        let regex_filters = group
            .filters
            .values()
            .filter(|f| f.name != filter.name && f.pattern.regex_count() > 0)
            .count();
        if filter.pattern.regex_count() > 0 && regex_filters >= MAX_REGEX_FILTERS_PER_GROUP {
            return Err(AwsError::new("LimitExceededException", "Resource limit exceeded."));
        }
        // An update keeps the filter's creation time.
        let creation_time = replacing.map_or(filter.creation_time, |f| f.creation_time);
        group.filters.insert(
            filter.name.clone(),
            MetricFilter {
                creation_time,
                ..filter
            },
        );
        Ok(json!({}))
    }

    pub(super) fn delete_metric_filter(&mut self, p: Params) -> AwsResult {
        let group = self.group_mut(p.req_str("logGroupName"))?;
        if group.filters.remove(p.req_str("filterName")).is_none() {
            // (inferred) AWS's wording is not in the sources.
            return Err(AwsError::new(
                "ResourceNotFoundException",
                "The specified metric filter does not exist.",
            ));
        }
        Ok(json!({}))
    }

    pub(super) fn describe_metric_filters(&mut self, p: Params) -> AwsResult {
        let metric_name = p.str("metricName");
        let namespace = p.str("metricNamespace");
        if metric_name.is_some() != namespace.is_some() {
            // (inferred) AWS documents the rule, not its wording.
            return Err(invalid(
                "If you specify metricName or metricNamespace, you must specify both.",
            ));
        }
        let limit = p.i64("limit").map_or(50, |l| l as usize);
        let offset = token_offset(&p)?;
        let group_filter = p.str("logGroupName");
        if let Some(name) = group_filter {
            if !self.groups.contains_key(name) {
                return Err(group_not_found());
            }
        }
        // AWS only uses filterNamePrefix together with logGroupName.
        let prefix = group_filter.and(p.str("filterNamePrefix"));
        let matching: Vec<(&str, &MetricFilter)> = self
            .groups
            .values()
            .filter(|g| group_filter.is_none_or(|n| g.name == n))
            .flat_map(|g| g.filters.values().map(move |f| (g.name.as_str(), f)))
            .filter(|(_, f)| prefix.is_none_or(|pre| f.name.starts_with(pre)))
            .filter(|(_, f)| {
                metric_name.is_none_or(|m| f.transformation.metric_name == m)
                    && namespace.is_none_or(|n| f.transformation.metric_namespace == n)
            })
            .collect();
        let page: Vec<Value> = matching
            .iter()
            .skip(offset)
            .take(limit)
            .map(|(g, f)| filter_json(g, f))
            .collect();
        let mut out = Map::new();
        out.insert("metricFilters".into(), Value::Array(page));
        if offset.saturating_add(limit) < matching.len() {
            out.insert("nextToken".into(), offset_token(offset.saturating_add(limit)));
        }
        Ok(Value::Object(out))
    }
}

/// Checks a `PutMetricFilter` request as AWS does, before anything changes.
fn parse_filter(p: &Params, now: SimTime) -> Result<MetricFilter, AwsError> {
    let pattern =
        FilterPattern::parse(p.req_str("filterPattern")).map_err(|_| invalid("Invalid metric filter pattern"))?;
    let t = p.list("metricTransformations").first().map(Params::new).unwrap_or(*p);
    for (member, value) in [
        ("metricName", t.req_str("metricName")),
        ("metricNamespace", t.req_str("metricNamespace")),
        ("metricValue", t.req_str("metricValue")),
    ] {
        if value.is_empty() {
            return Err(invalid(format!(
                "1 validation error detected: Value '' at 'metricTransformations.1.member.{member}' failed to \
                 satisfy constraint: Member must have length greater than or equal to 1"
            )));
        }
    }
    let value_text = t.req_str("metricValue");
    let metric_value = match super::pattern::number(value_text) {
        Some(n) => MetricValue::Number(n),
        None if pattern.supports_reference(value_text) => MetricValue::Field(value_text.to_owned()),
        // (inferred) AWS's wording is not in the sources.
        None => {
            return Err(invalid(format!(
                "Invalid metric value: '{value_text}'. Use a number, or a field of the filter pattern \
                 ($.name for JSON patterns, $name for space-delimited ones)."
            )))
        }
    };
    let default_value = t.f64("defaultValue");
    let dimensions: Vec<(String, String)> = t
        .object("dimensions")
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
        .collect();
    let system: Vec<String> = p.str_list("emitSystemFieldDimensions");
    if let Some(bad) = system.iter().find(|f| !SYSTEM_FIELDS.contains(&f.as_str())) {
        return Err(invalid(format!(
            "Invalid system field '{bad}'. Valid values are @aws.account and @aws.region."
        )));
    }
    if !dimensions.is_empty() {
        if !pattern.supports_dimensions() {
            return Err(invalid("The specified filter pattern does not support dimensions"));
        }
        if default_value.is_some() {
            return Err(invalid(
                "Invalid metric transformation: dimensions and default value are mutually exclusive properties",
            ));
        }
        if let Some((name, reference)) = dimensions.iter().find(|(_, r)| !pattern.supports_reference(r)) {
            return Err(invalid(format!(
                "Invalid metric transformation: dimension '{name}' must name a field of the filter pattern, \
                 not '{reference}'"
            )));
        }
    }
    if dimensions.len() + system.len() > MAX_DIMENSIONS {
        return Err(invalid(format!(
            "Invalid metric transformation: a metric filter can have at most {MAX_DIMENSIONS} dimensions"
        )));
    }
    Ok(MetricFilter {
        name: p.req_str("filterName").to_owned(),
        creation_time: now,
        transformation: MetricTransformation {
            metric_name: t.req_str("metricName").to_owned(),
            metric_namespace: t.req_str("metricNamespace").to_owned(),
            metric_value_text: value_text.to_owned(),
            metric_value,
            default_value,
            dimensions,
            unit: t.str("unit").map(str::to_owned),
        },
        apply_on_transformed_logs: p.bool("applyOnTransformedLogs").unwrap_or(false),
        field_selection_criteria: p.str("fieldSelectionCriteria").map(str::to_owned),
        emit_system_field_dimensions: system,
        pattern,
    })
}

/// A filter as `DescribeMetricFilters` returns it.
fn filter_json(group: &str, f: &MetricFilter) -> Value {
    let t = &f.transformation;
    let mut transformation = Map::new();
    transformation.insert("metricName".into(), json!(t.metric_name));
    transformation.insert("metricNamespace".into(), json!(t.metric_namespace));
    transformation.insert("metricValue".into(), json!(t.metric_value_text));
    if let Some(d) = t.default_value {
        transformation.insert("defaultValue".into(), json!(d));
    }
    if !t.dimensions.is_empty() {
        let dims: Map<String, Value> = t.dimensions.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        transformation.insert("dimensions".into(), Value::Object(dims));
    }
    if let Some(unit) = &t.unit {
        transformation.insert("unit".into(), json!(unit));
    }
    let mut out = Map::new();
    out.insert("filterName".into(), json!(f.name));
    out.insert("filterPattern".into(), json!(f.pattern.source()));
    out.insert("metricTransformations".into(), json!([transformation]));
    out.insert("creationTime".into(), millis(f.creation_time));
    out.insert("logGroupName".into(), json!(group));
    if f.apply_on_transformed_logs {
        out.insert("applyOnTransformedLogs".into(), json!(true));
    }
    if let Some(c) = &f.field_selection_criteria {
        out.insert("fieldSelectionCriteria".into(), json!(c));
    }
    if !f.emit_system_field_dimensions.is_empty() {
        out.insert(
            "emitSystemFieldDimensions".into(),
            json!(f.emit_system_field_dimensions),
        );
    }
    Value::Object(out)
}

/// `TestMetricFilter`: which of the messages the pattern matches.
pub(crate) fn test_metric_filter(p: Params) -> AwsResult {
    let pattern =
        FilterPattern::parse(p.req_str("filterPattern")).map_err(|_| invalid("Invalid metric filter pattern"))?;
    let matches: Vec<Value> = p
        .str_list("logEventMessages")
        .iter()
        .enumerate()
        .filter_map(|(i, message)| {
            let event = Event::new(message);
            pattern.matches_event(&event).then(|| {
                let extracted: Map<String, Value> = pattern
                    .extracted_values(&event)
                    .into_iter()
                    .map(|(k, v)| (k, Value::String(v)))
                    .collect();
                json!({
                    "eventNumber": i + 1,
                    "eventMessage": message,
                    "extractedValues": extracted,
                })
            })
        })
        .collect();
    Ok(json!({ "matches": matches }))
}
