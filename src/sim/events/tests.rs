//! EventBridge tests: the pattern language on its own, then the service
//! through `World::call`, deliveries through `world.routed`, and schedules
//! over simulated time.

mod pattern_errors;
mod pattern_ops;
