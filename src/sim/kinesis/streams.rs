//! CreateStream, DeleteStream, ListStreams, DescribeStreamSummary and
//! ListShards, and naming a stream by `StreamName` or `StreamARN`.

use std::collections::VecDeque;

use serde_json::{json, Value};

use super::{records, Kinesis, Shard, Stream, StreamMode};
use crate::sim::ctx::Ctx;
use crate::sim::params::{b64, Params};
use crate::sim::time::epoch_json;
use crate::sim::{AwsError, AwsResult};

/// Shards an on-demand stream starts with.
const ON_DEMAND_SHARDS: usize = 4;
/// The account's shard quota (us-east-1, us-west-2 and eu-west-1).
const SHARD_LIMIT: usize = 500;
/// ListStreams' default page.
const DEFAULT_LIMIT: usize = 100;

pub(super) fn invalid_argument(message: impl Into<String>) -> AwsError {
    AwsError::input("InvalidArgumentException", message)
}

/// `Stream <name> under account <account> not found.`
pub(super) fn stream_not_found(name: &str, ctx: &Ctx) -> AwsError {
    AwsError::new(
        "ResourceNotFoundException",
        format!("Stream {name} under account {} not found.", ctx.account()),
    )
}

/// The stream name a request gives by `StreamName` or `StreamARN`.
pub(super) fn stream_name<'a>(p: Params<'a>, ctx: &Ctx) -> Result<&'a str, AwsError> {
    match (p.str("StreamName"), p.str("StreamARN")) {
        (Some(name), None) => Ok(name),
        (name, Some(arn)) => {
            let Some(from_arn) = arn.strip_prefix(&ctx.arn("kinesis", "stream/")) else {
                return Err(invalid_argument(format!(
                    "StreamARN {arn} is not a stream of account {} in {}.",
                    ctx.account(),
                    ctx.region()
                )));
            };
            if name.is_some_and(|n| n != from_arn) {
                return Err(invalid_argument(
                    "StreamARN and StreamName do not refer to the same stream.",
                ));
            }
            Ok(from_arn)
        }
        (None, None) => Err(AwsError::input(
            "ValidationException",
            "Either StreamName or StreamARN should be provided.",
        )),
    }
}

impl Kinesis {
    pub(super) fn create_stream(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("StreamName");
        let mode = match p.child("StreamModeDetails").str("StreamMode") {
            Some("ON_DEMAND") => StreamMode::OnDemand,
            _ => StreamMode::Provisioned,
        };
        let count = match (mode, p.i64("ShardCount")) {
            (StreamMode::OnDemand, None) => ON_DEMAND_SHARDS,
            (StreamMode::OnDemand, Some(_)) => {
                return Err(AwsError::input(
                    "ValidationException",
                    "ShardCount is not supported for ON_DEMAND stream mode.",
                ))
            }
            (StreamMode::Provisioned, Some(n)) => n as usize,
            (StreamMode::Provisioned, None) => {
                return Err(AwsError::input(
                    "ValidationException",
                    "ShardCount is required for PROVISIONED stream mode.",
                ))
            }
        };
        if self.streams.contains_key(name) {
            return Err(AwsError::new(
                "ResourceInUseException",
                format!("Stream {name} under account {} already exists.", ctx.account()),
            ));
        }
        let current: usize = self.streams.values().map(|s| s.shards.len()).sum();
        if current + count > SHARD_LIMIT {
            return Err(AwsError::new(
                "LimitExceededException",
                format!(
                    "This request would exceed the shard limit for the account {} in {}. Current shard count for the \
                     account: {current}. Limit: {SHARD_LIMIT}. Number of additional shards that would have resulted \
                     from this request: {count}. Refer to the AWS Service Limits page \
                     (https://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and \
                     how to request higher limits.",
                    ctx.account(),
                    ctx.region()
                ),
            ));
        }
        self.next_uid += 1;
        let arn = ctx.arn("kinesis", &format!("stream/{name}"));
        ctx.audit_resource("AWS::Kinesis::Stream", &arn);
        let shards = (0..count)
            .map(|i| {
                let (start, end) = records::hash_range(i, count);
                Shard {
                    id: shard_id(i),
                    starting_hash_key: start,
                    ending_hash_key: end,
                    starting_sequence_number: records::sequence_number(ctx.now, i, 0),
                    records: VecDeque::new(),
                    next_index: 0,
                    last_counter: 0,
                    rate: (0, 0),
                }
            })
            .collect();
        self.streams.insert(
            name.to_owned(),
            Stream {
                name: name.to_owned(),
                arn,
                created: ctx.now,
                mode,
                shards,
                tags: p.str_map("Tags"),
                uid: self.next_uid,
            },
        );
        Ok(json!({}))
    }

    pub(super) fn delete_stream(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = stream_name(p, ctx)?;
        let stream = self.streams.remove(name).ok_or_else(|| stream_not_found(name, ctx))?;
        ctx.audit_resource("AWS::Kinesis::Stream", &stream.arn);
        Ok(json!({}))
    }

    pub(super) fn list_streams(&self, p: Params) -> AwsResult {
        let limit = p.i64("Limit").map_or(DEFAULT_LIMIT, |l| l as usize);
        // The NextToken of the previous page names its last stream.
        let from_token = match p.str("NextToken") {
            Some(token) => Some(decode_stream_token(token).ok_or_else(|| invalid_argument("NextToken is invalid."))?),
            None => None,
        };
        let after = from_token
            .as_deref()
            .or(p.str("ExclusiveStartStreamName"))
            .unwrap_or_default();
        let mut names = Vec::new();
        let mut summaries = Vec::new();
        let mut more = false;
        for s in self.streams.values().filter(|s| s.name.as_str() > after) {
            if names.len() == limit {
                more = true;
                break;
            }
            names.push(json!(s.name));
            summaries.push(json!({
                "StreamName": s.name,
                "StreamARN": s.arn,
                "StreamStatus": "ACTIVE",
                "StreamModeDetails": {"StreamMode": s.mode.as_str()},
                "StreamCreationTimestamp": epoch_json(s.created),
            }));
        }
        let mut out = json!({ "StreamNames": names, "HasMoreStreams": more });
        if more {
            if let Some(Value::String(last)) = names.last() {
                out["NextToken"] = json!(b64(last.as_bytes()));
            }
        }
        out["StreamSummaries"] = Value::Array(summaries);
        Ok(out)
    }

    pub(super) fn describe_stream_summary(&self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = stream_name(p, ctx)?;
        let s = self.streams.get(name).ok_or_else(|| stream_not_found(name, ctx))?;
        Ok(json!({
            "StreamDescriptionSummary": {
                "StreamName": s.name,
                "StreamARN": s.arn,
                "StreamStatus": "ACTIVE",
                "StreamModeDetails": {"StreamMode": s.mode.as_str()},
                "RetentionPeriodHours": 24,
                "StreamCreationTimestamp": epoch_json(s.created),
                "EnhancedMonitoring": [{"ShardLevelMetrics": []}],
                "EncryptionType": "NONE",
                "OpenShardCount": s.shards.len(),
                "ConsumerCount": 0,
            }
        }))
    }

    pub(super) fn list_shards(&self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let (name, start) = match p.str("NextToken") {
            Some(token) => decode_shard_token(token).ok_or_else(|| invalid_argument("NextToken is invalid."))?,
            None => (stream_name(p, ctx)?.to_owned(), 0),
        };
        let s = self.streams.get(&name).ok_or_else(|| stream_not_found(&name, ctx))?;
        let max = p.i64("MaxResults").map_or(usize::MAX, |m| m as usize);
        let shards: Vec<Value> = s
            .shards
            .iter()
            .skip(start)
            .take(max)
            .map(|sh| {
                json!({
                    "ShardId": sh.id,
                    "HashKeyRange": {
                        "StartingHashKey": sh.starting_hash_key.to_string(),
                        "EndingHashKey": sh.ending_hash_key.to_string(),
                    },
                    "SequenceNumberRange": {"StartingSequenceNumber": sh.starting_sequence_number},
                })
            })
            .collect();
        let end = start + shards.len();
        let mut out = json!({ "Shards": shards });
        if end < s.shards.len() {
            out["NextToken"] = json!(b64(format!("{name}\n{end}").as_bytes()));
        }
        Ok(out)
    }
}

/// `shardId-000000000000`.
pub(super) fn shard_id(index: usize) -> String {
    format!("shardId-{index:012}")
}

fn decode_stream_token(token: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(token).ok()?;
    String::from_utf8(bytes).ok().filter(|name| !name.is_empty())
}

fn decode_shard_token(token: &str) -> Option<(String, usize)> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(token).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (name, index) = text.split_once('\n')?;
    Some((name.to_owned(), index.parse().ok()?))
}
