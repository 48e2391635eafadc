//! CreateFunction, DeleteFunction, GetFunction and ListFunctions, and the
//! FunctionConfiguration document they return.

use std::collections::VecDeque;

use serde_json::{json, Map, Value};

use super::{Function, Lambda};
use crate::sim::ctx::Ctx;
use crate::sim::params::{b64, Params};
use crate::sim::{AwsError, AwsResult};

/// Page size of ListFunctions without `MaxItems`.
const DEFAULT_PAGE: usize = 50;
/// The longest function name (the rest of `FunctionName`'s 140 characters
/// is for an ARN's prefix).
const MAX_NAME: usize = 64;

/// A function name and qualifier from any form `FunctionName` accepts:
/// `name`, `name:qualifier`, `<account>:function:name[:qualifier]`, or a
/// full ARN. `None` when it names another account or Region.
pub(super) fn parse_name<'a>(given: &'a str, ctx: &Ctx) -> Option<(&'a str, Option<&'a str>)> {
    let parts: Vec<&str> = given.split(':').collect();
    // `function` marks the name in ARN forms; a function may itself be
    // called `function`, so the marker never stands first.
    match parts.iter().skip(1).position(|p| *p == "function").map(|i| i + 1) {
        Some(i) => {
            let prefix = &parts[..i];
            let account = prefix.last().copied();
            if account.is_some_and(|a| a != ctx.account()) {
                return None;
            }
            if prefix.len() >= 4 && prefix[prefix.len() - 2] != ctx.region() {
                return None;
            }
            let name = parts.get(i + 1).copied().filter(|n| !n.is_empty())?;
            Some((name, parts.get(i + 2).copied()))
        }
        None => match parts.as_slice() {
            [name] => Some((name, None)),
            [name, qualifier] => Some((name, Some(*qualifier))),
            _ => None,
        },
    }
}

/// `ResourceNotFoundException: Function not found: <arn>`.
pub(super) fn not_found(ctx: &Ctx, name: &str, qualifier: Option<&str>) -> AwsError {
    let arn = ctx.arn("lambda", &format!("function:{name}"));
    let arn = match qualifier {
        Some(q) => format!("{arn}:{q}"),
        None => arn,
    };
    AwsError::new("ResourceNotFoundException", format!("Function not found: {arn}"))
}

impl Lambda {
    pub(super) fn create_function(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let given = p.req_str("FunctionName");
        let Some((name, qualifier)) = parse_name(given, ctx) else {
            return Err(AwsError::input(
                "InvalidParameterValueException",
                "The function name must be in this account and Region.",
            ));
        };
        if qualifier.is_some() || name.len() > MAX_NAME {
            return Err(AwsError::input(
                "ValidationException",
                format!(
                    "1 validation error detected: Value '{given}' at 'functionName' failed to satisfy constraint: \
                     Member must have length less than or equal to {MAX_NAME}"
                ),
            ));
        }
        let code = p.child("Code");
        let zip = code.blob("ZipFile").unwrap_or_default();
        if self.functions.contains_key(name) {
            return Err(AwsError::new(
                "ResourceConflictException",
                format!("Function already exist: {name}"),
            ));
        }
        let arn = ctx.arn("lambda", &format!("function:{name}"));
        ctx.audit_resource("AWS::Lambda::Function", &arn);
        let function = Function {
            name: name.to_owned(),
            arn,
            created: ctx.now,
            runtime: p.str("Runtime").map(str::to_owned),
            role: p.str("Role").map(str::to_owned),
            handler: p.str("Handler").map(str::to_owned),
            description: p.str("Description").unwrap_or_default().to_owned(),
            timeout_s: p.i64("Timeout").unwrap_or(3),
            memory_mb: p.i64("MemorySize").unwrap_or(128),
            code_size: zip.len() as u64,
            code_sha256: b64(&sha256(&zip)),
            environment: p.child("Environment").str_map("Variables"),
            tags: p.str_map("Tags"),
            revision_id: ctx.rng.uuid(),
            package_id: ctx.rng.uuid(),
            invocations: VecDeque::new(),
            environment_stream: None,
        };
        let out = configuration(&function);
        self.functions.insert(name.to_owned(), function);
        Ok(out)
    }

    pub(super) fn delete_function(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let given = p.req_str("FunctionName");
        let qualifier = p.str("Qualifier");
        let (name, q) = parse_name(given, ctx).ok_or_else(|| not_found(ctx, given, None))?;
        if let Some(q) = q.or(qualifier) {
            // Only the unpublished version exists; deleting `$LATEST` by
            // qualifier is refused as Lambda refuses it.
            if q == "$LATEST" {
                return Err(AwsError::input(
                    "InvalidParameterValueException",
                    "$LATEST version cannot be deleted without deleting the function.",
                ));
            }
            return Err(not_found(ctx, name, Some(q)));
        }
        let Some(f) = self.functions.remove(name) else {
            return Err(not_found(ctx, name, None));
        };
        ctx.audit_resource("AWS::Lambda::Function", &f.arn);
        Ok(json!({ "StatusCode": 204 }))
    }

    pub(super) fn get_function(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let given = p.req_str("FunctionName");
        let (name, q) = parse_name(given, ctx).ok_or_else(|| not_found(ctx, given, None))?;
        let q = q.or(p.str("Qualifier"));
        let f = self
            .functions
            .get(name)
            .filter(|_| q.is_none_or(|q| q == "$LATEST"))
            .ok_or_else(|| not_found(ctx, name, q))?;
        let region = ctx.region();
        let mut out = json!({
            "Configuration": configuration(f),
            "Code": {
                "RepositoryType": "S3",
                "Location": format!(
                    "https://awslambda-{region}-tasks.s3.{region}.amazonaws.com/snapshots/{}/{}-{}",
                    ctx.account(),
                    f.name,
                    f.package_id
                ),
            },
        });
        if !f.tags.is_empty() {
            out["Tags"] = json!(f.tags);
        }
        Ok(out)
    }

    pub(super) fn list_functions(&mut self, p: Params, _ctx: &mut Ctx) -> AwsResult {
        let max = p.i64("MaxItems").map_or(DEFAULT_PAGE, |m| m.max(1) as usize);
        let start = match p.str("Marker") {
            None => String::new(),
            Some(m) => decode_marker(m)
                .ok_or_else(|| AwsError::input("InvalidParameterValueException", "Invalid Marker value."))?,
        };
        let mut functions = Vec::new();
        let mut next = None;
        for (name, f) in self.functions.range(start..) {
            if functions.len() == max {
                next = Some(b64(name.as_bytes()));
                break;
            }
            functions.push(configuration(f));
        }
        let mut out = Map::new();
        if let Some(marker) = next {
            out.insert("NextMarker".into(), json!(marker));
        }
        out.insert("Functions".into(), Value::Array(functions));
        Ok(Value::Object(out))
    }
}

/// A function's FunctionConfiguration, in the model's member order.
pub(super) fn configuration(f: &Function) -> Value {
    let mut out = Map::new();
    out.insert("FunctionName".into(), json!(f.name));
    out.insert("FunctionArn".into(), json!(f.arn));
    if let Some(r) = &f.runtime {
        out.insert("Runtime".into(), json!(r));
    }
    if let Some(r) = &f.role {
        out.insert("Role".into(), json!(r));
    }
    if let Some(h) = &f.handler {
        out.insert("Handler".into(), json!(h));
    }
    out.insert("CodeSize".into(), json!(f.code_size));
    out.insert("Description".into(), json!(f.description));
    out.insert("Timeout".into(), json!(f.timeout_s));
    out.insert("MemorySize".into(), json!(f.memory_mb));
    out.insert("LastModified".into(), json!(f.created.iso_plus0000()));
    out.insert("CodeSha256".into(), json!(f.code_sha256));
    out.insert("Version".into(), json!("$LATEST"));
    if !f.environment.is_empty() {
        out.insert("Environment".into(), json!({ "Variables": f.environment }));
    }
    out.insert("TracingConfig".into(), json!({"Mode": "PassThrough"}));
    out.insert("RevisionId".into(), json!(f.revision_id));
    out.insert("State".into(), json!("Active"));
    out.insert("LastUpdateStatus".into(), json!("Successful"));
    out.insert("PackageType".into(), json!("Zip"));
    out.insert("Architectures".into(), json!(["x86_64"]));
    out.insert("EphemeralStorage".into(), json!({"Size": 512}));
    out.insert(
        "SnapStart".into(),
        json!({"ApplyOn": "None", "OptimizationStatus": "Off"}),
    );
    out.insert(
        "LoggingConfig".into(),
        json!({"LogFormat": "Text", "LogGroup": f.log_group()}),
    );
    Value::Object(out)
}

fn decode_marker(marker: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(marker).ok()?;
    String::from_utf8(bytes).ok()
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}
