//! Rule targets: what PutTargets accepts, what each target receives (the
//! event, `Input`, `InputPath` or `InputTransformer` output) and how it is
//! handed to the target's service.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::jsonpath::JsonPath;
use crate::sim::compact_json;
use crate::sim::ctx::Effect;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::time::SimTime;
use crate::sim::AwsError;

/// One target of a rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub id: String,
    pub arn: String,
    /// The target as ListTargetsByRule returns it (members in the model's order).
    pub json: Value,
    input: Input,
    partition_key_path: Option<JsonPath>,
}

#[derive(Clone, Debug, PartialEq)]
enum Input {
    Event,
    Constant(String),
    Path(JsonPath),
    Transformer {
        paths: Vec<(String, JsonPath)>,
        template: String,
    },
}

/// The service a target ARN names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    Sqs,
    Sns,
    Lambda,
    Kinesis,
    /// Any other ARN: accepted, but deliveries to it fail (not modelled).
    Other,
}

/// The reserved variables of input templates.
pub const RULE_ARN_VAR: &str = "aws.events.rule-arn";
pub const RULE_NAME_VAR: &str = "aws.events.rule-name";
pub const INGESTION_TIME_VAR: &str = "aws.events.event.ingestion-time";
pub const EVENT_VAR: &str = "aws.events.event";
pub const EVENT_JSON_VAR: &str = "aws.events.event.json";

fn invalid(message: String) -> AwsError {
    AwsError::input("ValidationException", message)
}

/// Whether `arn` has an ARN's six colon-separated parts.
pub fn is_arn(arn: &str) -> bool {
    arn.starts_with("arn:") && arn.splitn(6, ':').count() == 6
}

pub fn kind_of(arn: &str) -> TargetKind {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", _, "sqs", _, _, name] if !name.is_empty() => TargetKind::Sqs,
        ["arn", _, "sns", _, _, name] if !name.is_empty() => TargetKind::Sns,
        ["arn", _, "lambda", _, _, rest] if rest.starts_with("function:") => TargetKind::Lambda,
        ["arn", _, "kinesis", _, _, rest] if rest.starts_with("stream/") => TargetKind::Kinesis,
        _ => TargetKind::Other,
    }
}

impl Target {
    /// Reads one entry of PutTargets' `Targets`, refusing what the service
    /// refuses for the whole request.
    pub(crate) fn parse(p: Params) -> Result<Target, AwsError> {
        let id = p.req_str("Id").to_owned();
        let arn = p.req_str("Arn").to_owned();
        let given = [p.has("Input"), p.has("InputPath"), p.has("InputTransformer")];
        if given.iter().filter(|g| **g).count() > 1 {
            return Err(invalid(format!(
                "Only one of Input, InputPath, or InputTransformer can be set for target {id}."
            )));
        }
        let input = if let Some(text) = p.str("Input") {
            if serde_json::from_str::<Value>(text).is_err() {
                return Err(invalid(format!("Input for target {id} is not valid JSON.")));
            }
            Input::Constant(text.to_owned())
        } else if let Some(path) = p.str("InputPath") {
            Input::Path(
                JsonPath::parse(path)
                    .ok_or_else(|| invalid(format!("InputPath for target {id} is not a valid JSON path.")))?,
            )
        } else if p.has("InputTransformer") {
            let t = p.child("InputTransformer");
            let mut paths = Vec::new();
            for (name, path) in t.str_map("InputPathsMap") {
                let parsed = JsonPath::parse(&path).ok_or_else(|| {
                    invalid(format!(
                        "InputTransformer for target {id}: {path} (variable {name}) is not a valid JSON path."
                    ))
                })?;
                paths.push((name, parsed));
            }
            let template = t.req_str("InputTemplate").to_owned();
            if is_json_template(&template) {
                let names: Vec<&str> = paths.iter().map(|(n, _)| n.as_str()).collect();
                if serde_json::from_str::<Value>(&render(&template, &names, &|_| Some(Value::Null))).is_err() {
                    return Err(invalid(format!(
                        "InputTemplate for target {id} must be valid JSON once its placeholders are replaced."
                    )));
                }
            }
            Input::Transformer { paths, template }
        } else {
            Input::Event
        };
        let partition_key_path = match p.child("KinesisParameters").str("PartitionKeyPath") {
            Some(path) => Some(
                JsonPath::parse(path)
                    .ok_or_else(|| invalid(format!("PartitionKeyPath for target {id} is not a valid JSON path.")))?,
            ),
            None => None,
        };
        Ok(Target {
            json: model_order(p.raw()),
            id,
            arn,
            input,
            partition_key_path,
        })
    }

    pub fn kind(&self) -> TargetKind {
        kind_of(&self.arn)
    }

    /// What the target receives for `event`, or why nothing can be sent.
    /// `whole` caches the event's JSON text across the targets it goes to;
    /// `ingestion_time` is written only when a transformer asks for it.
    pub fn payload(
        &self,
        event: &Value,
        whole: &OnceCell<String>,
        rule_name: &str,
        rule_arn: &str,
        ingestion_time: SimTime,
    ) -> Result<String, String> {
        match &self.input {
            Input::Event => Ok(whole.get_or_init(|| compact_json::to_string(event)).clone()),
            Input::Constant(text) => Ok(text.clone()),
            Input::Path(path) => path
                .get(event)
                .map(|v| v.to_string())
                .ok_or_else(|| format!("InputPath {} matches nothing in the event", path.as_str())),
            Input::Transformer { paths, template } => {
                let values: BTreeMap<&str, Option<Value>> =
                    paths.iter().map(|(n, p)| (n.as_str(), p.get(event))).collect();
                let names: Vec<&str> = paths.iter().map(|(n, _)| n.as_str()).collect();
                let lookup = |name: &str| -> Option<Value> {
                    match name {
                        RULE_ARN_VAR => Some(Value::String(rule_arn.to_owned())),
                        RULE_NAME_VAR => Some(Value::String(rule_name.to_owned())),
                        INGESTION_TIME_VAR => Some(Value::String(ingestion_time.iso_seconds())),
                        EVENT_JSON_VAR => Some(event.clone()),
                        EVENT_VAR => {
                            let mut without = event.as_object().cloned().unwrap_or_default();
                            without.remove("detail");
                            Some(Value::Object(without))
                        }
                        other => values.get(other).cloned().flatten(),
                    }
                };
                Ok(render(template, &names, &lookup))
            }
        }
    }

    /// The effect that delivers `payload` for `event` to this target.
    pub(crate) fn effect(&self, payload: String, event: &Value) -> Result<Effect, String> {
        let arn = self.arn.clone();
        Ok(match self.kind() {
            TargetKind::Sqs => Effect::SqsSend {
                queue_arn: arn,
                body: payload,
            },
            TargetKind::Sns => Effect::SnsPublish {
                topic_arn: arn,
                subject: None,
                message: payload,
                message_structure: None,
            },
            TargetKind::Lambda => Effect::LambdaInvoke {
                function_arn: arn,
                payload,
            },
            TargetKind::Kinesis => {
                let partition_key = match &self.partition_key_path {
                    Some(path) => match path.get(event) {
                        Some(Value::String(s)) => s,
                        Some(other) => other.to_string(),
                        None => {
                            return Err(format!(
                                "PartitionKeyPath {} matches nothing in the event",
                                path.as_str()
                            ))
                        }
                    },
                    None => event["id"].as_str().unwrap_or_default().to_owned(),
                };
                Effect::KinesisPut {
                    stream_arn: arn,
                    data: payload.into_bytes(),
                    partition_key,
                }
            }
            TargetKind::Other => return Err(format!("the playground does not model deliveries to {}", self.arn)),
        })
    }
}

/// A template whose output is JSON (an object or array): unquoted
/// placeholders take JSON values there. Other templates are text.
fn is_json_template(template: &str) -> bool {
    matches!(template.trim_start().chars().next(), Some('{' | '['))
}

/// Fills `<name>` placeholders. Inside a JSON string, and everywhere in a
/// text template, a value goes in as is (strings without quotes, others as
/// JSON; nothing is escaped, as AWS documents). Outside strings in a JSON
/// template, a value goes in as JSON. A variable whose path found nothing
/// leaves its placeholder out; an unknown `<name>` stays as written.
fn render(template: &str, names: &[&str], lookup: &dyn Fn(&str) -> Option<Value>) -> String {
    let json = is_json_template(template);
    let mut out = String::with_capacity(template.len() + 32);
    let (mut in_string, mut escaped) = (false, false);
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest[1..].find('>') {
                let name = &rest[1..1 + end];
                let reserved = matches!(
                    name,
                    RULE_ARN_VAR | RULE_NAME_VAR | INGESTION_TIME_VAR | EVENT_VAR | EVENT_JSON_VAR
                );
                if reserved || names.contains(&name) {
                    match lookup(name) {
                        Some(Value::String(s)) if in_string || !json => out.push_str(&s),
                        Some(v) => out.push_str(&v.to_string()),
                        None => {}
                    }
                    rest = &rest[end + 2..];
                    escaped = false;
                    continue;
                }
            }
        }
        if json {
            if escaped {
                escaped = false;
            } else if c == '\\' && in_string {
                escaped = true;
            } else if c == '"' {
                in_string = !in_string;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Re-renders a target object with its members in the model's order.
fn model_order(raw: &Value) -> Value {
    let Some(given) = raw.as_object() else {
        return raw.clone();
    };
    let mut out = Map::new();
    if let Some(shape) = ServiceName::Events.model().shape("Target") {
        for (member, _) in &shape.members {
            if let Some(v) = given.get(member).filter(|v| !v.is_null()) {
                out.insert(member.clone(), v.clone());
            }
        }
    }
    Value::Object(out)
}
