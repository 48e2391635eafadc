//! `help` pages and Tab completion, both generated from the service models:
//! `aws help` lists the services, `aws <service> help` the commands,
//! `aws <service> <command> help` the synopsis and options with their types
//! and `[required]` marks (the models carry no documentation text).

use super::argtable::{arg_table, ArgKind};
use super::names::{commands, operation, service_names};
use super::{globals, words};
use crate::sim::model::ShapeKind;
use crate::sim::ServiceName;

/// The help page for `topic` (`[]`, `["kms"]`, `["kms", "create-key"]`).
pub fn help(topic: &[&str]) -> String {
    match topic {
        [] => top_help(),
        [service] => ServiceName::parse(service).map_or_else(top_help, service_help),
        [service, command, ..] => match ServiceName::parse(service) {
            Some(s) => match operation(s, command) {
                Some(_) => command_help(s, command),
                None => service_help(s),
            },
            None => top_help(),
        },
    }
}

fn top_help() -> String {
    let mut out = String::from(
        "AWS()\n\nNAME\n       aws -\n\nDESCRIPTION\n       The  AWS  Command  Line  Interface is a unified tool to manage your AWS\n       \
         services. This console emulates it against the playground's simulated\n       account.\n\n\
         SYNOPSIS\n          aws [options] <command> <subcommand> [parameters]\n\n\
         GLOBAL OPTIONS\n",
    );
    for name in globals::names() {
        out.push_str(&format!("       {name}\n"));
    }
    out.push_str("\nAVAILABLE SERVICES\n");
    for s in service_names() {
        out.push_str(&format!("       o {s}\n\n"));
    }
    out.push_str("       o help\n");
    out
}

fn service_help(service: ServiceName) -> String {
    let name = service.as_str();
    let mut out = format!(
        "{upper}()\n\nNAME\n       {name} -\n\nDESCRIPTION\n       The commands of {name} that the playground models.\n\nAVAILABLE COMMANDS\n",
        upper = name.to_uppercase()
    );
    for (cmd, _) in commands(service) {
        out.push_str(&format!("       o {cmd}\n\n"));
    }
    out.push_str("       o help\n");
    out
}

fn type_label(kind: Option<ShapeKind>) -> &'static str {
    match kind {
        Some(ShapeKind::Structure) => "structure",
        Some(ShapeKind::List) => "list",
        Some(ShapeKind::Map) => "map",
        Some(ShapeKind::Integer) => "integer",
        Some(ShapeKind::Long) => "long",
        Some(ShapeKind::Double) => "double",
        Some(ShapeKind::Boolean) => "boolean",
        Some(ShapeKind::Timestamp) => "timestamp",
        Some(ShapeKind::Blob) => "blob",
        _ => "string",
    }
}

fn command_help(service: ServiceName, command: &str) -> String {
    let Some(op) = operation(service, command) else {
        return service_help(service);
    };
    let model = service.model();
    let table = arg_table(service, op);
    let mut out = format!(
        "{upper}()\n\nNAME\n       {command} -\n\nDESCRIPTION\n       Calls the {service_name} {op_name} operation.\n\nSYNOPSIS\n            {command}\n",
        upper = command.to_uppercase(),
        service_name = service.as_str(),
        op_name = op.name
    );
    let mut i = 0;
    while i < table.len() {
        let spec = &table[i];
        let line = match spec.kind {
            ArgKind::True => {
                i += 1;
                format!("[{} | {}]", spec.cli, table.get(i).map_or("", |s| s.cli.as_str()))
            }
            ArgKind::GenerateSkeleton => format!("[{} <value>]", spec.cli),
            _ if spec.required => format!("{} <value>", spec.cli),
            _ => format!("[{} <value>]", spec.cli),
        };
        out.push_str(&format!("          {line}\n"));
        i += 1;
    }
    out.push_str("          [--debug]\n          [--region <value>]\n          [--output <value>]\n          [--query <value>]\n");
    out.push_str("\nOPTIONS\n");
    for spec in &table {
        if spec.kind == ArgKind::False {
            continue;
        }
        let shape = model.shape(&spec.shape);
        let label = match spec.kind {
            ArgKind::CliInputJson | ArgKind::GenerateSkeleton | ArgKind::StartingToken => "string",
            ArgKind::PageSize | ArgKind::MaxItems => "integer",
            _ => type_label(shape.map(|s| s.kind)),
        };
        let required = if spec.required { " [required]" } else { "" };
        let name = if spec.kind == ArgKind::True {
            format!("{} | --no-{}", spec.cli, &spec.cli[2..])
        } else {
            spec.cli.clone()
        };
        out.push_str(&format!("       {name} ({label}){required}\n"));
        if let Some(s) = shape {
            if !s.enum_values.is_empty() {
                out.push_str("\n          Possible values:\n\n");
                for v in &s.enum_values {
                    out.push_str(&format!("          o {v}\n\n"));
                }
            }
            if matches!(s.kind, ShapeKind::Structure | ShapeKind::List | ShapeKind::Map) {
                let mut members = Vec::new();
                let target = if s.kind == ShapeKind::List {
                    s.member.as_deref().and_then(|m| model.shape(m))
                } else {
                    Some(s)
                };
                if let Some(t) = target.filter(|t| t.kind == ShapeKind::Structure) {
                    for (m, ms) in &t.members {
                        members.push(format!("{m}={}", type_label(model.shape(ms).map(|x| x.kind))));
                    }
                    out.push_str(&format!(
                        "\n          Shorthand Syntax:\n\n            {}",
                        members.join(",")
                    ));
                    out.push_str(if s.kind == ShapeKind::List { " ...\n" } else { "\n" });
                }
            }
        }
        out.push('\n');
    }
    out
}

/// Tab completion: the text to replace starts at `start`; `candidates` are
/// the services, commands or options that fit the word under the cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Completion {
    pub start: usize,
    pub candidates: Vec<String>,
}

/// Completes the word before `cursor` (a byte offset into `line`).
pub fn complete(line: &str, cursor: usize) -> Completion {
    let mut cursor = cursor.min(line.len());
    while !line.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let before = &line[..cursor];
    let (mut ws, in_word) = words::words_for_completion(before);
    let (partial, start) = if in_word {
        ws.pop().map_or((String::new(), cursor), |w| (w.text, w.start))
    } else {
        (String::new(), cursor)
    };
    let texts: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
    let positional: Vec<&str> = texts.iter().copied().filter(|t| !t.starts_with('-')).collect();
    let mut candidates: Vec<String> = match positional.as_slice() {
        [] => ["aws", "help", "clear"].iter().map(|s| s.to_string()).collect(),
        ["aws"] if !partial.starts_with('-') => service_names().map(str::to_owned).chain(["help".into()]).collect(),
        ["aws", service] if !partial.starts_with('-') => ServiceName::parse(service)
            .map(|s| {
                commands(s)
                    .iter()
                    .map(|(c, _)| c.clone())
                    .chain(["help".into()])
                    .collect()
            })
            .unwrap_or_default(),
        ["aws", service, command, ..] => {
            let options: Vec<String> = ServiceName::parse(service)
                .and_then(|s| operation(s, command).map(|op| (s, op)))
                .map(|(s, op)| arg_table(s, op).into_iter().map(|a| a.cli).collect())
                .unwrap_or_default();
            if partial.starts_with('-') || partial.is_empty() {
                options
                    .into_iter()
                    .chain(globals::names().map(str::to_owned))
                    .filter(|o| !texts.contains(&o.as_str()))
                    .collect()
            } else {
                Vec::new()
            }
        }
        _ => globals::names().map(str::to_owned).collect(),
    };
    candidates.retain(|c| c.starts_with(&partial));
    Completion { start, candidates }
}
