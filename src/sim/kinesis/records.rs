//! PutRecord, GetShardIterator and GetRecords: choosing a shard by hash
//! key, sequence numbers, shard iterators and their expiry.

use md5::{Digest, Md5};
use serde_json::{json, Value};

use super::streams::{invalid_argument, stream_name, stream_not_found};
use super::{Kinesis, Record, Shard, Stream, RETENTION_MS, SHARD_RECORD_CAP};
use crate::sim::ctx::Ctx;
use crate::sim::params::{b64, Params};
use crate::sim::time::{epoch_json, SimTime, MINUTE, SECOND};
use crate::sim::{AwsError, AwsResult};

/// How long a shard iterator can be used.
const ITERATOR_LIFETIME_MS: i64 = 5 * MINUTE;
/// A shard's write quota: records per second.
const RECORDS_PER_SECOND: u32 = 1000;
/// The largest record (the stream's default MaxRecordSizeInKiB, 1 MiB).
const MAX_RECORD_BYTES: usize = 1_048_576;
/// GetRecords' default and largest `Limit`.
const DEFAULT_GET_LIMIT: usize = 10_000;

/// The hash key of a partition key: its MD5 as a big-endian 128-bit number.
pub(super) fn hash_key(partition_key: &str) -> u128 {
    let digest = Md5::digest(partition_key.as_bytes());
    u128::from_be_bytes(digest.into())
}

/// The hash-key range of shard `i` of `n`: the key space split evenly, as
/// CreateStream splits it (`i * floor(2^128 / n)`), the last shard taking
/// the remainder.
pub(super) fn hash_range(i: usize, n: usize) -> (u128, u128) {
    if n <= 1 {
        return (0, u128::MAX);
    }
    let n = n as u128;
    let i = i as u128;
    // floor(2^128 / n) without overflow: 2^128 = u128::MAX + 1.
    let step = u128::MAX / n + u128::from(u128::MAX % n == n - 1);
    let start = step * i;
    let end = if i + 1 == n { u128::MAX } else { step * (i + 1) - 1 };
    (start, end)
}

/// A 56-digit sequence number: `49`, the stream's creation time in
/// milliseconds (17 digits), the shard's index (3 digits) and a counter
/// (34 digits). Numbers of one shard share the first 22 digits and compare
/// as strings in the order they were issued.
pub(super) fn sequence_number(created: SimTime, shard: usize, counter: u128) -> String {
    format!("49{:017}{:03}{:034}", created.millis(), shard % 1000, counter)
}

/// Appends a record to the shard its hash key falls in; returns the shard
/// id and the sequence number.
pub(super) fn append(
    stream: &mut Stream,
    data: Vec<u8>,
    partition_key: String,
    hash: u128,
    ctx: &Ctx,
) -> Result<(String, String), AwsError> {
    let created = stream.created;
    let name = stream.name.clone();
    let Some((index, shard)) = stream
        .shards
        .iter_mut()
        .enumerate()
        .find(|(_, s)| (s.starting_hash_key..=s.ending_hash_key).contains(&hash))
    else {
        return Err(invalid_argument("No shard covers the hash key."));
    };
    let second = ctx.now.millis().div_euclid(SECOND);
    if shard.rate.0 != second {
        shard.rate = (second, 0);
    }
    if shard.rate.1 >= RECORDS_PER_SECOND {
        return Err(AwsError::new(
            "ProvisionedThroughputExceededException",
            format!(
                "Rate exceeded for shard {} in stream {name} under account {}.",
                shard.id,
                ctx.account()
            ),
        ));
    }
    shard.rate.1 += 1;
    trim(shard, ctx.now);
    let counter = (shard.last_counter + 1).max(ctx.now.millis().max(0) as u128 * 1_000_000);
    shard.last_counter = counter;
    let seq = sequence_number(created, index, counter);
    if shard.records.len() >= SHARD_RECORD_CAP {
        shard.records.pop_front();
    }
    shard.records.push_back(Record {
        sequence_number: seq.clone(),
        arrival: ctx.now,
        data,
        partition_key,
        index: shard.next_index,
    });
    shard.next_index += 1;
    Ok((shard.id.clone(), seq))
}

/// Drops records past the retention period.
pub(super) fn trim(shard: &mut Shard, now: SimTime) {
    while shard
        .records
        .front()
        .is_some_and(|r| now.since(r.arrival) >= RETENTION_MS)
    {
        shard.records.pop_front();
    }
}

/// What a shard iterator holds.
struct ShardIterator {
    uid: u64,
    shard: u32,
    /// Index of the next record to read.
    position: u64,
    issued: SimTime,
    stream: String,
}

impl ShardIterator {
    fn encode(&self) -> String {
        let mut bytes = vec![1u8];
        bytes.extend_from_slice(&self.uid.to_be_bytes());
        bytes.extend_from_slice(&self.shard.to_be_bytes());
        bytes.extend_from_slice(&self.position.to_be_bytes());
        bytes.extend_from_slice(&self.issued.millis().to_be_bytes());
        bytes.extend_from_slice(self.stream.as_bytes());
        b64(&bytes)
    }

    fn decode(text: &str) -> Option<ShardIterator> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD.decode(text).ok()?;
        if bytes.len() < 29 || bytes[0] != 1 {
            return None;
        }
        Some(ShardIterator {
            uid: u64::from_be_bytes(bytes[1..9].try_into().ok()?),
            shard: u32::from_be_bytes(bytes[9..13].try_into().ok()?),
            position: u64::from_be_bytes(bytes[13..21].try_into().ok()?),
            issued: SimTime::from_millis(i64::from_be_bytes(bytes[21..29].try_into().ok()?)),
            stream: String::from_utf8(bytes[29..].to_vec()).ok()?,
        })
    }
}

impl Kinesis {
    pub(super) fn put_record(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = stream_name(p, ctx)?;
        let data = p.blob("Data").unwrap_or_default();
        let Some(partition_key) = p.str("PartitionKey") else {
            return Err(AwsError::input(
                "ValidationException",
                "1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must \
                 not be null",
            ));
        };
        if data.len() > MAX_RECORD_BYTES {
            return Err(AwsError::input(
                "ValidationException",
                format!(
                    "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have \
                     length less than or equal to {MAX_RECORD_BYTES}"
                ),
            ));
        }
        let hash = match p.str("ExplicitHashKey") {
            None => hash_key(partition_key),
            Some(k) => k.parse::<u128>().map_err(|_| {
                invalid_argument(format!(
                    "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value \
                     was {k}"
                ))
            })?,
        };
        let stream = self.streams.get_mut(name).ok_or_else(|| stream_not_found(name, ctx))?;
        let (shard, seq) = append(stream, data, partition_key.to_owned(), hash, ctx)?;
        Ok(json!({ "ShardId": shard, "SequenceNumber": seq }))
    }

    pub(super) fn get_shard_iterator(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = stream_name(p, ctx)?;
        let shard_name = p.req_str("ShardId");
        let kind = p.req_str("ShardIteratorType");
        let starting = p.str("StartingSequenceNumber");
        let timestamp = p.time("Timestamp");
        match kind {
            "AT_SEQUENCE_NUMBER" | "AFTER_SEQUENCE_NUMBER" if starting.is_none() => {
                return Err(invalid_argument(format!(
                    "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber \
                     or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified {kind} and no \
                     StartingSequenceNumber."
                )))
            }
            "TRIM_HORIZON" | "LATEST" if starting.is_some() => {
                return Err(invalid_argument(format!(
                    "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber \
                     or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified {kind} and also a \
                     StartingSequenceNumber."
                )))
            }
            "AT_TIMESTAMP" if timestamp.is_none() => {
                return Err(invalid_argument(
                    "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has \
                     no timestamp parameter.",
                ))
            }
            _ => {}
        }
        if let Some(t) = timestamp.filter(|t| kind == "AT_TIMESTAMP" && *t > ctx.now) {
            return Err(invalid_argument(format!(
                "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. \
                 timestampInMillis: {}, currentTimestampInMillis: {}",
                t.millis(),
                ctx.now.millis()
            )));
        }
        let stream = self.streams.get(name).ok_or_else(|| stream_not_found(name, ctx))?;
        let Some((index, shard)) = stream.shards.iter().enumerate().find(|(_, s)| s.id == shard_name) else {
            return Err(AwsError::new(
                "ResourceNotFoundException",
                format!(
                    "Shard {shard_name} in stream {name} under account {} does not exist",
                    ctx.account()
                ),
            ));
        };
        let live_from = live_start(shard, ctx.now);
        let offset = match kind {
            "TRIM_HORIZON" => live_from,
            "LATEST" => shard.records.len(),
            "AT_TIMESTAMP" => {
                let t = timestamp.unwrap_or(ctx.now);
                shard.records.partition_point(|r| r.arrival < t).max(live_from)
            }
            _ => {
                let seq = starting.unwrap_or_default();
                let prefix = &shard.starting_sequence_number[..22];
                if seq.len() != 56 || !seq.starts_with(prefix) || !seq.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid_argument(format!(
                        "StartingSequenceNumber {seq} used in GetShardIterator on shard {shard_name} in stream {name} \
                         under account {} is invalid.",
                        ctx.account()
                    )));
                }
                // Sequence numbers of a shard have one length, so they
                // compare as strings.
                let offset = if kind == "AFTER_SEQUENCE_NUMBER" {
                    shard.records.partition_point(|r| r.sequence_number.as_str() <= seq)
                } else {
                    shard.records.partition_point(|r| r.sequence_number.as_str() < seq)
                };
                offset.max(live_from)
            }
        };
        let position = index_at(shard, offset);
        let iterator = ShardIterator {
            uid: stream.uid,
            shard: index as u32,
            position,
            issued: ctx.now,
            stream: stream.name.clone(),
        };
        Ok(json!({ "ShardIterator": iterator.encode() }))
    }

    pub(super) fn get_records(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let text = p.req_str("ShardIterator");
        let limit = p.i64("Limit").map_or(DEFAULT_GET_LIMIT, |l| l as usize);
        let it = ShardIterator::decode(text).ok_or_else(|| invalid_argument("Invalid ShardIterator."))?;
        if ctx.now.since(it.issued) > ITERATOR_LIFETIME_MS {
            let format = |t: SimTime| t.to_datetime().format("%a %b %d %H:%M:%S UTC %Y").to_string();
            return Err(AwsError::new(
                "ExpiredIteratorException",
                format!(
                    "Iterator expired. The iterator was created at time {} while right now it is {} which is further \
                     in the future than the tolerated delay of {ITERATOR_LIFETIME_MS} milliseconds.",
                    format(it.issued),
                    format(ctx.now)
                ),
            ));
        }
        let stream = self
            .streams
            .get(&it.stream)
            .filter(|s| s.uid == it.uid)
            .ok_or_else(|| stream_not_found(&it.stream, ctx))?;
        let shard = stream
            .shards
            .get(it.shard as usize)
            .ok_or_else(|| invalid_argument("Invalid ShardIterator."))?;
        let live_from = live_start(shard, ctx.now);
        let front = shard.records.front().map_or(shard.next_index, |r| r.index);
        // Records are numbered consecutively, so a position is an offset.
        let start = (it.position.saturating_sub(front) as usize).max(live_from);
        let taken: Vec<&Record> = shard
            .records
            .range(start.min(shard.records.len())..)
            .take(limit)
            .collect();
        let next_offset = start + taken.len();
        let next_position = index_at(shard, next_offset).max(it.position);
        let behind = shard
            .records
            .get(next_offset)
            .map_or(0, |r| ctx.now.since(r.arrival).max(0));
        let records: Vec<Value> = taken
            .iter()
            .map(|r| {
                json!({
                    "SequenceNumber": r.sequence_number,
                    "ApproximateArrivalTimestamp": epoch_json(r.arrival),
                    "Data": b64(&r.data),
                    "PartitionKey": r.partition_key,
                })
            })
            .collect();
        let next = ShardIterator {
            uid: it.uid,
            shard: it.shard,
            position: next_position,
            issued: ctx.now,
            stream: it.stream.clone(),
        };
        Ok(json!({
            "Records": records,
            "NextShardIterator": next.encode(),
            "MillisBehindLatest": behind,
        }))
    }
}

/// The offset of the oldest record within the retention period at `now`
/// (the trim horizon). Reads skip expired records without removing them,
/// so reads change nothing.
fn live_start(shard: &Shard, now: SimTime) -> usize {
    shard.records.partition_point(|r| now.since(r.arrival) >= RETENTION_MS)
}

/// The position (record index) of the record at `offset`, or the next
/// index to be assigned past the end.
fn index_at(shard: &Shard, offset: usize) -> u64 {
    shard.records.get(offset).map_or(shard.next_index, |r| r.index)
}
