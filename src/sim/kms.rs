//! KMS: keys, aliases, tags, key material (generated or imported), rotation,
//! deletion, and the cryptographic operations, with AWS's key-state table,
//! error codes and messages (reference §1–§4).
//!
//! Time-driven changes are timers: imported material expires at `ValidTo`,
//! a key scheduled for deletion is deleted when its waiting period ends,
//! rotation happens when due. Each emits its CloudTrail service event and its
//! EventBridge event (`KMS Imported Key Material Expiration`, `KMS CMK
//! Deletion`, `KMS CMK Rotation`) with the envelope of AWS's examples.

pub(crate) mod crypto;
mod crypto_ops;
mod import;
pub mod key;
mod lifecycle;
mod lookup;
mod rotation;
pub mod rsa_pool;
mod tags_aliases;

use std::collections::BTreeMap;

use serde_json::{json, Value};

pub use crypto::wrap_material;

/// The 256-bit material the playground generates for `key_id` when a
/// learner asks it to ("generate and wrap for me", scenarios). It is not an
/// AWS behaviour: it is derived from the key ID (SHA-256), so importing it
/// again after it expires uses the same material, as KMS requires.
pub fn playground_material(key_id: &str) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"kms-playground generated key material ");
    h.update(key_id.as_bytes());
    h.finalize().to_vec()
}
use key::{Key, KeyState};

use crate::sim::cloudwatch::{MetricId, MetricUpdate};
use crate::sim::ctx::{Ctx, Effect};
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::scheduler::Phase;
use crate::sim::time::SimTime;
use crate::sim::{cloudtrail, unsupported, AwsResult};

/// KMS's timers, each for one key; `generation` must match the key's
/// current one (see `key::TimerGenerations`) or the timer is stale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    /// Imported material reaches its `ValidTo`.
    MaterialExpiry { key_id: String, generation: u64 },
    /// The waiting period of a scheduled deletion ends.
    Deletion { key_id: String, generation: u64 },
    /// Automatic rotation is due.
    Rotation { key_id: String, generation: u64 },
}

impl Timer {
    /// The order of KMS timers at one instant: expiry, deletion, rotation.
    pub(crate) fn phase(&self) -> Phase {
        match self {
            Timer::MaterialExpiry { .. } => Phase::KmsMaterialExpiry,
            Timer::Deletion { .. } => Phase::KmsDeletion,
            Timer::Rotation { .. } => Phase::KmsRotation,
        }
    }
}

/// An alias and the key it points to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    pub target: String,
    pub creation_date: SimTime,
    pub last_updated: SimTime,
}

/// A lifecycle deadline of a key, for the UI's "next deadline".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upcoming {
    pub at: SimTime,
    pub key_id: String,
    pub kind: UpcomingKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpcomingKind {
    MaterialExpires,
    KeyDeleted,
    KeyRotates,
}

/// Customer managed keys per Region (AWS's quota).
pub const MAX_KEYS: usize = 100_000;
/// The largest key policy document (KMS's quota: 32 KB).
pub const MAX_POLICY_BYTES: usize = 32_768;

/// The KMS service of one account.
#[derive(Clone, Debug, Default)]
pub struct Kms {
    /// Keys by key id (ListKeys returns them in this order).
    keys: BTreeMap<String, Key>,
    /// Aliases by alias name (`alias/...`).
    aliases: BTreeMap<String, Alias>,
    /// The secret import tokens are sealed with, drawn at bootstrap.
    token_secret: [u8; 32],
}

impl Kms {
    /// Every key, by key id.
    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.keys.values()
    }

    pub fn key(&self, key_id: &str) -> Option<&Key> {
        self.keys.get(key_id)
    }

    /// Every alias by name.
    pub fn aliases(&self) -> &BTreeMap<String, Alias> {
        &self.aliases
    }

    /// The aliases that point to `key_id`.
    pub fn aliases_of<'a>(&'a self, key_id: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.aliases
            .iter()
            .filter(move |(_, a)| a.target == key_id)
            .map(|(name, _)| name.as_str())
    }

    /// Lifecycle deadlines (material expiry, deletion, rotation), earliest first.
    pub fn upcoming(&self) -> Vec<Upcoming> {
        let mut out = Vec::new();
        for key in self.keys.values() {
            let mut push = |at, kind| {
                out.push(Upcoming {
                    at,
                    key_id: key.id.clone(),
                    kind,
                })
            };
            if let (Some(valid_to), Some(_)) = (key.valid_to(), key.current_material()) {
                push(valid_to, UpcomingKind::MaterialExpires);
            }
            if let KeyState::PendingDeletion { deletion_date, .. } = key.state {
                push(deletion_date, UpcomingKind::KeyDeleted);
            }
            if let (true, Some(next), KeyState::Enabled) = (key.rotation.enabled, key.rotation.next, &key.state) {
                push(next, UpcomingKind::KeyRotates);
            }
        }
        out.sort_by(|a, b| (a.at, &a.key_id).cmp(&(b.at, &b.key_id)));
        out
    }

    pub(crate) fn handle(&mut self, op: &str, p: Params, ctx: &mut Ctx) -> AwsResult {
        match op {
            "CreateKey" => self.create_key(p, ctx),
            "DescribeKey" => self.describe_key(p, ctx),
            "ListKeys" => self.list_keys(p),
            "EnableKey" => self.enable_key(p, ctx),
            "DisableKey" => self.disable_key(p, ctx),
            "ScheduleKeyDeletion" => self.schedule_key_deletion(p, ctx),
            "CancelKeyDeletion" => self.cancel_key_deletion(p, ctx),
            "UpdateKeyDescription" => self.update_key_description(p, ctx),
            "GetKeyPolicy" => self.get_key_policy(p, ctx),
            "CreateAlias" => self.create_alias(p, ctx),
            "UpdateAlias" => self.update_alias(p, ctx),
            "DeleteAlias" => self.delete_alias(p, ctx),
            "ListAliases" => self.list_aliases(p, ctx),
            "TagResource" => self.tag_resource(p, ctx),
            "UntagResource" => self.untag_resource(p, ctx),
            "ListResourceTags" => self.list_resource_tags(p, ctx),
            "GetParametersForImport" => self.get_parameters_for_import(p, ctx),
            "ImportKeyMaterial" => self.import_key_material(p, ctx),
            "DeleteImportedKeyMaterial" => self.delete_imported_key_material(p, ctx),
            "EnableKeyRotation" => self.enable_key_rotation(p, ctx),
            "DisableKeyRotation" => self.disable_key_rotation(p, ctx),
            "GetKeyRotationStatus" => self.get_key_rotation_status(p, ctx),
            "RotateKeyOnDemand" => self.rotate_key_on_demand(p, ctx),
            "ListKeyRotations" => self.list_key_rotations(p, ctx),
            "Encrypt" => self.encrypt(p, ctx),
            "Decrypt" => self.decrypt(p, ctx),
            "ReEncrypt" => self.re_encrypt(p, ctx),
            "GenerateDataKey" => self.generate_data_key(p, ctx, true),
            "GenerateDataKeyWithoutPlaintext" => self.generate_data_key(p, ctx, false),
            "GenerateRandom" => self.generate_random(p, ctx),
            "GetPublicKey" => self.get_public_key(p, ctx),
            "Sign" => self.sign(p, ctx),
            "Verify" => self.verify(p, ctx),
            "GenerateMac" => self.generate_mac(p, ctx),
            "VerifyMac" => self.verify_mac(p, ctx),
            _ => Err(unsupported(ServiceName::Kms, op)),
        }
    }

    pub(crate) fn on_timer(&mut self, timer: Timer, ctx: &mut Ctx) {
        match timer {
            Timer::MaterialExpiry { key_id, generation } => self.expire_material(&key_id, generation, ctx),
            Timer::Deletion { key_id, generation } => self.delete_key(&key_id, generation, ctx),
            Timer::Rotation { key_id, generation } => self.rotation_due(&key_id, generation, ctx),
        }
    }

    /// Emits a KMS event (`detail` starts with `key-id`) to the default bus.
    fn event(ctx: &mut Ctx, key: &Key, detail_type: &str, mut detail: serde_json::Map<String, Value>) {
        let mut full = serde_json::Map::new();
        full.insert("key-id".into(), json!(key.id));
        full.append(&mut detail);
        ctx.aws_event("aws.kms", detail_type, vec![key.arn.clone()], Value::Object(full));
    }

    /// Records an action KMS took by itself in CloudTrail. Records since
    /// December 2022 carry the key ARN in `responseElements.keyId`.
    fn service_event(ctx: &mut Ctx, key: &Key, name: &str, details: Value) {
        let record = cloudtrail::Record::service_event(
            ServiceName::Kms,
            name,
            vec![("AWS::KMS::Key".into(), key.arn.clone())],
            details,
        );
        let record = match name {
            "RotateKey" => record.with_response_elements(json!({ "keyId": key.arn })),
            _ => record,
        };
        ctx.emit(Effect::Trail(Box::new(record)));
    }

    /// The `SecondsUntilKeyMaterialExpiration` metric of a key.
    fn expiry_metric(key_id: &str) -> MetricId {
        MetricId {
            namespace: "AWS/KMS".into(),
            name: "SecondsUntilKeyMaterialExpiration".into(),
            dimensions: vec![("KeyId".into(), key_id.to_owned())],
        }
    }

    fn stop_expiry_metric(ctx: &mut Ctx, key_id: &str) {
        let at = ctx.now;
        ctx.emit(Effect::Metric(MetricUpdate::StopCountdown {
            metric: Self::expiry_metric(key_id),
            at,
        }));
    }
}

#[cfg(test)]
mod tests;
