//! SQS's errors. SQS speaks the JSON protocol with AWS's query-compatible
//! error codes: SDKs and the CLI report the code of the `x-amzn-query-error`
//! header (`AWS.SimpleQueueService.NonExistentQueue`, `QueueAlreadyExists`,
//! ...), not the shape name of the JSON `__type` (`QueueDoesNotExist`), so
//! these are the codes the playground returns.

use crate::sim::AwsError;

/// The queue named by a URL or name does not exist.
pub(super) fn no_queue() -> AwsError {
    AwsError::new(
        "AWS.SimpleQueueService.NonExistentQueue",
        "The specified queue does not exist.",
    )
}

/// A QueueUrl that is not an SQS queue URL of this account and Region.
pub(super) fn invalid_address(url: &str) -> AwsError {
    AwsError::input(
        "InvalidAddress",
        format!("The address {url} is not valid for this endpoint."),
    )
}

/// `InvalidParameterValue`: a parameter out of its range or not allowed.
pub(super) fn invalid_parameter(message: impl Into<String>) -> AwsError {
    AwsError::input("InvalidParameterValue", message)
}

/// A queue name that breaks SQS's naming rules.
pub(super) fn invalid_queue_name() -> AwsError {
    invalid_parameter("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
}

/// `MissingParameter`: a parameter the operation needs is absent or empty.
pub(super) fn missing(parameter: &str) -> AwsError {
    AwsError::input(
        "MissingParameter",
        format!("The request must contain the parameter {parameter}."),
    )
}

/// A receipt handle that is not one SQS issued for this queue.
pub(super) fn invalid_receipt_handle(handle: &str) -> AwsError {
    AwsError::input(
        "ReceiptHandleIsInvalid",
        format!("The input receipt handle \"{handle}\" is not a valid receipt handle."),
    )
}

/// `Value <v> for parameter <name> is invalid. Reason: <reason>`.
pub(super) fn invalid_value(value: impl std::fmt::Display, name: &str, reason: &str) -> AwsError {
    invalid_parameter(format!(
        "Value {value} for parameter {name} is invalid. Reason: {reason}"
    ))
}
