//! The default bus: every event is matched against every enabled rule and
//! delivered to each matching rule's targets; the bus keeps a bounded log
//! of events and deliveries for the UI.

use std::cell::OnceCell;

use serde_json::Value;

use super::rules::{Rule, RuleState};
use super::EventBridge;
use crate::sim::ctx::{event_envelope, Ctx, Deadline, Envelope};

/// How many bus events the log keeps at least (see `bus_events`).
pub const BUS_LOG_CAP: usize = 10_000;

/// One rule an event matched, and where it was delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleMatch {
    pub rule_name: String,
    pub rule_arn: String,
    pub deliveries: Vec<Delivery>,
}

/// One delivery to one target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub target_id: String,
    pub target_arn: String,
    /// What the target received (`None` when delivery failed before sending).
    pub payload: Option<String>,
    /// Why the delivery failed (unsupported target, a path that found nothing).
    pub error: Option<String>,
}

impl EventBridge {
    /// Matches `event` against the rules and delivers it. CloudTrail
    /// read-only management events reach only rules in state
    /// `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`, and are logged only
    /// when such a rule exists (otherwise AWS does not put them on the bus).
    pub(crate) fn deliver(&mut self, event: Value, read_only_management: bool, ctx: &mut Ctx) {
        if read_only_management
            && !self
                .rules
                .values()
                .any(|r| r.state == RuleState::EnabledWithAllCloudTrailManagementEvents)
        {
            return;
        }
        let mut matches = Vec::new();
        let whole = OnceCell::new();
        for rule in self.rules.values() {
            let receives = match rule.state {
                RuleState::Disabled => false,
                RuleState::Enabled => !read_only_management,
                RuleState::EnabledWithAllCloudTrailManagementEvents => true,
            };
            if receives && rule.compiled_pattern().is_some_and(|p| p.matches(&event)) {
                matches.push(send(rule, &event, &whole, ctx));
            }
        }
        self.log(event, matches);
    }

    /// A scheduled rule's timer: fire if it is current, then schedule the next.
    pub(crate) fn fire_schedule(&mut self, name: &str, generation: u64, ctx: &mut Ctx) {
        let Some(rule) = self.rules.get_mut(name) else {
            return;
        };
        if rule.generation != generation || rule.state == RuleState::Disabled {
            return;
        }
        let event = event_envelope(Envelope {
            id: ctx.rng.uuid(),
            detail_type: "Scheduled Event",
            source: "aws.events",
            account: ctx.account(),
            time: ctx.now.iso_seconds(),
            region: ctx.region(),
            resources: vec![Value::String(rule.arn.clone())],
            detail: Value::Object(Default::default()),
        });
        rule.next_firing = rule.schedule.as_ref().and_then(|s| s.next_after(ctx.now, rule.anchor));
        if let Some(at) = rule.next_firing {
            ctx.schedule(
                at,
                Deadline::Events(super::Timer::Schedule {
                    rule: name.to_owned(),
                    generation,
                }),
            );
        }
        let rule = &self.rules[name];
        let matched = vec![send(rule, &event, &OnceCell::new(), ctx)];
        self.log(event, matched);
    }

    fn log(&mut self, event: Value, matches: Vec<RuleMatch>) {
        if self.bus.len() >= BUS_LOG_CAP + BUS_LOG_CAP / 4 {
            self.bus.drain(..BUS_LOG_CAP / 4);
            self.outcomes.drain(..BUS_LOG_CAP / 4);
        }
        self.bus.push(event);
        self.outcomes.push(matches);
    }
}

/// Delivers `event` to every target of `rule`.
fn send(rule: &Rule, event: &Value, whole: &OnceCell<String>, ctx: &mut Ctx) -> RuleMatch {
    let deliveries = rule
        .targets
        .iter()
        .map(|target| {
            let payload = target.payload(event, whole, &rule.name, &rule.arn, ctx.now);
            let outcome = payload
                .clone()
                .and_then(|p| target.effect(p, event))
                .map(|effect| ctx.emit(effect));
            Delivery {
                target_id: target.id.clone(),
                target_arn: target.arn.clone(),
                payload: payload.ok(),
                error: outcome.err(),
            }
        })
        .collect();
    RuleMatch {
        rule_name: rule.name.clone(),
        rule_arn: rule.arn.clone(),
        deliveries,
    }
}
