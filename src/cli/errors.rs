//! How the CLI fails: the kinds of error the AWS CLI v2 distinguishes, their
//! exit codes, and the text it writes on stderr.
//!
//! The default is the CLI v2 ≥ 2.34 `enhanced` error format: every error
//! line starts `aws: [ERROR]: `, parameter problems are wrapped as
//! `An error occurred (ParamValidation): ...`. `--cli-error-format legacy`
//! drops that wrapper (still with the prefix, as 2.34 does); `json`, `text`
//! and `table` print the error's `Code` and `Message` through the output
//! formatters. Exit codes: 252 parameter validation and usage, 254 a
//! service's error, 255 anything else.

use serde_json::json;

use super::{names, pyjson, table, text};

/// The usage block argparse prints with its errors.
pub(crate) const USAGE: &str = "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\
To see help text, you can run:\n\
\n\
\x20 aws help\n\
\x20 aws <command> help\n\
\x20 aws <command> <subcommand> help\n";

/// One failure of a command line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Failure {
    /// An argparse error (missing required option, invalid choice, option
    /// without its value): the message is followed by the usage block.
    Usage(String),
    /// Options no parser consumed (`Unknown options: --foo`).
    UnknownOptions(String),
    /// A parameter the CLI or botocore refused before sending anything
    /// (`Error parsing parameter ...`, `Parameter validation failed: ...`).
    Param(String),
    /// The service's error.
    Service {
        code: String,
        message: String,
        operation: String,
    },
    /// Anything else (Python exceptions such as `invalid literal for int()`,
    /// an unreachable endpoint).
    General(String),
}

impl Failure {
    /// argparse's invalid choice error in the CLI v2 ≥ 2.34 wording.
    pub(crate) fn invalid_choice<'a>(dest: &str, value: &str, choices: impl Iterator<Item = &'a str>) -> Failure {
        let matches = names::close_matches(value, choices, 0.8);
        let mut msg = format!("argument {dest}: Found invalid choice '{value}'");
        if matches.is_empty() {
            msg.push('\n');
        } else {
            msg.push_str("\n\nMaybe you meant:");
            for m in matches {
                msg.push_str(&format!("\n  * {m}"));
            }
        }
        Failure::Usage(msg)
    }

    pub(crate) fn exit_code(&self) -> i32 {
        match self {
            Failure::Usage(_) | Failure::UnknownOptions(_) | Failure::Param(_) => 252,
            Failure::Service { .. } => 254,
            Failure::General(_) => 255,
        }
    }

    /// The stderr text for `format` (`enhanced`, `legacy`, `json`, `text`,
    /// `table`).
    pub(crate) fn render(&self, format: &str) -> String {
        let (code, message) = match self {
            Failure::UnknownOptions(m) => return format!("\n{USAGE}\n{}", write_error(m)),
            Failure::General(m) => return write_error(m),
            Failure::Usage(m) => ("ParamValidation".to_owned(), format!("{m}\n\n{USAGE}")),
            Failure::Param(m) => ("ParamValidation".to_owned(), m.clone()),
            Failure::Service { code, message, .. } => (code.clone(), message.clone()),
        };
        match format {
            "legacy" => match self {
                Failure::Service { operation, .. } => write_error(&format!(
                    "An error occurred ({code}) when calling the {operation} operation: {message}"
                )),
                _ => write_error(&message),
            },
            "json" => pyjson::dumps(&json!({"Code": code, "Message": message})) + "\n",
            "text" => text::format(&json!({"Code": code, "Message": message})),
            "table" => table::format("error", &json!({"Code": code, "Message": message}), 80),
            _ => match self {
                Failure::Service { operation, .. } => write_error(&format!(
                    "An error occurred ({code}) when calling the {operation} operation: {message}"
                )),
                _ => write_error(&format!("An error occurred ({code}): {message}")),
            },
        }
    }
}

/// awscli's `write_error`: a blank line, then `aws: [ERROR]: ` and the
/// stripped message.
fn write_error(message: &str) -> String {
    format!("\naws: [ERROR]: {}\n", message.trim())
}
