//! Helpers shared by the benchmarks: a world, calls that must succeed, and
//! key material imported the way a learner's tool would wrap it.

use base64::Engine;
use kms_playground::sim::kms::wrap_material;
use kms_playground::sim::rng::SimRng;
use kms_playground::sim::{Settings, SimTime, World};
use rsa::pkcs8::DecodePublicKey;
use rsa::RsaPublicKey;
use serde_json::{json, Value};

/// A fresh world at the default epoch (2026-03-02T09:00:00Z).
pub fn world() -> World {
    World::new(2026, Settings::default())
}

/// Calls an operation that must succeed (a benchmark built on a failing
/// call would measure the wrong thing).
#[track_caller]
pub fn ok(w: &mut World, service: &str, op: &str, params: Value) -> Value {
    match w.call(service, op, &params) {
        Ok(v) => v,
        Err(e) => panic!("{service} {op} {params} failed: {e}"),
    }
}

/// An EventBridge rule with `pattern` whose one target is the queue `queue_arn`.
pub fn rule_to_queue(w: &mut World, name: &str, pattern: &Value, queue_arn: &str) {
    ok(
        w,
        "events",
        "PutRule",
        json!({"Name": name, "EventPattern": pattern.to_string()}),
    );
    ok(
        w,
        "events",
        "PutTargets",
        json!({"Rule": name, "Targets": [{"Id": "q", "Arn": queue_arn}]}),
    );
}

/// Creates a key and returns its id.
pub fn create_key(w: &mut World, params: Value) -> String {
    let out = ok(w, "kms", "CreateKey", params);
    out["KeyMetadata"]["KeyId"].as_str().expect("a key id").to_owned()
}

/// The 32 bytes of key material every imported key of the benchmarks uses
/// (a re-import must bring the same material).
pub const MATERIAL: [u8; 32] = [7u8; 32];

/// GetParametersForImport, wraps [`MATERIAL`] with the public key, and
/// ImportKeyMaterial with material expiring at `valid_to`.
pub fn import(w: &mut World, key_id: &str, valid_to: SimTime) {
    let algorithm = "RSAES_OAEP_SHA_256";
    let params = ok(
        w,
        "kms",
        "GetParametersForImport",
        json!({"KeyId": key_id, "WrappingAlgorithm": algorithm, "WrappingKeySpec": "RSA_2048"}),
    );
    let der = base64::engine::general_purpose::STANDARD
        .decode(params["PublicKey"].as_str().expect("a public key"))
        .expect("base64");
    let public = RsaPublicKey::from_public_key_der(&der).expect("an RSA public key");
    let wrapped = wrap_material(&public, algorithm, &MATERIAL, &mut SimRng::from_seed(1)).expect("wrapped");
    ok(
        w,
        "kms",
        "ImportKeyMaterial",
        json!({
            "KeyId": key_id,
            "ImportToken": params["ImportToken"],
            "EncryptedKeyMaterial": base64::engine::general_purpose::STANDARD.encode(wrapped),
            "ExpirationModel": "KEY_MATERIAL_EXPIRES",
            "ValidTo": valid_to.epoch_seconds(),
        }),
    );
}
