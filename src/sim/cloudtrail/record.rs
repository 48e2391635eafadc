//! One CloudTrail record. Requests are kept as given and rendered to
//! CloudTrail's JSON only when someone reads them (event history, log
//! delivery, EventBridge), which keeps the request path cheap.

use std::sync::Arc;

use serde_json::{json, Map, Value};

use crate::sim::ctx::Ctx;
use crate::sim::model::{ServiceModel, ServiceName, ShapeKind};
use crate::sim::params::parse_time;
use crate::sim::time::SimTime;
use crate::sim::world::Settings;
use crate::sim::AwsResult;

/// The identity the playground's requests are made as: the IAM user of
/// AWS's KMS CloudTrail examples.
pub const USER_NAME: &str = "Alice";
/// That user's principal id (IAM user ids start with `AIDA`).
pub const PRINCIPAL_ID: &str = "AIDAPLAYGROUNDEXAMPLE";
/// That user's access key id (long-term keys start with `AKIA`).
pub const ACCESS_KEY_ID: &str = "AKIAPLAYGROUNDEXAMPLE";
/// The caller's address in API-call records (AWS's documentation address).
pub const SOURCE_IP: &str = "192.0.2.0";
/// The user agent AWS's KMS examples show for API calls, and the value AWS
/// writes for actions it takes itself.
pub const AWS_INTERNAL: &str = "AWS Internal";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventType {
    /// A request made through the API.
    AwsApiCall,
    /// An action a service took by itself (rotation, expiry, deletion).
    AwsServiceEvent,
}

/// A CloudTrail record.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub event_time: SimTime,
    pub service: ServiceName,
    pub event_name: String,
    pub event_type: EventType,
    pub read_only: bool,
    /// The request as sent (API calls) — rendered with the input shape;
    /// shared with the journal entry of the call.
    pub request: Option<Arc<Value>>,
    /// The response as returned, kept for write calls only.
    pub response: Option<Value>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    /// `(type, ARN)` of the resources the event concerns.
    pub resources: Vec<(String, String)>,
    pub service_event_details: Option<Value>,
    /// `responseElements` of a service event, written as given (RotateKey
    /// records since December 2022 carry `{"keyId": <key ARN>}`).
    pub service_response: Option<Value>,
    /// Extra request parameters the service records though they were not
    /// sent (KMS records `encryptionAlgorithm` for Decrypt).
    pub extra_request_parameters: Vec<(String, Value)>,
    pub event_id: String,
    pub request_id: String,
}

impl Record {
    /// The record of an API call, or `None` for data events, which trails
    /// do not log by default (SQS messages, Kinesis records, Lambda Invoke,
    /// log events, metric data, SNS Publish, EventBridge PutEvents).
    pub fn api_call(service: ServiceName, op: &str, params: &Value, result: &AwsResult) -> Option<Record> {
        Self::api_call_shared(service, op, Arc::new(params.clone()), result)
    }

    /// [`Record::api_call`] with the parameters the journal already holds.
    pub fn api_call_shared(service: ServiceName, op: &str, params: Arc<Value>, result: &AwsResult) -> Option<Record> {
        if is_data_event(service, op) {
            return None;
        }
        let read_only = is_read_only(service, op);
        let (response, error_code, error_message) = match result {
            Ok(v) if !read_only => (Some(v.clone()), None, None),
            Ok(_) => (None, None, None),
            Err(e) => (None, Some(e.code.clone()), Some(e.message.clone())),
        };
        Some(Record {
            event_time: SimTime::default(),
            service,
            event_name: op.to_owned(),
            event_type: EventType::AwsApiCall,
            read_only,
            request: Some(params),
            response,
            error_code,
            error_message,
            resources: Vec::new(),
            service_event_details: None,
            service_response: None,
            extra_request_parameters: Vec::new(),
            event_id: String::new(),
            request_id: String::new(),
        })
    }

    /// The record of an action a service took by itself.
    pub fn service_event(service: ServiceName, name: &str, resources: Vec<(String, String)>, details: Value) -> Record {
        Record {
            event_time: SimTime::default(),
            service,
            event_name: name.to_owned(),
            event_type: EventType::AwsServiceEvent,
            read_only: false,
            request: None,
            response: None,
            error_code: None,
            error_message: None,
            resources,
            service_event_details: Some(details),
            service_response: None,
            extra_request_parameters: Vec::new(),
            event_id: String::new(),
            request_id: String::new(),
        }
    }

    /// The same service event with `responseElements` (null otherwise).
    pub fn with_response_elements(mut self, response: Value) -> Record {
        self.service_response = Some(response);
        self
    }

    pub fn is_api_call(&self) -> bool {
        self.event_type == EventType::AwsApiCall
    }

    /// The user name event history shows (API calls only).
    pub fn username(&self) -> Option<&'static str> {
        self.is_api_call().then_some(USER_NAME)
    }

    /// The access key event history shows (API calls only).
    pub fn access_key_id(&self) -> Option<&'static str> {
        self.is_api_call().then_some(ACCESS_KEY_ID)
    }

    /// Sets the record's time and draws its ids.
    pub(crate) fn stamp(&mut self, ctx: &mut Ctx) {
        self.event_time = ctx.now;
        self.event_id = ctx.rng.uuid();
        if self.event_type == EventType::AwsApiCall {
            self.request_id = ctx.rng.uuid();
        }
    }

    /// The record as CloudTrail writes it.
    pub fn to_json(&self, settings: &Settings) -> Value {
        let account = &settings.account_id;
        let mut out = Map::new();
        out.insert("eventVersion".into(), json!("1.08"));
        let api_call = self.event_type == EventType::AwsApiCall;
        if api_call {
            out.insert(
                "userIdentity".into(),
                json!({
                    "type": "IAMUser",
                    "principalId": PRINCIPAL_ID,
                    "arn": format!("arn:aws:iam::{account}:user/{USER_NAME}"),
                    "accountId": account,
                    "accessKeyId": ACCESS_KEY_ID,
                    "userName": USER_NAME,
                }),
            );
        } else {
            out.insert(
                "userIdentity".into(),
                json!({"accountId": account, "invokedBy": AWS_INTERNAL}),
            );
        }
        out.insert("eventTime".into(), json!(self.event_time.iso_seconds()));
        out.insert("eventSource".into(), json!(self.service.event_source()));
        out.insert("eventName".into(), json!(self.event_name));
        out.insert("awsRegion".into(), json!(settings.region));
        // AWS's KMS examples show `userAgent: "AWS Internal"` for API calls
        // too (calls made in the console); the playground's calls are
        // recorded the same way.
        out.insert(
            "sourceIPAddress".into(),
            json!(if api_call { SOURCE_IP } else { AWS_INTERNAL }),
        );
        out.insert("userAgent".into(), json!(AWS_INTERNAL));
        if let Some(code) = &self.error_code {
            out.insert("errorCode".into(), json!(code));
            out.insert(
                "errorMessage".into(),
                json!(self.error_message.clone().unwrap_or_default()),
            );
        }
        let model = self.service.model();
        let op = model.operation(&self.event_name);
        let request = match (&self.request, op.and_then(|o| o.input.as_deref())) {
            (Some(req), Some(shape)) => {
                let mut rendered = render(model, shape, req);
                if let Value::Object(map) = &mut rendered {
                    for (k, v) in &self.extra_request_parameters {
                        map.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
                rendered
            }
            _ => Value::Null,
        };
        out.insert("requestParameters".into(), request);
        let response = match (&self.response, op.and_then(|o| o.output.as_deref())) {
            (Some(resp), Some(shape)) => render(model, shape, resp),
            _ => self.service_response.clone().unwrap_or(Value::Null),
        };
        out.insert("responseElements".into(), response);
        if api_call {
            out.insert("requestID".into(), json!(self.request_id));
        }
        out.insert("eventID".into(), json!(self.event_id));
        out.insert("readOnly".into(), json!(self.read_only));
        if !self.resources.is_empty() {
            let resources: Vec<Value> = self
                .resources
                .iter()
                .map(|(kind, arn)| json!({"accountId": account, "type": kind, "ARN": arn}))
                .collect();
            out.insert("resources".into(), Value::Array(resources));
        }
        out.insert(
            "eventType".into(),
            json!(if api_call { "AwsApiCall" } else { "AwsServiceEvent" }),
        );
        out.insert("managementEvent".into(), json!(true));
        out.insert("recipientAccountId".into(), json!(account));
        if let Some(details) = &self.service_event_details {
            out.insert("serviceEventDetails".into(), details.clone());
        }
        out.insert("eventCategory".into(), json!("Management"));
        Value::Object(out)
    }
}

/// Renders a request or response as CloudTrail does: structure members in
/// lower camel case, map keys as given, blobs left out (CloudTrail never
/// logs plaintext or ciphertext), timestamps in KMS's human-readable form.
fn render(model: &ServiceModel, shape_name: &str, value: &Value) -> Value {
    let Some(shape) = model.shape(shape_name) else {
        return value.clone();
    };
    match (shape.kind, value) {
        (ShapeKind::Structure, Value::Object(map)) => {
            let mut out = Map::new();
            for (member, member_shape) in &shape.members {
                let Some(v) = map.get(member).filter(|v| !v.is_null()) else {
                    continue;
                };
                if model.shape(member_shape).is_some_and(|s| s.kind == ShapeKind::Blob) {
                    continue;
                }
                out.insert(lower_camel(member), render(model, member_shape, v));
            }
            Value::Object(out)
        }
        (ShapeKind::List, Value::Array(items)) => {
            let member = shape.member.as_deref().unwrap_or_default();
            Value::Array(items.iter().map(|v| render(model, member, v)).collect())
        }
        (ShapeKind::Map, Value::Object(map)) => {
            let value_shape = shape.value.as_deref().unwrap_or_default();
            Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), render(model, value_shape, v)))
                    .collect(),
            )
        }
        (ShapeKind::Timestamp, v) => parse_time(v)
            .map(|t| json!(t.cloudtrail_human()))
            .unwrap_or(Value::Null),
        (_, v) => v.clone(),
    }
}

pub fn lower_camel(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn is_data_event(service: ServiceName, op: &str) -> bool {
    match service {
        ServiceName::Sqs => matches!(
            op,
            "SendMessage" | "ReceiveMessage" | "DeleteMessage" | "ChangeMessageVisibility"
        ),
        ServiceName::Kinesis => matches!(op, "PutRecord" | "GetRecords" | "GetShardIterator"),
        ServiceName::Lambda => op == "Invoke",
        ServiceName::Logs => matches!(op, "PutLogEvents" | "GetLogEvents" | "FilterLogEvents"),
        ServiceName::Cloudwatch => matches!(op, "PutMetricData" | "GetMetricData" | "GetMetricStatistics"),
        ServiceName::Sns => op == "Publish",
        ServiceName::Events => op == "PutEvents",
        _ => false,
    }
}

/// Whether CloudTrail marks the call `readOnly` (KMS's cryptographic
/// operations read the key without changing it). `World::peek` allows
/// exactly these (Logs' `FilterLogEvents` included, so views can search a
/// log group).
pub fn is_read_only(service: ServiceName, op: &str) -> bool {
    const PREFIXES: [&str; 6] = ["Describe", "List", "Get", "Lookup", "Test", "Filter"];
    PREFIXES.iter().any(|p| op.starts_with(p))
        || (service == ServiceName::Kms
            && matches!(
                op,
                "Encrypt"
                    | "Decrypt"
                    | "ReEncrypt"
                    | "GenerateDataKey"
                    | "GenerateDataKeyWithoutPlaintext"
                    | "GenerateRandom"
                    | "Sign"
                    | "Verify"
                    | "GenerateMac"
                    | "VerifyMac"
            ))
}
