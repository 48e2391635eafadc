//! Auto-pagination as the AWS CLI does it (botocore's paginators): the CLI
//! follows the operation's output token, calls again, merges the pages'
//! result keys and prints only those (the paging markers disappear).
//! `--max-items`, `--page-size` and `--starting-token` work as in botocore;
//! giving the operation's own token or limit (`--marker`, `--limit`) turns
//! pagination off and shows the raw page, as the CLI does.
//!
//! The table is botocore's `paginators-1.json` for the operations the models
//! implement.

use base64::Engine;
use serde_json::{Map, Value};

use super::errors::Failure;
use crate::sim::ServiceName;

/// One operation's paginator.
#[derive(Debug)]
pub(crate) struct Paginator {
    pub input_token: &'static str,
    pub output_token: &'static str,
    pub more_results: Option<&'static str>,
    pub limit_key: Option<&'static str>,
    pub result_keys: &'static [&'static str],
}

const fn p(
    input_token: &'static str,
    output_token: &'static str,
    more_results: Option<&'static str>,
    limit_key: Option<&'static str>,
    result_keys: &'static [&'static str],
) -> Paginator {
    Paginator {
        input_token,
        output_token,
        more_results,
        limit_key,
        result_keys,
    }
}

const KMS_MARKER: (&str, &str, Option<&str>, Option<&str>) = ("Marker", "NextMarker", Some("Truncated"), Some("Limit"));

static TABLE: &[(ServiceName, &str, Paginator)] = &[
    (
        ServiceName::Kms,
        "ListAliases",
        p(KMS_MARKER.0, KMS_MARKER.1, KMS_MARKER.2, KMS_MARKER.3, &["Aliases"]),
    ),
    (
        ServiceName::Kms,
        "ListKeys",
        p(KMS_MARKER.0, KMS_MARKER.1, KMS_MARKER.2, KMS_MARKER.3, &["Keys"]),
    ),
    (
        ServiceName::Kms,
        "ListResourceTags",
        p(KMS_MARKER.0, KMS_MARKER.1, KMS_MARKER.2, KMS_MARKER.3, &["Tags"]),
    ),
    (
        ServiceName::Kms,
        "ListKeyRotations",
        p(KMS_MARKER.0, KMS_MARKER.1, KMS_MARKER.2, KMS_MARKER.3, &["Rotations"]),
    ),
    (
        ServiceName::Cloudwatch,
        "DescribeAlarmHistory",
        p(
            "NextToken",
            "NextToken",
            None,
            Some("MaxRecords"),
            &["AlarmHistoryItems"],
        ),
    ),
    (
        ServiceName::Cloudwatch,
        "DescribeAlarms",
        p(
            "NextToken",
            "NextToken",
            None,
            Some("MaxRecords"),
            &["MetricAlarms", "CompositeAlarms"],
        ),
    ),
    (
        ServiceName::Cloudwatch,
        "ListMetrics",
        p("NextToken", "NextToken", None, None, &["Metrics", "OwningAccounts"]),
    ),
    (
        ServiceName::Cloudwatch,
        "GetMetricData",
        p(
            "NextToken",
            "NextToken",
            None,
            Some("MaxDatapoints"),
            &["MetricDataResults", "Messages"],
        ),
    ),
    (
        ServiceName::Sns,
        "ListSubscriptions",
        p("NextToken", "NextToken", None, None, &["Subscriptions"]),
    ),
    (
        ServiceName::Sns,
        "ListSubscriptionsByTopic",
        p("NextToken", "NextToken", None, None, &["Subscriptions"]),
    ),
    (
        ServiceName::Sns,
        "ListTopics",
        p("NextToken", "NextToken", None, None, &["Topics"]),
    ),
    (
        ServiceName::Events,
        "ListRuleNamesByTarget",
        p("NextToken", "NextToken", None, Some("Limit"), &["RuleNames"]),
    ),
    (
        ServiceName::Events,
        "ListRules",
        p("NextToken", "NextToken", None, Some("Limit"), &["Rules"]),
    ),
    (
        ServiceName::Events,
        "ListTargetsByRule",
        p("NextToken", "NextToken", None, Some("Limit"), &["Targets"]),
    ),
    (
        ServiceName::Logs,
        "DescribeLogGroups",
        p("nextToken", "nextToken", None, Some("limit"), &["logGroups"]),
    ),
    (
        ServiceName::Logs,
        "DescribeLogStreams",
        p("nextToken", "nextToken", None, Some("limit"), &["logStreams"]),
    ),
    (
        ServiceName::Logs,
        "DescribeMetricFilters",
        p("nextToken", "nextToken", None, Some("limit"), &["metricFilters"]),
    ),
    (
        ServiceName::Logs,
        "FilterLogEvents",
        p(
            "nextToken",
            "nextToken",
            None,
            Some("limit"),
            &["events", "searchedLogStreams"],
        ),
    ),
    (
        ServiceName::Cloudtrail,
        "LookupEvents",
        p("NextToken", "NextToken", None, Some("MaxResults"), &["Events"]),
    ),
    (
        ServiceName::Sqs,
        "ListQueues",
        p("NextToken", "NextToken", None, Some("MaxResults"), &["QueueUrls"]),
    ),
    (
        ServiceName::Kinesis,
        "ListStreams",
        p(
            "NextToken",
            "NextToken",
            Some("HasMoreStreams"),
            Some("Limit"),
            &["StreamNames", "StreamSummaries"],
        ),
    ),
    (
        ServiceName::Kinesis,
        "ListShards",
        p("NextToken", "NextToken", None, Some("MaxResults"), &["Shards"]),
    ),
    (
        ServiceName::Lambda,
        "ListFunctions",
        p("Marker", "NextMarker", None, Some("MaxItems"), &["Functions"]),
    ),
];

/// The paginator of an operation, if the CLI paginates it.
pub(crate) fn paginator(service: ServiceName, operation: &str) -> Option<&'static Paginator> {
    TABLE
        .iter()
        .find(|(s, op, _)| *s == service && *op == operation)
        .map(|(_, _, p)| p)
}

/// Most pages one command follows (a safety bound; botocore has none).
const MAX_PAGES: usize = 1000;

/// Paging options from the command line.
#[derive(Debug, Clone, Default)]
pub(crate) struct PagingArgs {
    pub starting_token: Option<String>,
    pub page_size: Option<i64>,
    pub max_items: Option<i64>,
}

/// Calls the operation page after page through `call` and builds the CLI's
/// merged result.
pub(crate) fn paginate(
    pag: &Paginator,
    mut params: Map<String, Value>,
    args: &PagingArgs,
    call: &mut dyn FnMut(&Value) -> Result<Value, Failure>,
) -> Result<Value, Failure> {
    let mut skip = 0usize;
    if let Some(token) = &args.starting_token {
        let (value, truncate) = decode_token(pag, token)?;
        if let Some(v) = value {
            params.insert(pag.input_token.into(), v);
        }
        skip = truncate;
    }
    if let (Some(size), Some(limit)) = (args.page_size, pag.limit_key) {
        params.insert(limit.into(), Value::from(size));
    }
    let primary = pag.result_keys[0];
    let mut complete = Map::new();
    let mut total: i64 = 0;
    let mut previous: Option<Value> = None;
    let mut resume: Option<String> = None;
    for page_index in 0..MAX_PAGES {
        let mut page = call(&Value::Object(params.clone()))?;
        if page_index == 0 && skip > 0 {
            if let Some(Value::Array(items)) = page.get_mut(primary) {
                let n = skip.min(items.len());
                items.drain(..n);
            }
            for key in &pag.result_keys[1..] {
                if let Some(v) = page.get_mut(*key) {
                    *v = empty_like(v);
                }
            }
        }
        let count = page.get(primary).and_then(Value::as_array).map_or(0, Vec::len) as i64;
        let next = next_token(pag, &page);
        let truncate = args.max_items.map_or(0, |max| total + count - max);
        if truncate > 0 {
            let keep = (count - truncate).max(0) as usize;
            if let Some(Value::Array(items)) = page.get_mut(primary) {
                items.truncate(keep);
            }
            let base = if page_index == 0 { skip } else { 0 };
            let current = if page_index == 0 {
                args.starting_token
                    .as_ref()
                    .and_then(|t| decode_token(pag, t).ok())
                    .and_then(|(v, _)| v)
            } else {
                previous.clone()
            };
            resume = Some(encode_token(pag, current, Some(keep + base)));
            merge(pag, &mut complete, &page);
            break;
        }
        merge(pag, &mut complete, &page);
        total += count;
        let Some(next) = next else { break };
        if args.max_items == Some(total) {
            resume = Some(encode_token(pag, Some(next), None));
            break;
        }
        if previous.as_ref() == Some(&next) {
            return Err(Failure::General(format!(
                "The same next token was received twice: {{'{}': {}}}",
                pag.input_token,
                super::pyjson::py_repr(&next, false)
            )));
        }
        params.insert(pag.input_token.into(), next.clone());
        previous = Some(next);
    }
    if let Some(token) = resume {
        complete.insert("NextToken".into(), Value::String(token));
    }
    Ok(Value::Object(complete))
}

fn empty_like(v: &Value) -> Value {
    match v {
        Value::Array(_) => Value::Array(Vec::new()),
        Value::String(_) => Value::String(String::new()),
        Value::Number(_) => Value::from(0),
        _ => Value::Null,
    }
}

/// botocore's `build_full_result` for one more page.
fn merge(pag: &Paginator, complete: &mut Map<String, Value>, page: &Value) {
    for key in pag.result_keys {
        let Some(value) = page.get(*key).filter(|v| !v.is_null()) else {
            continue;
        };
        match (complete.get_mut(*key), value) {
            (None, v) => {
                complete.insert((*key).into(), v.clone());
            }
            (Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more.iter().cloned()),
            (Some(Value::String(existing)), Value::String(more)) => existing.push_str(more),
            (Some(existing @ Value::Number(_)), Value::Number(more)) => {
                let sum = existing.as_f64().unwrap_or(0.0) + more.as_f64().unwrap_or(0.0);
                *existing = Value::from(sum);
            }
            _ => {}
        }
    }
}

fn next_token(pag: &Paginator, page: &Value) -> Option<Value> {
    if let Some(more) = pag.more_results {
        if !page.get(more).is_some_and(truthy) {
            return None;
        }
    }
    page.get(pag.output_token).filter(|v| truthy(v)).cloned()
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Number(n) => n.as_f64() != Some(0.0),
    }
}

/// botocore's `TokenEncoder`: base64 of the token dict as Python's
/// `json.dumps` writes it.
fn encode_token(pag: &Paginator, value: Option<Value>, truncate: Option<usize>) -> String {
    let mut json = format!(
        "{{\"{}\": {}",
        pag.input_token,
        value.map_or_else(|| "null".to_owned(), |v| v.to_string())
    );
    if let Some(n) = truncate {
        json.push_str(&format!(", \"boto_truncate_amount\": {n}"));
    }
    json.push('}');
    base64::engine::general_purpose::STANDARD.encode(json.as_bytes())
}

fn decode_token(pag: &Paginator, token: &str) -> Result<(Option<Value>, usize), Failure> {
    let bad = || Failure::General(format!("Bad starting token: {token}"));
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(token.trim())
        .map_err(|_| bad())?;
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(&bytes) else {
        return Err(bad());
    };
    let value = map.get(pag.input_token).filter(|v| !v.is_null()).cloned();
    let truncate = map
        .get("boto_truncate_amount")
        .and_then(Value::as_u64)
        .map_or(0, |n| n as usize);
    Ok((value, truncate))
}
