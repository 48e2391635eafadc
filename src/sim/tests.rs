//! Each service's tests live beside it and the cross-service scenarios in
//! `scenarios`; these cover the world itself: the request API's envelope
//! and replay.

use serde_json::json;

use super::*;

#[test]
fn unknown_service_and_operation_are_aws_errors() {
    let mut w = World::new(1, Settings::default());
    let e = w.call("s3", "ListBuckets", &json!({})).unwrap_err();
    assert_eq!(e.code, "UnknownServiceException");
    let e = w.call("kms", "Frobnicate", &json!({})).unwrap_err();
    assert_eq!(e.code, "UnknownOperationException");
    let e = w.call("cloudwatch", "Frobnicate", &json!({})).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "InvalidAction",
            "The action Frobnicate is not valid for this web service."
        )
    );
    assert!(w.journal().is_empty());
}

#[test]
fn time_only_moves_forward() {
    let mut w = World::new(1, Settings::default());
    let start = w.now();
    w.advance_by(60_000);
    assert_eq!(w.now().since(start), 60_000);
    w.advance_to(start);
    assert_eq!(w.now().since(start), 60_000);
}
