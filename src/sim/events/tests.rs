//! EventBridge tests: the pattern language on its own, then the service
//! through `World::call`, deliveries through `world.routed`, and schedules
//! over simulated time.

mod delivery;
mod pattern_errors;
mod pattern_ops;
mod put_events;
mod rules;
mod schedules;

use serde_json::Value;

use crate::sim::{AwsError, Settings, World};

pub(super) fn world() -> World {
    World::new(7, Settings::default())
}

pub(super) fn call(w: &mut World, op: &str, params: Value) -> Value {
    w.call("events", op, &params)
        .unwrap_or_else(|e| panic!("{op} failed: {e}"))
}

pub(super) fn fail(w: &mut World, op: &str, params: Value) -> AwsError {
    match w.call("events", op, &params) {
        Ok(v) => panic!("{op} should fail, got {v}"),
        Err(e) => e,
    }
}
