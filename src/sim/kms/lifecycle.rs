//! Creating, describing, listing, enabling, disabling and deleting keys, and
//! the AWS managed keys every account has.

use serde_json::{json, Value};

use crate::sim::ctx::{Ctx, Deadline};
use crate::sim::kms::crypto;
use crate::sim::kms::key::{
    default_policy, Key, KeySpec, KeyState, KeyUsage, Material, Origin, Rotation, TimerGenerations,
};
use crate::sim::kms::lookup::{
    pending_deletion, pending_import, require_customer_managed, require_not_pending_deletion, Names,
};
use crate::sim::kms::tags_aliases::parse_tags;
use crate::sim::kms::{rsa_pool, Alias, Kms, Timer, MAX_KEYS, MAX_POLICY_BYTES};
use crate::sim::params::{object, Params};
use crate::sim::time::{epoch_json, DAY};
use crate::sim::{AwsError, AwsResult};

/// The AWS managed keys created with the world: (service alias, description).
const AWS_MANAGED_KEYS: [(&str, &str); 3] = [
    (
        "alias/aws/ebs",
        "Default key that protects my EBS volumes when no other key is defined",
    ),
    (
        "alias/aws/lambda",
        "Default key that protects my Lambda functions when no other key is defined",
    ),
    (
        "alias/aws/s3",
        "Default key that protects my S3 objects when no other key is defined",
    ),
];

impl Kms {
    /// Creates the account's AWS managed keys (rotating on the period the
    /// world's settings choose) and the secret import tokens are sealed with.
    pub(crate) fn bootstrap(&mut self, ctx: &mut Ctx) {
        self.token_secret = ctx.rng.bytes();
        let period = ctx.settings.managed_key_rotation.days();
        for (alias, description) in AWS_MANAGED_KEYS {
            let material: [u8; 32] = ctx.rng.bytes();
            let id = ctx.rng.uuid();
            let mut key = self.new_key(
                &id,
                KeySpec::SymmetricDefault,
                KeyUsage::EncryptDecrypt,
                Origin::AwsKms,
                ctx,
            );
            key.aws_managed = true;
            key.description = description.into();
            key.materials.push(Some(Material::Secret(material.to_vec())));
            key.material_ids.push(crypto::material_id(&material));
            key.rotation = Rotation {
                enabled: true,
                period_days: period,
                next: Some(ctx.now.plus(period * DAY)),
                history: vec![],
            };
            self.schedule_rotation(&mut key, ctx);
            self.aliases.insert(
                alias.into(),
                Alias {
                    target: id.clone(),
                    creation_date: ctx.now,
                    last_updated: ctx.now,
                },
            );
            self.keys.insert(id, key);
        }
    }

    fn new_key(&self, id: &str, spec: KeySpec, usage: KeyUsage, origin: Origin, ctx: &Ctx) -> Key {
        Key {
            id: id.to_owned(),
            arn: ctx.arn("kms", &format!("key/{id}")),
            creation_date: ctx.now,
            description: String::new(),
            spec,
            usage,
            origin,
            aws_managed: false,
            state: if origin == Origin::External {
                KeyState::PendingImport
            } else {
                KeyState::Enabled
            },
            materials: Vec::new(),
            material_ids: Vec::new(),
            import: None,
            rotation: Rotation {
                period_days: 365,
                ..Rotation::default()
            },
            tags: Default::default(),
            policy: default_policy(ctx.account()),
            timers: TimerGenerations::default(),
        }
    }

    pub(super) fn create_key(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let spec_name = match (p.str("KeySpec"), p.str("CustomerMasterKeySpec")) {
            (Some(a), Some(b)) if a != b => return Err(AwsError::input(
                "ValidationException",
                "KeySpec and CustomerMasterKeySpec are both specified but have different values. Specify only KeySpec.",
            )),
            (Some(spec), _) | (None, Some(spec)) => spec,
            (None, None) => "SYMMETRIC_DEFAULT",
        };
        let Some(spec) = KeySpec::parse(spec_name) else {
            return Err(AwsError::input(
                "UnsupportedOperationException",
                format!(
                    "KeySpec {spec_name} is not modelled by this playground. Use SYMMETRIC_DEFAULT, RSA_2048, RSA_3072, \
                     RSA_4096 or HMAC_224/256/384/512."
                ),
            ));
        };
        let usage = match p.str("KeyUsage") {
            Some(name) => KeyUsage::parse(name).ok_or_else(|| {
                AwsError::input(
                    "UnsupportedOperationException",
                    format!("KeyUsage {name} is not modelled by this playground."),
                )
            })?,
            None if spec == KeySpec::SymmetricDefault => KeyUsage::EncryptDecrypt,
            None if matches!(spec, KeySpec::Hmac(_)) => KeyUsage::GenerateVerifyMac,
            None => {
                return Err(AwsError::input(
                    "ValidationException",
                    "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.",
                ))
            }
        };
        if !spec.allows(usage) {
            return Err(AwsError::input(
                "ValidationException",
                format!(
                    "KeyUsage {} is not compatible with KeySpec {}.",
                    usage.name(),
                    spec.name()
                ),
            ));
        }
        let origin = match p.str("Origin").unwrap_or("AWS_KMS") {
            "AWS_KMS" => Origin::AwsKms,
            "EXTERNAL" => Origin::External,
            other => {
                return Err(AwsError::input(
                    "UnsupportedOperationException",
                    format!("Origin {other} (custom key stores) is not modelled by this playground."),
                ))
            }
        };
        if p.has("CustomKeyStoreId") || p.has("XksKeyId") {
            return Err(AwsError::input(
                "UnsupportedOperationException",
                "Custom key stores are not modelled by this playground.",
            ));
        }
        if p.bool("MultiRegion") == Some(true) {
            return Err(AwsError::input(
                "UnsupportedOperationException",
                "Multi-Region keys are not modelled by this playground.",
            ));
        }
        if origin == Origin::External && matches!(spec, KeySpec::Rsa(_)) {
            return Err(AwsError::input(
                "UnsupportedOperationException",
                "Importing RSA key material is not modelled by this playground; EXTERNAL keys may be SYMMETRIC_DEFAULT or HMAC.",
            ));
        }
        if let Some(policy) = p.str("Policy") {
            // The model allows 131,072 characters; the quota on a key policy
            // document is 32 KB (KMS resource quotas), refused with
            // LimitExceededException. The message is inferred: the sources
            // do not give AWS's text. About the request alone, so it
            // changes nothing.
            if policy.len() > MAX_POLICY_BYTES {
                return Err(AwsError::input(
                    "LimitExceededException",
                    format!(
                        "The key policy is {} bytes; the quota for a key policy document is {MAX_POLICY_BYTES} bytes.",
                        policy.len()
                    ),
                ));
            }
            if !serde_json::from_str::<Value>(policy).is_ok_and(|v| v.is_object()) {
                return Err(AwsError::input(
                    "MalformedPolicyDocumentException",
                    "The key policy is not a valid JSON policy document.",
                ));
            }
        }
        let tags = parse_tags(p.list("Tags"))?;
        if self.keys.len() >= MAX_KEYS {
            return Err(AwsError::new(
                "LimitExceededException",
                format!(
                    "Key quota for this account in this region is {MAX_KEYS} but the current count is {}",
                    self.keys.len()
                ),
            ));
        }

        let id = ctx.rng.uuid();
        let mut key = self.new_key(&id, spec, usage, origin, ctx);
        key.description = p.str("Description").unwrap_or_default().to_owned();
        key.tags = tags;
        if let Some(policy) = p.str("Policy") {
            key.policy = policy.to_owned();
        }
        if origin == Origin::AwsKms {
            let (material, material_id) = match spec {
                KeySpec::SymmetricDefault => {
                    let bytes = ctx.rng.vec(32);
                    let id = crypto::material_id(&bytes);
                    (Material::Secret(bytes), id)
                }
                KeySpec::Hmac(bits) => {
                    let bytes = ctx.rng.vec(usize::from(bits) / 8);
                    let id = crypto::material_id(&bytes);
                    (Material::Secret(bytes), id)
                }
                KeySpec::Rsa(bits) => {
                    let pool = rsa_pool::indices_of_size(bits);
                    let index = pool[ctx.rng.below(pool.len() as u64) as usize];
                    (Material::Rsa(index), crypto::rsa_material_id(index))
                }
            };
            key.materials.push(Some(material));
            key.material_ids.push(material_id);
        }
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        let metadata = key.metadata(ctx.account());
        self.keys.insert(id, key);
        Ok(object([("KeyMetadata", metadata)]))
    }

    pub(super) fn describe_key(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOrAlias, ctx)?;
        let key = &self.keys[&id];
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        // `object`, not `json!`: the macro would serialise the metadata again.
        Ok(object([("KeyMetadata", key.metadata(ctx.account()))]))
    }

    pub(super) fn list_keys(&mut self, p: Params) -> AwsResult {
        let limit = p.i64("Limit").unwrap_or(100) as usize;
        let marker = p.str("Marker");
        if let Some(m) = marker {
            if !self.keys.contains_key(m) {
                return Err(AwsError::input("InvalidMarkerException", "The request was rejected because the marker that specifies where pagination should next begin is not valid."));
            }
        }
        let mut page = self
            .keys
            .values()
            .skip_while(|k| marker.is_some_and(|m| k.id.as_str() < m));
        let keys: Vec<Value> = page
            .by_ref()
            .take(limit)
            .map(|k| json!({"KeyId": k.id, "KeyArn": k.arn}))
            .collect();
        let mut out = json!({ "Keys": keys });
        match page.next() {
            Some(next) => {
                out["NextMarker"] = json!(next.id);
                out["Truncated"] = json!(true);
            }
            None => out["Truncated"] = json!(false),
        }
        Ok(out)
    }

    pub(super) fn enable_key(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = &self.keys[&id];
        require_customer_managed(key, "EnableKey", ctx)?;
        match key.state {
            KeyState::PendingDeletion { .. } => return Err(pending_deletion(key)),
            KeyState::PendingImport => return Err(pending_import(key)),
            KeyState::Enabled | KeyState::Disabled => {}
        }
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        let mut key = self.keys.remove(&id).expect("resolved key exists");
        key.state = KeyState::Enabled;
        // A rotation that came due while the key was disabled happens now.
        if key.rotation.enabled && key.rotation.next.is_some_and(|next| next <= ctx.now) {
            self.rotate(&mut key, false, ctx);
        }
        self.keys.insert(id, key);
        Ok(json!({}))
    }

    pub(super) fn disable_key(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = self.keys.get_mut(&id).expect("resolved key exists");
        require_customer_managed(key, "DisableKey", ctx)?;
        match key.state {
            KeyState::PendingDeletion { .. } => return Err(pending_deletion(key)),
            KeyState::PendingImport => return Err(pending_import(key)),
            KeyState::Enabled | KeyState::Disabled => key.state = KeyState::Disabled,
        }
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        Ok(json!({}))
    }

    pub(super) fn schedule_key_deletion(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        // The model allows 1–365; the service enforces 7–30 (reference §4.1).
        let days = p.i64("PendingWindowInDays").unwrap_or(30);
        if !(7..=30).contains(&days) {
            let rule = if days < 7 {
                "greater than or equal to 7"
            } else {
                "less than or equal to 30"
            };
            return Err(AwsError::input(
                "ValidationException",
                format!(
                    "1 validation error detected: Value '{days}' at 'pendingWindowInDays' failed to satisfy constraint: \
                     Member must have value {rule}"
                ),
            ));
        }
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = self.keys.get_mut(&id).expect("resolved key exists");
        require_customer_managed(key, "ScheduleKeyDeletion", ctx)?;
        require_not_pending_deletion(key)?;
        let deletion_date = ctx.now.plus(days * DAY);
        key.state = KeyState::PendingDeletion {
            deletion_date,
            window_days: days,
        };
        key.timers.deletion += 1;
        let generation = key.timers.deletion;
        ctx.schedule(
            deletion_date,
            Deadline::Kms(Timer::Deletion {
                key_id: id.clone(),
                generation,
            }),
        );
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        Ok(json!({
            "KeyId": key.arn,
            "DeletionDate": epoch_json(deletion_date),
            "KeyState": "PendingDeletion",
            "PendingWindowInDays": days,
        }))
    }

    /// CancelKeyDeletion leaves the key `Disabled`, as AWS documents. For an
    /// EXTERNAL key whose material expired or was deleted meanwhile, AWS's
    /// documentation is silent (reference §10 q3); the playground returns it
    /// to `PendingImport`, since a key without material cannot be enabled.
    pub(super) fn cancel_key_deletion(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = self.keys.get_mut(&id).expect("resolved key exists");
        require_customer_managed(key, "CancelKeyDeletion", ctx)?;
        if !matches!(key.state, KeyState::PendingDeletion { .. }) {
            return Err(AwsError::new(
                "KMSInvalidStateException",
                format!("{} is not pending deletion.", key.arn),
            ));
        }
        key.state = if key.origin == Origin::External && key.current_material().is_none() {
            KeyState::PendingImport
        } else {
            KeyState::Disabled
        };
        key.timers.deletion += 1;
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        Ok(json!({ "KeyId": key.arn }))
    }

    /// The deletion timer: the key, its material and its aliases go.
    pub(super) fn delete_key(&mut self, key_id: &str, generation: u64, ctx: &mut Ctx) {
        let due = self
            .keys
            .get(key_id)
            .is_some_and(|k| k.timers.deletion == generation && matches!(k.state, KeyState::PendingDeletion { .. }));
        if !due {
            return;
        }
        let key = self.keys.remove(key_id).expect("checked above");
        self.aliases.retain(|_, alias| alias.target != key_id);
        if key.valid_to().is_some() {
            Self::stop_expiry_metric(ctx, key_id);
        }
        Self::service_event(ctx, &key, "DeleteKey", json!({ "keyId": key.id }));
        Self::event(ctx, &key, "KMS CMK Deletion", Default::default());
    }

    pub(super) fn update_key_description(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = self.keys.get_mut(&id).expect("resolved key exists");
        require_customer_managed(key, "UpdateKeyDescription", ctx)?;
        require_not_pending_deletion(key)?;
        key.description = p.req_str("Description").to_owned();
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        Ok(json!({}))
    }

    pub(super) fn get_key_policy(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let name = p.str("PolicyName").unwrap_or("default");
        let key = &self.keys[&id];
        if name != "default" {
            return Err(AwsError::new(
                "NotFoundException",
                format!("No such policy exists: {name}"),
            ));
        }
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        Ok(json!({ "Policy": key.policy, "PolicyName": "default" }))
    }
}
