//! The model: one simulated AWS account (KMS, CloudWatch, SNS, CloudTrail,
//! CloudWatch Logs, EventBridge, SQS, Lambda, Kinesis) driven through
//! simulated time.
//!
//! This module is plain Rust: it imports no browser crate, never reads a
//! wall clock and draws all randomness from the world's seeded generator
//! (a test in `src/tidy.rs` enforces it). Everything reaches it through
//! [`World::call`], with AWS's operation names and JSON shapes, and
//! [`World::advance_to`]. See `World` for the usage contract.

pub mod cloudtrail;
pub mod cloudwatch;
pub mod compact_json;
pub(crate) mod ctx;
pub mod error;
pub mod events;
pub mod journal;
pub mod kinesis;
pub mod kms;
pub mod lambda;
pub mod logs;
pub mod model;
pub mod params;
pub mod rng;
pub mod scheduler;
pub mod sns;
pub mod sqs;
pub mod time;
pub mod world;

pub use error::{AwsError, AwsResult};
pub use journal::{ImportError, JournalEntry, WorldFile};
pub use model::ServiceName;
pub use time::SimTime;
pub use world::{ManagedKeyRotation, Settings, World};

/// The error for an operation the service's AWS model has but this
/// playground does not (yet) model.
pub(crate) fn unsupported(service: ServiceName, op: &str) -> AwsError {
    AwsError::input(
        if service.is_query_protocol() {
            "InvalidAction"
        } else {
            "UnknownOperationException"
        },
        format!(
            "The operation {op} is not supported by the {} model of this playground.",
            service.as_str()
        ),
    )
}

#[cfg(test)]
mod hardening;
#[cfg(test)]
mod scenarios;
#[cfg(test)]
mod tests;
