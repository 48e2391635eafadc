//! The cryptographic operations: Encrypt, Decrypt, ReEncrypt, the data-key
//! operations, GenerateRandom, and the RSA and HMAC operations. Every one of
//! them needs an `Enabled` key (the table's cryptographic column) of the
//! right usage.

use std::collections::BTreeMap;

use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::EncodePublicKey;
use rsa::pss::Pss;
use rsa::traits::PublicKeyParts;
use serde_json::{json, Map, Value};
use sha2::{Sha256, Sha384, Sha512};

use crate::sim::ctx::Ctx;
use crate::sim::kms::crypto::{self, Hash};
use crate::sim::kms::key::{Key, KeySpec, KeyUsage, Material};
use crate::sim::kms::lookup::{not_found, require_customer_managed, require_usable, wrong_spec, wrong_usage, Names};
use crate::sim::kms::{rsa_pool, Kms};
use crate::sim::params::{b64, object, Params};
use crate::sim::{AwsError, AwsResult};

fn dry_run(p: Params) -> Result<(), AwsError> {
    if p.bool("DryRun") == Some(true) {
        return Err(AwsError::new(
            "DryRunOperationException",
            "The request would have succeeded, but the DryRun option is set.",
        ));
    }
    Ok(())
}

fn invalid_ciphertext() -> AwsError {
    // AWS returns this error without a message.
    AwsError::new("InvalidCiphertextException", "")
}

fn rsa_hash(algorithm: &str) -> Option<Hash> {
    match algorithm {
        "RSAES_OAEP_SHA_1" => Some(Hash::Sha1),
        "RSAES_OAEP_SHA_256" => Some(Hash::Sha256),
        _ => None,
    }
}

/// What decrypting a ciphertext yields.
struct Opened<'k> {
    key: &'k Key,
    plaintext: Vec<u8>,
    algorithm: &'static str,
    material_id: Option<String>,
}

impl Kms {
    /// Resolves a key for a cryptographic operation and checks that it may
    /// perform it; names the key in the call's CloudTrail record.
    fn usable(&self, key_id: &str, operation: &str, usage: KeyUsage, ctx: &mut Ctx) -> Result<&Key, AwsError> {
        let id = self.resolve(key_id, Names::KeyOrAlias, ctx)?;
        let key = &self.keys[&id];
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        require_customer_managed(key, operation, ctx)?;
        require_usable(key)?;
        if key.usage != usage {
            return Err(wrong_usage(key, operation));
        }
        Ok(key)
    }

    /// Encrypts under the key's current material version.
    fn seal(
        key: &Key,
        context: &BTreeMap<String, String>,
        plaintext: &[u8],
        ctx: &mut Ctx,
    ) -> Result<Vec<u8>, AwsError> {
        match key.current_material() {
            Some((index, Material::Secret(material))) => Ok(crypto::seal(
                &key.id,
                index as u32,
                material,
                context,
                plaintext,
                ctx.rng,
            )),
            _ => Err(wrong_spec(key)),
        }
    }

    pub(super) fn encrypt(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        ctx.audit_parameter(
            "encryptionAlgorithm",
            json!(p.str("EncryptionAlgorithm").unwrap_or("SYMMETRIC_DEFAULT")),
        );
        let key = self.usable(p.req_str("KeyId"), "Encrypt", KeyUsage::EncryptDecrypt, ctx)?;
        let plaintext = p.blob("Plaintext").unwrap_or_default();
        let context = p.str_map("EncryptionContext");
        let ciphertext = match key.spec {
            KeySpec::SymmetricDefault => {
                let algorithm = p.str("EncryptionAlgorithm").unwrap_or("SYMMETRIC_DEFAULT");
                if algorithm != "SYMMETRIC_DEFAULT" {
                    return Err(wrong_usage(key, &format!("Encrypt with {algorithm}")));
                }
                dry_run(p)?;
                (Self::seal(key, &context, &plaintext, ctx)?, algorithm)
            }
            KeySpec::Rsa(bits) => {
                let algorithm = p.str("EncryptionAlgorithm").unwrap_or("SYMMETRIC_DEFAULT");
                let Some(hash) = rsa_hash(algorithm) else {
                    return Err(wrong_usage(key, &format!("Encrypt with {algorithm}")));
                };
                if plaintext.len() > crypto::rsa_max_plaintext(bits, hash) {
                    return Err(AwsError::input(
                        "ValidationException",
                        format!(
                            "Plaintext is too long: {algorithm} with {} encrypts at most {} bytes.",
                            key.spec.name(),
                            crypto::rsa_max_plaintext(bits, hash)
                        ),
                    ));
                }
                dry_run(p)?;
                let Some((_, Material::Rsa(index))) = key.current_material() else {
                    return Err(wrong_spec(key));
                };
                let public = rsa_pool::key(*index).to_public_key();
                let ciphertext =
                    crypto::rsa_encrypt(&public, hash, &plaintext, ctx.rng).ok_or_else(invalid_ciphertext)?;
                (ciphertext, algorithm)
            }
            KeySpec::Hmac(_) => return Err(wrong_usage(key, "Encrypt")),
        };
        Ok(object([
            ("CiphertextBlob", Value::String(b64(&ciphertext.0))),
            ("KeyId", Value::from(key.arn.as_str())),
            ("EncryptionAlgorithm", Value::from(ciphertext.1)),
        ]))
    }

    /// Decrypts `blob`, finding the key from the blob (symmetric) or from
    /// `key_id` (RSA).
    fn open(
        &self,
        blob: &[u8],
        key_id: Option<&str>,
        algorithm: Option<&str>,
        context: &BTreeMap<String, String>,
        operation: &str,
        ctx: &mut Ctx,
    ) -> Result<Opened<'_>, AwsError> {
        let named = match key_id {
            Some(k) => Some(self.resolve(k, Names::KeyOrAlias, ctx)?),
            None => None,
        };
        if let Some(header) = crypto::header(blob) {
            if let Some(named) = &named {
                if *named != header.key_id {
                    return Err(AwsError::new(
                        "IncorrectKeyException",
                        "The key ID in the request does not identify a KMS key that can perform this operation.",
                    ));
                }
            }
            let Some(key) = self.keys.get(&header.key_id) else {
                return Err(not_found(&ctx.arn("kms", &format!("key/{}", header.key_id))));
            };
            let key = self.usable(&key.id, operation, KeyUsage::EncryptDecrypt, ctx)?;
            if algorithm.is_some_and(|a| a != "SYMMETRIC_DEFAULT") {
                return Err(AwsError::new(
                    "IncorrectKeyException",
                    "The encryption algorithm in the request does not match the one used to encrypt the ciphertext.",
                ));
            }
            let index = header.material_index as usize;
            let Some(Some(Material::Secret(material))) = key.materials.get(index) else {
                return Err(invalid_ciphertext());
            };
            let plaintext = crypto::open(blob, material, context).ok_or_else(invalid_ciphertext)?;
            let material_id = key.material_ids.get(index).cloned();
            return Ok(Opened {
                key,
                plaintext,
                algorithm: "SYMMETRIC_DEFAULT",
                material_id,
            });
        }
        let Some(named) = named else {
            return Err(invalid_ciphertext());
        };
        let key = self.usable(&named, operation, KeyUsage::EncryptDecrypt, ctx)?;
        let Some((_, Material::Rsa(index))) = key.current_material() else {
            return Err(invalid_ciphertext());
        };
        let (name, hash) = match algorithm.and_then(|a| rsa_hash(a).map(|h| (a, h))) {
            Some(found) => found,
            None => {
                return Err(wrong_usage(
                    key,
                    &format!("{operation} without an RSAES_OAEP EncryptionAlgorithm"),
                ))
            }
        };
        let plaintext = crypto::rsa_decrypt(rsa_pool::key(*index), hash, blob).ok_or_else(invalid_ciphertext)?;
        let name = if name.ends_with("SHA_1") {
            "RSAES_OAEP_SHA_1"
        } else {
            "RSAES_OAEP_SHA_256"
        };
        Ok(Opened {
            key,
            plaintext,
            algorithm: name,
            material_id: None,
        })
    }

    pub(super) fn decrypt(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let Some(blob) = p.blob("CiphertextBlob") else {
            return Err(AwsError::input(
                "ValidationException",
                "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null",
            ));
        };
        if p.has("Recipient") {
            return Err(AwsError::input(
                "UnsupportedOperationException",
                "Nitro Enclaves recipients are not modelled by this playground.",
            ));
        }
        // CloudTrail records the algorithm of every Decrypt, sent or not.
        ctx.audit_parameter(
            "encryptionAlgorithm",
            json!(p.str("EncryptionAlgorithm").unwrap_or("SYMMETRIC_DEFAULT")),
        );
        let context = p.str_map("EncryptionContext");
        let Opened {
            key,
            plaintext,
            algorithm,
            material_id,
        } = self.open(
            &blob,
            p.str("KeyId"),
            p.str("EncryptionAlgorithm"),
            &context,
            "Decrypt",
            ctx,
        )?;
        dry_run(p)?;
        let mut out = Map::with_capacity(4);
        out.insert("KeyId".into(), Value::from(key.arn.as_str()));
        out.insert("Plaintext".into(), Value::String(b64(&plaintext)));
        out.insert("EncryptionAlgorithm".into(), Value::from(algorithm));
        if let Some(id) = material_id {
            out.insert("KeyMaterialId".into(), Value::String(id));
        }
        Ok(Value::Object(out))
    }

    pub(super) fn re_encrypt(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let Some(blob) = p.blob("CiphertextBlob") else {
            return Err(AwsError::input(
                "ValidationException",
                "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null",
            ));
        };
        let source_context = p.str_map("SourceEncryptionContext");
        let Opened {
            key: source,
            plaintext,
            algorithm: source_algorithm,
            material_id: source_material,
        } = self.open(
            &blob,
            p.str("SourceKeyId"),
            p.str("SourceEncryptionAlgorithm"),
            &source_context,
            "ReEncryptFrom",
            ctx,
        )?;
        let destination = self
            .usable(
                p.req_str("DestinationKeyId"),
                "ReEncryptTo",
                KeyUsage::EncryptDecrypt,
                ctx,
            )?
            .clone();
        if destination.spec != KeySpec::SymmetricDefault {
            return Err(AwsError::input(
                "UnsupportedOperationException",
                "ReEncrypt to an RSA key is not modelled by this playground; use a symmetric destination key.",
            ));
        }
        dry_run(p)?;
        let context = p.str_map("DestinationEncryptionContext");
        let ciphertext = Self::seal(&destination, &context, &plaintext, ctx)?;
        let mut out = json!({
            "CiphertextBlob": b64(&ciphertext),
            "SourceKeyId": source.arn,
            "KeyId": destination.arn,
            "SourceEncryptionAlgorithm": source_algorithm,
            "DestinationEncryptionAlgorithm": "SYMMETRIC_DEFAULT",
        });
        if let Some(id) = source_material {
            out["SourceKeyMaterialId"] = json!(id);
        }
        if let Some(id) = destination.current_material_id() {
            out["DestinationKeyMaterialId"] = json!(id);
        }
        Ok(out)
    }

    pub(super) fn generate_data_key(&mut self, p: Params, ctx: &mut Ctx, with_plaintext: bool) -> AwsResult {
        let operation = if with_plaintext {
            "GenerateDataKey"
        } else {
            "GenerateDataKeyWithoutPlaintext"
        };
        let length = match (p.str("KeySpec"), p.i64("NumberOfBytes")) {
            (Some(_), Some(_)) => {
                return Err(AwsError::input(
                    "ValidationException",
                    "Specify either KeySpec or NumberOfBytes, but not both.",
                ))
            }
            (Some("AES_128"), None) => 16,
            (Some(_), None) => 32,
            (None, Some(n)) => n as usize,
            (None, None) => {
                return Err(AwsError::input(
                    "ValidationException",
                    "Please specify either number of bytes or key spec.",
                ))
            }
        };
        if p.has("Recipient") {
            return Err(AwsError::input(
                "UnsupportedOperationException",
                "Nitro Enclaves recipients are not modelled by this playground.",
            ));
        }
        let key = self.usable(p.req_str("KeyId"), operation, KeyUsage::EncryptDecrypt, ctx)?;
        if key.spec != KeySpec::SymmetricDefault {
            return Err(wrong_spec(key));
        }
        dry_run(p)?;
        let plaintext = ctx.rng.vec(length);
        let ciphertext = Self::seal(key, &p.str_map("EncryptionContext"), &plaintext, ctx)?;
        let mut out = Map::with_capacity(4);
        out.insert("CiphertextBlob".into(), Value::String(b64(&ciphertext)));
        if with_plaintext {
            out.insert("Plaintext".into(), Value::String(b64(&plaintext)));
        }
        out.insert("KeyId".into(), Value::from(key.arn.as_str()));
        if let Some(id) = key.current_material_id() {
            out.insert("KeyMaterialId".into(), Value::from(id));
        }
        Ok(Value::Object(out))
    }

    pub(super) fn generate_random(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        if p.has("CustomKeyStoreId") || p.has("Recipient") {
            return Err(AwsError::input(
                "UnsupportedOperationException",
                "Custom key stores and Nitro Enclaves recipients are not modelled by this playground.",
            ));
        }
        let Some(n) = p.i64("NumberOfBytes") else {
            return Err(AwsError::input(
                "ValidationException",
                "1 validation error detected: Value null at 'numberOfBytes' failed to satisfy constraint: Member must not be null",
            ));
        };
        Ok(json!({ "Plaintext": b64(&ctx.rng.vec(n as usize)) }))
    }

    fn rsa_key(key: &Key) -> Result<&'static rsa::RsaPrivateKey, AwsError> {
        match key.current_material() {
            Some((_, Material::Rsa(index))) => Ok(rsa_pool::key(*index)),
            _ => Err(wrong_spec(key)),
        }
    }

    pub(super) fn get_public_key(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOrAlias, ctx)?;
        let key = &self.keys[&id];
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        require_usable(key)?;
        let private = Self::rsa_key(key)?;
        let der = private
            .to_public_key()
            .to_public_key_der()
            .expect("a pool key encodes as DER");
        let mut out = json!({
            "KeyId": key.arn,
            "PublicKey": b64(der.as_bytes()),
            "CustomerMasterKeySpec": key.spec.name(),
            "KeySpec": key.spec.name(),
            "KeyUsage": key.usage.name(),
        });
        match key.usage {
            KeyUsage::EncryptDecrypt => out["EncryptionAlgorithms"] = json!(key.encryption_algorithms()),
            _ => out["SigningAlgorithms"] = json!(key.signing_algorithms()),
        }
        Ok(out)
    }

    /// The digest a signing request signs, and the signing scheme.
    fn signing_input(key: &Key, p: Params) -> Result<(Vec<u8>, &'static str, Hash), AwsError> {
        let algorithm = p.req_str("SigningAlgorithm");
        let Some(name) = key.signing_algorithms().into_iter().find(|a| *a == algorithm) else {
            return Err(wrong_usage(key, &format!("signing with {algorithm}")));
        };
        let hash = match &name[name.len() - 3..] {
            "256" => Hash::Sha256,
            "384" => Hash::Sha384,
            _ => Hash::Sha512,
        };
        let message = p.blob("Message").unwrap_or_default();
        let digest = match p.str("MessageType").unwrap_or("RAW") {
            "RAW" => hash.digest(&message),
            "DIGEST" if message.len() == hash.len() => message,
            "DIGEST" => {
                return Err(AwsError::input(
                    "ValidationException",
                    format!("Digest is invalid length for algorithm {name}."),
                ))
            }
            other => {
                return Err(AwsError::input(
                    "UnsupportedOperationException",
                    format!("MessageType {other} is not supported for {name}."),
                ))
            }
        };
        Ok((digest, name, hash))
    }

    fn scheme_is_pss(name: &str) -> bool {
        name.starts_with("RSASSA_PSS")
    }

    pub(super) fn sign(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let key = self
            .usable(p.req_str("KeyId"), "Sign", KeyUsage::SignVerify, ctx)?
            .clone();
        let (digest, name, hash) = Self::signing_input(&key, p)?;
        dry_run(p)?;
        let private = Self::rsa_key(&key)?;
        let signature = match (Self::scheme_is_pss(name), hash) {
            (true, Hash::Sha256) => private.sign_with_rng(ctx.rng, Pss::new::<Sha256>(), &digest),
            (true, Hash::Sha384) => private.sign_with_rng(ctx.rng, Pss::new::<Sha384>(), &digest),
            (true, _) => private.sign_with_rng(ctx.rng, Pss::new::<Sha512>(), &digest),
            (false, Hash::Sha256) => private.sign(Pkcs1v15Sign::new::<Sha256>(), &digest),
            (false, Hash::Sha384) => private.sign(Pkcs1v15Sign::new::<Sha384>(), &digest),
            (false, _) => private.sign(Pkcs1v15Sign::new::<Sha512>(), &digest),
        }
        .map_err(|_| AwsError::new("KMSInternalException", "Signing failed."))?;
        Ok(json!({ "KeyId": key.arn, "Signature": b64(&signature), "SigningAlgorithm": name }))
    }

    pub(super) fn verify(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let key = self
            .usable(p.req_str("KeyId"), "Verify", KeyUsage::SignVerify, ctx)?
            .clone();
        let (digest, name, hash) = Self::signing_input(&key, p)?;
        dry_run(p)?;
        let public = Self::rsa_key(&key)?.to_public_key();
        let signature = p.blob("Signature").unwrap_or_default();
        let valid = signature.len() == public.size()
            && match (Self::scheme_is_pss(name), hash) {
                (true, Hash::Sha256) => public.verify(Pss::new::<Sha256>(), &digest, &signature),
                (true, Hash::Sha384) => public.verify(Pss::new::<Sha384>(), &digest, &signature),
                (true, _) => public.verify(Pss::new::<Sha512>(), &digest, &signature),
                (false, Hash::Sha256) => public.verify(Pkcs1v15Sign::new::<Sha256>(), &digest, &signature),
                (false, Hash::Sha384) => public.verify(Pkcs1v15Sign::new::<Sha384>(), &digest, &signature),
                (false, _) => public.verify(Pkcs1v15Sign::new::<Sha512>(), &digest, &signature),
            }
            .is_ok();
        if !valid {
            return Err(AwsError::new("KMSInvalidSignatureException", ""));
        }
        Ok(json!({ "KeyId": key.arn, "SignatureValid": true, "SigningAlgorithm": name }))
    }

    fn mac(key: &Key, p: Params) -> Result<(Vec<u8>, String), AwsError> {
        let algorithm = p.req_str("MacAlgorithm");
        let KeySpec::Hmac(bits) = key.spec else {
            return Err(wrong_spec(key));
        };
        if algorithm != format!("HMAC_SHA_{bits}") {
            return Err(wrong_usage(key, &format!("MAC generation with {algorithm}")));
        }
        let Some((_, Material::Secret(material))) = key.current_material() else {
            return Err(wrong_spec(key));
        };
        Ok((
            crypto::hmac(bits, material, &p.blob("Message").unwrap_or_default()),
            algorithm.to_owned(),
        ))
    }

    pub(super) fn generate_mac(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let key = self
            .usable(p.req_str("KeyId"), "GenerateMac", KeyUsage::GenerateVerifyMac, ctx)?
            .clone();
        let (mac, algorithm) = Self::mac(&key, p)?;
        dry_run(p)?;
        Ok(json!({ "Mac": b64(&mac), "MacAlgorithm": algorithm, "KeyId": key.arn }))
    }

    pub(super) fn verify_mac(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let key = self
            .usable(p.req_str("KeyId"), "VerifyMac", KeyUsage::GenerateVerifyMac, ctx)?
            .clone();
        let (mac, algorithm) = Self::mac(&key, p)?;
        dry_run(p)?;
        if p.blob("Mac").unwrap_or_default() != mac {
            return Err(AwsError::new("KMSInvalidMacException", ""));
        }
        Ok(json!({ "KeyId": key.arn, "MacValid": true, "MacAlgorithm": algorithm }))
    }
}
