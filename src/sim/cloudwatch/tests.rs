//! CloudWatch's tests, black-box through `World::call` and `advance_to`.

mod alarms;
mod common;
mod differential;
mod kms_expiry;
mod metrics;
mod missing_data;
mod pending_deletion;
mod validation;
mod year;
