//! Kinesis Data Streams: streams of shards holding records with sequence
//! numbers, as an EventBridge target.
//!
//! A record goes to the shard whose hash-key range holds the MD5 of its
//! partition key (read as a 128-bit big-endian number) or its
//! `ExplicitHashKey`. Sequence numbers are 56-digit decimal strings, as
//! AWS's are, increasing within a shard. Records are kept for the stream's
//! 24-hour retention; shard iterators expire five minutes after they were
//! issued. Streams are `ACTIVE` at once (the playground skips the
//! `CREATING` state a real stream passes through for a few seconds).

mod records;
mod streams;

use std::collections::{BTreeMap, VecDeque};

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::sns::DroppedDelivery;
use crate::sim::time::{SimTime, HOUR};
use crate::sim::{unsupported, AwsResult};

/// How long records are kept (the default and minimum retention).
pub const RETENTION_MS: i64 = 24 * HOUR;
/// The most records kept per shard, so memory stays bounded under any
/// workload; the oldest go first.
pub const SHARD_RECORD_CAP: usize = 100_000;

/// A stream's capacity mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamMode {
    Provisioned,
    OnDemand,
}

impl StreamMode {
    pub fn as_str(self) -> &'static str {
        match self {
            StreamMode::Provisioned => "PROVISIONED",
            StreamMode::OnDemand => "ON_DEMAND",
        }
    }
}

/// One record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub sequence_number: String,
    pub arrival: SimTime,
    pub data: Vec<u8>,
    pub partition_key: String,
    /// Position in the shard (never reused), for iterators.
    index: u64,
}

/// One shard: a hash-key range and its records.
#[derive(Clone, Debug)]
pub struct Shard {
    pub id: String,
    pub starting_hash_key: u128,
    pub ending_hash_key: u128,
    pub starting_sequence_number: String,
    records: VecDeque<Record>,
    next_index: u64,
    last_counter: u128,
    /// Records put in the current second: `(second, count)`.
    rate: (i64, u32),
}

impl Shard {
    /// The records kept, oldest first.
    pub fn records(&self) -> impl DoubleEndedIterator<Item = &Record> + ExactSizeIterator {
        self.records.iter()
    }
}

/// A stream.
#[derive(Clone, Debug)]
pub struct Stream {
    pub name: String,
    pub arn: String,
    pub created: SimTime,
    pub mode: StreamMode,
    pub shards: Vec<Shard>,
    pub tags: BTreeMap<String, String>,
    /// Distinguishes this stream from an earlier one of the same name in
    /// shard iterators.
    uid: u64,
}

/// The Kinesis service of one account.
#[derive(Clone, Debug, Default)]
pub struct Kinesis {
    streams: BTreeMap<String, Stream>,
    dropped: VecDeque<DroppedDelivery>,
    next_uid: u64,
}

impl Kinesis {
    /// The streams, by name, with their shards and records.
    pub fn streams(&self) -> impl Iterator<Item = &Stream> {
        self.streams.values()
    }

    /// Records from other services that were dropped (no such stream, over
    /// the shard's rate), oldest first.
    pub fn dropped(&self) -> impl Iterator<Item = &DroppedDelivery> {
        self.dropped.iter()
    }

    pub(crate) fn handle(&mut self, op: &str, p: Params, ctx: &mut Ctx) -> AwsResult {
        match op {
            "CreateStream" => self.create_stream(p, ctx),
            "DeleteStream" => self.delete_stream(p, ctx),
            "ListStreams" => self.list_streams(p),
            "DescribeStreamSummary" => self.describe_stream_summary(p, ctx),
            "ListShards" => self.list_shards(p, ctx),
            "PutRecord" => self.put_record(p, ctx),
            "GetShardIterator" => self.get_shard_iterator(p, ctx),
            "GetRecords" => self.get_records(p, ctx),
            _ => Err(unsupported(ServiceName::Kinesis, op)),
        }
    }

    /// A record from another service (an EventBridge target); dropped if
    /// the stream does not exist or the shard is over its rate.
    pub(crate) fn deliver(&mut self, stream_arn: &str, data: Vec<u8>, partition_key: String, ctx: &mut Ctx) {
        let prefix = ctx.arn("kinesis", "stream/");
        let stream = stream_arn
            .strip_prefix(&prefix)
            .and_then(|name| self.streams.get_mut(name));
        let preview = String::from_utf8_lossy(&data).into_owned();
        let Some(stream) = stream else {
            let reason = format!("Stream {stream_arn} not found.");
            DroppedDelivery::record(&mut self.dropped, ctx.now, stream_arn, &reason, &preview);
            return;
        };
        let key = if partition_key.is_empty() || partition_key.chars().count() > 256 {
            None
        } else {
            Some(partition_key.as_str())
        };
        let result = key
            .ok_or_else(|| "The partition key must have 1 to 256 characters.".to_owned())
            .and_then(|k| {
                records::append(stream, data, k.to_owned(), records::hash_key(k), ctx).map_err(|e| e.message)
            });
        if let Err(reason) = result {
            DroppedDelivery::record(&mut self.dropped, ctx.now, stream_arn, &reason, &preview);
        }
    }

    /// Drops records past the retention period.
    pub(crate) fn prune(&mut self, now: SimTime) {
        for stream in self.streams.values_mut() {
            for shard in &mut stream.shards {
                records::trim(shard, now);
            }
        }
    }
}

#[cfg(test)]
mod tests;
