//! Key rotation: automatic (on the key's period, or the world's setting for
//! AWS managed keys), on demand, its status and its history. Each rotation
//! adds a material version; older versions stay, so older ciphertext still
//! decrypts.

use serde_json::{json, Map, Value};

use crate::sim::ctx::{Ctx, Deadline};
use crate::sim::kms::crypto;
use crate::sim::kms::key::{Key, KeyState, Material, RotationRecord};
use crate::sim::kms::lookup::{
    disabled, pending_deletion, pending_import, require_customer_managed, require_rotatable, Names,
};
use crate::sim::kms::tags_aliases::paged_response;
use crate::sim::kms::{Kms, Timer};
use crate::sim::params::Params;
use crate::sim::time::{epoch_json, DAY, MINUTE};
use crate::sim::{AwsError, AwsResult};

/// On-demand rotations allowed per key (AWS's quota).
pub const MAX_ON_DEMAND_ROTATIONS: usize = 25;

impl Kms {
    /// Schedules the key's next automatic rotation (superseding any earlier
    /// schedule).
    pub(super) fn schedule_rotation(&self, key: &mut Key, ctx: &mut Ctx) {
        key.timers.rotation += 1;
        if let (true, Some(next)) = (key.rotation.enabled, key.rotation.next) {
            let generation = key.timers.rotation;
            ctx.schedule(
                next,
                Deadline::Kms(Timer::Rotation {
                    key_id: key.id.clone(),
                    generation,
                }),
            );
        }
    }

    /// Rotates `key` now: a new material version, a history entry, the
    /// CloudTrail `RotateKey` service event and the `KMS CMK Rotation` event.
    /// An automatic rotation also moves the schedule on by one period.
    pub(super) fn rotate(&self, key: &mut Key, on_demand: bool, ctx: &mut Ctx) {
        let previous = key.current_material_id().unwrap_or_default().to_owned();
        let material: [u8; 32] = ctx.rng.bytes();
        let material_id = crypto::material_id(&material);
        key.materials.push(Some(Material::Secret(material.to_vec())));
        key.material_ids.push(material_id.clone());
        key.rotation.history.push(RotationRecord {
            date: ctx.now,
            on_demand,
            material_id: material_id.clone(),
        });
        if !on_demand {
            key.rotation.next = Some(ctx.now.plus(key.rotation.period_days * DAY));
            self.schedule_rotation(key, ctx);
        }
        let rotation_type = if on_demand { "ON_DEMAND" } else { "AUTOMATIC" };
        Self::service_event(
            ctx,
            key,
            "RotateKey",
            json!({ "rotationType": rotation_type, "keyId": key.id }),
        );
        let mut detail = Map::new();
        detail.insert("key-origin".into(), json!(key.origin.name()));
        detail.insert("rotation-type".into(), json!(rotation_type));
        detail.insert("previous-key-material-id".into(), json!(previous));
        detail.insert("current-key-material-id".into(), json!(material_id));
        Self::event(ctx, key, "KMS CMK Rotation", detail);
    }

    /// The rotation timer. A key that is disabled or pending deletion when
    /// rotation comes due keeps its schedule and rotates when it is enabled
    /// again (AWS's documented behaviour).
    pub(super) fn rotation_due(&mut self, key_id: &str, generation: u64, ctx: &mut Ctx) {
        let Some(mut key) = self.keys.remove(key_id) else {
            return;
        };
        if key.timers.rotation == generation && key.rotation.enabled && key.state == KeyState::Enabled {
            self.rotate(&mut key, false, ctx);
        }
        self.keys.insert(key_id.to_owned(), key);
    }

    pub(super) fn enable_key_rotation(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let period = p.i64("RotationPeriodInDays").unwrap_or(365);
        let mut key = self.keys.remove(&id).expect("resolved key exists");
        let result = self.change_rotation(&mut key, Some(period), ctx);
        self.keys.insert(id, key);
        result
    }

    pub(super) fn disable_key_rotation(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let mut key = self.keys.remove(&id).expect("resolved key exists");
        let result = self.change_rotation(&mut key, None, ctx);
        self.keys.insert(id, key);
        result
    }

    /// Enable (with a period) or disable automatic rotation. The first
    /// rotation comes one period after rotation is enabled; changing the
    /// period counts it from the last rotation (or the key's creation).
    fn change_rotation(&self, key: &mut Key, period: Option<i64>, ctx: &mut Ctx) -> AwsResult {
        let operation = if period.is_some() {
            "EnableKeyRotation"
        } else {
            "DisableKeyRotation"
        };
        require_customer_managed(key, operation, ctx)?;
        require_rotatable(key)?;
        match key.state {
            KeyState::Disabled => return Err(disabled(key)),
            KeyState::PendingDeletion { .. } => return Err(pending_deletion(key)),
            KeyState::PendingImport => return Err(pending_import(key)),
            KeyState::Enabled => {}
        }
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        match period {
            Some(days) => {
                let base = if key.rotation.enabled {
                    key.rotation
                        .history
                        .iter()
                        .rev()
                        .find(|r| !r.on_demand)
                        .map_or(key.creation_date, |r| r.date)
                } else {
                    ctx.now
                };
                key.rotation.enabled = true;
                key.rotation.period_days = days;
                key.rotation.next = Some(base.plus(days * DAY).max(ctx.now.plus(MINUTE)));
            }
            None => {
                key.rotation.enabled = false;
                key.rotation.next = None;
            }
        }
        self.schedule_rotation(key, ctx);
        Ok(json!({}))
    }

    pub(super) fn get_key_rotation_status(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = &self.keys[&id];
        require_rotatable(key)?;
        if key.state == KeyState::PendingImport {
            return Err(pending_import(key));
        }
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        // While pending deletion AWS reports rotation as disabled; the
        // setting itself is kept and comes back on cancellation.
        let pending = matches!(key.state, KeyState::PendingDeletion { .. });
        if !key.rotation.enabled || pending {
            return Ok(json!({ "KeyRotationEnabled": false, "KeyId": key.arn }));
        }
        let mut out = json!({
            "KeyRotationEnabled": true,
            "KeyId": key.arn,
            "RotationPeriodInDays": key.rotation.period_days,
        });
        if let Some(next) = key.rotation.next {
            out["NextRotationDate"] = epoch_json(next);
        }
        Ok(out)
    }

    /// On-demand rotation completes at once in the playground (AWS runs it
    /// asynchronously, reporting `OnDemandRotationStartDate` meanwhile).
    pub(super) fn rotate_key_on_demand(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let mut key = self.keys.remove(&id).expect("resolved key exists");
        let result = (|| {
            require_customer_managed(&key, "RotateKeyOnDemand", ctx)?;
            require_rotatable(&key)?;
            match key.state {
                KeyState::Disabled => return Err(disabled(&key)),
                KeyState::PendingDeletion { .. } => return Err(pending_deletion(&key)),
                KeyState::PendingImport => return Err(pending_import(&key)),
                KeyState::Enabled => {}
            }
            ctx.audit_resource("AWS::KMS::Key", &key.arn);
            if key.rotation.history.iter().filter(|r| r.on_demand).count() >= MAX_ON_DEMAND_ROTATIONS {
                return Err(AwsError::new(
                    "LimitExceededException",
                    format!(
                        "{} has reached the limit of {MAX_ON_DEMAND_ROTATIONS} on-demand rotations.",
                        key.arn
                    ),
                ));
            }
            if key.rotation.enabled && key.rotation.next.is_some_and(|next| next.since(ctx.now) < 20 * MINUTE) {
                return Err(AwsError::new(
                    "ConflictException",
                    format!(
                        "An automatic rotation of {} is due within 20 minutes. Try again later.",
                        key.arn
                    ),
                ));
            }
            self.rotate(&mut key, true, ctx);
            Ok(json!({ "KeyId": key.arn }))
        })();
        self.keys.insert(id, key);
        result
    }

    pub(super) fn list_key_rotations(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = &self.keys[&id];
        require_rotatable(key)?;
        let start = match p.str("Marker") {
            Some(m) => m.parse::<usize>().ok().filter(|i| *i < key.rotation.history.len()).ok_or_else(|| {
                AwsError::input(
                    "InvalidMarkerException",
                    "The request was rejected because the marker that specifies where pagination should next begin is not valid.",
                )
            })?,
            None => 0,
        };
        let limit = p.i64("Limit").unwrap_or(100) as usize;
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        let rotations: Vec<Value> = key.rotation.history[start..]
            .iter()
            .take(limit)
            .map(|r| {
                json!({
                    "KeyId": key.arn,
                    "KeyMaterialId": r.material_id,
                    "RotationDate": epoch_json(r.date),
                    "RotationType": if r.on_demand { "ON_DEMAND" } else { "AUTOMATIC" },
                })
            })
            .collect();
        let next = (start + limit < key.rotation.history.len()).then(|| (start + limit).to_string());
        Ok(paged_response(json!({ "Rotations": rotations }), next))
    }
}
