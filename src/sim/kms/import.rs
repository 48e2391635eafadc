//! Imported key material: GetParametersForImport, ImportKeyMaterial,
//! DeleteImportedKeyMaterial, and the expiry of material at `ValidTo`.
//!
//! Import tokens are self-describing: the key, the wrapping key (an index
//! into the RSA pool), the wrapping algorithm and the expiry, sealed with
//! AES-256-GCM under a secret the world draws at bootstrap. KMS needs no
//! table of outstanding tokens, and a token from another key, another world
//! or with a flipped bit is refused.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use rsa::pkcs8::EncodePublicKey;
use serde_json::{json, Value};

use crate::sim::cloudwatch::MetricUpdate;
use crate::sim::ctx::{Ctx, Deadline, Effect};
use crate::sim::kms::crypto;
use crate::sim::kms::key::{Expiration, ImportInfo, KeySpec, KeyState, Material, Origin};
use crate::sim::kms::lookup::{pending_deletion, require_customer_managed, wrong_origin, Names};
use crate::sim::kms::{rsa_pool, Kms, Timer};
use crate::sim::params::b64;
use crate::sim::params::Params;
use crate::sim::time::{epoch_json, SimTime, DAY, HOUR, MINUTE};
use crate::sim::{AwsError, AwsResult};

/// How long a public key and import token stay valid.
const PARAMETERS_VALIDITY: i64 = 24 * HOUR;
/// The latest `ValidTo` accepted, from the time of the request.
const MAX_VALID_TO: i64 = 365 * DAY;

const ALGORITHMS: [&str; 4] = [
    "RSAES_OAEP_SHA_1",
    "RSAES_OAEP_SHA_256",
    "RSA_AES_KEY_WRAP_SHA_1",
    "RSA_AES_KEY_WRAP_SHA_256",
];

/// What an import token carries.
struct Token {
    key_id: String,
    pool_index: usize,
    algorithm: &'static str,
    valid_to: SimTime,
}

impl Kms {
    fn seal_token(&self, token: &Token, ctx: &mut Ctx) -> Vec<u8> {
        let mut payload = Vec::with_capacity(64);
        payload.extend_from_slice(&(token.key_id.len() as u8).to_be_bytes());
        payload.extend_from_slice(token.key_id.as_bytes());
        payload.extend_from_slice(&(token.pool_index as u16).to_be_bytes());
        let alg = ALGORITHMS.iter().position(|a| *a == token.algorithm).unwrap_or(0) as u8;
        payload.push(alg);
        payload.extend_from_slice(&token.valid_to.millis().to_be_bytes());
        let nonce: [u8; 12] = ctx.rng.bytes();
        let cipher = Aes256Gcm::new_from_slice(&self.token_secret).expect("32-byte secret");
        let mut out = nonce.to_vec();
        out.extend(
            cipher
                .encrypt(Nonce::from_slice(&nonce), payload.as_slice())
                .expect("sealing a token cannot fail"),
        );
        out
    }

    fn open_token(&self, bytes: &[u8]) -> Option<Token> {
        if bytes.len() < 12 + 16 {
            return None;
        }
        let cipher = Aes256Gcm::new_from_slice(&self.token_secret).ok()?;
        let payload = cipher.decrypt(Nonce::from_slice(&bytes[..12]), &bytes[12..]).ok()?;
        let id_len = usize::from(*payload.first()?);
        let key_id = String::from_utf8(payload.get(1..1 + id_len)?.to_vec()).ok()?;
        let rest = payload.get(1 + id_len..)?;
        let pool_index = usize::from(u16::from_be_bytes(rest.get(0..2)?.try_into().ok()?));
        let algorithm = ALGORITHMS.get(usize::from(*rest.get(2)?))?;
        let valid_to = SimTime::from_millis(i64::from_be_bytes(rest.get(3..11)?.try_into().ok()?));
        Some(Token {
            key_id,
            pool_index,
            algorithm,
            valid_to,
        })
    }

    pub(super) fn get_parameters_for_import(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let algorithm = p.req_str("WrappingAlgorithm");
        let spec = p.req_str("WrappingKeySpec");
        let bits: u16 = match spec {
            "RSA_2048" => 2048,
            "RSA_3072" => 3072,
            "RSA_4096" => 4096,
            _ => {
                return Err(AwsError::input(
                    "UnsupportedOperationException",
                    format!("WrappingKeySpec {spec} is only available in China Regions."),
                ))
            }
        };
        let Some(algorithm) = ALGORITHMS.iter().copied().find(|a| *a == algorithm) else {
            let why = if algorithm == "RSAES_PKCS1_V1_5" {
                "RSAES_PKCS1_V1_5 is no longer supported for importing key material. Use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256."
                    .to_owned()
            } else {
                format!("WrappingAlgorithm {algorithm} is only available in China Regions.")
            };
            return Err(AwsError::input("UnsupportedOperationException", why));
        };
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = &self.keys[&id];
        require_customer_managed(key, "GetParametersForImport", ctx)?;
        if key.origin != Origin::External {
            return Err(wrong_origin(key));
        }
        if matches!(key.state, KeyState::PendingDeletion { .. }) {
            return Err(pending_deletion(key));
        }
        let pool = rsa_pool::indices_of_size(bits);
        let pool_index = pool[ctx.rng.below(pool.len() as u64) as usize];
        let valid_to = ctx.now.plus(PARAMETERS_VALIDITY);
        let token = Token {
            key_id: id.clone(),
            pool_index,
            algorithm,
            valid_to,
        };
        let sealed = self.seal_token(&token, ctx);
        let public = rsa_pool::key(pool_index).to_public_key();
        let der = public.to_public_key_der().expect("a pool key encodes as DER");
        let key = &self.keys[&id];
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        Ok(json!({
            "KeyId": key.arn,
            "ImportToken": b64(&sealed),
            "PublicKey": b64(der.as_bytes()),
            "ParametersValidTo": epoch_json(valid_to),
        }))
    }

    pub(super) fn import_key_material(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let expiration = self.requested_expiration(p, ctx)?;
        if p.str("ImportType") == Some("NEW_KEY_MATERIAL") {
            return Err(AwsError::input(
                "UnsupportedOperationException",
                "Importing new key material for on-demand rotation (ImportType NEW_KEY_MATERIAL) is not modelled by this playground.",
            ));
        }
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = &self.keys[&id];
        require_customer_managed(key, "ImportKeyMaterial", ctx)?;
        if key.origin != Origin::External {
            return Err(wrong_origin(key));
        }
        if matches!(key.state, KeyState::PendingDeletion { .. }) {
            return Err(pending_deletion(key));
        }
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        let token_bytes = p.blob("ImportToken").unwrap_or_default();
        let Some(token) = self.open_token(&token_bytes).filter(|t| t.key_id == id) else {
            return Err(AwsError::new(
                "InvalidImportTokenException",
                "The import token is invalid or was issued for another KMS key.",
            ));
        };
        if ctx.now > token.valid_to {
            return Err(AwsError::new(
                "ExpiredImportTokenException",
                "The import token has expired. Use GetParametersForImport to get a new public key and import token.",
            ));
        }
        let wrapped = p.blob("EncryptedKeyMaterial").unwrap_or_default();
        let Some(material) = crypto::unwrap_material(rsa_pool::key(token.pool_index), token.algorithm, &wrapped) else {
            return Err(AwsError::new("InvalidCiphertextException", ""));
        };
        let expected_len = match key.spec {
            KeySpec::SymmetricDefault => 32..=32,
            KeySpec::Hmac(bits) => usize::from(bits) / 8..=usize::from(bits) / 4,
            KeySpec::Rsa(_) => 0..=0,
        };
        let material_id = crypto::material_id(&material);
        let bound_elsewhere = key.import.as_ref().is_some_and(|i| i.material_id != material_id);
        if !expected_len.contains(&material.len()) || bound_elsewhere {
            return Err(AwsError::new(
                "IncorrectKeyMaterialException",
                "The key material is expired, invalid, or does not meet expectations. For example, it is not the same key \
                 material that was previously imported or KMS expected new key material but the key material being imported \
                 is already associated with the KMS key.",
            ));
        }

        let key = self.keys.get_mut(&id).expect("resolved key exists");
        key.materials = vec![Some(Material::Secret(material))];
        key.material_ids = vec![material_id.clone()];
        key.import = Some(ImportInfo {
            material_id: material_id.clone(),
            expiration,
        });
        if key.state == KeyState::PendingImport {
            key.state = KeyState::Enabled;
        }
        key.timers.expiry += 1;
        // A new countdown replaces the previous import's; material that no
        // longer expires ends it.
        let metric = Self::expiry_metric(&id);
        match expiration {
            Expiration::Expires(valid_to) => {
                let generation = key.timers.expiry;
                ctx.schedule(
                    valid_to,
                    Deadline::Kms(Timer::MaterialExpiry {
                        key_id: id.clone(),
                        generation,
                    }),
                );
                let from = ctx.now.ceil_to(MINUTE);
                let update = MetricUpdate::StartCountdown {
                    metric,
                    unit: "Seconds".into(),
                    from,
                    until: valid_to,
                };
                ctx.emit(Effect::Metric(update));
            }
            Expiration::DoesNotExpire => ctx.emit(Effect::Metric(MetricUpdate::StopCountdown { metric, at: ctx.now })),
        }
        Ok(json!({ "KeyId": key.arn, "KeyMaterialId": material_id }))
    }

    /// ExpirationModel and ValidTo as ImportKeyMaterial requires them. AWS's
    /// exact texts for these refusals are not documented (reference §10 q4).
    fn requested_expiration(&self, p: Params, ctx: &Ctx) -> Result<Expiration, AwsError> {
        let model = p.str("ExpirationModel").unwrap_or("KEY_MATERIAL_EXPIRES");
        match (model, p.time("ValidTo")) {
            ("KEY_MATERIAL_DOES_NOT_EXPIRE", None) => Ok(Expiration::DoesNotExpire),
            ("KEY_MATERIAL_DOES_NOT_EXPIRE", Some(_)) => Err(AwsError::input(
                "ValidationException",
                "ValidTo must not be specified when ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE.",
            )),
            (_, None) => Err(AwsError::input(
                "ValidationException",
                "ValidTo is required when ExpirationModel is KEY_MATERIAL_EXPIRES.",
            )),
            (_, Some(t)) if t <= ctx.now => Err(AwsError::input(
                "ValidationException",
                "ValidTo must be a time in the future.",
            )),
            (_, Some(t)) if t.since(ctx.now) > MAX_VALID_TO => Err(AwsError::input(
                "ValidationException",
                "ValidTo must be no more than 365 days from the time of the request.",
            )),
            (_, Some(t)) => Ok(Expiration::Expires(t)),
        }
    }

    pub(super) fn delete_imported_key_material(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = self.keys.get_mut(&id).expect("resolved key exists");
        require_customer_managed(key, "DeleteImportedKeyMaterial", ctx)?;
        if key.origin != Origin::External {
            return Err(wrong_origin(key));
        }
        if let Some(requested) = p.str("KeyMaterialId") {
            if key.import.as_ref().is_none_or(|i| i.material_id != requested) {
                return Err(AwsError::new(
                    "NotFoundException",
                    format!("Key material {requested} is not associated with {}", key.arn),
                ));
            }
        }
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        let material_id = key.import.as_ref().map(|i| i.material_id.clone());
        if key.current_material().is_some() {
            key.materials = vec![None];
            key.timers.expiry += 1;
            if matches!(key.state, KeyState::Enabled | KeyState::Disabled) {
                key.state = KeyState::PendingImport;
            }
            Self::stop_expiry_metric(ctx, &id);
        }
        let mut out = json!({ "KeyId": key.arn });
        if let Some(material_id) = material_id {
            out["KeyMaterialId"] = Value::from(material_id);
        }
        Ok(out)
    }

    /// The expiry timer: KMS deletes the material; the key waits for a new
    /// import (`PendingImport`) unless it is pending deletion.
    pub(super) fn expire_material(&mut self, key_id: &str, generation: u64, ctx: &mut Ctx) {
        let Some(key) = self.keys.get_mut(key_id) else { return };
        if key.timers.expiry != generation || key.current_material().is_none() {
            return;
        }
        key.materials = vec![None];
        if matches!(key.state, KeyState::Enabled | KeyState::Disabled) {
            key.state = KeyState::PendingImport;
        }
        let material_id = key.import.as_ref().map(|i| i.material_id.clone()).unwrap_or_default();
        let key = key.clone();
        Self::service_event(
            ctx,
            &key,
            "DeleteExpiredKeyMaterial",
            json!({ "keyId": key.id, "keyMaterialId": material_id }),
        );
        Self::event(ctx, &key, "KMS Imported Key Material Expiration", Default::default());
    }
}
