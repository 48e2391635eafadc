//! Rules of the default bus and their targets: PutRule, DescribeRule,
//! ListRules, DeleteRule, EnableRule, DisableRule, PutTargets,
//! RemoveTargets, ListTargetsByRule, ListRuleNamesByTarget.

use serde_json::{json, Map, Value};

use super::pattern::{Pattern, PatternError};
use super::schedule::{self, Schedule};
use super::targets::{is_arn, Target};
use super::{EventBridge, Timer};
use crate::sim::ctx::{Ctx, Deadline};
use crate::sim::params::{b64, Params};
use crate::sim::time::{SimTime, MINUTE};
use crate::sim::{AwsError, AwsResult};

/// Event pattern size quota (characters): EventBridge's service quota,
/// stricter than the API model's 4,096.
pub const MAX_PATTERN_CHARS: usize = 2048;
/// Rules per event bus (the commonly cited default quota).
pub const MAX_RULES: usize = 300;
/// Targets per rule, and per PutTargets request (AWS's documentation).
pub const MAX_TARGETS_PER_RULE: usize = 5;
pub const MAX_TARGETS_PER_REQUEST: usize = 10;
/// ListRules and the other lists: the page size when `Limit` is absent.
const DEFAULT_PAGE: usize = 100;

const LIMIT_EXCEEDED: &str = "The requested resource exceeds the maximum number allowed.";

/// A rule's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleState {
    Enabled,
    Disabled,
    /// Also receives CloudTrail read-only management events.
    EnabledWithAllCloudTrailManagementEvents,
}

impl RuleState {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleState::Enabled => "ENABLED",
            RuleState::Disabled => "DISABLED",
            RuleState::EnabledWithAllCloudTrailManagementEvents => "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        }
    }

    fn parse(s: &str) -> RuleState {
        match s {
            "DISABLED" => RuleState::Disabled,
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" => RuleState::EnabledWithAllCloudTrailManagementEvents,
            _ => RuleState::Enabled,
        }
    }
}

/// A rule on the default bus.
#[derive(Clone, Debug)]
pub struct Rule {
    pub name: String,
    pub arn: String,
    pub state: RuleState,
    pub description: Option<String>,
    /// The pattern as given.
    pub event_pattern: Option<String>,
    pattern: Option<Pattern>,
    pub schedule_expression: Option<String>,
    pub(super) schedule: Option<Schedule>,
    pub role_arn: Option<String>,
    /// Targets in the order they were first added.
    pub targets: Vec<Target>,
    /// Schedule timers carry this; a timer with another value is stale.
    pub(super) generation: u64,
    /// Where `rate(...)` counts from: creation or enabling, on the minute.
    pub(super) anchor: SimTime,
    /// When a scheduled rule fires next (for the UI).
    pub next_firing: Option<SimTime>,
}

impl Rule {
    pub fn compiled_pattern(&self) -> Option<&Pattern> {
        self.pattern.as_ref()
    }
}

pub(super) fn invalid_pattern(e: PatternError) -> AwsError {
    AwsError::input(PatternError::CODE, e.message())
}

/// Compiles a pattern with the service's size quota.
pub(super) fn compile_pattern(text: &str, quota: Option<usize>) -> Result<Pattern, AwsError> {
    if let Some(max) = quota {
        let n = text.chars().count();
        if n > max {
            return Err(invalid_pattern(PatternError {
                reason: format!("The event pattern has {n} characters; the quota is {max} characters."),
            }));
        }
    }
    Pattern::parse(text).map_err(invalid_pattern)
}

fn rule_not_found(name: &str) -> AwsError {
    AwsError::new(
        "ResourceNotFoundException",
        format!("Rule {name} does not exist on EventBus default."),
    )
}

/// Checks `EventBusName`: only the default bus exists.
fn check_bus(p: &Params, ctx: &Ctx) -> Result<(), AwsError> {
    let Some(bus) = p.str("EventBusName") else {
        return Ok(());
    };
    let default_arn = ctx.arn("events", "event-bus/default");
    if bus == "default" || bus == default_arn {
        return Ok(());
    }
    let name = bus.rsplit('/').next().unwrap_or(bus);
    Err(AwsError::new(
        "ResourceNotFoundException",
        format!("Event bus {name} does not exist."),
    ))
}

/// A page of `items` after the token's key: `(page, next token)`.
fn page<'a, T>(
    items: impl Iterator<Item = (&'a str, T)>,
    p: &Params,
    kind: &str,
) -> Result<(Vec<T>, Option<String>), AwsError> {
    let limit = p.i64("Limit").map_or(DEFAULT_PAGE, |l| l.clamp(1, 100) as usize);
    let start = match p.str("NextToken") {
        Some(token) => Some(
            decode_token(token, kind)
                .ok_or_else(|| AwsError::input("ValidationException", "The NextToken provided is not valid."))?,
        ),
        None => None,
    };
    let mut out = Vec::new();
    let mut next = None;
    for (key, item) in items {
        if start.as_deref().is_some_and(|s| key < s) {
            continue;
        }
        if out.len() == limit {
            next = Some(b64(format!("{kind}:{key}").as_bytes()));
            break;
        }
        out.push(item);
    }
    Ok((out, next))
}

fn decode_token(token: &str, kind: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(token).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.strip_prefix(&format!("{kind}:")).map(str::to_owned)
}

impl EventBridge {
    fn rule_mut(&mut self, name: &str) -> Result<&mut Rule, AwsError> {
        self.rules.get_mut(name).ok_or_else(|| rule_not_found(name))
    }

    fn next_generation(&mut self) -> u64 {
        self.generations += 1;
        self.generations
    }

    /// (Re)starts a rule's schedule from now.
    fn start_schedule(&mut self, name: &str, ctx: &mut Ctx) {
        let generation = self.next_generation();
        let Some(rule) = self.rules.get_mut(name) else {
            return;
        };
        rule.generation = generation;
        rule.anchor = ctx.now.floor_to(MINUTE);
        rule.next_firing = None;
        if rule.state == RuleState::Disabled {
            return;
        }
        rule.next_firing = rule.schedule.as_ref().and_then(|s| s.next_after(ctx.now, rule.anchor));
        if let Some(at) = rule.next_firing {
            ctx.schedule(
                at,
                Deadline::Events(Timer::Schedule {
                    rule: name.to_owned(),
                    generation,
                }),
            );
        }
    }

    pub(super) fn put_rule(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("Name");
        let pattern_text = p.str("EventPattern");
        let schedule_text = p.str("ScheduleExpression");
        if pattern_text.is_none() && schedule_text.is_none() {
            return Err(AwsError::input(
                "ValidationException",
                "Parameter(s) EventPattern or ScheduleExpression must be specified.",
            ));
        }
        let pattern = match pattern_text {
            Some(text) => Some(compile_pattern(text, Some(MAX_PATTERN_CHARS))?),
            None => None,
        };
        let schedule = match schedule_text {
            Some(text) => {
                Some(Schedule::parse(text).ok_or_else(|| AwsError::input("ValidationException", schedule::INVALID))?)
            }
            None => None,
        };
        check_bus(&p, ctx)?;
        let existing = self.rules.remove(name);
        if existing.is_none() && self.rules.len() >= MAX_RULES {
            return Err(AwsError::new("LimitExceededException", LIMIT_EXCEEDED));
        }
        let arn = ctx.arn("events", &format!("rule/{name}"));
        let rule = Rule {
            name: name.to_owned(),
            arn: arn.clone(),
            state: RuleState::parse(p.str("State").unwrap_or("ENABLED")),
            description: p.str("Description").map(str::to_owned),
            event_pattern: pattern_text.map(str::to_owned),
            pattern,
            schedule_expression: schedule_text.map(str::to_owned),
            schedule,
            role_arn: p.str("RoleArn").map(str::to_owned),
            targets: existing.map(|r| r.targets).unwrap_or_default(),
            generation: 0,
            anchor: ctx.now,
            next_firing: None,
        };
        self.rules.insert(name.to_owned(), rule);
        self.start_schedule(name, ctx);
        ctx.audit_resource("AWS::Events::Rule", &arn);
        Ok(json!({ "RuleArn": arn }))
    }

    /// A rule in DescribeRule's shape (`describe`) or ListRules' `Rule`
    /// shape; the two order their members differently.
    fn rule_json(rule: &Rule, describe: bool, account: &str) -> Value {
        let opt = |v: &Option<String>| v.as_ref().map(|s| json!(s));
        let state = Some(json!(rule.state.as_str()));
        let schedule = opt(&rule.schedule_expression);
        let mut members: Vec<(&str, Option<Value>)> = vec![
            ("Name", Some(json!(rule.name))),
            ("Arn", Some(json!(rule.arn))),
            ("EventPattern", opt(&rule.event_pattern)),
        ];
        if describe {
            members.extend([
                ("ScheduleExpression", schedule),
                ("State", state),
                ("Description", opt(&rule.description)),
            ]);
        } else {
            members.extend([
                ("State", state),
                ("Description", opt(&rule.description)),
                ("ScheduleExpression", schedule),
            ]);
        }
        members.push(("RoleArn", opt(&rule.role_arn)));
        members.push(("EventBusName", Some(json!("default"))));
        if describe {
            members.push(("CreatedBy", Some(json!(account))));
        }
        Value::Object(
            members
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
                .collect::<Map<String, Value>>(),
        )
    }

    pub(super) fn describe_rule(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        check_bus(&p, ctx)?;
        let name = p.req_str("Name");
        let rule = self.rules.get(name).ok_or_else(|| rule_not_found(name))?;
        Ok(Self::rule_json(rule, true, ctx.account()))
    }

    pub(super) fn list_rules(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        check_bus(&p, ctx)?;
        let prefix = p.str("NamePrefix").unwrap_or_default();
        let account = ctx.account().to_owned();
        let items = self
            .rules
            .range(prefix.to_owned()..)
            .take_while(|(n, _)| n.starts_with(prefix))
            .map(|(n, r)| (n.as_str(), r));
        let (rules, next) = page(items, &p, "rule")?;
        let rules: Vec<Value> = rules.into_iter().map(|r| Self::rule_json(r, false, &account)).collect();
        let mut out = json!({ "Rules": rules });
        if let Some(t) = next {
            out["NextToken"] = json!(t);
        }
        Ok(out)
    }

    pub(super) fn delete_rule(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        check_bus(&p, ctx)?;
        let name = p.req_str("Name");
        if let Some(rule) = self.rules.get(name) {
            ctx.audit_resource("AWS::Events::Rule", &rule.arn);
            if !rule.targets.is_empty() {
                return Err(AwsError::new(
                    "ValidationException",
                    "Rule can't be deleted since it has targets.",
                ));
            }
            // Its pending schedule timer finds no rule (or a newer generation).
            self.rules.remove(name);
        }
        Ok(json!({}))
    }

    pub(super) fn enable_rule(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        check_bus(&p, ctx)?;
        let name = p.req_str("Name");
        let rule = self.rule_mut(name)?;
        ctx.audit_resource("AWS::Events::Rule", &rule.arn);
        let was_disabled = rule.state == RuleState::Disabled;
        rule.state = RuleState::Enabled;
        if was_disabled {
            self.start_schedule(name, ctx);
        }
        Ok(json!({}))
    }

    pub(super) fn disable_rule(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        check_bus(&p, ctx)?;
        let name = p.req_str("Name");
        let generation = self.next_generation();
        let rule = self.rule_mut(name)?;
        ctx.audit_resource("AWS::Events::Rule", &rule.arn);
        rule.state = RuleState::Disabled;
        rule.generation = generation;
        rule.next_firing = None;
        Ok(json!({}))
    }

    pub(super) fn put_targets(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let entries = p.list("Targets");
        if entries.len() > MAX_TARGETS_PER_REQUEST {
            return Err(AwsError::input(
                "ValidationException",
                format!(
                    "1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length less than or equal to {MAX_TARGETS_PER_REQUEST}"
                ),
            ));
        }
        let mut parsed = Vec::new();
        for entry in entries {
            let target = Target::parse(Params::new(entry))?;
            if parsed.iter().any(|t: &Target| t.id == target.id) {
                return Err(AwsError::input(
                    "ValidationException",
                    format!("Target Id {} appears more than once in the request.", target.id),
                ));
            }
            parsed.push(target);
        }
        check_bus(&p, ctx)?;
        let name = p.req_str("Rule");
        let rule = self.rule_mut(name)?;
        ctx.audit_resource("AWS::Events::Rule", &rule.arn);
        let mut failed = Vec::new();
        let mut accepted = Vec::new();
        for t in parsed {
            if is_arn(&t.arn) {
                accepted.push(t);
            } else {
                failed.push(json!({
                    "TargetId": t.id,
                    "ErrorCode": "ValidationException",
                    "ErrorMessage": format!("Parameter {} is not valid. Reason: Provided Arn is not in correct format.", t.arn),
                }));
            }
        }
        let new_ids = accepted
            .iter()
            .filter(|t| !rule.targets.iter().any(|e| e.id == t.id))
            .count();
        if rule.targets.len() + new_ids > MAX_TARGETS_PER_RULE {
            return Err(AwsError::new("LimitExceededException", LIMIT_EXCEEDED));
        }
        for t in accepted {
            match rule.targets.iter_mut().find(|e| e.id == t.id) {
                Some(existing) => *existing = t,
                None => rule.targets.push(t),
            }
        }
        Ok(json!({ "FailedEntryCount": failed.len(), "FailedEntries": failed }))
    }

    pub(super) fn remove_targets(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        check_bus(&p, ctx)?;
        let name = p.req_str("Rule");
        let ids = p.str_list("Ids");
        let rule = self.rule_mut(name)?;
        ctx.audit_resource("AWS::Events::Rule", &rule.arn);
        rule.targets.retain(|t| !ids.contains(&t.id));
        Ok(json!({ "FailedEntryCount": 0, "FailedEntries": [] }))
    }

    pub(super) fn list_targets_by_rule(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        check_bus(&p, ctx)?;
        let name = p.req_str("Rule");
        let rule = self.rules.get(name).ok_or_else(|| rule_not_found(name))?;
        // Targets keep their insertion order; the token names a target Id,
        // so pages are computed over that order.
        let ids: Vec<(String, &Target)> = rule
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("{i:03}"), t))
            .collect();
        let (targets, next) = page(ids.iter().map(|(k, t)| (k.as_str(), *t)), &p, "target")?;
        let targets: Vec<Value> = targets.into_iter().map(|t| t.json.clone()).collect();
        let mut out = json!({ "Targets": targets });
        if let Some(t) = next {
            out["NextToken"] = json!(t);
        }
        Ok(out)
    }

    pub(super) fn list_rule_names_by_target(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        check_bus(&p, ctx)?;
        let arn = p.req_str("TargetArn");
        let items = self
            .rules
            .iter()
            .filter(|(_, r)| r.targets.iter().any(|t| t.arn == arn))
            .map(|(n, _)| (n.as_str(), n.clone()));
        let (names, next) = page(items, &p, "rule")?;
        let mut out = json!({ "RuleNames": names });
        if let Some(t) = next {
            out["NextToken"] = json!(t);
        }
        Ok(out)
    }
}
