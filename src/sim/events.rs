//! EventBridge: the default event bus, rules with event patterns or
//! schedules, targets, and the events AWS services put on the bus.
//!
//! - `pattern` — the event-pattern language (parser, matcher, explainer),
//!   independent of the rest of the model.
//! - `schedule` — `rate(...)` and `cron(...)` expressions.
//! - `rules` — PutRule, DescribeRule, ListRules, DeleteRule, Enable/DisableRule
//!   and the target operations.
//! - `put_events` — PutEvents and TestEventPattern.
//! - `bus` — matching every event against the enabled rules, delivering to
//!   targets, and the bounded log the UI reads.
//! - `targets`, `jsonpath` — what each target receives.
//!
//! Only the default bus exists: any other `EventBusName` is not found.

mod bus;
mod jsonpath;
pub mod pattern;
mod put_events;
mod rules;
pub mod schedule;
mod targets;

use std::collections::BTreeMap;

use serde_json::Value;

pub use bus::{Delivery, RuleMatch, BUS_LOG_CAP};
pub use rules::{Rule, RuleState};
pub use targets::{Target, TargetKind};

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::time::SimTime;
use crate::sim::{unsupported, AwsResult};

/// EventBridge's timers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    /// A scheduled rule fires (`generation` discards stale schedules).
    Schedule { rule: String, generation: u64 },
}

/// The EventBridge service of one account.
#[derive(Clone, Debug, Default)]
pub struct EventBridge {
    /// Rules of the default bus by name (the order ListRules returns).
    rules: BTreeMap<String, Rule>,
    /// Source of schedule generations, unique across deletes and re-creates.
    generations: u64,
    /// Events delivered to the bus, oldest first, and what became of each
    /// (parallel vectors, so `bus_events` can lend a slice).
    bus: Vec<Value>,
    outcomes: Vec<Vec<RuleMatch>>,
}

impl EventBridge {
    /// Every event delivered to the default bus so far, oldest first: events
    /// put with PutEvents, events from AWS services (KMS, CloudWatch alarms,
    /// CloudTrail-delivered API calls) and scheduled-rule events. Memory is
    /// bounded: once more than `BUS_LOG_CAP` × 5/4 are held, the oldest
    /// quarter of the cap is dropped, so at least the latest `BUS_LOG_CAP`
    /// are always here.
    pub fn bus_events(&self) -> &[Value] {
        &self.bus
    }

    /// Every event on the bus with the rules it matched and each delivery
    /// (target, payload or failure), oldest first.
    pub fn bus_log(&self) -> impl DoubleEndedIterator<Item = (&Value, &[RuleMatch])> {
        self.bus.iter().zip(self.outcomes.iter().map(Vec::as_slice))
    }

    /// The rules an event (by its `id`) matched and where each delivered it.
    pub fn event_outcome(&self, event_id: &str) -> Option<(&Value, &[RuleMatch])> {
        self.bus_log().rev().find(|(e, _)| e["id"].as_str() == Some(event_id))
    }

    /// The rules of the default bus by name, with their targets.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.values()
    }

    pub fn rule(&self, name: &str) -> Option<&Rule> {
        self.rules.get(name)
    }

    /// Why `event` does or does not match the pattern of rule `name`
    /// (`None` for a missing rule or a rule without a pattern).
    pub fn explain_rule(&self, name: &str, event: &Value) -> Option<pattern::Explanation> {
        self.rules.get(name)?.compiled_pattern().map(|p| p.explain(event))
    }

    pub(crate) fn handle(&mut self, op: &str, p: Params, ctx: &mut Ctx) -> AwsResult {
        match op {
            "PutRule" => self.put_rule(p, ctx),
            "DescribeRule" => self.describe_rule(p, ctx),
            "ListRules" => self.list_rules(p, ctx),
            "DeleteRule" => self.delete_rule(p, ctx),
            "EnableRule" => self.enable_rule(p, ctx),
            "DisableRule" => self.disable_rule(p, ctx),
            "PutTargets" => self.put_targets(p, ctx),
            "RemoveTargets" => self.remove_targets(p, ctx),
            "ListTargetsByRule" => self.list_targets_by_rule(p, ctx),
            "ListRuleNamesByTarget" => self.list_rule_names_by_target(p, ctx),
            "PutEvents" => self.put_events(p, ctx),
            "TestEventPattern" => put_events::test_event_pattern(p),
            _ => Err(unsupported(ServiceName::Events, op)),
        }
    }

    pub(crate) fn on_timer(&mut self, timer: Timer, ctx: &mut Ctx) {
        match timer {
            Timer::Schedule { rule, generation } => self.fire_schedule(&rule, generation, ctx),
        }
    }

    /// An event from an AWS service arrives on the default bus.
    pub(crate) fn put_service_event(&mut self, event: Value, read_only_management: bool, ctx: &mut Ctx) {
        self.deliver(event, read_only_management, ctx);
    }

    /// Nothing expires by age: EventBridge keeps no event history, and the
    /// playground's log is bounded by `BUS_LOG_CAP` instead.
    pub(crate) fn prune(&mut self, _now: SimTime) {}
}

#[cfg(test)]
mod tests;
