//! An operation's command-line options, built from its input shape the way
//! the AWS CLI builds its argument table (`--kebab-case` per member,
//! `--x`/`--no-x` for booleans, lists taking several words, plus
//! `--cli-input-json` and the paging options), and the argparse-like parse
//! of the words after the command.

use super::errors::Failure;
use super::globals::looks_like_option;
use super::names::xform_name;
use super::paging;
use crate::sim::model::{Operation, ServiceModel, ShapeKind};
use crate::sim::ServiceName;

/// What an option does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArgKind {
    /// One value for a member.
    Single,
    /// Zero or more values for a list member.
    List,
    /// `--x` for a boolean member.
    True,
    /// `--no-x` for a boolean member.
    False,
    CliInputJson,
    GenerateSkeleton,
    StartingToken,
    PageSize,
    MaxItems,
    /// One of put-metric-data's scalar options (`putmetricdata`).
    PutMetric,
}

/// One option of an operation.
#[derive(Debug, Clone)]
pub(crate) struct ArgSpec {
    /// `--key-id`.
    pub cli: String,
    /// The input member it sets (`KeyId`), if any.
    pub member: Option<String>,
    /// The member's shape name.
    pub shape: String,
    pub kind: ArgKind,
    pub required: bool,
}

/// Options the CLI renames (awscli `argrename`), for the operations the
/// models implement.
const RENAMES: [(ServiceName, &str, &str, &str); 1] =
    [(ServiceName::Sns, "Subscribe", "Endpoint", "--notification-endpoint")];

/// The options of `op`, in the CLI's order: the input members in model
/// order, then `--cli-input-json`, `--generate-cli-skeleton` and, for
/// paginated operations, the paging options.
pub(crate) fn arg_table(service: ServiceName, op: &Operation) -> Vec<ArgSpec> {
    let model: &ServiceModel = service.model();
    let mut table = Vec::new();
    if let Some(input) = op.input.as_deref().and_then(|n| model.shape(n)) {
        for (member, shape_name) in &input.members {
            let cli = match RENAMES
                .iter()
                .find(|(s, o, m, _)| *s == service && *o == op.name && *m == member)
            {
                Some((_, _, _, renamed)) => (*renamed).to_owned(),
                None => format!("--{}", xform_name(member)),
            };
            let kind = model.shape(shape_name).map(|s| s.kind);
            let required = input.required.contains(member);
            match kind {
                Some(ShapeKind::Boolean) => {
                    table.push(ArgSpec {
                        cli: cli.clone(),
                        member: Some(member.clone()),
                        shape: shape_name.clone(),
                        kind: ArgKind::True,
                        required: false,
                    });
                    table.push(ArgSpec {
                        cli: format!("--no-{}", &cli[2..]),
                        member: Some(member.clone()),
                        shape: shape_name.clone(),
                        kind: ArgKind::False,
                        required: false,
                    });
                }
                _ => table.push(ArgSpec {
                    cli,
                    member: Some(member.clone()),
                    shape: shape_name.clone(),
                    kind: if kind == Some(ShapeKind::List) {
                        ArgKind::List
                    } else {
                        ArgKind::Single
                    },
                    required,
                }),
            }
        }
    }
    let special = |cli: &str, kind| ArgSpec {
        cli: cli.into(),
        member: None,
        shape: String::new(),
        kind,
        required: false,
    };
    table.push(special("--cli-input-json", ArgKind::CliInputJson));
    table.push(special("--generate-cli-skeleton", ArgKind::GenerateSkeleton));
    if paging::paginator(service, &op.name).is_some() {
        table.push(special("--starting-token", ArgKind::StartingToken));
        table.push(special("--page-size", ArgKind::PageSize));
        table.push(special("--max-items", ArgKind::MaxItems));
    }
    super::putmetricdata::customize(service, op, &mut table);
    table
}

/// The raw value an option received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Raw {
    One(String),
    Many(Vec<String>),
    Flag(bool),
}

/// The parse of an operation's words: values by option index.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    pub values: Vec<(usize, Raw)>,
    pub help: bool,
}

impl Parsed {
    pub(crate) fn get(&self, i: usize) -> Option<&Raw> {
        self.values.iter().rev().find(|(k, _)| *k == i).map(|(_, v)| v)
    }
}

/// Parses `args` against `table` as argparse would.
pub(crate) fn parse(table: &[ArgSpec], args: &[String]) -> Result<Parsed, Failure> {
    if args.first().is_some_and(|a| a == "help") {
        return Ok(Parsed {
            values: Vec::new(),
            help: true,
        });
    }
    let mut values: Vec<(usize, Raw)> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut i = 0;
    let mut only_positionals = false;
    while i < args.len() {
        let token = &args[i];
        i += 1;
        if only_positionals || !looks_like_option(token) {
            if token == "--" && !only_positionals {
                only_positionals = true;
                continue;
            }
            unknown.push(token.clone());
            continue;
        }
        let (name, inline) = match token.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_owned())),
            _ => (token.as_str(), None),
        };
        let Some(index) = resolve(table, name)? else {
            unknown.push(token.clone());
            continue;
        };
        let spec = &table[index];
        let raw = match spec.kind {
            ArgKind::True | ArgKind::False => {
                if let Some(v) = inline {
                    return Err(Failure::Usage(format!(
                        "argument {}: ignored explicit argument '{v}'",
                        spec.cli
                    )));
                }
                Raw::Flag(spec.kind == ArgKind::True)
            }
            ArgKind::List => {
                let mut items: Vec<String> = inline.into_iter().collect();
                while i < args.len() && !looks_like_option(&args[i]) {
                    items.push(args[i].clone());
                    i += 1;
                }
                Raw::Many(items)
            }
            ArgKind::GenerateSkeleton => match inline {
                Some(v) => Raw::One(v),
                None if i < args.len() && !looks_like_option(&args[i]) => {
                    i += 1;
                    Raw::One(args[i - 1].clone())
                }
                None => Raw::One("input".into()),
            },
            _ => match inline {
                Some(v) => Raw::One(v),
                None if i < args.len() && !looks_like_option(&args[i]) => {
                    i += 1;
                    Raw::One(args[i - 1].clone())
                }
                None => return Err(Failure::Usage(format!("argument {}: expected one argument", spec.cli))),
            },
        };
        if spec.kind == ArgKind::GenerateSkeleton {
            if let Raw::One(v) = &raw {
                let choices = ["input", "output", "yaml-input"];
                if !choices.contains(&v.as_str()) {
                    return Err(Failure::invalid_choice(&spec.cli, v, choices.iter().copied()));
                }
            }
        }
        values.push((index, raw));
    }
    // With --cli-input-json (or a skeleton request) the CLI does not enforce
    // required options: botocore's validation reports what is still missing.
    let relaxed = args.iter().any(|a| {
        a == "--cli-input-json" || a.starts_with("--cli-input-json=") || a.starts_with("--generate-cli-skeleton")
    });
    if !relaxed {
        let missing: Vec<&str> = table
            .iter()
            .enumerate()
            .filter(|(k, spec)| spec.required && !values.iter().any(|(i, _)| i == k))
            .map(|(_, spec)| spec.cli.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(Failure::Usage(format!(
                "the following arguments are required: {}",
                missing.join(", ")
            )));
        }
    }
    if !unknown.is_empty() {
        return Err(Failure::UnknownOptions(format!(
            "Unknown options: {}",
            unknown.join(", ")
        )));
    }
    Ok(Parsed { values, help: false })
}

/// The option `name` denotes: an exact match, else argparse's unique prefix.
fn resolve(table: &[ArgSpec], name: &str) -> Result<Option<usize>, Failure> {
    if let Some(i) = table.iter().position(|s| s.cli == name) {
        return Ok(Some(i));
    }
    if !name.starts_with("--") || name.len() < 3 {
        return Ok(None);
    }
    let matches: Vec<usize> = (0..table.len()).filter(|i| table[*i].cli.starts_with(name)).collect();
    match matches.len() {
        0 => Ok(None),
        1 => Ok(Some(matches[0])),
        _ => {
            let names: Vec<&str> = matches.iter().map(|i| table[*i].cli.as_str()).collect();
            Err(Failure::Usage(format!(
                "ambiguous option: {name} could match {}",
                names.join(", ")
            )))
        }
    }
}
