//! `aws cloudwatch put-metric-data`'s scalar options (awscli's
//! `customizations/putmetricdata.py`): `--metric-name`, `--timestamp`,
//! `--unit`, `--value`, `--dimensions` (`Name=Value,Name2=Value2`),
//! `--statistic-values` (`Sum=1,Minimum=1,...`) and `--storage-resolution`
//! fill the first entry of `MetricData`, which is then no longer a required
//! option; they cannot be combined with `--metric-data`. This is the form
//! AWS's CloudWatch guide uses to publish a custom metric.

use serde_json::{Map, Value};

use super::argtable::{ArgKind, ArgSpec, Parsed, Raw};
use super::errors::Failure;
use super::unpack::{paramfile_error, py_int};
use crate::sim::model::Operation;
use crate::sim::ServiceName;

/// The options, in awscli's order, with the `MetricDatum` member each sets.
const OPTIONS: [(&str, &str); 7] = [
    ("--metric-name", "MetricName"),
    ("--timestamp", "Timestamp"),
    ("--unit", "Unit"),
    ("--value", "Value"),
    ("--dimensions", "Dimensions"),
    ("--statistic-values", "StatisticValues"),
    ("--storage-resolution", "StorageResolution"),
];

/// Adds the options to put-metric-data's table (and makes `--metric-data`
/// optional); other operations are left alone.
pub(crate) fn customize(service: ServiceName, op: &Operation, table: &mut Vec<ArgSpec>) {
    if service != ServiceName::Cloudwatch || op.name != "PutMetricData" {
        return;
    }
    for spec in table.iter_mut() {
        if spec.cli == "--metric-data" {
            spec.required = false;
        }
    }
    let at = table
        .iter()
        .position(|s| s.kind == ArgKind::CliInputJson)
        .unwrap_or(table.len());
    for (offset, (cli, member)) in OPTIONS.iter().enumerate() {
        table.insert(
            at + offset,
            ArgSpec {
                cli: (*cli).to_owned(),
                member: Some((*member).to_owned()),
                shape: String::new(),
                kind: ArgKind::PutMetric,
                required: false,
            },
        );
    }
}

/// awscli's `validate_mutually_exclusive(['metric_data'], [the others])`:
/// the first option of the other group (in table order) is named.
pub(crate) fn check_exclusive(table: &[ArgSpec], parsed: &Parsed) -> Result<(), Failure> {
    let given = |i: usize| parsed.get(i).is_some();
    let metric_data = table.iter().position(|s| s.cli == "--metric-data").is_some_and(given);
    let scalar = table
        .iter()
        .enumerate()
        .find(|(i, s)| s.kind == ArgKind::PutMetric && s.cli != "--storage-resolution" && given(*i));
    match (metric_data, scalar) {
        (true, Some((_, spec))) => Err(Failure::General(format!(
            "The key \"{}\" cannot be specified when one of the following keys are also specified: metric_data",
            spec.cli[2..].replace('-', "_")
        ))),
        _ => Ok(()),
    }
}

/// Sets `member` of `MetricData[0]` from the option's text.
pub(crate) fn add(params: &mut Map<String, Value>, spec: &ArgSpec, raw: &Raw) -> Result<(), Failure> {
    let (Some(member), Raw::One(text)) = (&spec.member, raw) else {
        return Ok(());
    };
    if let Some(e) = paramfile_error(text) {
        return Err(Failure::Param(format!("Error parsing parameter '{}': {e}", spec.cli)));
    }
    let value = match member.as_str() {
        "Value" => decimal(text)?,
        "StorageResolution" => Value::from(py_int(text)?),
        "Dimensions" => Value::Array(
            pairs(text)?
                .into_iter()
                .map(|(name, value)| {
                    let mut d = Map::new();
                    d.insert("Name".into(), Value::String(name));
                    d.insert("Value".into(), Value::String(value));
                    Value::Object(d)
                })
                .collect(),
        ),
        "StatisticValues" => {
            let mut stats = Map::new();
            for (name, value) in pairs(text)? {
                stats.insert(name, decimal(&value)?);
            }
            Value::Object(stats)
        }
        _ => Value::String(text.clone()),
    };
    let list = params
        .entry("MetricData")
        .or_insert_with(|| Value::Array(vec![Value::Object(Map::new())]));
    if let Some(Value::Object(first)) = list.as_array_mut().and_then(|l| l.first_mut()) {
        first.insert(member.clone(), value);
    }
    Ok(())
}

/// `for pair in split_on_commas(text): key, value = pair.split('=')`.
fn pairs(text: &str) -> Result<Vec<(String, String)>, Failure> {
    split_on_commas(text)
        .into_iter()
        .map(|pair| {
            let parts: Vec<&str> = pair.split('=').collect();
            match parts.as_slice() {
                [k, v] => Ok(((*k).to_owned(), (*v).to_owned())),
                [_] => Err(Failure::General(
                    "not enough values to unpack (expected 2, got 1)".into(),
                )),
                _ => Err(Failure::General("too many values to unpack (expected 2)".into())),
            }
        })
        .collect()
}

/// awscli's `split_on_commas`: commas split, `\,` is a literal comma, and
/// commas inside `[...]` do not split.
fn split_on_commas(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&',') => {
                current.push(',');
                chars.next();
            }
            '[' => {
                depth += 1;
                current.push(c);
            }
            ']' => {
                depth = depth.saturating_sub(1);
                current.push(c);
            }
            ',' if depth == 0 => out.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    out.push(current);
    out
}

/// Python's `decimal.Decimal(text)`, as a JSON number.
fn decimal(text: &str) -> Result<Value, Failure> {
    let syntax = || Failure::General("[<class 'decimal.ConversionSyntax'>]".into());
    let t = text.trim();
    let clean: String = t.chars().filter(|c| *c != '_').collect();
    let valid = !t.is_empty()
        && !t.starts_with('_')
        && !t.ends_with('_')
        && !t.contains("__")
        && clean
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && clean.chars().any(|c| c.is_ascii_digit());
    if !valid {
        let lower = clean.to_ascii_lowercase();
        let body = lower.trim_start_matches(['+', '-']);
        if matches!(body, "inf" | "infinity" | "nan" | "snan") {
            return Err(Failure::General(format!(
                "Out of range float values are not JSON compliant: {}",
                super::pyjson::py_repr_str(t)
            )));
        }
        return Err(syntax());
    }
    let f: f64 = clean.parse().map_err(|_| syntax())?;
    serde_json::Number::from_f64(f).map(Value::Number).ok_or_else(syntax)
}

#[cfg(test)]
mod tests {
    use super::split_on_commas;

    #[test]
    fn commas_split_outside_brackets_and_escapes() {
        assert_eq!(split_on_commas("a=1,b=2"), ["a=1", "b=2"]);
        assert_eq!(split_on_commas("a=1\\,5,b=[x,y]"), ["a=1,5", "b=[x,y]"]);
    }
}
