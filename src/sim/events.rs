//! EventBridge: the default event bus, rules with event patterns or
//! schedules, targets, and the events AWS services put on the bus.

pub mod pattern;

use serde_json::Value;

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
    bus: Vec<Value>,
}

impl EventBridge {
    /// Every event delivered to the default bus so far, oldest first.
    pub fn bus_events(&self) -> &[Value] {
        &self.bus
    }

    pub(crate) fn handle(&mut self, op: &str, _p: Params, _ctx: &mut Ctx) -> AwsResult {
        Err(unsupported(ServiceName::Events, op))
    }

    pub(crate) fn on_timer(&mut self, _timer: Timer, _ctx: &mut Ctx) {}

    /// An event from an AWS service arrives on the default bus.
    pub(crate) fn put_service_event(&mut self, event: Value, read_only_management: bool, _ctx: &mut Ctx) {
        if !read_only_management {
            self.bus.push(event);
        }
    }

    pub(crate) fn prune(&mut self, _now: SimTime) {}
}

#[cfg(test)]
mod tests;
