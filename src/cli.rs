//! The AWS CLI console: runs `aws <service> <command> ...` lines against a
//! [`World`] and returns what the AWS CLI v2 would print.
//!
//! This is a thin shell over [`World::call`], like the UI: it parses the line
//! (shell words, the CLI's options, JSON and shorthand values), checks what
//! botocore checks on the client, calls the model (following pagination),
//! and formats the response or error as the CLI does. Commands, options,
//! types and required members all come from the service models
//! (`ServiceName::model()`); nothing is written per command.
//!
//! Decisions (see also each module's docs):
//! - Errors use CLI v2 ≥ 2.34's default `enhanced` format (`aws: [ERROR]: `
//!   prefix, `An error occurred (ParamValidation): ...` for parameter
//!   problems); `--cli-error-format legacy|json|text|table` switch it.
//!   Exit codes: 0, 252 (usage/parameters), 254 (service error), 255 (other).
//! - `--region` other than the world's (us-west-2 by default) fails the way
//!   an unreachable endpoint does: the playground has only one Region. A
//!   malformed region name fails as botocore's "doesn't match a supported
//!   format". `--profile` other than `default` fails as a missing profile.
//! - `file://`/`fileb://` values fail with the CLI's "Unable to load
//!   paramfile" error: there are no files in the browser. Blobs are given
//!   inline in base64 (v2's default `cli_binary_format`), or as raw text with
//!   `--cli-binary-format raw-in-base64-out`.
//! - `--debug`, `--endpoint-url`, `--no-verify-ssl`, `--no-sign-request`,
//!   `--no-cli-pager`, `--color`, `--ca-bundle` and the timeouts are accepted
//!   and have no effect; `--output yaml` is not supported (an error says so).
//! - Times print in UTC; a failed parse makes no call, so the world is
//!   unchanged.
//! - Shell: quotes, escapes, `\` continuations, `#` comments, several
//!   commands separated by newlines or `;`; no variables or pipes.

mod argtable;
mod errors;
mod globals;
mod help;
mod jmespath;
mod names;
mod output;
mod paging;
mod putmetricdata;
mod pyjson;
mod shorthand;
mod table;
mod text;
mod unpack;
mod validate;
mod words;

use serde_json::Value;

use crate::sim::{ServiceName, World};
use errors::Failure;
use globals::Globals;

pub use help::{complete, help, Completion};

/// Evaluates a JMESPath expression (the `--query` language) against `data`,
/// and whether the result is truthy in JMESPath's sense.
pub fn query(expression: &str, data: &Value) -> Result<(Value, bool), String> {
    let ast = jmespath::compile(expression)?;
    let v = jmespath::search(&ast, data)?;
    let truthy = jmespath::truthy(&v);
    Ok((v, truthy))
}
pub use words::is_complete;

/// What the console shows for one input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CliOutput {
    pub stdout: String,
    pub stderr: String,
    /// The process exit code: 0 success, 252 usage or parameter error, 254
    /// service error, 255 other CLI error, 127 not an `aws` command.
    pub exit_code: i32,
    /// The input was `clear`: the console should clear its screen.
    pub clear: bool,
}

/// Console settings that affect formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CliOptions {
    /// Terminal width for `--output table` (the CLI's default without a
    /// terminal is 80).
    pub terminal_width: usize,
}

impl Default for CliOptions {
    fn default() -> Self {
        CliOptions { terminal_width: 80 }
    }
}

/// The version line `aws --version` prints.
pub const VERSION: &str = "aws-cli/2.34.3 Python/3.13.11 KMS-Playground/emulated exe/wasm32";

/// Runs the command line(s) in `line` against `world` with default options.
pub fn run(world: &mut World, line: &str) -> CliOutput {
    run_with(world, line, &CliOptions::default())
}

/// Runs the command line(s) in `line` against `world`. Several commands
/// (newline- or `;`-separated) run in order; their output is concatenated
/// and the exit code is the last one's.
pub fn run_with(world: &mut World, line: &str, options: &CliOptions) -> CliOutput {
    let commands = match words::split(line) {
        Ok(c) => c,
        Err(e) => {
            return CliOutput {
                stderr: e.message(),
                exit_code: 2,
                ..CliOutput::default()
            }
        }
    };
    let mut out = CliOutput::default();
    for command in commands {
        let texts: Vec<String> = command.into_iter().map(|w| w.text).collect();
        let one = run_words(world, &texts, options);
        out.stdout.push_str(&one.stdout);
        out.stderr.push_str(&one.stderr);
        out.exit_code = one.exit_code;
        out.clear |= one.clear;
    }
    out
}

fn run_words(world: &mut World, words: &[String], options: &CliOptions) -> CliOutput {
    let Some(first) = words.first() else {
        return CliOutput::default();
    };
    match first.as_str() {
        "clear" => {
            return CliOutput {
                clear: true,
                ..CliOutput::default()
            }
        }
        "help" => {
            return CliOutput {
                stdout: help(&[]),
                ..CliOutput::default()
            }
        }
        "aws" => {}
        other => {
            return CliOutput {
                stderr: format!("bash: {other}: command not found\n"),
                exit_code: 127,
                ..CliOutput::default()
            }
        }
    }
    let args = &words[1..];
    // The error format must be known even when parsing fails later on.
    let error_format = error_format_of(args);
    match aws(world, args, options) {
        Ok(stdout) => CliOutput {
            stdout,
            ..CliOutput::default()
        },
        Err(f) => CliOutput {
            stderr: f.render(&error_format),
            exit_code: f.exit_code(),
            ..CliOutput::default()
        },
    }
}

fn error_format_of(args: &[String]) -> String {
    let mut format = "enhanced".to_owned();
    for (i, a) in args.iter().enumerate() {
        if a == "--cli-error-format" {
            if let Some(v) = args.get(i + 1) {
                format = v.to_lowercase();
            }
        } else if let Some(v) = a.strip_prefix("--cli-error-format=") {
            format = v.to_lowercase();
        }
    }
    format
}

/// One `aws ...` invocation: stdout on success.
fn aws(world: &mut World, args: &[String], options: &CliOptions) -> Result<String, Failure> {
    let (g, rest) = globals::extract(args)?;
    if g.version {
        return Ok(format!("{VERSION}\n"));
    }
    let mut positionals = rest.iter().filter(|a| !globals::looks_like_option(a));
    let Some(service_word) = positionals.next().cloned() else {
        return Err(Failure::Usage("the following arguments are required: command".into()));
    };
    if service_word == "help" {
        return Ok(help(&[]));
    }
    let Some(service) = ServiceName::parse(&service_word) else {
        let choices = names::service_names().chain(["help"]);
        return Err(Failure::invalid_choice("command", &service_word, choices));
    };
    let after_service: Vec<String> = remove_first(&rest, &service_word);
    let Some(command) = after_service.iter().find(|a| !globals::looks_like_option(a)).cloned() else {
        return Err(Failure::Usage("the following arguments are required: operation".into()));
    };
    if command == "help" {
        return Ok(help(&[service.as_str()]));
    }
    let Some(op) = names::operation(service, &command) else {
        let table = names::commands(service);
        let choices = table.iter().map(|(c, _)| c.as_str()).chain(["help"]);
        return Err(Failure::invalid_choice("operation", &command, choices));
    };
    let op_args = remove_first(&after_service, &command);
    let table = argtable::arg_table(service, op);
    let parsed = argtable::parse(&table, &op_args)?;
    if parsed.help {
        return Ok(help(&[service.as_str(), &command]));
    }
    let model = service.model();
    let mut req = unpack::build(model, &table, &parsed)?;
    if let Some(kind) = &req.skeleton {
        return Ok(skeleton(service, op, kind));
    }
    let query = match &g.query {
        Some(q) => Some(jmespath::compile(q).map_err(|e| Failure::Usage(format!("argument --query: {e}")))?),
        None => None,
    };
    let input = op.input.clone().unwrap_or_default();
    let raw_in = g.binary_format.as_deref() == Some("raw-in-base64-out");
    let mut params = Value::Object(std::mem::take(&mut req.params));
    validate::blobs(model, &input, &mut params, raw_in)?;
    validate::params(model, &input, &params, &req.ordered)?;
    // botocore builds the client (region, profile) after the parameters.
    check_environment(world, &g, service)?;
    let mut call = |p: &Value| -> Result<Value, Failure> {
        world.call(service.as_str(), &op.name, p).map_err(|e| Failure::Service {
            code: e.code,
            message: e.message,
            operation: op.name.clone(),
        })
    };
    let paginator = paging::paginator(service, &op.name);
    let manual = paginator
        .is_some_and(|p| params.get(p.input_token).is_some() || p.limit_key.is_some_and(|l| params.get(l).is_some()));
    let mut response = match paginator {
        Some(p) if !g.no_paginate && !manual => {
            let args = paging::PagingArgs {
                starting_token: req.starting_token.clone(),
                page_size: req.page_size,
                max_items: req.max_items,
            };
            let map = params.as_object().cloned().unwrap_or_default();
            paging::paginate(p, map, &args, &mut call)?
        }
        _ => call(&params)?,
    };
    if let Some(out_shape) = &op.output {
        output::normalise(model, out_shape, &mut response, 0);
    }
    let response = match &query {
        Some(q) => jmespath::search(q, &response).map_err(Failure::General)?,
        None => response,
    };
    let format = g.output.as_deref().unwrap_or("json");
    if matches!(format, "yaml" | "yaml-stream") {
        return Err(Failure::General(format!(
            "--output {format} is not supported by this console; use json, text or table"
        )));
    }
    Ok(output::render(format, &op.name, &response, options.terminal_width))
}

/// The list without the first occurrence of `word`.
fn remove_first(list: &[String], word: &str) -> Vec<String> {
    let mut out = list.to_vec();
    if let Some(i) = out.iter().position(|a| a == word) {
        out.remove(i);
    }
    out
}

/// Region and profile checks, made before the call as botocore makes them
/// when it builds the client.
fn check_environment(world: &World, g: &Globals, service: ServiceName) -> Result<(), Failure> {
    if let Some(profile) = &g.profile {
        if profile != "default" {
            return Err(Failure::General(format!(
                "The config profile ({profile}) could not be found"
            )));
        }
    }
    if let Some(region) = &g.region {
        let valid = !region.is_empty()
            && region.len() <= 63
            && region.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !region.starts_with('-')
            && !region.ends_with('-');
        if !valid {
            return Err(Failure::General(format!(
                "Provided region_name '{region}' doesn't match a supported format."
            )));
        }
        if region != &world.settings().region {
            return Err(Failure::General(format!(
                "Could not connect to the endpoint URL: \"https://{}.{region}.amazonaws.com/\"",
                service.endpoint_prefix()
            )));
        }
    }
    Ok(())
}

/// `--generate-cli-skeleton input|output`.
fn skeleton(service: ServiceName, op: &crate::sim::model::Operation, kind: &str) -> String {
    let model = service.model();
    let (shape, names) = if kind == "output" {
        (op.output.as_deref(), true)
    } else {
        (op.input.as_deref(), false)
    };
    let value = shape.map_or(Value::Object(Default::default()), |s| {
        skeleton_value(model, s, names, 0)
    });
    pyjson::dumps(&value) + "\n"
}

fn skeleton_value(model: &crate::sim::model::ServiceModel, shape: &str, names: bool, depth: usize) -> Value {
    use crate::sim::model::ShapeKind;
    let Some(s) = model.shape(shape) else {
        return Value::Null;
    };
    if depth > 8 {
        return Value::Object(Default::default());
    }
    match s.kind {
        ShapeKind::Structure => Value::Object(
            s.members
                .iter()
                .map(|(m, ms)| {
                    let v = match model.shape(ms).map(|x| x.kind) {
                        Some(ShapeKind::String)
                            if names && model.shape(ms).is_some_and(|x| x.enum_values.is_empty()) =>
                        {
                            Value::String(m.clone())
                        }
                        _ => skeleton_value(model, ms, names, depth + 1),
                    };
                    (m.clone(), v)
                })
                .collect(),
        ),
        ShapeKind::List => Value::Array(vec![skeleton_value(
            model,
            s.member.as_deref().unwrap_or_default(),
            names,
            depth + 1,
        )]),
        ShapeKind::Map => {
            let mut m = serde_json::Map::new();
            m.insert(
                "KeyName".into(),
                skeleton_value(model, s.value.as_deref().unwrap_or_default(), names, depth + 1),
            );
            Value::Object(m)
        }
        ShapeKind::String => Value::String(s.enum_values.first().cloned().unwrap_or_default()),
        ShapeKind::Integer | ShapeKind::Long => Value::from(0),
        ShapeKind::Double => serde_json::Number::from_f64(0.0).map_or(Value::Null, Value::Number),
        ShapeKind::Boolean => Value::Bool(true),
        ShapeKind::Timestamp => Value::String("1970-01-01T00:00:00".into()),
        ShapeKind::Blob => Value::String(String::new()),
    }
}

#[cfg(test)]
mod tests;
