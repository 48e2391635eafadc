//! Guided scenarios as data. A scenario (`scenarios/*.json`, compiled in) is
//! a title, the world it starts from (settings and setup requests), and
//! steps; each step says what to do (in English and Japanese), which control
//! to use, the CLI commands that do it, a check that tells when it is done,
//! and the actions that "do this step for me".
//!
//! Checks and variables are JMESPath queries (the CLI's `--query` language)
//! over a *source*: a read-only AWS operation (`World::peek`), the event
//! bus, the mailbox, the queues or the Lambda invocations. A check passes
//! when its query's result is truthy. Looking never changes the world.

use std::collections::BTreeMap;

use base64::Engine;
use rsa::pkcs8::DecodePublicKey;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::sim::rng::SimRng;
use crate::sim::time::{DAY, HOUR, MINUTE, SECOND};
use crate::sim::{AwsError, ManagedKeyRotation, Settings, World};

/// English and Japanese text.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Text {
    pub en: String,
    pub ja: String,
}

impl Text {
    pub fn get(&self, japanese: bool) -> &str {
        if japanese {
            &self.ja
        } else {
            &self.en
        }
    }
}

/// Where a query looks.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub enum Source {
    /// A read-only operation's response.
    Peek {
        service: String,
        operation: String,
        #[serde(default)]
        params: Value,
    },
    /// Every event on the default bus, oldest first.
    Bus,
    /// Every email: `{subject, to, from, body, kind}`, oldest first.
    Mailbox,
    /// Every SQS queue: `{name, messages: [body]}`.
    Queues,
    /// Every Lambda function: `{name, invocations: [payload]}`.
    Functions,
    /// Every key's `KeyMetadata` with its `Aliases`.
    Keys,
    /// Whether the rule exists and its pattern matches every event of
    /// `matches` and none of `rejects` (the pattern workshop's exercises).
    PatternExercise {
        rule: String,
        matches: Vec<Value>,
        rejects: Vec<Value>,
    },
}

/// A query over a source.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Query {
    pub source: Source,
    pub query: String,
}

/// One thing "do this step for me" does.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Action {
    /// A request through the request API.
    Call {
        service: String,
        operation: String,
        #[serde(default)]
        params: Value,
    },
    /// A command line through the CLI console.
    Cli(String),
    /// Advance simulated time by a duration such as `90s`, `12h`, `2d`.
    Advance(String),
    /// Advance to the next whole minute.
    NextMinute,
    /// GetParametersForImport, wrap generated material in the page, then
    /// ImportKeyMaterial expiring `validToDays` from now.
    ImportMaterial { key_id: String, valid_to_days: i64 },
    /// Confirm every pending email subscription with the token of its
    /// confirmation email, as clicking "Confirm subscription" does.
    ConfirmEmails,
    /// A command line that AWS refuses, on purpose (using a key pending
    /// deletion, say).
    CliExpectingError(String),
}

/// One step of a scenario.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub title: Text,
    pub body: Text,
    /// The `data-testid` of the control to highlight.
    #[serde(default)]
    pub target: Option<String>,
    /// CLI commands that do the step (shown; `${var}`s filled in).
    #[serde(default)]
    pub commands: Vec<String>,
    pub check: Query,
    #[serde(rename = "do")]
    pub actions: Vec<Action>,
}

/// A guided scenario.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    pub id: String,
    pub title: Text,
    pub summary: Text,
    #[serde(default)]
    pub managed_key_rotation_one_year: bool,
    /// Requests made when the scenario starts.
    #[serde(default)]
    pub setup: Vec<Action>,
    /// Named queries the steps' texts, commands and actions use as `${name}`.
    #[serde(default)]
    pub vars: BTreeMap<String, Query>,
    pub steps: Vec<Step>,
}

const SOURCES: [&str; 5] = [
    include_str!("../scenarios/expiry-alarm.json"),
    include_str!("../scenarios/pending-deletion.json"),
    include_str!("../scenarios/rotation.json"),
    include_str!("../scenarios/events-to-targets.json"),
    include_str!("../scenarios/pattern-workshop.json"),
];

/// Every built-in scenario, in the order they are offered.
pub fn all() -> Vec<Scenario> {
    // The scenarios are committed files checked by tests.
    SOURCES
        .iter()
        .map(|s| serde_json::from_str(s).expect("built-in scenario parses"))
        .collect()
}

pub fn by_id(id: &str) -> Option<Scenario> {
    all().into_iter().find(|s| s.id == id)
}

impl Scenario {
    /// The world the scenario starts in: a fresh account with its settings
    /// and setup requests made.
    pub fn start(&self, seed: u64) -> Result<World, AwsError> {
        let settings = Settings {
            managed_key_rotation: if self.managed_key_rotation_one_year {
                ManagedKeyRotation::OneYear
            } else {
                ManagedKeyRotation::ThreeYears
            },
            ..Settings::default()
        };
        let mut world = World::new(seed, settings);
        self.perform(&mut world, &self.setup)?;
        Ok(world)
    }

    /// The values of the scenario's variables in `world` (text; empty when a
    /// query finds nothing yet).
    pub fn variables(&self, world: &mut World) -> BTreeMap<String, String> {
        let mut vars = BTreeMap::new();
        for (name, q) in &self.vars {
            let value = evaluate(world, q).ok().map(|(v, _)| v).unwrap_or(Value::Null);
            let text = match value {
                Value::String(s) => s,
                Value::Null => String::new(),
                other => other.to_string(),
            };
            vars.insert(name.clone(), text);
        }
        vars.insert("now".into(), world.now().iso_seconds());
        vars
    }

    /// Whether step `index` is done in `world`.
    pub fn is_done(&self, world: &mut World, index: usize) -> bool {
        let Some(step) = self.steps.get(index) else {
            return false;
        };
        let vars = self.variables(world);
        evaluate(world, &fill_query(&step.check, &vars)).is_ok_and(|(_, truthy)| truthy)
    }

    /// A step's commands with the variables filled in.
    pub fn commands(&self, world: &mut World, index: usize) -> Vec<String> {
        let vars = self.variables(world);
        self.steps
            .get(index)
            .map(|s| s.commands.iter().map(|c| fill(c, &vars)).collect())
            .unwrap_or_default()
    }

    /// Does step `index` for the learner.
    pub fn do_step(&self, world: &mut World, index: usize) -> Result<(), AwsError> {
        match self.steps.get(index) {
            Some(step) => self.perform(world, &step.actions),
            None => Ok(()),
        }
    }

    fn perform(&self, world: &mut World, actions: &[Action]) -> Result<(), AwsError> {
        for action in actions {
            let vars = self.variables(world);
            match action {
                Action::Call {
                    service,
                    operation,
                    params,
                } => {
                    world.call(service, operation, &fill_json(params, &vars))?;
                }
                Action::Cli(line) => {
                    let out = crate::cli::run(world, &fill(line, &vars));
                    if out.exit_code != 0 {
                        return Err(AwsError::new("ScenarioStepFailed", out.stderr.trim().to_owned()));
                    }
                }
                Action::Advance(duration) => {
                    let ms = parse_duration(duration)
                        .ok_or_else(|| AwsError::new("ScenarioStepFailed", format!("bad duration {duration}")))?;
                    world.advance_by(ms);
                }
                Action::NextMinute => {
                    let next = world.now().next_multiple(MINUTE);
                    world.advance_to(next);
                }
                Action::ImportMaterial { key_id, valid_to_days } => {
                    import_generated(world, &fill(key_id, &vars), *valid_to_days)?;
                }
                Action::ConfirmEmails => confirm_emails(world)?,
                Action::CliExpectingError(line) => {
                    crate::cli::run(world, &fill(line, &vars));
                }
            }
        }
        Ok(())
    }
}

/// `${name}` replaced by the variable's value.
pub fn fill(text: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = text.to_owned();
    for (name, value) in vars {
        out = out.replace(&format!("${{{name}}}"), value);
    }
    out
}

fn fill_query(q: &Query, vars: &BTreeMap<String, String>) -> Query {
    let source = match &q.source {
        Source::Peek {
            service,
            operation,
            params,
        } => Source::Peek {
            service: service.clone(),
            operation: operation.clone(),
            params: fill_json(params, vars),
        },
        other => other.clone(),
    };
    Query {
        source,
        query: fill(&q.query, vars),
    }
}

fn fill_json(value: &Value, vars: &BTreeMap<String, String>) -> Value {
    match value {
        Value::String(s) => Value::String(fill(s, vars)),
        Value::Array(items) => Value::Array(items.iter().map(|v| fill_json(v, vars)).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), fill_json(v, vars))).collect()),
        other => other.clone(),
    }
}

/// `90s`, `15m`, `12h`, `2d` in milliseconds.
pub fn parse_duration(text: &str) -> Option<i64> {
    let (number, unit) = text.trim().split_at(text.trim().len().checked_sub(1)?);
    let n: i64 = number.parse().ok()?;
    let unit = match unit {
        "s" => SECOND,
        "m" => MINUTE,
        "h" => HOUR,
        "d" => DAY,
        _ => return None,
    };
    Some(n * unit)
}

/// The JSON a source shows.
fn source_json(world: &mut World, source: &Source) -> Result<Value, String> {
    let services = |w: &World| -> Value {
        match source {
            Source::Bus => Value::Array(w.services().events.bus_events().to_vec()),
            Source::Mailbox => Value::Array(
                w.services()
                    .sns
                    .mailbox()
                    .map(|m| {
                        let kind = match m.kind {
                            crate::sim::sns::EmailKind::SubscriptionConfirmation { .. } => "confirmation",
                            crate::sim::sns::EmailKind::Notification { .. } => "notification",
                        };
                        json!({"subject": m.subject, "to": m.to, "from": m.from, "body": m.body, "kind": kind})
                    })
                    .collect(),
            ),
            Source::Queues => Value::Array(
                w.services()
                    .sqs
                    .queues()
                    .map(|q| json!({"name": q.name, "messages": q.messages().map(|m| m.body.clone()).collect::<Vec<_>>()}))
                    .collect(),
            ),
            Source::Functions => Value::Array(
                w.services()
                    .lambda
                    .functions()
                    .map(|f| json!({"name": f.name, "invocations": f.invocations().map(|i| i.payload.clone()).collect::<Vec<_>>()}))
                    .collect(),
            ),
            Source::Peek { .. } | Source::Keys | Source::PatternExercise { .. } => Value::Null,
        }
    };
    match source {
        Source::Peek {
            service,
            operation,
            params,
        } => {
            let params = if params.is_null() {
                Value::Object(Map::new())
            } else {
                params.clone()
            };
            // A missing resource is an empty answer, not a failure.
            Ok(world.peek(service, operation, &params).unwrap_or(Value::Null))
        }
        Source::Keys => {
            let ids: Vec<String> = world.services().kms.keys().map(|k| k.id.clone()).collect();
            let mut keys = Vec::new();
            for id in ids {
                let Ok(mut meta) = world.peek("kms", "DescribeKey", &json!({ "KeyId": id })) else {
                    continue;
                };
                let aliases: Vec<String> = world.services().kms.aliases_of(&id).map(str::to_owned).collect();
                meta["KeyMetadata"]["Aliases"] = json!(aliases);
                keys.push(meta["KeyMetadata"].take());
            }
            Ok(Value::Array(keys))
        }
        Source::PatternExercise { rule, matches, rejects } => {
            let events = &world.services().events;
            let verdict = |e: &Value| events.explain_rule(rule, e).map(|x| x.matched);
            let ok = events.rule(rule).is_some()
                && matches.iter().all(|e| verdict(e) == Some(true))
                && rejects.iter().all(|e| verdict(e) == Some(false));
            Ok(Value::Bool(ok))
        }
        _ => Ok(services(world)),
    }
}

/// A query's result and whether it is truthy.
pub fn evaluate(world: &mut World, q: &Query) -> Result<(Value, bool), String> {
    let data = source_json(world, &q.source)?;
    crate::cli::query(&q.query, &data)
}

fn step_failed(message: impl Into<String>) -> AwsError {
    AwsError::new("ScenarioStepFailed", message)
}

/// Imports material generated for the key (as the import dialog's
/// "generate and wrap for me" does).
fn import_generated(world: &mut World, key_id: &str, valid_to_days: i64) -> Result<(), AwsError> {
    let params = world.call(
        "kms",
        "GetParametersForImport",
        &json!({"KeyId": key_id, "WrappingAlgorithm": "RSAES_OAEP_SHA_256", "WrappingKeySpec": "RSA_2048"}),
    )?;
    let der = base64::engine::general_purpose::STANDARD
        .decode(params["PublicKey"].as_str().unwrap_or_default())
        .map_err(|_| step_failed("bad public key"))?;
    let public = rsa::RsaPublicKey::from_public_key_der(&der).map_err(|_| step_failed("bad public key"))?;
    let material = crate::sim::kms::playground_material(key_id);
    let mut rng = SimRng::from_seed(world.now().millis() as u64);
    let wrapped = crate::sim::kms::wrap_material(&public, "RSAES_OAEP_SHA_256", &material, &mut rng)
        .ok_or_else(|| step_failed("wrapping failed"))?;
    let valid_to = world.now().plus(valid_to_days * DAY);
    world.call(
        "kms",
        "ImportKeyMaterial",
        &json!({"KeyId": key_id, "ImportToken": params["ImportToken"], "ExpirationModel": "KEY_MATERIAL_EXPIRES",
                "EncryptedKeyMaterial": crate::sim::params::b64(&wrapped), "ValidTo": valid_to.iso_millis()}),
    )?;
    Ok(())
}

fn confirm_emails(world: &mut World) -> Result<(), AwsError> {
    let pending: Vec<(String, String)> = world
        .services()
        .sns
        .mailbox()
        .filter_map(|m| match &m.kind {
            crate::sim::sns::EmailKind::SubscriptionConfirmation {
                topic_arn,
                token,
                subscription_arn,
                ..
            } => {
                let confirmed = world.services().sns.subscriptions().iter().any(|s| {
                    &s.arn == subscription_arn && s.status() == crate::sim::sns::SubscriptionStatus::Confirmed
                });
                (!confirmed).then(|| (topic_arn.clone(), token.clone()))
            }
            _ => None,
        })
        .collect();
    for (topic, token) in pending {
        world.call(
            "sns",
            "ConfirmSubscription",
            &json!({"TopicArn": topic, "Token": token}),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
