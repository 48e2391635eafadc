//! CloudWatch's tests, black-box through `World::call` and `advance_to`.

mod alarms;
mod common;
mod kms_expiry;
mod missing_data;
mod pending_deletion;
mod validation;
