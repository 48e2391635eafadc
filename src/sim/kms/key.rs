//! A KMS key: its specification, state, material and settings, and its
//! `KeyMetadata` as AWS returns it.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::sim::time::{epoch_json, SimTime};

/// The key specs the playground models: symmetric encryption, RSA
/// (encryption or signing) and HMAC. Other AWS specs are refused at
/// CreateKey with a clear error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeySpec {
    SymmetricDefault,
    Rsa(u16),
    Hmac(u16),
}

impl KeySpec {
    pub fn parse(s: &str) -> Option<KeySpec> {
        Some(match s {
            "SYMMETRIC_DEFAULT" => KeySpec::SymmetricDefault,
            "RSA_2048" => KeySpec::Rsa(2048),
            "RSA_3072" => KeySpec::Rsa(3072),
            "RSA_4096" => KeySpec::Rsa(4096),
            "HMAC_224" => KeySpec::Hmac(224),
            "HMAC_256" => KeySpec::Hmac(256),
            "HMAC_384" => KeySpec::Hmac(384),
            "HMAC_512" => KeySpec::Hmac(512),
            _ => return None,
        })
    }

    pub fn name(self) -> String {
        match self {
            KeySpec::SymmetricDefault => "SYMMETRIC_DEFAULT".into(),
            KeySpec::Rsa(bits) => format!("RSA_{bits}"),
            KeySpec::Hmac(bits) => format!("HMAC_{bits}"),
        }
    }

    /// The key usages AWS allows for this spec.
    pub fn allows(self, usage: KeyUsage) -> bool {
        matches!(
            (self, usage),
            (KeySpec::SymmetricDefault, KeyUsage::EncryptDecrypt)
                | (KeySpec::Rsa(_), KeyUsage::EncryptDecrypt | KeyUsage::SignVerify)
                | (KeySpec::Hmac(_), KeyUsage::GenerateVerifyMac)
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyUsage {
    EncryptDecrypt,
    SignVerify,
    GenerateVerifyMac,
}

impl KeyUsage {
    pub fn parse(s: &str) -> Option<KeyUsage> {
        Some(match s {
            "ENCRYPT_DECRYPT" => KeyUsage::EncryptDecrypt,
            "SIGN_VERIFY" => KeyUsage::SignVerify,
            "GENERATE_VERIFY_MAC" => KeyUsage::GenerateVerifyMac,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            KeyUsage::EncryptDecrypt => "ENCRYPT_DECRYPT",
            KeyUsage::SignVerify => "SIGN_VERIFY",
            KeyUsage::GenerateVerifyMac => "GENERATE_VERIFY_MAC",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    AwsKms,
    External,
}

impl Origin {
    pub fn name(self) -> &'static str {
        match self {
            Origin::AwsKms => "AWS_KMS",
            Origin::External => "EXTERNAL",
        }
    }
}

/// A key's state, carrying what only that state has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyState {
    Enabled,
    Disabled,
    PendingImport,
    PendingDeletion { deletion_date: SimTime, window_days: i64 },
}

impl KeyState {
    pub fn name(&self) -> &'static str {
        match self {
            KeyState::Enabled => "Enabled",
            KeyState::Disabled => "Disabled",
            KeyState::PendingImport => "PendingImport",
            KeyState::PendingDeletion { .. } => "PendingDeletion",
        }
    }
}

/// How long imported material lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiration {
    Expires(SimTime),
    DoesNotExpire,
}

/// What KMS remembers about a key's imported material. The key stays bound
/// to the first material imported (`material_id`), even after that material
/// expires or is deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportInfo {
    pub material_id: String,
    pub expiration: Expiration,
}

/// One completed rotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RotationRecord {
    pub date: SimTime,
    pub on_demand: bool,
    pub material_id: String,
}

/// Automatic rotation settings.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Rotation {
    pub enabled: bool,
    pub period_days: i64,
    /// When the next automatic rotation is due (while enabled).
    pub next: Option<SimTime>,
    /// Completed rotations, oldest first.
    pub history: Vec<RotationRecord>,
}

/// Secret material of one version of a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Material {
    /// AES-256 key (symmetric keys) or HMAC key bytes.
    Secret(Vec<u8>),
    /// An RSA key from the model's pool (index into `rsa_pool`).
    Rsa(usize),
}

/// One KMS key.
#[derive(Clone, Debug)]
pub struct Key {
    pub id: String,
    pub arn: String,
    pub creation_date: SimTime,
    pub description: String,
    pub spec: KeySpec,
    pub usage: KeyUsage,
    pub origin: Origin,
    /// AWS managed (`alias/aws/...`) rather than customer managed.
    pub aws_managed: bool,
    pub state: KeyState,
    /// Material versions, oldest first; `None` where imported material has
    /// been deleted or has expired. Ciphertexts name the version they used.
    pub materials: Vec<Option<Material>>,
    /// Material ids parallel to `materials`.
    pub material_ids: Vec<String>,
    pub import: Option<ImportInfo>,
    pub rotation: Rotation,
    pub tags: BTreeMap<String, String>,
    pub policy: String,
    /// Generation counters of the key's timers: a timer whose generation is
    /// no longer current was superseded and is ignored.
    pub timers: TimerGenerations,
}

/// See [`Key::timers`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimerGenerations {
    pub expiry: u64,
    pub deletion: u64,
    pub rotation: u64,
}

impl Key {
    pub fn is_enabled(&self) -> bool {
        self.state == KeyState::Enabled
    }

    /// The index of the current material version, if it is present.
    pub fn current_material(&self) -> Option<(usize, &Material)> {
        let index = self.materials.len().checked_sub(1)?;
        self.materials[index].as_ref().map(|m| (index, m))
    }

    pub fn current_material_id(&self) -> Option<&str> {
        self.current_material().map(|(i, _)| self.material_ids[i].as_str())
    }

    /// When the imported material expires, if it does.
    pub fn valid_to(&self) -> Option<SimTime> {
        match self.import.as_ref()?.expiration {
            Expiration::Expires(t) => Some(t),
            Expiration::DoesNotExpire => None,
        }
    }

    /// `KeyMetadata` in AWS's member order, with members present only where
    /// AWS sends them.
    pub fn metadata(&self, account: &str) -> Value {
        // Plain values: the json! macro would serialise each one again.
        let mut m = Map::with_capacity(20);
        m.insert("AWSAccountId".into(), Value::from(account));
        m.insert("KeyId".into(), Value::from(self.id.as_str()));
        m.insert("Arn".into(), Value::from(self.arn.as_str()));
        m.insert("CreationDate".into(), epoch_json(self.creation_date));
        m.insert("Enabled".into(), Value::Bool(self.is_enabled()));
        m.insert("Description".into(), Value::from(self.description.as_str()));
        m.insert("KeyUsage".into(), Value::from(self.usage.name()));
        m.insert("KeyState".into(), Value::from(self.state.name()));
        if let KeyState::PendingDeletion { deletion_date, .. } = self.state {
            m.insert("DeletionDate".into(), epoch_json(deletion_date));
        }
        if let Some(valid_to) = self.valid_to() {
            m.insert("ValidTo".into(), epoch_json(valid_to));
        }
        m.insert("Origin".into(), Value::from(self.origin.name()));
        if let Some(import) = &self.import {
            let model = match import.expiration {
                Expiration::Expires(_) => "KEY_MATERIAL_EXPIRES",
                Expiration::DoesNotExpire => "KEY_MATERIAL_DOES_NOT_EXPIRE",
            };
            m.insert("ExpirationModel".into(), Value::from(model));
        }
        m.insert(
            "KeyManager".into(),
            Value::from(if self.aws_managed { "AWS" } else { "CUSTOMER" }),
        );
        m.insert("CustomerMasterKeySpec".into(), Value::from(self.spec.name()));
        m.insert("KeySpec".into(), Value::from(self.spec.name()));
        match self.usage {
            KeyUsage::EncryptDecrypt => {
                m.insert("EncryptionAlgorithms".into(), strings(self.encryption_algorithms()));
            }
            KeyUsage::SignVerify => {
                m.insert("SigningAlgorithms".into(), strings(self.signing_algorithms()));
            }
            KeyUsage::GenerateVerifyMac => {
                m.insert(
                    "MacAlgorithms".into(),
                    Value::Array(self.mac_algorithms().into_iter().map(Value::String).collect()),
                );
            }
        }
        m.insert("MultiRegion".into(), Value::Bool(false));
        if self.spec == KeySpec::SymmetricDefault {
            if let Some(id) = self.current_material_id() {
                m.insert("CurrentKeyMaterialId".into(), Value::from(id));
            }
        }
        Value::Object(m)
    }

    pub fn encryption_algorithms(&self) -> Vec<&'static str> {
        match self.spec {
            KeySpec::SymmetricDefault => vec!["SYMMETRIC_DEFAULT"],
            KeySpec::Rsa(_) => vec!["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"],
            KeySpec::Hmac(_) => vec![],
        }
    }

    pub fn signing_algorithms(&self) -> Vec<&'static str> {
        vec![
            "RSASSA_PKCS1_V1_5_SHA_256",
            "RSASSA_PKCS1_V1_5_SHA_384",
            "RSASSA_PKCS1_V1_5_SHA_512",
            "RSASSA_PSS_SHA_256",
            "RSASSA_PSS_SHA_384",
            "RSASSA_PSS_SHA_512",
        ]
    }

    pub fn mac_algorithms(&self) -> Vec<String> {
        match self.spec {
            KeySpec::Hmac(bits) => vec![format!("HMAC_SHA_{bits}")],
            _ => vec![],
        }
    }
}

/// The key policy KMS attaches when CreateKey names none.
pub fn default_policy(account: &str) -> String {
    format!(
        "{{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {{\n    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n    \"Principal\" : {{\n      \"AWS\" : \"arn:aws:iam::{account}:root\"\n    }},\n    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  }} ]\n}}"
    )
}

/// A JSON array of names.
fn strings(names: Vec<&'static str>) -> Value {
    Value::Array(names.into_iter().map(Value::from).collect())
}
