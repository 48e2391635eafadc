//! Tags and aliases: their rules, quotas and listings.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::sim::ctx::Ctx;
use crate::sim::kms::lookup::{alias_arn, require_customer_managed, require_not_pending_deletion, Names};
use crate::sim::kms::{Alias, Kms};
use crate::sim::params::Params;
use crate::sim::time::epoch_json;
use crate::sim::{AwsError, AwsResult};

/// User tags per key (AWS's quota).
pub const MAX_TAGS: usize = 50;
/// Aliases per key (AWS's quota).
pub const MAX_ALIASES_PER_KEY: usize = 50;

/// Checks a `Tags` list: no `aws:` prefix, no duplicate keys.
pub(super) fn parse_tags(list: &[Value]) -> Result<BTreeMap<String, String>, AwsError> {
    let mut tags = BTreeMap::new();
    for tag in list {
        let key = tag["TagKey"].as_str().unwrap_or_default();
        let value = tag["TagValue"].as_str().unwrap_or_default();
        if key.starts_with("aws:") {
            return Err(AwsError::input(
                "TagException",
                format!("Tag keys beginning with \"aws:\" are reserved: {key}"),
            ));
        }
        if tags.insert(key.to_owned(), value.to_owned()).is_some() {
            return Err(AwsError::input("TagException", format!("Duplicate tag key: {key}")));
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(AwsError::input(
            "TagException",
            format!("A KMS key can have at most {MAX_TAGS} tags."),
        ));
    }
    Ok(tags)
}

/// Paging over a sorted map: the entries from `marker` on, at most `limit`,
/// and the marker of the next page.
fn page<'a, V>(
    map: impl Iterator<Item = (&'a String, V)>,
    marker: Option<&str>,
    limit: usize,
) -> (Vec<(&'a String, V)>, Option<String>) {
    let mut rest = map.skip_while(|(k, _)| marker.is_some_and(|m| k.as_str() < m));
    let items: Vec<_> = rest.by_ref().take(limit).collect();
    (items, rest.next().map(|(k, _)| k.clone()))
}

pub(super) fn paged_response(mut out: Value, next: Option<String>) -> Value {
    match next {
        Some(marker) => {
            out["NextMarker"] = json!(marker);
            out["Truncated"] = json!(true);
        }
        None => out["Truncated"] = json!(false),
    }
    out
}

fn check_marker(marker: Option<&str>, exists: impl Fn(&str) -> bool) -> Result<(), AwsError> {
    match marker {
        Some(m) if !exists(m) => Err(AwsError::input(
            "InvalidMarkerException",
            "The request was rejected because the marker that specifies where pagination should next begin is not valid.",
        )),
        _ => Ok(()),
    }
}

impl Kms {
    pub(super) fn tag_resource(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let new_tags = parse_tags(p.list("Tags"))?;
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = self.keys.get_mut(&id).expect("resolved key exists");
        require_customer_managed(key, "TagResource", ctx)?;
        require_not_pending_deletion(key)?;
        let total = key
            .tags
            .keys()
            .chain(new_tags.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        if total > MAX_TAGS {
            return Err(AwsError::new(
                "TagException",
                format!("A KMS key can have at most {MAX_TAGS} tags."),
            ));
        }
        key.tags.extend(new_tags);
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        Ok(json!({}))
    }

    pub(super) fn untag_resource(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = self.keys.get_mut(&id).expect("resolved key exists");
        require_customer_managed(key, "UntagResource", ctx)?;
        require_not_pending_deletion(key)?;
        for k in p.str_list("TagKeys") {
            key.tags.remove(&k);
        }
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        Ok(json!({}))
    }

    pub(super) fn list_resource_tags(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let id = self.resolve(p.req_str("KeyId"), Names::KeyOnly, ctx)?;
        let key = &self.keys[&id];
        check_marker(p.str("Marker"), |m| key.tags.contains_key(m))?;
        let limit = p.i64("Limit").unwrap_or(50) as usize;
        let (items, next) = page(key.tags.iter(), p.str("Marker"), limit);
        let tags: Vec<Value> = items
            .into_iter()
            .map(|(k, v)| json!({"TagKey": k, "TagValue": v}))
            .collect();
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        Ok(paged_response(json!({ "Tags": tags }), next))
    }

    fn check_alias_name(name: &str) -> Result<(), AwsError> {
        if !name.starts_with("alias/") {
            return Err(AwsError::input(
                "ValidationException",
                "Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html",
            ));
        }
        if name.starts_with("alias/aws/") {
            return Err(AwsError::input(
                "InvalidAliasNameException",
                "Alias names that begin with alias/aws/ are reserved for AWS managed keys.",
            ));
        }
        Ok(())
    }

    pub(super) fn create_alias(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("AliasName");
        Self::check_alias_name(name)?;
        let id = self.resolve(p.req_str("TargetKeyId"), Names::KeyOnly, ctx)?;
        let key = &self.keys[&id];
        require_customer_managed(key, "CreateAlias", ctx)?;
        require_not_pending_deletion(key)?;
        if self.aliases.contains_key(name) {
            return Err(AwsError::new(
                "AlreadyExistsException",
                format!("An alias with the name {} already exists", alias_arn(ctx, name)),
            ));
        }
        if self.aliases_of(&id).count() >= MAX_ALIASES_PER_KEY {
            return Err(AwsError::new(
                "LimitExceededException",
                format!("A KMS key can have at most {MAX_ALIASES_PER_KEY} aliases."),
            ));
        }
        ctx.audit_resource("AWS::KMS::Key", &key.arn);
        self.aliases.insert(
            name.to_owned(),
            Alias {
                target: id,
                creation_date: ctx.now,
                last_updated: ctx.now,
            },
        );
        Ok(json!({}))
    }

    pub(super) fn update_alias(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("AliasName");
        Self::check_alias_name(name)?;
        let new_target = self.resolve(p.req_str("TargetKeyId"), Names::KeyOnly, ctx)?;
        let Some(alias) = self.aliases.get(name) else {
            return Err(AwsError::new(
                "NotFoundException",
                format!("Alias {} is not found.", alias_arn(ctx, name)),
            ));
        };
        let (old, new) = (&self.keys[&alias.target], &self.keys[&new_target]);
        require_customer_managed(new, "UpdateAlias", ctx)?;
        require_not_pending_deletion(new)?;
        if old.spec != new.spec || old.usage != new.usage {
            return Err(AwsError::new(
                "ValidationException",
                format!(
                    "{} is not a valid target for {name}: the new target key must have the same key spec and key usage as the current one.",
                    new.arn
                ),
            ));
        }
        ctx.audit_resource("AWS::KMS::Key", &new.arn);
        let alias = self.aliases.get_mut(name).expect("checked above");
        alias.target = new_target;
        alias.last_updated = ctx.now;
        Ok(json!({}))
    }

    pub(super) fn delete_alias(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("AliasName");
        Self::check_alias_name(name)?;
        let Some(alias) = self.aliases.remove(name) else {
            return Err(AwsError::new(
                "NotFoundException",
                format!("Alias {} is not found.", alias_arn(ctx, name)),
            ));
        };
        if let Some(key) = self.keys.get(&alias.target) {
            ctx.audit_resource("AWS::KMS::Key", &key.arn);
        }
        Ok(json!({}))
    }

    pub(super) fn list_aliases(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let target = match p.str("KeyId") {
            Some(key_id) => Some(self.resolve(key_id, Names::KeyOnly, ctx)?),
            None => None,
        };
        check_marker(p.str("Marker"), |m| self.aliases.contains_key(m))?;
        let limit = p.i64("Limit").unwrap_or(50) as usize;
        let matching = self
            .aliases
            .iter()
            .filter(|(_, a)| target.as_ref().is_none_or(|t| &a.target == t));
        let (items, next) = page(matching, p.str("Marker"), limit);
        let aliases: Vec<Value> = items
            .into_iter()
            .map(|(name, a)| {
                json!({
                    "AliasName": name,
                    "AliasArn": alias_arn(ctx, name),
                    "TargetKeyId": a.target,
                    "CreationDate": epoch_json(a.creation_date),
                    "LastUpdatedDate": epoch_json(a.last_updated),
                })
            })
            .collect();
        Ok(paged_response(json!({ "Aliases": aliases }), next))
    }
}
