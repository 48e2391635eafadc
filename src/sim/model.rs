//! AWS's own service models: which operations exist and what their inputs may
//! hold. The data is a committed, trimmed extract of botocore's models
//! (`models/*.json`, made by `tools/extract_models.py`), so parameter
//! validation, the CLI's options and help, and the JS API's checks all come
//! from one source instead of hand-written tables.

mod pattern;
mod validate;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The services the playground models, by the name the request API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceName {
    Kms,
    Cloudwatch,
    Sns,
    Events,
    Logs,
    Cloudtrail,
    Sqs,
    Kinesis,
    Lambda,
}

impl ServiceName {
    pub const ALL: [ServiceName; 9] = [
        ServiceName::Kms,
        ServiceName::Cloudwatch,
        ServiceName::Sns,
        ServiceName::Events,
        ServiceName::Logs,
        ServiceName::Cloudtrail,
        ServiceName::Sqs,
        ServiceName::Kinesis,
        ServiceName::Lambda,
    ];

    pub fn parse(name: &str) -> Option<ServiceName> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The request API's name: `kms`, `cloudwatch`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceName::Kms => "kms",
            ServiceName::Cloudwatch => "cloudwatch",
            ServiceName::Sns => "sns",
            ServiceName::Events => "events",
            ServiceName::Logs => "logs",
            ServiceName::Cloudtrail => "cloudtrail",
            ServiceName::Sqs => "sqs",
            ServiceName::Kinesis => "kinesis",
            ServiceName::Lambda => "lambda",
        }
    }

    /// The endpoint prefix (`monitoring` for CloudWatch), as in ARNs and
    /// CloudTrail's `eventSource`.
    pub fn endpoint_prefix(self) -> &'static str {
        match self {
            ServiceName::Cloudwatch => "monitoring",
            other => other.as_str(),
        }
    }

    /// CloudTrail's `eventSource` for calls to this service.
    pub fn event_source(self) -> String {
        format!("{}.amazonaws.com", self.endpoint_prefix())
    }

    /// The error code the service uses for constraint violations found by
    /// its request validation ("1 validation error detected: ...").
    pub fn validation_error_code(self) -> &'static str {
        match self {
            ServiceName::Cloudwatch | ServiceName::Sns => "ValidationError",
            ServiceName::Logs | ServiceName::Cloudtrail => "InvalidParameterException",
            ServiceName::Sqs => "InvalidParameterValue",
            _ => "ValidationException",
        }
    }

    /// Whether the service speaks AWS's query protocol (its unknown-action
    /// error is `InvalidAction` rather than `UnknownOperationException`).
    pub fn is_query_protocol(self) -> bool {
        matches!(self, ServiceName::Cloudwatch | ServiceName::Sns)
    }

    fn source(self) -> &'static str {
        match self {
            ServiceName::Kms => include_str!("../../models/kms.json"),
            ServiceName::Cloudwatch => include_str!("../../models/cloudwatch.json"),
            ServiceName::Sns => include_str!("../../models/sns.json"),
            ServiceName::Events => include_str!("../../models/events.json"),
            ServiceName::Logs => include_str!("../../models/logs.json"),
            ServiceName::Cloudtrail => include_str!("../../models/cloudtrail.json"),
            ServiceName::Sqs => include_str!("../../models/sqs.json"),
            ServiceName::Kinesis => include_str!("../../models/kinesis.json"),
            ServiceName::Lambda => include_str!("../../models/lambda.json"),
        }
    }

    /// This service's model, parsed on first use.
    pub fn model(self) -> &'static ServiceModel {
        static MODELS: [OnceLock<ServiceModel>; 9] = [const { OnceLock::new() }; 9];
        MODELS[self as usize].get_or_init(|| ServiceModel::parse(self, self.source()))
    }
}

/// One service's operations and shapes.
#[derive(Debug)]
pub struct ServiceModel {
    pub service: ServiceName,
    /// Operations in the model's order.
    pub operations: Vec<Operation>,
    /// Shapes, addressed by position from `by_name` and from the resolved
    /// references inside each shape (validation follows those, so a request
    /// is checked without looking shape names up).
    shapes: Vec<Shape>,
    by_name: HashMap<String, usize>,
}

/// One operation: its input and output shapes and the errors it declares.
#[derive(Debug)]
pub struct Operation {
    pub name: String,
    pub input: Option<String>,
    pub output: Option<String>,
    pub errors: Vec<String>,
}

/// The kind of value a shape describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeKind {
    Structure,
    List,
    Map,
    String,
    Integer,
    Long,
    Double,
    Boolean,
    Timestamp,
    Blob,
}

/// A shape with the constraints AWS validates.
#[derive(Debug)]
pub struct Shape {
    pub kind: ShapeKind,
    /// Structure members in declaration order: (member name, shape name).
    pub members: Vec<(String, String)>,
    pub required: Vec<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub pattern: Option<String>,
    compiled_pattern: Option<CompiledPattern>,
    pub enum_values: Vec<String>,
    /// List element shape, or map key/value shapes.
    pub member: Option<String>,
    pub key: Option<String>,
    pub value: Option<String>,
    /// For error shapes: the wire error code, if it differs from the name.
    pub error_code: Option<String>,
    /// The references above resolved to positions in the model's shapes
    /// (`None` for a name the model lacks): `members`' shapes, `required`'s
    /// positions in `members`, and the list member, map key and map value.
    resolved: Resolved,
}

/// A shape's pattern, ready to match: simple ones directly, the rest with
/// regex-lite.
#[derive(Debug)]
enum CompiledPattern {
    Simple(pattern::Simple),
    Regex(regex_lite::Regex),
}

/// A shape's references resolved to positions (see `Shape::resolved`).
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    pub(crate) members: Vec<Option<usize>>,
    pub(crate) required: Vec<Option<usize>>,
    pub(crate) member: Option<usize>,
    pub(crate) key: Option<usize>,
    pub(crate) value: Option<usize>,
}

impl ServiceModel {
    fn parse(service: ServiceName, source: &str) -> ServiceModel {
        // The models are committed files checked by tests; a parse failure is
        // a build defect, not user input.
        let raw: Value = serde_json::from_str(source).expect("committed service model is valid JSON");
        let operations = raw["operations"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, op)| Operation {
                name: name.clone(),
                input: op["input"].as_str().map(str::to_owned),
                output: op["output"].as_str().map(str::to_owned),
                errors: op["errors"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.as_str().map(str::to_owned))
                    .collect(),
            })
            .collect();
        let mut by_name = HashMap::new();
        let mut shapes: Vec<Shape> = Vec::new();
        for (name, s) in raw["shapes"].as_object().into_iter().flatten() {
            by_name.insert(name.clone(), shapes.len());
            shapes.push(Shape::parse(s));
        }
        let find = |name: Option<&str>| name.and_then(|n| by_name.get(n).copied());
        for shape in &mut shapes {
            shape.resolved = Resolved {
                members: shape.members.iter().map(|(_, s)| find(Some(s))).collect(),
                required: shape
                    .required
                    .iter()
                    .map(|r| shape.members.iter().position(|(m, _)| m == r))
                    .collect(),
                member: find(shape.member.as_deref()),
                key: find(shape.key.as_deref()),
                value: find(shape.value.as_deref()),
            };
        }
        ServiceModel {
            service,
            operations,
            shapes,
            by_name,
        }
    }

    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.iter().find(|op| op.name == name)
    }

    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.by_name.get(name).map(|&i| &self.shapes[i])
    }

    /// The shape at a resolved position.
    pub(crate) fn shape_at(&self, index: usize) -> &Shape {
        &self.shapes[index]
    }

    /// The wire code of an error shape (`LimitExceededFault` → `LimitExceeded`).
    pub fn error_code<'a>(&'a self, shape_name: &'a str) -> &'a str {
        self.shape(shape_name)
            .and_then(|s| s.error_code.as_deref())
            .unwrap_or(shape_name)
    }

    /// Checks `params` against the operation's input shape as the SDK and the
    /// service would: unknown members, JSON types, then AWS's constraints.
    pub fn validate(&self, op: &Operation, params: &Value) -> Result<(), crate::sim::AwsError> {
        validate::validate(self, op, params)
    }
}

impl Shape {
    fn parse(s: &Value) -> Shape {
        let kind = match s["type"].as_str().unwrap_or("structure") {
            "list" => ShapeKind::List,
            "map" => ShapeKind::Map,
            "string" => ShapeKind::String,
            "integer" => ShapeKind::Integer,
            "long" => ShapeKind::Long,
            "double" | "float" => ShapeKind::Double,
            "boolean" => ShapeKind::Boolean,
            "timestamp" => ShapeKind::Timestamp,
            "blob" => ShapeKind::Blob,
            _ => ShapeKind::Structure,
        };
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        };
        let pattern = s["pattern"].as_str().map(str::to_owned);
        Shape {
            kind,
            members: s["members"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(m, r)| (m.clone(), r["shape"].as_str().unwrap_or_default().to_owned()))
                .collect(),
            required: strings(&s["required"]),
            min: s["min"].as_f64(),
            max: s["max"].as_f64(),
            compiled_pattern: pattern.as_deref().and_then(compile_java_pattern),
            pattern,
            enum_values: strings(&s["enum"]),
            member: s["member"].as_str().map(str::to_owned),
            key: s["key"].as_str().map(str::to_owned),
            value: s["value"].as_str().map(str::to_owned),
            error_code: s["error"]["code"].as_str().map(str::to_owned),
            resolved: Resolved::default(),
        }
    }

    pub(crate) fn resolved(&self) -> &Resolved {
        &self.resolved
    }

    /// Whether `text` satisfies the shape's pattern (always true for
    /// patterns the regex engine cannot express, such as Unicode classes or
    /// look-around; those few are not enforced).
    pub fn pattern_matches(&self, text: &str) -> bool {
        match &self.compiled_pattern {
            None => true,
            Some(CompiledPattern::Simple(p)) => p.is_match(text),
            Some(CompiledPattern::Regex(re)) => re.is_match(text),
        }
    }

    pub fn member_shape(&self, member: &str) -> Option<&str> {
        self.members.iter().find(|(m, _)| m == member).map(|(_, s)| s.as_str())
    }
}

/// Java's `Pattern.matches` (whole input): the direct matcher when the
/// pattern is simple, else regex-lite; `None` when regex-lite cannot
/// express it.
fn compile_java_pattern(pattern: &str) -> Option<CompiledPattern> {
    let text = compile_java_pattern_text(pattern)?;
    let regex = regex_lite::Regex::new(&format!("^(?:{text})$")).ok()?;
    Some(match pattern::Simple::compile(&text) {
        Some(simple) => CompiledPattern::Simple(simple),
        None => CompiledPattern::Regex(regex),
    })
}

/// A Java pattern in regex-lite's syntax (`\uXXXX` escapes rewritten).
fn compile_java_pattern_text(pattern: &str) -> Option<String> {
    let mut converted = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'u') {
            chars.next();
            let hex: String = chars.by_ref().take(4).collect();
            converted.push_str(&format!("\\x{{{hex}}}"));
        } else {
            converted.push(c);
            if c == '\\' {
                if let Some(next) = chars.next() {
                    converted.push(next);
                }
            }
        }
    }
    Some(converted)
}

#[cfg(test)]
mod tests;
