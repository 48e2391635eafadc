//! The bad-input cases of one operation, generated from its input shape:
//! a plausible baseline request (identifiers of the fixture's resources,
//! values the model allows), then one change per case.

use serde_json::{json, Map, Value};

use super::fixture::Fixture;
use crate::sim::model::{Operation, ServiceModel, Shape, ShapeKind};

/// What a case must lead to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Expect {
    /// An input error with this code, and the world unchanged.
    Invalid(&'static str),
    /// Anything but a panic: an error must be AWS-style; an input error
    /// changes nothing; a state error only adds its journal entry (and
    /// CloudTrail's record).
    Survive,
    /// A malformed identifier: as `Survive`, and an error unless the
    /// operation is listed as accepting it.
    Malformed,
}

/// One request of the matrix.
#[derive(Clone, Debug)]
pub(super) struct Case {
    pub label: String,
    pub params: Value,
    pub expect: Expect,
}

/// Members whose values name a resource or a position: they get malformed
/// values as well as the fixture's identifiers.
const IDENTIFIERS: &[&str] = &[
    "KeyId",
    "TargetKeyId",
    "SourceKeyId",
    "DestinationKeyId",
    "AliasName",
    "KmsKeyId",
    "kmsKeyId",
    "KMSKeyArn",
    "TopicArn",
    "TargetArn",
    "SubscriptionArn",
    "QueueUrl",
    "ReceiptHandle",
    "StreamARN",
    "StreamName",
    "StreamId",
    "ShardId",
    "ShardIterator",
    "FunctionName",
    "Qualifier",
    "Rule",
    "EventBusName",
    "RoleArn",
    "Role",
    "AlarmName",
    "logGroupName",
    "logStreamName",
    "logGroupIdentifier",
    "CloudWatchLogsLogGroupArn",
    "CloudWatchLogsRoleArn",
    "Token",
    "NextToken",
    "nextToken",
    "Marker",
    "sequenceToken",
    "ExclusiveStartShardId",
    "StartingSequenceNumber",
    "SequenceNumberForOrdering",
    "ExplicitHashKey",
    "CiphertextBlob",
    "ImportToken",
];

/// Malformed values for identifier members (`{key}` is the fixture's key id).
const MALFORMED: &[&str] = &[
    " ",
    "alias/",
    "alias/aws/",
    "alias/does-not-exist",
    "arn:",
    "arn:aws",
    "arn:aws:kms:us-west-2:111122223333:key/",
    "arn:aws:kms:us-west-2:111122223333:key/00000000-0000-0000-0000-000000000000",
    "arn:aws:kms:eu-west-1:999999999999:key/{key}",
    "arn:aws:kms:us-west-2:111122223333:alias/",
    "arn:aws:sns:us-west-2:111122223333:",
    "arn:aws:sns:us-west-2:111122223333:hardening:not-a-uuid",
    "arn:aws:sqs:us-west-2:111122223333:",
    "arn:aws:lambda:us-west-2:111122223333:function:",
    "arn:aws:logs:us-west-2:111122223333:log-group:",
    "arn:aws:kinesis:us-west-2:111122223333:stream/",
    "https://sqs.us-west-2.amazonaws.com/111122223333/",
    "https://sqs.us-west-2.amazonaws.com/",
    "http://",
    "../../etc/passwd",
    "{KEY}",
    "{key} ",
    "\u{0}",
    "ｈａｒｄｅｎｉｎｇ",
    "%00%ff",
    "AQID",
    "0",
    "-1",
    "99999999999999999999999999999999999999999",
];

/// Candidate strings for a member without a role, tried in order until one
/// satisfies the shape's pattern and length.
const CANDIDATES: &[&str] = &[
    "hardening",
    "1",
    "learner@example.com",
    "arn:aws:sns:us-west-2:111122223333:hardening",
    "aGVsbG8=",
    "a",
];

/// The fixture identifier a member names, by service and member.
fn role(service: &str, op: &str, member: &str) -> Option<&'static str> {
    Some(match (service, member) {
        ("kms", "KeyId") => match op {
            "GetParametersForImport" | "ImportKeyMaterial" | "DeleteImportedKeyMaterial" => "external_key_id",
            "Sign" | "Verify" | "GetPublicKey" => "sign_key_id",
            "GenerateMac" | "VerifyMac" => "hmac_key_id",
            "CancelKeyDeletion" => "pending_key_id",
            "EnableKey" => "disabled_key_id",
            _ => "key_id",
        },
        ("kms", "TargetKeyId" | "SourceKeyId" | "DestinationKeyId") => "key_id",
        ("kms", "AliasName") => "alias",
        ("kms", "CiphertextBlob") => "ciphertext",
        (_, "TopicArn" | "TargetArn") if service == "sns" => "topic_arn",
        ("events", "TargetArn") => "queue_arn",
        ("sns", "SubscriptionArn") => "subscription_arn",
        ("sqs", "QueueUrl") => "queue_url",
        ("sqs", "ReceiptHandle") => "receipt_handle",
        ("sqs", "QueueName") => "queue_name",
        ("cloudwatch", "AlarmName") => "alarm",
        ("cloudwatch", "Namespace") => "namespace",
        ("cloudwatch", "MetricName") => "metric",
        ("logs", "logGroupName" | "logGroupIdentifier") => "log_group",
        ("logs", "logStreamName") => "log_stream",
        ("logs", "filterName") => "filter",
        ("events", "Name" | "Rule") => "rule",
        ("cloudtrail", "Name") => "trail",
        ("lambda", "FunctionName") => "function_name",
        ("kinesis", "StreamName") => "stream_name",
        ("kinesis", "StreamARN") => "stream_arn",
        ("kinesis", "ShardId") => "shard_id",
        ("kinesis", "ShardIterator") => "shard_iterator",
        _ => return None,
    })
}

/// Every case of `op`.
pub(super) fn cases(model: &ServiceModel, op: &Operation, fx: &Fixture) -> Vec<Case> {
    let service = model.service.as_str();
    let mut out = Vec::new();
    for (label, params) in [
        ("array params", json!([])),
        ("string params", json!("x")),
        ("number params", json!(1)),
    ] {
        let expect = if op.input.is_some() {
            Expect::Invalid("SerializationException")
        } else {
            Expect::Invalid("ParamValidationError")
        };
        out.push(Case {
            label: label.into(),
            params,
            expect,
        });
    }
    let Some(input) = op.input.as_deref().and_then(|name| model.shape(name)) else {
        out.push(Case {
            label: "unknown member".into(),
            params: json!({"HardeningUnknownMember": 1}),
            expect: Expect::Invalid("ParamValidationError"),
        });
        return out;
    };
    let gen = Gen {
        model,
        fx,
        service,
        op: &op.name,
    };
    let base = gen.baseline(input);
    level(&mut out, &gen, &base, "", input, 0);
    out
}

/// The cases of one structure level at JSON pointer `at` of `base` (the
/// request itself, or a nested structure), then, one level down, of nested
/// structures and of the first structure of lists.
fn level(out: &mut Vec<Case>, gen: &Gen, base: &Value, at: &str, shape: &Shape, depth: usize) {
    let validation = gen.model.service.validation_error_code();
    let prefix = at.trim_start_matches('/').replace("/0", "[0]").replace('/', ".");
    let name = |member: &str| {
        if prefix.is_empty() {
            member.to_owned()
        } else {
            format!("{prefix}.{member}")
        }
    };
    let with = |member: &str, value: Value| {
        let mut p = base.clone();
        if let Some(Value::Object(map)) = p.pointer_mut(at) {
            map.insert(member.to_owned(), value);
        }
        p
    };
    let without = |member: &str| {
        let mut p = base.clone();
        if let Some(Value::Object(map)) = p.pointer_mut(at) {
            map.remove(member);
        }
        p
    };
    out.push(Case {
        label: format!("unknown member in {}", if at.is_empty() { "input" } else { at }),
        params: with("HardeningUnknownMember", json!(1)),
        expect: Expect::Invalid("ParamValidationError"),
    });
    for required in &shape.required {
        out.push(Case {
            label: format!("missing {}", name(required)),
            params: without(required),
            expect: Expect::Invalid(validation),
        });
        out.push(Case {
            label: format!("null {}", name(required)),
            params: with(required, Value::Null),
            expect: Expect::Invalid(validation),
        });
    }
    for (member, shape_name) in &shape.members {
        let Some(member_shape) = gen.model.shape(shape_name) else {
            continue;
        };
        let label = name(member);
        for wrong in wrong_types(member_shape.kind) {
            out.push(Case {
                label: format!("{label} as {wrong}"),
                params: with(member, wrong),
                expect: Expect::Invalid("SerializationException"),
            });
        }
        for (what, value) in out_of_model(member_shape, gen, shape_name) {
            let expect = match &value {
                Value::String(_) if member_shape.kind == ShapeKind::Blob && what == "not base64" => {
                    Expect::Invalid("SerializationException")
                }
                Value::String(_) if member_shape.kind == ShapeKind::Timestamp => {
                    Expect::Invalid("SerializationException")
                }
                _ => Expect::Invalid(validation),
            };
            out.push(Case {
                label: format!("{label} {what}"),
                params: with(member, value),
                expect,
            });
        }
        for (what, value) in extremes(member_shape, gen, shape_name) {
            out.push(Case {
                label: format!("{label} {what}"),
                params: with(member, value),
                expect: Expect::Survive,
            });
        }
        if IDENTIFIERS.contains(&member.as_str()) && matches!(member_shape.kind, ShapeKind::String | ShapeKind::Blob) {
            let key = gen.fx.id("key_id");
            for template in MALFORMED {
                let text = template.replace("{key}", key).replace("{KEY}", &key.to_uppercase());
                let value = if member_shape.kind == ShapeKind::Blob {
                    Value::String(crate::sim::params::b64(text.as_bytes()))
                } else {
                    Value::String(text)
                };
                out.push(Case {
                    label: format!("{label} malformed {template:?}"),
                    params: with(member, value),
                    expect: Expect::Malformed,
                });
            }
        }
        if depth >= 1 {
            continue;
        }
        // One level down: a nested structure, or the first structure of a
        // list, present in an otherwise plausible request.
        let present = base.pointer(at).and_then(|v| v.get(member)).cloned();
        let (value, inner_at, inner_shape) = match member_shape.kind {
            ShapeKind::Structure => {
                let v = present.unwrap_or_else(|| gen.member_value(member, shape_name, 1));
                (v, format!("{at}/{member}"), member_shape)
            }
            ShapeKind::List => {
                let item_shape_name = member_shape.member.as_deref().unwrap_or_default();
                let Some(item_shape) = gen.model.shape(item_shape_name) else {
                    continue;
                };
                if item_shape.kind != ShapeKind::Structure {
                    continue;
                }
                let v = present
                    .filter(|v| v.get(0).is_some_and(Value::is_object))
                    .unwrap_or_else(|| json!([gen.value(item_shape_name, 1)]));
                (v, format!("{at}/{member}/0"), item_shape)
            }
            _ => continue,
        };
        if inner_shape.members.is_empty() {
            continue;
        }
        let nested_base = with(member, value);
        level(out, gen, &nested_base, &inner_at, inner_shape, depth + 1);
    }
}

/// Values of the wrong JSON type for a shape.
fn wrong_types(kind: ShapeKind) -> Vec<Value> {
    match kind {
        ShapeKind::Structure | ShapeKind::Map => vec![json!("x"), json!([]), json!(1)],
        ShapeKind::List => vec![json!("x"), json!({}), json!(true)],
        ShapeKind::String | ShapeKind::Blob => vec![json!(1), json!(true), json!({}), json!([])],
        ShapeKind::Integer | ShapeKind::Long => vec![json!("1"), json!(1.5), json!(true), json!([])],
        ShapeKind::Double => vec![json!("1"), json!(false), json!({})],
        ShapeKind::Boolean => vec![json!("true"), json!(1), json!([])],
        ShapeKind::Timestamp => vec![json!(true), json!({}), json!([])],
    }
}

/// Values of the right JSON type that break the model's constraints.
fn out_of_model(shape: &Shape, gen: &Gen, shape_name: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    match shape.kind {
        ShapeKind::String => {
            if let Some(max) = shape.max {
                out.push((format!("longer than {max}"), json!("a".repeat(max as usize + 1))));
            }
            if shape.min.is_some_and(|min| min >= 1.0) {
                out.push(("empty".into(), json!("")));
            }
            if !shape.enum_values.is_empty() {
                out.push(("not in enum".into(), json!("NOT_A_VALID_VALUE")));
            } else {
                for odd in ["!@#$%^&*() \u{7f}\n", "\u{0}"] {
                    if !shape.pattern_matches(odd) {
                        out.push((format!("against pattern {odd:?}"), json!(odd)));
                        break;
                    }
                }
            }
        }
        ShapeKind::Blob => {
            out.push(("not base64".into(), json!("!!!not base64!!!")));
            if let Some(max) = shape.max.filter(|m| *m <= 1e6) {
                let bytes = vec![0u8; max as usize + 1];
                out.push((
                    format!("blob longer than {max}"),
                    json!(crate::sim::params::b64(&bytes)),
                ));
            }
            if shape.min.is_some_and(|min| min >= 1.0) {
                out.push(("empty blob".into(), json!("")));
            }
        }
        ShapeKind::Integer | ShapeKind::Long | ShapeKind::Double => {
            if let Some(min) = shape.min {
                out.push((format!("below {min}"), json!(min as i64 - 1)));
            }
            if let Some(max) = shape.max {
                out.push((format!("above {max}"), json!(max as i64 + 1)));
            }
        }
        ShapeKind::List => {
            let member = shape.member.as_deref().unwrap_or_default();
            if let Some(max) = shape.max.filter(|m| *m <= 1000.0) {
                let item = gen.value(member, 1);
                out.push((
                    format!("more than {max} items"),
                    Value::Array(vec![item; max as usize + 1]),
                ));
            }
            if shape.min.is_some_and(|min| min >= 1.0) {
                out.push(("empty list".into(), json!([])));
            }
        }
        ShapeKind::Map => {
            if shape.min.is_some_and(|min| min >= 1.0) {
                out.push(("empty map".into(), json!({})));
            }
        }
        ShapeKind::Timestamp => out.push(("unparseable".into(), json!("not a time"))),
        ShapeKind::Structure => {
            if !shape.required.is_empty() {
                out.push(("without its required members".into(), json!({})));
            }
        }
        ShapeKind::Boolean => {}
    }
    let _ = shape_name;
    out
}

/// Values the model allows that a handler might not expect.
fn extremes(shape: &Shape, gen: &Gen, shape_name: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let lo = shape.min;
    let hi = shape.max;
    let in_range = |v: f64| lo.is_none_or(|m| v >= m) && hi.is_none_or(|m| v <= m);
    match shape.kind {
        ShapeKind::String if shape.enum_values.is_empty() => {
            let longest = hi.map_or(262_145, |m| (m as usize).min(262_145));
            for (label, text) in [
                ("longest".to_owned(), "a".repeat(longest)),
                ("multibyte".to_owned(), "é☃𝄞".repeat(3)),
                ("whitespace".to_owned(), " \t ".to_owned()),
                ("json".to_owned(), "{\"a\":[1,{\"b\":null}]}".to_owned()),
                ("empty".to_owned(), String::new()),
            ] {
                let n = text.chars().count() as f64;
                if in_range(n) && shape.pattern_matches(&text) {
                    out.push((label, json!(text)));
                }
            }
        }
        ShapeKind::String => {
            for value in &shape.enum_values {
                out.push((format!("= {value}"), json!(value)));
            }
        }
        ShapeKind::Integer | ShapeKind::Long => {
            let big = if shape.kind == ShapeKind::Integer {
                i64::from(i32::MAX)
            } else {
                i64::MAX
            };
            for v in [0, -1, 1, big, -big, 86_400, 1_000_000] {
                if in_range(v as f64) {
                    out.push((format!("= {v}"), json!(v)));
                }
            }
            if let Some(max) = hi {
                out.push((format!("= max {max}"), json!(max as i64)));
            }
        }
        ShapeKind::Double => {
            for v in [0.0, -0.0, 1e308, -1e308, 5e-324, -1.5] {
                if in_range(v) {
                    out.push((format!("= {v:e}"), json!(v)));
                }
            }
        }
        ShapeKind::Timestamp => {
            for (label, v) in [
                ("epoch 0", json!(0)),
                ("negative", json!(-1)),
                ("year 9999", json!(253_402_300_799i64)),
                ("past year 9999", json!(253_402_300_800i64)),
                ("huge", json!(1e18)),
                ("iso 1970", json!("1970-01-01T00:00:00Z")),
                ("iso 9999", json!("9999-12-31T23:59:59Z")),
            ] {
                out.push((format!("at {label}"), v));
            }
        }
        ShapeKind::Boolean => {
            out.push(("true".into(), json!(true)));
            out.push(("false".into(), json!(false)));
        }
        ShapeKind::Blob => {
            out.push(("zero bytes".into(), json!("")));
            out.push(("4 KiB".into(), json!(crate::sim::params::b64(&[0xA5; 4096]))));
        }
        ShapeKind::List => {
            let member = shape.member.as_deref().unwrap_or_default();
            let n = hi.map_or(50, |m| (m as usize).min(50));
            out.push((format!("{n} items"), Value::Array(vec![gen.value(member, 1); n])));
            if in_range(0.0) {
                out.push(("empty list".into(), json!([])));
            }
        }
        ShapeKind::Map => {
            let n = hi.map_or(20, |m| (m as usize).min(20));
            let key_shape = shape.key.as_deref().unwrap_or_default();
            let value_shape = shape.value.as_deref().unwrap_or_default();
            let mut map = Map::new();
            for i in 0..n {
                let key = match gen.value(key_shape, 1) {
                    Value::String(s) => format!("{s}{i}"),
                    other => other.to_string(),
                };
                map.insert(key, gen.value(value_shape, 1));
            }
            out.push((format!("{n} entries"), Value::Object(map)));
        }
        ShapeKind::Structure => {
            out.push(("with every member".into(), gen.full(shape_name)));
        }
    }
    out
}

/// Builds plausible values from shapes.
pub(super) struct Gen<'a> {
    pub model: &'a ServiceModel,
    pub fx: &'a Fixture,
    pub service: &'a str,
    pub op: &'a str,
}

impl Gen<'_> {
    /// The request with its required members only.
    fn baseline(&self, input: &Shape) -> Value {
        let mut map = Map::new();
        for member in &input.required {
            if let Some(shape_name) = input.member_shape(member) {
                map.insert(member.clone(), self.member_value(member, shape_name, 0));
            }
        }
        Value::Object(map)
    }

    /// A structure with every member (for nested shapes).
    fn full(&self, shape_name: &str) -> Value {
        let Some(shape) = self.model.shape(shape_name) else {
            return json!({});
        };
        let mut map = Map::new();
        for (member, member_shape) in &shape.members {
            map.insert(member.clone(), self.member_value(member, member_shape, 1));
        }
        Value::Object(map)
    }

    pub fn member_value(&self, member: &str, shape_name: &str, depth: usize) -> Value {
        if let Some(role) = role(self.service, self.op, member) {
            let id = match role {
                "queue_name" => "hardening",
                "namespace" => "Hardening",
                "metric" => "Load",
                "filter" => "errors",
                "shard_id" => "shardId-000000000000",
                other => self.fx.id(other),
            };
            if !id.is_empty() {
                return json!(id);
            }
        }
        self.value(shape_name, depth)
    }

    pub fn value(&self, shape_name: &str, depth: usize) -> Value {
        let Some(shape) = self.model.shape(shape_name) else {
            return Value::Null;
        };
        let min = shape.min.unwrap_or(0.0);
        match shape.kind {
            ShapeKind::Structure => {
                let mut map = Map::new();
                if depth < 8 {
                    for member in &shape.required {
                        if let Some(s) = shape.member_shape(member) {
                            map.insert(member.clone(), self.member_value(member, s, depth + 1));
                        }
                    }
                }
                Value::Object(map)
            }
            ShapeKind::List => {
                let member = shape.member.as_deref().unwrap_or_default();
                let n = (min as usize).max(1);
                Value::Array((0..n).map(|_| self.value(member, depth + 1)).collect())
            }
            ShapeKind::Map => {
                let mut map = Map::new();
                if min >= 1.0 {
                    let key = match self.value(shape.key.as_deref().unwrap_or_default(), depth + 1) {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    map.insert(key, self.value(shape.value.as_deref().unwrap_or_default(), depth + 1));
                }
                Value::Object(map)
            }
            ShapeKind::String => {
                if let Some(first) = shape.enum_values.first() {
                    return json!(first);
                }
                let fits = |s: &str| {
                    let n = s.chars().count() as f64;
                    n >= min && shape.max.is_none_or(|m| n <= m) && shape.pattern_matches(s)
                };
                let found = CANDIDATES.iter().find(|c| fits(c)).map(|c| (*c).to_owned());
                json!(found.unwrap_or_else(|| "a".repeat((min as usize).max(1))))
            }
            ShapeKind::Blob => json!(crate::sim::params::b64(&vec![7u8; (min as usize).max(5)])),
            ShapeKind::Integer | ShapeKind::Long => json!(shape.min.map_or(1, |m| m.max(1.0) as i64)),
            ShapeKind::Double => json!(shape.min.map_or(1.0, |m| m.max(1.0))),
            ShapeKind::Boolean => json!(false),
            ShapeKind::Timestamp => json!(self.fx.world.now().epoch_seconds()),
        }
    }
}
