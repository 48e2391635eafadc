//! The bad-input matrix: every case of `cases` for every operation of every
//! service's model, each on a copy of the fixture world. A case fails if
//! the request panics, returns a non-AWS error, succeeds where it must not,
//! or changes more than it may (see `cases::Expect`). Failures are
//! collected and reported together.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use serde_json::Value;

use super::cases::{cases, Expect};
use super::fixture::{self, Fixture};
use crate::sim::{AwsResult, ServiceName, World};

/// Operations that answer a malformed identifier in this member without an
/// error, as AWS does (a filter or a name that is simply not found, or a
/// create with a free-form name).
const ACCEPTS_MALFORMED: &[(&str, &str, &str)] = &[
    // Filters: an identifier that names nothing matches nothing.
    ("cloudwatch", "DescribeAlarmHistory", "AlarmName"),
    ("events", "ListRuleNamesByTarget", "TargetArn"),
    // Names of the resource being created (the model's pattern decides).
    ("kms", "CreateAlias", "AliasName"),
    ("logs", "CreateLogGroup", "logGroupName"),
    ("logs", "CreateLogStream", "logStreamName"),
    ("lambda", "CreateFunction", "FunctionName"),
    // Ignored by AWS since January 2023.
    ("logs", "PutLogEvents", "sequenceToken"),
    // Unsubscribe is idempotent: an ARN of the right form that names no
    // subscription succeeds.
    ("sns", "Unsubscribe", "SubscriptionArn"),
    // Opaque page tokens that decode to a position ("AQID" is base64).
    ("sqs", "ListQueues", "NextToken"),
    ("lambda", "ListFunctions", "Marker"),
    ("kinesis", "ListStreams", "NextToken"),
    // Trail encryption is not modelled: the KmsKeyId is stored as given
    // (AWS checks it against KMS, which a service here cannot reach).
    ("cloudtrail", "UpdateTrail", "KmsKeyId"),
];

/// Errors AWS sends without a message (KMS's cryptographic failures).
const NO_MESSAGE: &[&str] = &[
    "InvalidCiphertextException",
    "KMSInvalidSignatureException",
    "KMSInvalidMacException",
];

pub(super) fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(fixture::build)
}

/// The state of the services that own resources; a request refused for the
/// state of a resource may add to CloudTrail and the default bus (AWS
/// records failed calls) but must leave these alone.
fn resources(w: &World) -> String {
    let s = w.services();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        s.kms, s.cloudwatch, s.sns, s.logs, s.sqs, s.kinesis, s.lambda
    )
}

fn is_aws_code(code: &str) -> bool {
    !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

fn run(service: ServiceName) {
    let fx = fixture();
    let before = fx.world.fingerprint();
    let resources_before = resources(&fx.world);
    let journal_before = fx.world.journal().len();
    let model = service.model();
    // Requests the model refuses never reach a handler (`World::call`
    // validates first): they share one copy of the world, checked once at
    // the end. Every other request gets a fresh copy, checked after it.
    let mut shared = fx.world.clone();
    let mut failures = Vec::new();
    let mut count = 0;
    for op in &model.operations {
        for case in cases(model, op, fx) {
            count += 1;
            let refused_by_model = model.validate(op, &case.params).is_err();
            let mut fresh;
            let w = if refused_by_model {
                &mut shared
            } else {
                fresh = fx.world.clone();
                &mut fresh
            };
            let outcome: Result<AwsResult, _> =
                catch_unwind(AssertUnwindSafe(|| w.call(service.as_str(), &op.name, &case.params)));
            let problem = match outcome {
                Err(panic) => {
                    let text = panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                        .unwrap_or_default();
                    Some(format!("panicked: {text}"))
                }
                Ok(Ok(out)) => match case.expect {
                    Expect::Invalid(code) => Some(format!("succeeded, expected {code}")),
                    _ if refused_by_model => Some("succeeded though the model refuses it".into()),
                    Expect::Malformed
                        if !refused_per_entry(&out)
                            && !ACCEPTS_MALFORMED.iter().any(|(s, o, m)| {
                                *s == service.as_str() && *o == op.name && case.label.starts_with(m)
                            }) =>
                    {
                        Some(format!("accepted a malformed identifier: {}", short(&out)))
                    }
                    _ if !out.is_object() => Some(format!("answered a non-object: {}", short(&out))),
                    _ => None,
                },
                Ok(Err(e)) => {
                    if !is_aws_code(&e.code) || (e.message.is_empty() && !NO_MESSAGE.contains(&e.code.as_str())) {
                        Some(format!("not an AWS error: {e:?}"))
                    } else if let Expect::Invalid(code) = case.expect {
                        if !e.input || e.code != code {
                            Some(format!(
                                "expected input error {code}, got {} ({}): {}",
                                e.code, e.input, e.message
                            ))
                        } else if !refused_by_model && w.fingerprint() != before {
                            Some(format!("refused ({}) but changed the world", e.code))
                        } else {
                            None
                        }
                    } else if refused_by_model {
                        (!e.input).then(|| format!("model refusal {} is not an input error", e.code))
                    } else if e.input {
                        (w.fingerprint() != before).then(|| format!("input error {} changed the world", e.code))
                    } else if w.journal().len() != journal_before + 1 {
                        Some(format!("state error {} not journaled once", e.code))
                    } else if resources(w) != resources_before {
                        Some(format!("state error {} changed resources: {}", e.code, e.message))
                    } else {
                        None
                    }
                }
            };
            if let Some(problem) = problem {
                failures.push(format!("{} {} [{}]: {problem}", service.as_str(), op.name, case.label));
            }
        }
    }
    assert!(count > 0);
    eprintln!("matrix {}: {count} cases", service.as_str());
    assert!(
        shared.fingerprint() == before,
        "requests the model refuses changed the world"
    );
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A batch operation's per-entry refusal (`FailedEntryCount` > 0), AWS's
/// form for a bad entry in PutTargets and PutEvents.
fn refused_per_entry(out: &Value) -> bool {
    out["FailedEntryCount"].as_u64().is_some_and(|n| n > 0)
}

fn short(v: &Value) -> String {
    let text = v.to_string();
    text.chars().take(160).collect()
}

#[test]
fn kms() {
    run(ServiceName::Kms);
}

#[test]
fn cloudwatch() {
    run(ServiceName::Cloudwatch);
}

#[test]
fn sns() {
    run(ServiceName::Sns);
}

#[test]
fn events() {
    run(ServiceName::Events);
}

#[test]
fn logs() {
    run(ServiceName::Logs);
}

#[test]
fn cloudtrail() {
    run(ServiceName::Cloudtrail);
}

#[test]
fn sqs() {
    run(ServiceName::Sqs);
}

#[test]
fn kinesis() {
    run(ServiceName::Kinesis);
}

#[test]
fn lambda() {
    run(ServiceName::Lambda);
}

#[test]
fn every_service_is_in_the_matrix() {
    // A new service must get its own test above.
    assert_eq!(ServiceName::ALL.len(), 9);
}
