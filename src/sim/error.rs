//! The one error type of the request API: an AWS error code and message, as
//! the service would return them on the wire.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An error a request returns: AWS's error code (`NotFoundException`,
/// `ValidationError`, ...) and message, byte for byte as the service writes
/// them where the behaviour reference gives the text.
///
/// `input` marks errors about the request itself (validation of shapes,
/// formats and ranges) as opposed to errors about the state of a resource.
/// A request refused for its input changes nothing at all: it is not
/// journaled, uses no randomness and leaves no CloudTrail record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwsError {
    pub code: String,
    pub message: String,
    #[serde(skip)]
    pub input: bool,
}

impl AwsError {
    /// An error about the state of the world (`NotFoundException`,
    /// `KMSInvalidStateException`, ...): the call is journaled and audited.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> AwsError {
        AwsError {
            code: code.into(),
            message: message.into(),
            input: false,
        }
    }

    /// An error about the request's own content (`ValidationException`,
    /// malformed identifiers, ...): the call leaves no trace.
    pub fn input(code: impl Into<String>, message: impl Into<String>) -> AwsError {
        AwsError {
            code: code.into(),
            message: message.into(),
            input: true,
        }
    }
}

impl fmt::Display for AwsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for AwsError {}

/// The result of one request.
pub type AwsResult<T = serde_json::Value> = Result<T, AwsError>;
