//! Finding the key a request names, and the key-state × operation table:
//! which operations a key's state (and origin, spec, manager) allows, with
//! AWS's error codes and messages (`../shared/reference/aws-behaviour.md`
//! §1.4 and its footnotes).

use crate::sim::cloudtrail::USER_NAME;
use crate::sim::ctx::Ctx;
use crate::sim::kms::key::{Key, KeySpec, KeyState, Origin};
use crate::sim::kms::Kms;
use crate::sim::AwsError;

/// Whether an operation accepts alias names and alias ARNs as `KeyId`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Names {
    /// Key ID or key ARN only.
    KeyOnly,
    /// Key ID, key ARN, alias name or alias ARN (DescribeKey and the
    /// cryptographic operations).
    KeyOrAlias,
}

impl Kms {
    /// The id of the key `key_id` names.
    pub(crate) fn resolve(&self, key_id: &str, names: Names, ctx: &Ctx) -> Result<String, AwsError> {
        // `arn:aws:kms:<region>:<account>:`, matched piece by piece rather
        // than formatted for every request.
        let own_arn = key_id
            .strip_prefix("arn:aws:kms:")
            .and_then(|rest| rest.strip_prefix(ctx.region()))
            .and_then(|rest| rest.strip_prefix(':'))
            .and_then(|rest| rest.strip_prefix(ctx.account()))
            .and_then(|rest| rest.strip_prefix(':'));
        let (local, is_arn) = match own_arn {
            Some(rest) => (rest, true),
            None if key_id.starts_with("arn:") => return Err(invalid_arn(key_id)),
            None => (key_id, false),
        };
        if let Some(id) = local.strip_prefix("key/") {
            if !is_arn {
                return Err(invalid_key_id(key_id));
            }
            return self.existing(id, ctx);
        }
        if local.starts_with("alias/") {
            if names == Names::KeyOnly {
                return Err(invalid_key_id(key_id));
            }
            return match self.aliases.get(local) {
                Some(alias) => Ok(alias.target.clone()),
                None => Err(AwsError::new(
                    "NotFoundException",
                    format!("Alias {} is not found.", alias_arn(ctx, local)),
                )),
            };
        }
        if is_arn || !is_uuid(local) {
            return Err(invalid_key_id(key_id));
        }
        self.existing(local, ctx)
    }

    fn existing(&self, id: &str, ctx: &Ctx) -> Result<String, AwsError> {
        if self.keys.contains_key(id) {
            Ok(id.to_owned())
        } else if is_uuid(id) {
            Err(not_found(&ctx.arn("kms", &format!("key/{id}"))))
        } else {
            Err(invalid_key_id(id))
        }
    }
}

pub fn alias_arn(ctx: &Ctx, alias_name: &str) -> String {
    ctx.arn("kms", alias_name)
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

pub fn not_found(arn: &str) -> AwsError {
    AwsError::new("NotFoundException", format!("Key '{arn}' does not exist"))
}

fn invalid_key_id(key_id: &str) -> AwsError {
    AwsError::input("NotFoundException", format!("Invalid keyId {key_id}"))
}

fn invalid_arn(arn: &str) -> AwsError {
    AwsError::input(
        "InvalidArnException",
        format!("ARN {arn} is not a valid KMS key ARN for this account and Region."),
    )
}

/// Footnote 1: `DisabledException: <key ARN> is disabled.`
pub fn disabled(key: &Key) -> AwsError {
    AwsError::new("DisabledException", format!("{} is disabled.", key.arn))
}

/// Footnote 3: `KMSInvalidStateException: <key ARN> is pending deletion.`
pub fn pending_deletion(key: &Key) -> AwsError {
    AwsError::new("KMSInvalidStateException", format!("{} is pending deletion.", key.arn))
}

/// Footnote 5: `KMSInvalidStateException: <key ARN> is pending import.`
pub fn pending_import(key: &Key) -> AwsError {
    AwsError::new("KMSInvalidStateException", format!("{} is pending import.", key.arn))
}

/// Footnotes 6, 7 and 9: the operation is not valid for the key's origin.
pub fn wrong_origin(key: &Key) -> AwsError {
    AwsError::new(
        "UnsupportedOperationException",
        format!(
            "{} origin is {} which is not valid for this operation.",
            key.arn,
            key.origin.name()
        ),
    )
}

/// The operation is not valid for the key's spec (rotation of RSA or HMAC
/// keys, data keys from RSA keys, ...). AWS's exact text is not documented
/// (reference §10 q5); this mirrors the documented origin message.
pub fn wrong_spec(key: &Key) -> AwsError {
    AwsError::new(
        "UnsupportedOperationException",
        format!(
            "{} key spec is {} which is not valid for this operation.",
            key.arn,
            key.spec.name()
        ),
    )
}

/// The key's usage does not allow the operation.
pub fn wrong_usage(key: &Key, operation: &str) -> AwsError {
    AwsError::new(
        "InvalidKeyUsageException",
        format!(
            "{} key usage is {} which is not valid for {operation}.",
            key.arn,
            key.usage.name()
        ),
    )
}

/// AWS managed keys' policies let account principals only describe and
/// list them; everything else is denied the way IAM denies it.
pub fn require_customer_managed(key: &Key, operation: &str, ctx: &Ctx) -> Result<(), AwsError> {
    if !key.aws_managed {
        return Ok(());
    }
    Err(AwsError::new(
        "AccessDeniedException",
        format!(
            "User: arn:aws:iam::{}:user/{USER_NAME} is not authorized to perform: kms:{operation} on resource: {} \
             because no resource-based policy allows the kms:{operation} action",
            ctx.account(),
            key.arn
        ),
    ))
}

/// The cryptographic operations' column of the table: only `Enabled` keys.
pub fn require_usable(key: &Key) -> Result<(), AwsError> {
    match key.state {
        KeyState::Enabled => Ok(()),
        KeyState::Disabled => Err(disabled(key)),
        KeyState::PendingDeletion { .. } => Err(pending_deletion(key)),
        KeyState::PendingImport => Err(pending_import(key)),
    }
}

/// Operations refused only while the key is pending deletion (CreateAlias,
/// TagResource, UntagResource, UpdateKeyDescription, ScheduleKeyDeletion).
pub fn require_not_pending_deletion(key: &Key) -> Result<(), AwsError> {
    match key.state {
        KeyState::PendingDeletion { .. } => Err(pending_deletion(key)),
        _ => Ok(()),
    }
}

/// EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus and
/// RotateKeyOnDemand: symmetric keys with KMS-generated material only
/// (footnotes 6 and 7 take precedence over the state's column).
pub fn require_rotatable(key: &Key) -> Result<(), AwsError> {
    if key.origin == Origin::External {
        return Err(wrong_origin(key));
    }
    if key.spec != KeySpec::SymmetricDefault {
        return Err(wrong_spec(key));
    }
    Ok(())
}
