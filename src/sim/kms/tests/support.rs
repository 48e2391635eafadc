//! Helpers shared by the KMS tests: a world, calls that must succeed or
//! fail, and keys in each state.

use rsa::pkcs8::DecodePublicKey;
use rsa::RsaPublicKey;
use serde_json::{json, Value};

use crate::sim::params::b64;
use crate::sim::rng::SimRng;
use crate::sim::time::DAY;
use crate::sim::{AwsError, Settings, SimTime, World};

pub fn world() -> World {
    World::new(42, Settings::default())
}

#[track_caller]
pub fn ok(w: &mut World, op: &str, params: Value) -> Value {
    match w.call("kms", op, &params) {
        Ok(v) => v,
        Err(e) => panic!("{op} {params} failed: {e}"),
    }
}

#[track_caller]
pub fn err(w: &mut World, op: &str, params: Value) -> AwsError {
    match w.call("kms", op, &params) {
        Ok(v) => panic!("{op} {params} succeeded: {v}"),
        Err(e) => e,
    }
}

/// Creates a key and returns (key id, key ARN).
pub fn create(w: &mut World, params: Value) -> (String, String) {
    let out = ok(w, "CreateKey", params);
    let meta = &out["KeyMetadata"];
    (
        meta["KeyId"].as_str().unwrap().to_owned(),
        meta["Arn"].as_str().unwrap().to_owned(),
    )
}

pub fn state(w: &mut World, key_id: &str) -> String {
    let out = w.peek("kms", "DescribeKey", &json!({ "KeyId": key_id })).unwrap();
    out["KeyMetadata"]["KeyState"].as_str().unwrap().to_owned()
}

/// Wraps `material` for `key_id` the way a learner's tool would and returns
/// the ImportKeyMaterial parameters (without expiry settings).
pub fn wrapped_import(w: &mut World, key_id: &str, algorithm: &str, material: &[u8]) -> Value {
    let params = ok(
        w,
        "GetParametersForImport",
        json!({"KeyId": key_id, "WrappingAlgorithm": algorithm, "WrappingKeySpec": "RSA_2048"}),
    );
    let der = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        params["PublicKey"].as_str().unwrap(),
    )
    .unwrap();
    let public = RsaPublicKey::from_public_key_der(&der).unwrap();
    let wrapped = crate::sim::kms::wrap_material(&public, algorithm, material, &mut SimRng::from_seed(99)).unwrap();
    json!({"KeyId": key_id, "ImportToken": params["ImportToken"], "EncryptedKeyMaterial": b64(&wrapped)})
}

/// Imports `material` into an EXTERNAL key, expiring at `valid_to`.
pub fn import(w: &mut World, key_id: &str, material: &[u8], valid_to: SimTime) -> Value {
    let mut params = wrapped_import(w, key_id, "RSAES_OAEP_SHA_256", material);
    params["ValidTo"] = json!(valid_to.epoch_seconds());
    ok(w, "ImportKeyMaterial", params)
}

/// An EXTERNAL key with material expiring in `days` days.
pub fn external_key(w: &mut World, days: i64) -> (String, String) {
    let (id, arn) = create(w, json!({"Origin": "EXTERNAL", "Description": "imported"}));
    let valid_to = w.now().plus(days * DAY);
    import(w, &id, &[7u8; 32], valid_to);
    (id, arn)
}

/// Every event on the default bus of the given detail-type.
pub fn bus_events(w: &World, detail_type: &str) -> Vec<Value> {
    w.services()
        .events
        .bus_events()
        .iter()
        .filter(|e| e["detail-type"] == detail_type)
        .cloned()
        .collect()
}

pub fn b64_of(text: &str) -> String {
    b64(text.as_bytes())
}
