//! Queue attributes: CreateQueue's settings with their ranges, and
//! GetQueueAttributes' values.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::errors;
use super::queue::{Queue, QueueSettings};
use crate::sim::AwsError;

/// Attributes CreateQueue accepts without behaviour of their own in the
/// playground: they are stored and reported as given.
const STORED: [&str; 5] = [
    "Policy",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled",
    "RedriveAllowPolicy",
];
/// FIFO-only attributes.
const FIFO_ONLY: [&str; 3] = ["ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"];
/// Attributes SQS computes; CreateQueue refuses them.
const READ_ONLY: [&str; 7] = [
    "All",
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "QueueArn",
];

/// The settings of a queue named `name` from CreateQueue's `Attributes`.
pub(super) fn settings(name: &str, given: &BTreeMap<String, String>) -> Result<QueueSettings, AwsError> {
    let mut s = QueueSettings::default();
    let fifo_name = name.ends_with(".fifo");
    for (key, value) in given {
        let int = |lo: i64, hi: i64| -> Result<i64, AwsError> {
            value
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|v| (lo..=hi).contains(v))
                .ok_or_else(|| invalid_value(key))
        };
        match key.as_str() {
            "DelaySeconds" => s.delay_s = int(0, 900)?,
            "MaximumMessageSize" => s.max_message_size = int(1024, 1_048_576)?,
            "MessageRetentionPeriod" => s.retention_s = int(60, 1_209_600)?,
            "ReceiveMessageWaitTimeSeconds" => s.receive_wait_s = int(0, 20)?,
            "VisibilityTimeout" => s.visibility_timeout_s = int(0, 43_200)?,
            "FifoQueue" => {
                s.fifo = parse_bool(value).ok_or_else(|| invalid_value(key))?;
                if s.fifo && !fifo_name {
                    // A FIFO queue's name must end with `.fifo`.
                    return Err(invalid_value(key));
                }
            }
            "ContentBasedDeduplication" => {
                s.content_based_deduplication = parse_bool(value).ok_or_else(|| invalid_value(key))?;
            }
            "RedrivePolicy" => {
                return Err(AwsError::input(
                    "InvalidAttributeValue",
                    "Invalid value for the parameter RedrivePolicy. Reason: dead-letter queues are not modelled by \
                     this playground.",
                ))
            }
            k if READ_ONLY.contains(&k) => {
                return Err(AwsError::input(
                    "InvalidAttributeName",
                    format!("Unknown Attribute {k}."),
                ))
            }
            k if STORED.contains(&k) || FIFO_ONLY.contains(&k) => {
                s.other.insert(k.to_owned(), value.clone());
            }
            k => {
                return Err(AwsError::input(
                    "InvalidAttributeName",
                    format!("Unknown Attribute {k}."),
                ))
            }
        }
    }
    if fifo_name && !s.fifo {
        return Err(errors::invalid_queue_name());
    }
    if !s.fifo {
        if let Some(k) = FIFO_ONLY.iter().find(|k| given.contains_key(**k)) {
            return Err(AwsError::input(
                "InvalidAttributeName",
                format!("Unknown Attribute {k}."),
            ));
        }
    }
    Ok(s)
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn invalid_value(key: &str) -> AwsError {
    AwsError::input(
        "InvalidAttributeValue",
        format!("Invalid value for the parameter {key}."),
    )
}

/// The attributes GetQueueAttributes returns for `names` (`All` for
/// every one), in the order SQS lists them.
pub(super) fn render(queue: &Queue, names: &[String]) -> Map<String, Value> {
    let all = names.iter().any(|n| n == "All");
    let wanted = |n: &str| all || names.iter().any(|x| x == n);
    let s = &queue.settings;
    let created = (queue.created.millis() / 1000).to_string();
    let mut values: Vec<(&str, String)> = vec![
        ("QueueArn", queue.arn.clone()),
        ("ApproximateNumberOfMessages", queue.visible_count().to_string()),
        (
            "ApproximateNumberOfMessagesNotVisible",
            queue.in_flight_count().to_string(),
        ),
        ("ApproximateNumberOfMessagesDelayed", queue.delayed_count().to_string()),
        ("CreatedTimestamp", created.clone()),
        ("LastModifiedTimestamp", created),
        ("VisibilityTimeout", s.visibility_timeout_s.to_string()),
        ("MaximumMessageSize", s.max_message_size.to_string()),
        ("MessageRetentionPeriod", s.retention_s.to_string()),
        ("DelaySeconds", s.delay_s.to_string()),
        ("ReceiveMessageWaitTimeSeconds", s.receive_wait_s.to_string()),
    ];
    if !s.other.contains_key("KmsMasterKeyId") {
        values.push((
            "SqsManagedSseEnabled",
            s.other
                .get("SqsManagedSseEnabled")
                .map(|v| v.to_ascii_lowercase())
                .unwrap_or_else(|| "true".into()),
        ));
    }
    if s.fifo {
        values.push(("FifoQueue", "true".into()));
        values.push(("ContentBasedDeduplication", s.content_based_deduplication.to_string()));
        values.push((
            "DeduplicationScope",
            s.other
                .get("DeduplicationScope")
                .cloned()
                .unwrap_or_else(|| "queue".into()),
        ));
        values.push((
            "FifoThroughputLimit",
            s.other
                .get("FifoThroughputLimit")
                .cloned()
                .unwrap_or_else(|| "perQueue".into()),
        ));
    }
    let mut out = Map::new();
    for (k, v) in values {
        if wanted(k) {
            out.insert(k.to_owned(), Value::from(v));
        }
    }
    for (k, v) in &s.other {
        if wanted(k) && !out.contains_key(k) && k != "SqsManagedSseEnabled" {
            out.insert(k.clone(), Value::from(v.clone()));
        }
    }
    out
}
