//! Invoke and invocations by other services: the invocation record and the
//! log lines Lambda writes for it.
//!
//! Each invocation writes, to `/aws/lambda/<name>`, the runtime's
//! `START RequestId: <id> Version: $LATEST`, the event as a handler that
//! logs its input would print it, `END RequestId: <id>` and
//! `REPORT RequestId: <id>\tDuration: …\tBilled Duration: …\tMemory Size: …
//! \tMax Memory Used: …\t` (plus `Init Duration` on a cold start), each line
//! ending in a newline as Lambda's do. An execution environment (and so a
//! log stream `YYYY/MM/DD/[$LATEST]<32 hex>`) is reused while invocations
//! come less than [`WARM_MS`] apart, a defensible stand-in for Lambda's
//! unspecified idle lifetime. Durations are drawn from the world's
//! generator.

use serde_json::{json, Value};

use super::functions::{not_found, parse_name};
use super::{Function, Invocation, InvocationSource, Lambda, INVOCATION_CAP};
use crate::sim::ctx::{Ctx, Effect};
use crate::sim::params::{b64, Params};
use crate::sim::sns::DroppedDelivery;
use crate::sim::time::MINUTE;
use crate::sim::{AwsError, AwsResult};

/// How long an idle execution environment stays warm.
pub const WARM_MS: i64 = 10 * MINUTE;
/// Payload limits: synchronous and asynchronous invocations.
const MAX_SYNC_PAYLOAD: usize = 6_291_456;
const MAX_ASYNC_PAYLOAD: usize = 1_048_576;
/// The most log text `LogType=Tail` returns.
const TAIL_BYTES: usize = 4096;

impl Lambda {
    pub(super) fn invoke(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let given = p.req_str("FunctionName");
        let invocation_type = p.str("InvocationType").unwrap_or("RequestResponse");
        let payload = p.blob("Payload").unwrap_or_default();
        let limit = if invocation_type == "Event" {
            MAX_ASYNC_PAYLOAD
        } else {
            MAX_SYNC_PAYLOAD
        };
        if payload.len() > limit {
            return Err(AwsError::input(
                "RequestTooLargeException",
                format!("Request must be smaller than {limit} bytes for the InvokeFunction operation"),
            ));
        }
        let text = if payload.is_empty() {
            "{}".to_owned()
        } else {
            let text = String::from_utf8_lossy(&payload).into_owned();
            if let Err(e) = serde_json::from_str::<Value>(&text) {
                return Err(AwsError::input(
                    "InvalidRequestContentException",
                    format!("Could not parse request body into json: Could not parse payload into json: {e}"),
                ));
            }
            text
        };
        let (name, q) = parse_name(given, ctx).ok_or_else(|| not_found(ctx, given, None))?;
        let q = q.or(p.str("Qualifier"));
        if !self.functions.contains_key(name) || q.is_some_and(|q| q != "$LATEST") {
            return Err(not_found(ctx, name, q));
        }
        if invocation_type == "DryRun" {
            return Ok(json!({ "StatusCode": 204 }));
        }
        let Some(f) = self.functions.get_mut(name) else {
            return Err(not_found(ctx, name, q));
        };
        let log = run(f, text, InvocationSource::Api, invocation_type, ctx);
        if invocation_type == "Event" {
            return Ok(json!({ "StatusCode": 202 }));
        }
        let mut out = json!({ "StatusCode": 200 });
        if p.str("LogType") == Some("Tail") {
            let start = log.len().saturating_sub(TAIL_BYTES);
            let start = (start..log.len())
                .find(|i| log.is_char_boundary(*i))
                .unwrap_or(log.len());
            out["LogResult"] = json!(b64(&log.as_bytes()[start..]));
        }
        out["Payload"] = json!(b64(b"null"));
        out["ExecutedVersion"] = json!("$LATEST");
        Ok(out)
    }

    /// An asynchronous invocation by another service (SNS, EventBridge, an
    /// alarm). A function that does not exist drops it.
    pub(crate) fn invoke_async(&mut self, function_arn: &str, payload: String, ctx: &mut Ctx) {
        let f = parse_name(function_arn, ctx)
            .filter(|(_, q)| q.is_none_or(|q| q == "$LATEST"))
            .and_then(|(name, _)| self.functions.get_mut(name));
        let Some(f) = f else {
            let reason = format!("Function not found: {function_arn}");
            DroppedDelivery::record(&mut self.dropped, ctx.now, function_arn, &reason, &payload);
            return;
        };
        if payload.len() > MAX_ASYNC_PAYLOAD || serde_json::from_str::<Value>(&payload).is_err() {
            let reason = "The payload is not JSON of at most 1,048,576 bytes.";
            DroppedDelivery::record(&mut self.dropped, ctx.now, function_arn, reason, &payload);
            return;
        }
        let source = infer_source(&payload);
        run(f, payload, source, "Event", ctx);
    }
}

/// Records one invocation and writes its log lines; returns the log text.
fn run(f: &mut Function, payload: String, source: InvocationSource, invocation_type: &str, ctx: &mut Ctx) -> String {
    let request_id = ctx.rng.uuid();
    let cold = f
        .environment_stream
        .as_ref()
        .is_none_or(|(_, last)| ctx.now.since(*last) >= WARM_MS);
    if cold {
        let stream = format!(
            "{}/[$LATEST]{}",
            ctx.now.to_datetime().format("%Y/%m/%d"),
            ctx.rng.hex(32)
        );
        f.environment_stream = Some((stream, ctx.now));
    }
    let stream = match &mut f.environment_stream {
        Some((stream, last)) => {
            *last = ctx.now;
            stream.clone()
        }
        None => String::new(),
    };
    // Plausible figures for a function that does nothing.
    let duration = 1.0 + ctx.rng.below(400) as f64 / 100.0;
    let billed = duration.ceil() as u64;
    let memory_used = 35 + ctx.rng.below(11);
    let init = cold.then(|| 100.0 + ctx.rng.below(15_000) as f64 / 100.0);
    let mut report = format!(
        "REPORT RequestId: {request_id}\tDuration: {duration:.2} ms\tBilled Duration: {billed} ms\tMemory Size: {} \
         MB\tMax Memory Used: {memory_used} MB\t",
        f.memory_mb
    );
    if let Some(init) = init {
        report.push_str(&format!("Init Duration: {init:.2} ms\t"));
    }
    let lines = [
        format!("START RequestId: {request_id} Version: $LATEST\n"),
        format!("{payload}\n"),
        format!("END RequestId: {request_id}\n"),
        format!("{report}\n"),
    ];
    let group = f.log_group();
    for line in &lines {
        ctx.emit(Effect::Log {
            group: group.clone(),
            stream: stream.clone(),
            message: line.clone(),
            timestamp: ctx.now,
        });
    }
    if f.invocations.len() >= INVOCATION_CAP {
        f.invocations.pop_front();
    }
    f.invocations.push_back(Invocation {
        at: ctx.now,
        request_id,
        source,
        invocation_type: invocation_type.to_owned(),
        payload,
        log_stream: stream,
    });
    lines.concat()
}

/// Who sent an asynchronous invocation, read from the payload's shape: the
/// SNS event's `Records[0].EventSource`, an alarm action's `alarmData`, an
/// EventBridge event's `source` and `detail-type`.
fn infer_source(payload: &str) -> InvocationSource {
    let Ok(v) = serde_json::from_str::<Value>(payload) else {
        return InvocationSource::Service;
    };
    let record = &v["Records"][0];
    if record["EventSource"] == "aws:sns" {
        return InvocationSource::Sns {
            topic_arn: record["Sns"]["TopicArn"].as_str().unwrap_or_default().to_owned(),
        };
    }
    if v.get("alarmData").is_some() {
        return InvocationSource::CloudWatchAlarm {
            alarm_arn: v["alarmArn"].as_str().unwrap_or_default().to_owned(),
        };
    }
    if let (Some(source), Some(detail_type)) = (v["source"].as_str(), v["detail-type"].as_str()) {
        return InvocationSource::EventBridge {
            source: source.to_owned(),
            detail_type: detail_type.to_owned(),
        };
    }
    InvocationSource::Service
}
