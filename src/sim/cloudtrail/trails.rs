//! Trails: `CreateTrail`, `UpdateTrail`, `DeleteTrail`, `DescribeTrails`,
//! `GetTrailStatus`, `StartLogging`, `StopLogging`. S3, SNS, IAM and KMS
//! settings are kept and returned as given (those services' checks are not
//! modelled); the CloudWatch Logs log group is what the playground uses.

use serde_json::{json, Map, Value};

use super::CloudTrail;
use crate::sim::ctx::Ctx;
use crate::sim::params::Params;
use crate::sim::time::{epoch_json, SimTime};
use crate::sim::{AwsError, AwsResult};

/// AWS's quota of trails per Region.
pub const MAX_TRAILS: usize = 5;

/// One trail.
#[derive(Clone, Debug, PartialEq)]
pub struct Trail {
    pub name: String,
    pub arn: String,
    pub s3_bucket_name: String,
    pub s3_key_prefix: Option<String>,
    pub sns_topic_name: Option<String>,
    pub include_global_service_events: bool,
    pub is_multi_region_trail: bool,
    pub log_file_validation_enabled: bool,
    /// `arn:aws:logs:<region>:<account>:log-group:<name>:*`
    pub cloudwatch_logs_log_group_arn: Option<String>,
    pub cloudwatch_logs_role_arn: Option<String>,
    pub kms_key_id: Option<String>,
    pub tags: Vec<(String, String)>,
    pub status: TrailStatus,
}

/// What `GetTrailStatus` reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrailStatus {
    pub is_logging: bool,
    pub start_logging_time: Option<SimTime>,
    pub stop_logging_time: Option<SimTime>,
    /// The last record delivered (the playground delivers at once).
    pub latest_delivery_time: Option<SimTime>,
    pub latest_cloudwatch_logs_delivery_time: Option<SimTime>,
}

impl Trail {
    /// The name of the log group the trail delivers to.
    pub fn log_group_name(&self) -> Option<String> {
        self.cloudwatch_logs_log_group_arn.as_deref().and_then(log_group_of)
    }
}

/// The log group name of `arn:aws:logs:<region>:<account>:log-group:<name>:*`.
fn log_group_of(arn: &str) -> Option<String> {
    let rest = arn.splitn(7, ':').nth(6)?;
    rest.strip_suffix(":*").map(str::to_owned)
}

fn input(code: &str, message: impl Into<String>) -> AwsError {
    AwsError::input(code, message)
}

/// AWS's trail name rules, with its messages.
fn check_name(name: &str) -> Result<(), AwsError> {
    const CODE: &str = "InvalidTrailNameException";
    let len = name.chars().count();
    if len == 0 {
        return Err(input(CODE, "Trail name cannot be blank!"));
    }
    if len < 3 {
        return Err(input(
            CODE,
            format!(
                "Trail name too short. Minimum allowed length: 3 characters. Specified name length: {len} characters."
            ),
        ));
    }
    if len > 128 {
        return Err(input(
            CODE,
            format!(
                "Trail name too long. Maximum allowed length: 128 characters. Specified name length: {len} characters."
            ),
        ));
    }
    if !name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
        return Err(input(CODE, "Trail name must starts with a letter or number."));
    }
    if !name.chars().last().is_some_and(|c| c.is_ascii_alphanumeric()) {
        return Err(input(CODE, "Trail name must ends with a letter or number."));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(input(
            CODE,
            "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).",
        ));
    }
    let special = |c: char| matches!(c, '.' | '_' | '-');
    let chars: Vec<char> = name.chars().collect();
    if chars.windows(2).any(|w| special(w[0]) && special(w[1])) {
        // (inferred) AWS documents the rule; the wording is ours.
        return Err(input(
            CODE,
            "Trail name cannot have adjacent periods (.), hyphens (-) or underscores (_).",
        ));
    }
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        // (inferred) as above.
        return Err(input(CODE, "Trail name cannot be formatted as an IP address."));
    }
    Ok(())
}

fn trail_arn(ctx: &Ctx, name: &str) -> String {
    ctx.arn("cloudtrail", &format!("trail/{name}"))
}

/// The trail's name from a name or a trail ARN (input errors only).
fn requested_name(value: &str, ctx: &Ctx) -> Result<String, AwsError> {
    if let Some(rest) = value.strip_prefix("arn:") {
        let parts: Vec<&str> = rest.splitn(5, ':').collect();
        let name = match parts.as_slice() {
            [_, "cloudtrail", _, _, resource] => resource.strip_prefix("trail/"),
            _ => None,
        };
        let Some(name) = name else {
            // (inferred) AWS's wording is not in the sources.
            return Err(input(
                "CloudTrailARNInvalidException",
                format!(
                    "The ARN {value} is not valid. A trail ARN looks like arn:aws:cloudtrail:{}:{}:trail/MyTrail.",
                    ctx.region(),
                    ctx.account()
                ),
            ));
        };
        check_name(name)?;
        // A trail of another account or Region is simply not found.
        return Ok(if value == trail_arn(ctx, name) {
            name.to_owned()
        } else {
            value.to_owned()
        });
    }
    check_name(value)?;
    Ok(value.to_owned())
}

fn not_found(name: &str, ctx: &Ctx) -> AwsError {
    let arn = if name.starts_with("arn:") {
        name.to_owned()
    } else {
        trail_arn(ctx, name)
    };
    AwsError::new(
        "TrailNotFoundException",
        format!("Unknown trail: {arn} for the user: {}", ctx.account()),
    )
}

/// Checks a log group ARN and role ARN pair (empty strings clear them).
fn check_logs(group: Option<&str>, role: Option<&str>, ctx: &Ctx) -> Result<(), AwsError> {
    match (group, role) {
        (None, None) => Ok(()),
        (Some(_), None) => Err(input(
            "InvalidCloudWatchLogsRoleArnException",
            "You must specify a role ARN as well as a log group.",
        )),
        // (inferred) the mirror image of the message above.
        (None, Some(_)) => Err(input(
            "InvalidCloudWatchLogsLogGroupArnException",
            "You must specify a log group as well as a role ARN.",
        )),
        (Some(group), Some(role)) => {
            let prefix = ctx.arn("logs", "log-group:");
            let valid_group = group
                .strip_prefix(prefix.as_str())
                .and_then(|rest| rest.strip_suffix(":*"))
                .is_some_and(|name| {
                    !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '#'))
                });
            if !valid_group {
                return Err(input(
                    "InvalidCloudWatchLogsLogGroupArnException",
                    "CloudTrail cannot validate the specified log group ARN.",
                ));
            }
            let role_prefix = format!("arn:aws:iam::{}:role/", ctx.account());
            if role.strip_prefix(role_prefix.as_str()).is_none_or(str::is_empty) {
                // (inferred) AWS's wording for a malformed role ARN.
                return Err(input(
                    "InvalidCloudWatchLogsRoleArnException",
                    "CloudTrail cannot validate the specified role ARN.",
                ));
            }
            Ok(())
        }
    }
}

/// A string member, with "" read as absent (how UpdateTrail clears one).
fn nonempty<'a>(p: &Params<'a>, member: &str) -> Option<&'a str> {
    p.str(member).filter(|s| !s.is_empty())
}

impl CloudTrail {
    fn find(&self, value: &str, ctx: &Ctx) -> Result<String, AwsError> {
        let name = requested_name(value, ctx)?;
        if self.trails.contains_key(&name) {
            Ok(name)
        } else {
            Err(not_found(&name, ctx))
        }
    }

    pub(super) fn create_trail(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("Name");
        check_name(name)?;
        if p.req_str("S3BucketName").is_empty() {
            // (inferred) by analogy with "Trail name cannot be blank!".
            return Err(input("InvalidS3BucketNameException", "Bucket name cannot be blank!"));
        }
        let group = nonempty(&p, "CloudWatchLogsLogGroupArn");
        let role = nonempty(&p, "CloudWatchLogsRoleArn");
        check_logs(group, role, ctx)?;
        if p.bool("IsOrganizationTrail") == Some(true) {
            // (inferred) the playground's account belongs to no organization.
            return Err(AwsError::new(
                "OrganizationsNotInUseException",
                "This account is not a member of an organization.",
            ));
        }
        if self.trails.contains_key(name) {
            return Err(AwsError::new(
                "TrailAlreadyExistsException",
                format!("Trail {name} already exists for customer: {}", ctx.account()),
            ));
        }
        if self.trails.len() >= MAX_TRAILS {
            return Err(AwsError::new(
                "MaximumNumberOfTrailsExceededException",
                format!(
                    "User: {} already has {MAX_TRAILS} trails in {}.",
                    ctx.account(),
                    ctx.region()
                ),
            ));
        }
        let trail = Trail {
            name: name.to_owned(),
            arn: trail_arn(ctx, name),
            s3_bucket_name: p.req_str("S3BucketName").to_owned(),
            s3_key_prefix: nonempty(&p, "S3KeyPrefix").map(str::to_owned),
            sns_topic_name: nonempty(&p, "SnsTopicName").map(str::to_owned),
            include_global_service_events: p.bool("IncludeGlobalServiceEvents").unwrap_or(true),
            is_multi_region_trail: p.bool("IsMultiRegionTrail").unwrap_or(false),
            log_file_validation_enabled: p.bool("EnableLogFileValidation").unwrap_or(false),
            cloudwatch_logs_log_group_arn: group.map(str::to_owned),
            cloudwatch_logs_role_arn: role.map(str::to_owned),
            kms_key_id: nonempty(&p, "KmsKeyId").map(str::to_owned),
            tags: p
                .list("TagsList")
                .iter()
                .map(|t| {
                    let t = Params::new(t);
                    (
                        t.req_str("Key").to_owned(),
                        t.str("Value").unwrap_or_default().to_owned(),
                    )
                })
                .collect(),
            status: TrailStatus::default(),
        };
        let out = settings_json(&trail, ctx);
        self.trails.insert(name.to_owned(), trail);
        Ok(out)
    }

    pub(super) fn update_trail(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = self.find(p.req_str("Name"), ctx)?;
        if p.str("S3BucketName") == Some("") {
            return Err(input("InvalidS3BucketNameException", "Bucket name cannot be blank!"));
        }
        if p.bool("IsOrganizationTrail") == Some(true) {
            return Err(AwsError::new(
                "OrganizationsNotInUseException",
                "This account is not a member of an organization.",
            ));
        }
        let current = &self.trails[&name];
        let pick = |member: &str, now: &Option<String>| -> Option<String> {
            match p.str(member) {
                Some(value) => Some(value.to_owned()).filter(|v| !v.is_empty()),
                None => now.clone(),
            }
        };
        let group = pick("CloudWatchLogsLogGroupArn", &current.cloudwatch_logs_log_group_arn);
        let role = pick("CloudWatchLogsRoleArn", &current.cloudwatch_logs_role_arn);
        check_logs(group.as_deref(), role.as_deref(), ctx)?;
        let updated = Trail {
            s3_bucket_name: p.str("S3BucketName").unwrap_or(&current.s3_bucket_name).to_owned(),
            s3_key_prefix: pick("S3KeyPrefix", &current.s3_key_prefix),
            sns_topic_name: pick("SnsTopicName", &current.sns_topic_name),
            include_global_service_events: p
                .bool("IncludeGlobalServiceEvents")
                .unwrap_or(current.include_global_service_events),
            is_multi_region_trail: p.bool("IsMultiRegionTrail").unwrap_or(current.is_multi_region_trail),
            log_file_validation_enabled: p
                .bool("EnableLogFileValidation")
                .unwrap_or(current.log_file_validation_enabled),
            cloudwatch_logs_log_group_arn: group,
            cloudwatch_logs_role_arn: role,
            kms_key_id: pick("KmsKeyId", &current.kms_key_id),
            ..current.clone()
        };
        let out = settings_json(&updated, ctx);
        self.trails.insert(name, updated);
        Ok(out)
    }

    pub(super) fn delete_trail(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = self.find(p.req_str("Name"), ctx)?;
        self.trails.remove(&name);
        Ok(json!({}))
    }

    pub(super) fn describe_trails(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let requested = p.str_list("trailNameList");
        let trails: Vec<&Trail> = if requested.is_empty() {
            self.trails.values().collect()
        } else {
            let mut names = Vec::new();
            for value in &requested {
                let name = requested_name(value, ctx)?;
                if self.trails.contains_key(&name) && !names.contains(&name) {
                    names.push(name);
                }
            }
            names.iter().filter_map(|n| self.trails.get(n)).collect()
        };
        let list: Vec<Value> = trails.iter().map(|t| trail_json(t, ctx)).collect();
        Ok(json!({ "trailList": list }))
    }

    pub(super) fn get_trail_status(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = self.find(p.req_str("Name"), ctx)?;
        Ok(status_json(&self.trails[&name].status))
    }

    pub(super) fn start_logging(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = self.find(p.req_str("Name"), ctx)?;
        if let Some(trail) = self.trails.get_mut(&name) {
            if !trail.status.is_logging {
                trail.status.is_logging = true;
                trail.status.start_logging_time = Some(ctx.now);
            }
        }
        Ok(json!({}))
    }

    pub(super) fn stop_logging(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = self.find(p.req_str("Name"), ctx)?;
        if let Some(trail) = self.trails.get_mut(&name) {
            if trail.status.is_logging {
                trail.status.is_logging = false;
                trail.status.stop_logging_time = Some(ctx.now);
                self.just_stopped = Some(name);
            }
        }
        Ok(json!({}))
    }
}

/// The members `CreateTrail` and `UpdateTrail` return.
fn settings_json(t: &Trail, ctx: &Ctx) -> Value {
    trail_shape(t, ctx, false)
}

/// A trail as `DescribeTrails` lists it.
fn trail_json(t: &Trail, ctx: &Ctx) -> Value {
    trail_shape(t, ctx, true)
}

/// Both shapes, in the model's member order; `described` adds the `Trail`
/// shape's `HomeRegion` and selector flags.
fn trail_shape(t: &Trail, ctx: &Ctx, described: bool) -> Value {
    let mut out = Map::new();
    out.insert("Name".into(), json!(t.name));
    out.insert("S3BucketName".into(), json!(t.s3_bucket_name));
    if let Some(prefix) = &t.s3_key_prefix {
        out.insert("S3KeyPrefix".into(), json!(prefix));
    }
    if let Some(topic) = &t.sns_topic_name {
        out.insert("SnsTopicName".into(), json!(topic));
        out.insert("SnsTopicARN".into(), json!(ctx.arn("sns", topic)));
    }
    out.insert(
        "IncludeGlobalServiceEvents".into(),
        json!(t.include_global_service_events),
    );
    out.insert("IsMultiRegionTrail".into(), json!(t.is_multi_region_trail));
    if described {
        out.insert("HomeRegion".into(), json!(ctx.region()));
    }
    out.insert("TrailARN".into(), json!(t.arn));
    out.insert("LogFileValidationEnabled".into(), json!(t.log_file_validation_enabled));
    if let Some(group) = &t.cloudwatch_logs_log_group_arn {
        out.insert("CloudWatchLogsLogGroupArn".into(), json!(group));
    }
    if let Some(role) = &t.cloudwatch_logs_role_arn {
        out.insert("CloudWatchLogsRoleArn".into(), json!(role));
    }
    if let Some(key) = &t.kms_key_id {
        out.insert("KmsKeyId".into(), json!(key));
    }
    if described {
        out.insert("HasCustomEventSelectors".into(), json!(false));
        out.insert("HasInsightSelectors".into(), json!(false));
    }
    out.insert("IsOrganizationTrail".into(), json!(false));
    Value::Object(out)
}

/// `GetTrailStatus`: the epoch-second members when they have happened, the
/// string members always (empty until they have), as AWS returns them.
fn status_json(s: &TrailStatus) -> Value {
    let iso = |t: Option<SimTime>| json!(t.map(SimTime::iso_seconds).unwrap_or_default());
    let mut out = Map::new();
    out.insert("IsLogging".into(), json!(s.is_logging));
    if let Some(t) = s.latest_delivery_time {
        out.insert("LatestDeliveryTime".into(), epoch_json(t));
    }
    if let Some(t) = s.start_logging_time {
        out.insert("StartLoggingTime".into(), epoch_json(t));
    }
    if let Some(t) = s.stop_logging_time {
        out.insert("StopLoggingTime".into(), epoch_json(t));
    }
    if let Some(t) = s.latest_cloudwatch_logs_delivery_time {
        out.insert("LatestCloudWatchLogsDeliveryTime".into(), epoch_json(t));
    }
    out.insert("LatestDeliveryAttemptTime".into(), iso(s.latest_delivery_time));
    out.insert("LatestNotificationAttemptTime".into(), json!(""));
    out.insert("LatestNotificationAttemptSucceeded".into(), json!(""));
    out.insert("LatestDeliveryAttemptSucceeded".into(), iso(s.latest_delivery_time));
    out.insert("TimeLoggingStarted".into(), iso(s.start_logging_time));
    out.insert("TimeLoggingStopped".into(), iso(s.stop_logging_time));
    Value::Object(out)
}
