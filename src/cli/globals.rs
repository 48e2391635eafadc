//! The AWS CLI's global options (`--region`, `--output`, `--query`, ...):
//! taken out of the argument list wherever they appear, as the CLI's main
//! parser does, before the service and command are resolved.

use super::errors::Failure;

/// The global options of one command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Globals {
    pub region: Option<String>,
    pub output: Option<String>,
    pub query: Option<String>,
    pub profile: Option<String>,
    pub no_paginate: bool,
    pub version: bool,
    pub error_format: Option<String>,
    pub binary_format: Option<String>,
    pub color: Option<String>,
}

/// Options that take a value: (name, choices; empty = any value).
const VALUED: [(&str, &[&str]); 11] = [
    ("--region", &[]),
    ("--output", &["json", "text", "table", "yaml", "yaml-stream", "off"]),
    ("--query", &[]),
    ("--profile", &[]),
    ("--endpoint-url", &[]),
    ("--color", &["on", "off", "auto"]),
    ("--ca-bundle", &[]),
    ("--cli-read-timeout", &[]),
    ("--cli-connect-timeout", &[]),
    ("--cli-binary-format", &["base64", "raw-in-base64-out"]),
    (
        "--cli-error-format",
        &["legacy", "json", "yaml", "text", "table", "enhanced"],
    ),
];

/// Flags: accepted; only `--no-paginate` and `--version` change anything
/// here (`--debug` logging, TLS and signing options and the pager have no
/// meaning in the playground).
const FLAGS: [&str; 8] = [
    "--debug",
    "--no-verify-ssl",
    "--no-paginate",
    "--no-sign-request",
    "--no-cli-pager",
    "--cli-auto-prompt",
    "--no-cli-auto-prompt",
    "--version",
];

/// Every global option name, for completion and help.
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    VALUED.iter().map(|(n, _)| *n).chain(FLAGS.iter().copied())
}

/// Whether `token` looks like an option to argparse (and so cannot be an
/// option's value): it starts with `-` and is not a negative number.
pub(crate) fn looks_like_option(token: &str) -> bool {
    if !token.starts_with('-') || token == "-" {
        return false;
    }
    let rest = &token[1..];
    let negative_number = !rest.is_empty()
        && (rest.bytes().all(|b| b.is_ascii_digit())
            || rest.split_once('.').is_some_and(|(a, b)| {
                a.bytes().all(|x| x.is_ascii_digit()) && !b.is_empty() && b.bytes().all(|x| x.is_ascii_digit())
            }));
    !negative_number
}

/// Removes the global options from `args`, returning them and the rest.
pub(crate) fn extract(args: &[String]) -> Result<(Globals, Vec<String>), Failure> {
    let mut g = Globals::default();
    let mut rest = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let token = &args[i];
        if token == "--" {
            rest.extend(args[i..].iter().cloned());
            break;
        }
        let (name, inline) = match token.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_owned())),
            _ => (token.as_str(), None),
        };
        if let Some((opt, choices)) = VALUED.iter().find(|(n, _)| *n == name) {
            let value = match inline {
                Some(v) => v,
                None => match args.get(i + 1) {
                    Some(v) if !looks_like_option(v) => {
                        i += 1;
                        v.clone()
                    }
                    _ => return Err(Failure::Usage(format!("argument {opt}: expected one argument"))),
                },
            };
            if !choices.is_empty() && !choices.contains(&value.as_str()) {
                return Err(Failure::invalid_choice(opt, &value, choices.iter().copied()));
            }
            match *opt {
                "--region" => g.region = Some(value),
                "--output" => g.output = Some(value),
                "--query" => g.query = Some(value),
                "--profile" => g.profile = Some(value),
                "--color" => g.color = Some(value),
                "--cli-binary-format" => g.binary_format = Some(value),
                "--cli-error-format" => g.error_format = Some(value),
                _ => {}
            }
        } else if FLAGS.contains(&name) {
            if let Some(v) = inline {
                return Err(Failure::Usage(format!(
                    "argument {name}: ignored explicit argument '{v}'"
                )));
            }
            match name {
                "--no-paginate" => g.no_paginate = true,
                "--version" => g.version = true,
                _ => {}
            }
        } else {
            rest.push(token.clone());
        }
        i += 1;
    }
    Ok((g, rest))
}
