//! Kinesis scenarios through `World::call`: shards and their hash-key
//! ranges, sequence numbers, every shard-iterator type, iterator expiry,
//! retention, deliveries from other services, and errors.

use md5::Digest;
use serde_json::{json, Value};

use super::*;
use crate::sim::ctx::Effect;
use crate::sim::params::b64;
use crate::sim::time::{MINUTE, SECOND};
use crate::sim::{Settings, World};

const ARN: &str = "arn:aws:kinesis:us-west-2:111122223333:stream/events";
const MAX: &str = "340282366920938463463374607431768211455";

fn world() -> World {
    World::new(21, Settings::default())
}

fn kinesis(w: &mut World, op: &str, params: Value) -> Value {
    w.call("kinesis", op, &params)
        .unwrap_or_else(|e| panic!("kinesis {op} failed: {e}"))
}

fn err(w: &mut World, op: &str, params: Value) -> (String, String) {
    match w.call("kinesis", op, &params) {
        Ok(v) => panic!("kinesis {op} unexpectedly succeeded: {v}"),
        Err(e) => (e.code, e.message),
    }
}

fn create(w: &mut World, shards: i64) {
    assert_eq!(
        kinesis(w, "CreateStream", json!({"StreamName": "events", "ShardCount": shards})),
        json!({})
    );
}

fn put(w: &mut World, data: &str, key: &str) -> Value {
    kinesis(
        w,
        "PutRecord",
        json!({"StreamName": "events", "Data": b64(data.as_bytes()), "PartitionKey": key}),
    )
}

fn iterator(w: &mut World, shard: &str, kind: &str, extra: Value) -> String {
    let mut params = json!({"StreamName": "events", "ShardId": shard, "ShardIteratorType": kind});
    if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    kinesis(w, "GetShardIterator", params)["ShardIterator"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn records(w: &mut World, it: &str) -> (Vec<String>, Value) {
    let out = kinesis(w, "GetRecords", json!({"ShardIterator": it}));
    let data = out["Records"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(r["Data"].as_str().unwrap_or_default())
                .unwrap_or_default();
            String::from_utf8(bytes).unwrap_or_default()
        })
        .collect();
    (data, out)
}

/// The shard a partition key goes to in a two-shard stream.
fn shard_of(key: &str) -> &'static str {
    let hash = u128::from_be_bytes(md5::Md5::digest(key.as_bytes()).into());
    if hash < (1u128 << 127) {
        "shardId-000000000000"
    } else {
        "shardId-000000000001"
    }
}

#[test]
fn shards_split_the_hash_key_space_evenly() {
    let mut w = world();
    create(&mut w, 2);
    let shards = kinesis(&mut w, "ListShards", json!({"StreamName": "events"}));
    let start = |i: usize| format!("49{:017}{i:03}{:034}", crate::sim::world::DEFAULT_EPOCH.millis(), 0);
    assert_eq!(
        shards,
        json!({"Shards": [
            {
                "ShardId": "shardId-000000000000",
                "HashKeyRange": {"StartingHashKey": "0", "EndingHashKey": "170141183460469231731687303715884105727"},
                "SequenceNumberRange": {"StartingSequenceNumber": start(0)},
            },
            {
                "ShardId": "shardId-000000000001",
                "HashKeyRange": {"StartingHashKey": "170141183460469231731687303715884105728", "EndingHashKey": MAX},
                "SequenceNumberRange": {"StartingSequenceNumber": start(1)},
            },
        ]})
    );
    assert_eq!(start(0).len(), 56);
    assert_eq!(records::hash_range(0, 3).1 + 1, records::hash_range(1, 3).0);
    assert_eq!(
        records::hash_range(1, 3).0,
        113_427_455_640_312_821_154_458_202_477_256_070_485
    );
    assert_eq!(records::hash_range(2, 3).1, u128::MAX);
}

#[test]
fn records_go_to_the_shard_of_their_partition_keys_md5() {
    let mut w = world();
    create(&mut w, 2);
    let mut last = String::new();
    for key in ["alpha", "beta", "gamma", "delta", "alpha"] {
        let out = put(&mut w, key, key);
        assert_eq!(out["ShardId"], json!(shard_of(key)), "{key}");
        let seq = out["SequenceNumber"].as_str().unwrap_or_default().to_owned();
        assert_eq!(seq.len(), 56);
        assert!(seq.bytes().all(|b| b.is_ascii_digit()));
        if out["ShardId"] == json!("shardId-000000000000") {
            assert!(seq > last, "{seq} after {last}");
            last = seq;
        }
    }
    let explicit = kinesis(
        &mut w,
        "PutRecord",
        json!({"StreamName": "events", "Data": "", "PartitionKey": "k", "ExplicitHashKey": MAX}),
    );
    assert_eq!(explicit["ShardId"], json!("shardId-000000000001"));
    assert_eq!(
        err(
            &mut w,
            "PutRecord",
            json!({"StreamName": "events", "Data": "", "PartitionKey": "k", "ExplicitHashKey": "340282366920938463463374607431768211456"})
        ),
        (
            "InvalidArgumentException".into(),
            "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was \
             340282366920938463463374607431768211456"
                .into()
        )
    );
}

#[test]
fn iterators_read_from_every_starting_point() {
    let mut w = world();
    create(&mut w, 1);
    let shard = "shardId-000000000000";
    let latest = iterator(&mut w, shard, "LATEST", json!({}));
    let s1 = put(&mut w, "one", "k")["SequenceNumber"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    w.advance_by(10 * SECOND);
    let mark = w.now();
    let s2 = put(&mut w, "two", "k")["SequenceNumber"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    put(&mut w, "three", "k");

    let horizon = iterator(&mut w, shard, "TRIM_HORIZON", json!({}));
    let (data, out) = records(&mut w, &horizon);
    assert_eq!(data, ["one", "two", "three"]);
    assert_eq!(out["MillisBehindLatest"], json!(0));
    assert_eq!(
        out["Records"][0],
        json!({
            "SequenceNumber": s1,
            "ApproximateArrivalTimestamp": 1772442000.0,
            "Data": b64(b"one"),
            "PartitionKey": "k",
        })
    );
    // LATEST taken before the puts sees them all.
    assert_eq!(records(&mut w, &latest).0, ["one", "two", "three"]);
    let at = iterator(
        &mut w,
        shard,
        "AT_SEQUENCE_NUMBER",
        json!({"StartingSequenceNumber": s2}),
    );
    assert_eq!(records(&mut w, &at).0, ["two", "three"]);
    let after = iterator(
        &mut w,
        shard,
        "AFTER_SEQUENCE_NUMBER",
        json!({"StartingSequenceNumber": s2}),
    );
    assert_eq!(records(&mut w, &after).0, ["three"]);
    let ts = iterator(
        &mut w,
        shard,
        "AT_TIMESTAMP",
        json!({"Timestamp": mark.epoch_seconds()}),
    );
    assert_eq!(records(&mut w, &ts).0, ["two", "three"]);
    let now_latest = iterator(&mut w, shard, "LATEST", json!({}));
    assert!(records(&mut w, &now_latest).0.is_empty());

    // Limit, NextShardIterator and MillisBehindLatest.
    let it = iterator(&mut w, shard, "TRIM_HORIZON", json!({}));
    w.advance_by(SECOND);
    let first = kinesis(&mut w, "GetRecords", json!({"ShardIterator": it, "Limit": 1}));
    assert_eq!(first["Records"].as_array().map(Vec::len), Some(1));
    assert_eq!(first["MillisBehindLatest"], json!(1_000));
    let next = first["NextShardIterator"].as_str().unwrap_or_default().to_owned();
    assert_eq!(records(&mut w, &next).0, ["two", "three"]);
}

#[test]
fn iterators_expire_after_five_minutes() {
    let mut w = world();
    create(&mut w, 1);
    let it = iterator(&mut w, "shardId-000000000000", "TRIM_HORIZON", json!({}));
    w.advance_by(5 * MINUTE);
    assert!(w.call("kinesis", "GetRecords", &json!({"ShardIterator": it})).is_ok());
    w.advance_by(1);
    assert_eq!(
        err(&mut w, "GetRecords", json!({"ShardIterator": it})),
        (
            "ExpiredIteratorException".into(),
            "Iterator expired. The iterator was created at time Mon Mar 02 09:00:00 UTC 2026 while right now it is \
             Mon Mar 02 09:05:00 UTC 2026 which is further in the future than the tolerated delay of 300000 \
             milliseconds."
                .into()
        )
    );
    assert_eq!(
        err(&mut w, "GetRecords", json!({"ShardIterator": "garbage"})),
        ("InvalidArgumentException".into(), "Invalid ShardIterator.".into())
    );
}

#[test]
fn records_are_kept_for_twenty_four_hours() {
    let mut w = world();
    create(&mut w, 1);
    put(&mut w, "old", "k");
    w.advance_by(12 * crate::sim::time::HOUR);
    put(&mut w, "new", "k");
    w.advance_by(12 * crate::sim::time::HOUR - 1);
    let it = iterator(&mut w, "shardId-000000000000", "TRIM_HORIZON", json!({}));
    assert_eq!(records(&mut w, &it).0, ["old", "new"]);
    w.advance_by(1);
    let it = iterator(&mut w, "shardId-000000000000", "TRIM_HORIZON", json!({}));
    assert_eq!(records(&mut w, &it).0, ["new"]);
    w.advance_by(crate::sim::time::DAY);
    let stream = w.services().kinesis.streams().next().expect("stream");
    assert_eq!(
        stream.shards[0].records().count(),
        0,
        "housekeeping drops expired records"
    );
}

#[test]
fn streams_are_described_and_listed() {
    let mut w = world();
    kinesis(
        &mut w,
        "CreateStream",
        json!({"StreamName": "events", "StreamModeDetails": {"StreamMode": "ON_DEMAND"}}),
    );
    assert_eq!(
        kinesis(&mut w, "DescribeStreamSummary", json!({"StreamARN": ARN})),
        json!({"StreamDescriptionSummary": {
            "StreamName": "events",
            "StreamARN": ARN,
            "StreamStatus": "ACTIVE",
            "StreamModeDetails": {"StreamMode": "ON_DEMAND"},
            "RetentionPeriodHours": 24,
            "StreamCreationTimestamp": 1772442000.0,
            "EnhancedMonitoring": [{"ShardLevelMetrics": []}],
            "EncryptionType": "NONE",
            "OpenShardCount": 4,
            "ConsumerCount": 0,
        }})
    );
    assert_eq!(
        kinesis(&mut w, "ListStreams", json!({})),
        json!({
            "StreamNames": ["events"],
            "HasMoreStreams": false,
            "StreamSummaries": [{
                "StreamName": "events",
                "StreamARN": ARN,
                "StreamStatus": "ACTIVE",
                "StreamModeDetails": {"StreamMode": "ON_DEMAND"},
                "StreamCreationTimestamp": 1772442000.0,
            }],
        })
    );
    let page = kinesis(&mut w, "ListShards", json!({"StreamName": "events", "MaxResults": 3}));
    assert_eq!(page["Shards"].as_array().map(Vec::len), Some(3));
    let rest = kinesis(&mut w, "ListShards", json!({"NextToken": page["NextToken"]}));
    assert_eq!(rest["Shards"][0]["ShardId"], json!("shardId-000000000003"));
    assert!(rest.get("NextToken").is_none());
    kinesis(&mut w, "DeleteStream", json!({"StreamName": "events"}));
    assert_eq!(kinesis(&mut w, "ListStreams", json!({}))["StreamNames"], json!([]));
}

#[test]
fn requests_are_refused_with_kinesis_codes_and_messages() {
    let mut w = world();
    create(&mut w, 1);
    assert_eq!(
        err(&mut w, "CreateStream", json!({"StreamName": "events", "ShardCount": 1})),
        (
            "ResourceInUseException".into(),
            "Stream events under account 111122223333 already exists.".into()
        )
    );
    assert_eq!(
        err(&mut w, "DescribeStreamSummary", json!({"StreamName": "nope"})),
        (
            "ResourceNotFoundException".into(),
            "Stream nope under account 111122223333 not found.".into()
        )
    );
    assert_eq!(
        err(
            &mut w,
            "GetShardIterator",
            json!({"StreamName": "events", "ShardId": "shardId-000000000000", "ShardIteratorType": "AT_SEQUENCE_NUMBER"})
        ),
        (
            "InvalidArgumentException".into(),
            "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) \
             TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no \
             StartingSequenceNumber."
                .into()
        )
    );
    assert_eq!(
        err(
            &mut w,
            "GetShardIterator",
            json!({"StreamName": "events", "ShardId": "shardId-000000000000",
                "ShardIteratorType": "AT_SEQUENCE_NUMBER", "StartingSequenceNumber": "123"})
        ),
        (
            "InvalidArgumentException".into(),
            "StartingSequenceNumber 123 used in GetShardIterator on shard shardId-000000000000 in stream events \
             under account 111122223333 is invalid."
                .into()
        )
    );
    assert_eq!(
        err(
            &mut w,
            "GetShardIterator",
            json!({"StreamName": "events", "ShardId": "shardId-000000000009", "ShardIteratorType": "LATEST"})
        ),
        (
            "ResourceNotFoundException".into(),
            "Shard shardId-000000000009 in stream events under account 111122223333 does not exist".into()
        )
    );
    assert_eq!(
        err(&mut w, "PutRecord", json!({"StreamName": "events", "Data": ""})).0,
        "ValidationException"
    );
    assert_eq!(
        err(&mut w, "CreateStream", json!({"StreamName": "big", "ShardCount": 600})).0,
        "LimitExceededException"
    );
}

#[test]
fn a_shard_takes_one_thousand_records_a_second() {
    let mut w = world();
    create(&mut w, 1);
    for i in 0..1000 {
        put(&mut w, "x", &format!("k{i}"));
    }
    assert_eq!(
        err(
            &mut w,
            "PutRecord",
            json!({"StreamName": "events", "Data": "", "PartitionKey": "k"})
        ),
        (
            "ProvisionedThroughputExceededException".into(),
            "Rate exceeded for shard shardId-000000000000 in stream events under account 111122223333.".into()
        )
    );
    w.advance_by(SECOND);
    put(&mut w, "x", "k");
}

#[test]
fn deliveries_from_other_services_land_or_are_dropped() {
    let mut w = world();
    create(&mut w, 1);
    w.inject(Effect::KinesisPut {
        stream_arn: ARN.into(),
        data: b"{\"id\":\"e1\"}".to_vec(),
        partition_key: "e1".into(),
    });
    w.inject(Effect::KinesisPut {
        stream_arn: "arn:aws:kinesis:us-west-2:111122223333:stream/missing".into(),
        data: b"lost".to_vec(),
        partition_key: "e2".into(),
    });
    let it = iterator(&mut w, "shardId-000000000000", "TRIM_HORIZON", json!({}));
    let (data, out) = records(&mut w, &it);
    assert_eq!(data, ["{\"id\":\"e1\"}"]);
    assert_eq!(out["Records"][0]["PartitionKey"], json!("e1"));
    let dropped: Vec<_> = w.services().kinesis.dropped().cloned().collect();
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].payload, "lost");
}

fn script(seed: u64) -> Vec<Value> {
    let mut w = World::new(seed, Settings::default());
    create(&mut w, 2);
    let a = put(&mut w, "a", "a");
    let it = iterator(&mut w, "shardId-000000000000", "TRIM_HORIZON", json!({}));
    let r = kinesis(&mut w, "GetRecords", json!({"ShardIterator": it}));
    vec![a, json!(it), r]
}

#[test]
fn the_same_inputs_give_the_same_sequence_numbers_and_iterators() {
    assert_eq!(script(4), script(4));
}
