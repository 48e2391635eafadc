//! Tests of CloudTrail: record shapes, trails, delivery, event history.

mod delivery;
mod lookup;
mod records;
mod trails;

use serde_json::{json, Value};

use super::Record;
use crate::sim::ctx::Effect;
use crate::sim::model::ServiceName;
use crate::sim::{AwsError, Settings, World};

pub(super) const KEY_ID: &str = "1234abcd-12ab-34cd-56ef-1234567890ab";
pub(super) const KEY_ARN: &str = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
pub(super) const GROUP_ARN: &str = "arn:aws:logs:us-west-2:111122223333:log-group:CloudTrail/logs:*";
pub(super) const ROLE_ARN: &str = "arn:aws:iam::111122223333:role/CloudTrail_CloudWatchLogs_Role";

pub(super) fn world() -> World {
    World::new(3, Settings::default())
}

pub(super) fn call(w: &mut World, service: &str, op: &str, params: Value) -> Value {
    w.call(service, op, &params)
        .unwrap_or_else(|e| panic!("{service} {op} {params} failed: {e}"))
}

pub(super) fn fail(w: &mut World, op: &str, params: Value) -> AwsError {
    match w.call("cloudtrail", op, &params) {
        Ok(v) => panic!("{op} {params} should fail, got {v}"),
        Err(e) => e,
    }
}

/// The record of a `Decrypt` refused because its key is pending deletion,
/// as KMS's handler leaves it for the world to record.
pub(super) fn pending_deletion_decrypt() -> Record {
    let params = json!({
        "CiphertextBlob": "AQIDBA==",
        "KeyId": KEY_ARN,
        "EncryptionContext": {"Department": "Engineering", "Project": "Alpha"}
    });
    let error = AwsError::new("KMSInvalidStateException", format!("{KEY_ARN} is pending deletion."));
    let mut record = Record::api_call(ServiceName::Kms, "Decrypt", &params, &Err(error)).expect("a management event");
    record.resources = vec![("AWS::KMS::Key".into(), KEY_ARN.into())];
    record.extra_request_parameters = vec![("encryptionAlgorithm".into(), json!("SYMMETRIC_DEFAULT"))];
    record
}

/// A trail named `main` delivering to the `CloudTrail/logs` group, logging.
pub(super) fn logging_trail(w: &mut World) {
    call(
        w,
        "cloudtrail",
        "CreateTrail",
        json!({"Name": "main", "S3BucketName": "trail-bucket", "CloudWatchLogsLogGroupArn": GROUP_ARN, "CloudWatchLogsRoleArn": ROLE_ARN}),
    );
    call(w, "cloudtrail", "StartLogging", json!({"Name": "main"}));
}

pub(super) fn bus_events(w: &World) -> Vec<(Value, bool)> {
    w.routed
        .iter()
        .filter_map(|e| match e {
            Effect::BusEvent {
                event,
                read_only_management,
            } => Some((event.clone(), *read_only_management)),
            _ => None,
        })
        .collect()
}

pub(super) fn log_writes(w: &World) -> Vec<(String, String, String)> {
    w.routed
        .iter()
        .filter_map(|e| match e {
            Effect::Log {
                group, stream, message, ..
            } => Some((group.clone(), stream.clone(), message.clone())),
            _ => None,
        })
        .collect()
}
