//! Regression tests for the defects the matrix, the properties and the
//! fuzzers found, one per fix.

use serde_json::{json, Value};

use crate::sim::{Settings, World};

fn world() -> World {
    World::new(5, Settings::default())
}

#[track_caller]
fn ok(w: &mut World, service: &str, op: &str, params: Value) -> Value {
    w.call(service, op, &params)
        .unwrap_or_else(|e| panic!("{service} {op} {params}: {e}"))
}

/// Kinesis ListStreams ignored its NextToken, so the CLI's paginator got
/// the first page again and again.
#[test]
fn kinesis_list_streams_follows_its_next_token() {
    let mut w = world();
    for name in ["a", "b", "c"] {
        ok(
            &mut w,
            "kinesis",
            "CreateStream",
            json!({"StreamName": name, "ShardCount": 1}),
        );
    }
    let first = ok(&mut w, "kinesis", "ListStreams", json!({"Limit": 2}));
    assert_eq!(first["StreamNames"], json!(["a", "b"]));
    assert_eq!(first["HasMoreStreams"], json!(true));
    let second = ok(
        &mut w,
        "kinesis",
        "ListStreams",
        json!({"Limit": 2, "NextToken": first["NextToken"]}),
    );
    assert_eq!(second["StreamNames"], json!(["c"]));
    assert_eq!(second["HasMoreStreams"], json!(false));
    let journal = w.journal().len();
    let e = w
        .call("kinesis", "ListStreams", &json!({"NextToken": "!!not a token!!"}))
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("InvalidArgumentException", "NextToken is invalid.")
    );
    assert_eq!(w.journal().len(), journal);
}

/// serde_json's default float parser is not exact: a threshold such as
/// -1.1978432855531793 came back one bit off from an exported world file,
/// so export → import changed the world (found by the properties).
#[test]
fn floats_survive_export_and_import_exactly() {
    let mut w = world();
    for v in [-1.1978432855531793, 0.1 + 0.2, 123_456.789_012_345_68] {
        ok(
            &mut w,
            "cloudwatch",
            "PutMetricData",
            json!({"Namespace": "N", "MetricData": [{"MetricName": "M", "Value": v}]}),
        );
    }
    let json = crate::sim::WorldFile::of(&w).to_json();
    let imported = crate::sim::WorldFile::parse(&json).unwrap().build().unwrap();
    assert_eq!(crate::sim::WorldFile::of(&imported).to_json(), json);
}
