//! SendMessage, ReceiveMessage, DeleteMessage and ChangeMessageVisibility:
//! message bodies and attributes with their MD5 digests, receipt handles.

use md5::{Digest, Md5};
use serde_json::{json, Map, Value};

use super::queue::{AttributeValue, Message, MessageAttribute, MessageState, Queue};
use super::{after_push, errors, wake, Sqs, USER_SENDER_ID};
use crate::sim::ctx::Ctx;
use crate::sim::params::{b64, Params};
use crate::sim::rng::hex;
use crate::sim::time::{MINUTE, SECOND};
use crate::sim::{AwsError, AwsResult};

/// The longest a message can stay invisible after its first receipt.
const MAX_VISIBILITY_S: i64 = 43_200;
/// User message attributes per message.
const MAX_ATTRIBUTES: usize = 10;
/// A FIFO queue's deduplication interval.
const DEDUP_WINDOW_MS: i64 = 5 * MINUTE;
/// Random bytes in a receipt handle.
const HANDLE_RANDOM: usize = 100;
/// The first bytes of every receipt handle (so handles start `AQEB`, as
/// SQS's do).
const HANDLE_PREFIX: [u8; 3] = [1, 1, 1];

impl Sqs {
    pub(super) fn send_message(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let body = p.req_str("MessageBody");
        let delay = p.i64("DelaySeconds");
        if let Some(d) = delay.filter(|d| !(0..=900).contains(d)) {
            return Err(errors::invalid_value(
                d,
                "DelaySeconds",
                "DelaySeconds must be >= 0 and <= 900.",
            ));
        }
        let attributes = read_attributes(p)?;
        let group_id = p.str("MessageGroupId");
        let dedup_id = p.str("MessageDeduplicationId");
        let queue = self.resolve(p.req_str("QueueUrl"), ctx)?;
        let attributes_size: usize = attributes.iter().map(attribute_size).sum();
        check_body_size(body, attributes_size, queue.settings.max_message_size)?;
        check_body(body, i64::MAX)?;
        let fifo = queue.settings.fifo;
        if fifo {
            if let Some(d) = delay.filter(|d| *d != 0) {
                return Err(errors::invalid_value(
                    d,
                    "DelaySeconds",
                    "The request include parameter that is not valid for this queue type.",
                ));
            }
            if group_id.is_none() {
                return Err(errors::missing("MessageGroupId"));
            }
            if dedup_id.is_none() && !queue.settings.content_based_deduplication {
                return Err(errors::invalid_parameter(
                    "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId \
                     provided explicitly",
                ));
            }
        } else if let Some(id) = dedup_id {
            return Err(errors::invalid_value(
                id,
                "MessageDeduplicationId",
                "The request includes a parameter that is not valid for this queue type.",
            ));
        }
        queue.settle(ctx.now);
        let mut message = new_message(body.to_owned(), attributes, USER_SENDER_ID, ctx);
        let mut out = json!({ "MD5OfMessageBody": message.md5_of_body() });
        if let Some(md5) = &message.md5_of_attributes {
            out["MD5OfMessageAttributes"] = json!(md5);
        }
        if fifo {
            let dedup = dedup_id
                .map(str::to_owned)
                .unwrap_or_else(|| hex(&sha256(body.as_bytes())));
            let now = ctx.now;
            while queue
                .dedup
                .front()
                .is_some_and(|(at, _, _, _)| now.since(*at) >= DEDUP_WINDOW_MS)
            {
                queue.dedup.pop_front();
            }
            if let Some((_, _, id, seq)) = queue.dedup.iter().find(|(_, d, _, _)| *d == dedup) {
                // Accepted but not enqueued again within five minutes.
                out["MessageId"] = json!(id);
                out["SequenceNumber"] = json!(seq);
                return Ok(out);
            }
            queue.fifo_sequence += 1;
            let seq = 18_000_000_000_000_000_000u64
                .saturating_add(queue.fifo_sequence)
                .to_string();
            queue
                .dedup
                .push_back((now, dedup.clone(), message.message_id.clone(), seq.clone()));
            message.group_id = group_id.map(str::to_owned);
            message.deduplication_id = Some(dedup);
            message.sequence_number = Some(seq);
        }
        out["MessageId"] = json!(message.message_id);
        if let Some(seq) = &message.sequence_number {
            out["SequenceNumber"] = json!(seq);
        }
        let delay = delay.unwrap_or(queue.settings.delay_s);
        queue.push(message, delay, ctx.now);
        after_push(queue, delay, ctx);
        Ok(out)
    }

    pub(super) fn receive_message(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let max = p.i64("MaxNumberOfMessages").unwrap_or(1);
        if !(1..=10).contains(&max) {
            return Err(errors::invalid_value(
                max,
                "MaxNumberOfMessages",
                "Must be between 1 and 10, if provided.",
            ));
        }
        let vt = p.i64("VisibilityTimeout");
        if let Some(v) = vt.filter(|v| !(0..=MAX_VISIBILITY_S).contains(v)) {
            return Err(errors::invalid_value(
                v,
                "VisibilityTimeout",
                "Must be between 0 and 43200, if provided.",
            ));
        }
        if let Some(w) = p.i64("WaitTimeSeconds").filter(|w| !(0..=20).contains(w)) {
            return Err(errors::invalid_value(
                w,
                "WaitTimeSeconds",
                "Must be >= 0 and <= 20, if provided.",
            ));
        }
        let mut system_names = p.str_list("AttributeNames");
        system_names.extend(p.str_list("MessageSystemAttributeNames"));
        let attribute_names = p.str_list("MessageAttributeNames");
        let queue = self.resolve(p.req_str("QueueUrl"), ctx)?;
        queue.settle(ctx.now);
        let vt = vt.unwrap_or(queue.settings.visibility_timeout_s);
        let now = ctx.now;
        let taken = queue.receive(max as usize, vt, now, || ctx.rng.vec(HANDLE_RANDOM));
        if vt > 0 && !taken.is_empty() {
            wake(queue, now.plus(vt * SECOND), ctx);
        }
        let messages: Vec<Value> = taken
            .iter()
            .filter_map(|seq| {
                let m = queue.messages.get(seq)?;
                Some(render(queue, *seq, m, &system_names, &attribute_names))
            })
            .collect();
        if messages.is_empty() {
            return Ok(json!({}));
        }
        Ok(json!({ "Messages": messages }))
    }

    /// Deletes the message a receipt handle names. Only the latest handle of
    /// a message deletes it; an older one, or a message already gone,
    /// succeeds without effect, as SQS documents.
    pub(super) fn delete_message(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let handle = p.req_str("ReceiptHandle");
        let decoded = decode_handle(handle).ok_or_else(|| errors::invalid_receipt_handle(handle))?;
        let queue = self.resolve(p.req_str("QueueUrl"), ctx)?;
        let (seq, random) = check_handle(queue, handle, decoded)?;
        queue.settle(ctx.now);
        if queue
            .messages
            .get(&seq)
            .is_some_and(|m| m.receipt.as_deref() == Some(random.as_slice()))
        {
            queue.remove(seq);
        }
        Ok(json!({}))
    }

    pub(super) fn change_message_visibility(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let handle = p.req_str("ReceiptHandle");
        let vt = p.i64("VisibilityTimeout").unwrap_or_default();
        if !(0..=MAX_VISIBILITY_S).contains(&vt) {
            return Err(errors::invalid_value(
                vt,
                "VisibilityTimeout",
                "Must be between 0 and 43200, if provided.",
            ));
        }
        let decoded = decode_handle(handle).ok_or_else(|| errors::invalid_receipt_handle(handle))?;
        let queue = self.resolve(p.req_str("QueueUrl"), ctx)?;
        let (seq, random) = check_handle(queue, handle, decoded)?;
        queue.settle(ctx.now);
        let Some(m) = queue
            .messages
            .get(&seq)
            .filter(|m| m.state == MessageState::InFlight && m.receipt.as_deref() == Some(random.as_slice()))
        else {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!(
                    "Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not \
                     available for visibility timeout change."
                ),
            ));
        };
        let first = m.first_receive.unwrap_or(ctx.now);
        if ctx.now.plus(vt * SECOND).since(first) > MAX_VISIBILITY_S * SECOND {
            return Err(AwsError::new(
                "InvalidParameterValue",
                format!(
                    "Value {vt} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the \
                     message is beyond the limit [43200 seconds]"
                ),
            ));
        }
        queue.change_visibility(seq, vt, ctx.now);
        if vt > 0 {
            wake(queue, ctx.now.plus(vt * SECOND), ctx);
        }
        Ok(json!({}))
    }
}

/// A new message with a fresh id and its digests.
pub(super) fn new_message(body: String, attributes: Vec<MessageAttribute>, sender: &str, ctx: &mut Ctx) -> Message {
    let md5_of_attributes = (!attributes.is_empty()).then(|| md5_of_attributes(&attributes));
    Message {
        message_id: ctx.rng.uuid(),
        body,
        attributes,
        md5_of_attributes,
        sender_id: sender.to_owned(),
        sent_at: ctx.now,
        visible_at: ctx.now,
        receive_count: 0,
        first_receive: None,
        state: MessageState::Visible,
        group_id: None,
        deduplication_id: None,
        sequence_number: None,
        receipt: None,
    }
}

/// Refuses an empty body, characters SQS does not allow, or a body over
/// `max` bytes.
pub(super) fn check_body(body: &str, max: i64) -> Result<(), AwsError> {
    if body.is_empty() {
        return Err(errors::missing("MessageBody"));
    }
    let allowed = |c: char| matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    // Bodies are mostly ASCII JSON: check bytes, and decode characters only
    // when there is something beyond ASCII.
    let ascii_ok = |b: &u8| *b >= 0x20 || matches!(b, 0x9 | 0xA | 0xD);
    let valid = if body.is_ascii() {
        body.as_bytes().iter().all(ascii_ok)
    } else {
        body.chars().all(allowed)
    };
    if !valid {
        return Err(AwsError::input(
            "InvalidMessageContents",
            "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to \
             #xFFFD | #x10000 to #x10FFFF",
        ));
    }
    check_body_size(body, 0, max)
}

fn check_body_size(body: &str, attributes_size: usize, max: i64) -> Result<(), AwsError> {
    if (body.len() + attributes_size) as i64 > max {
        return Err(errors::invalid_parameter(format!(
            "One or more parameters are invalid. Reason: Message must be shorter than {max} bytes."
        )));
    }
    Ok(())
}

/// One received message as ReceiveMessage returns it, with the system
/// attributes and message attributes the request asked for.
fn render(queue: &Queue, seq: u64, m: &Message, system: &[String], names: &[String]) -> Value {
    let mut out = Map::new();
    out.insert("MessageId".into(), json!(m.message_id));
    let random = m.receipt.clone().unwrap_or_default();
    out.insert("ReceiptHandle".into(), json!(encode_handle(queue.uid, seq, &random)));
    out.insert("MD5OfBody".into(), Value::String(m.md5_of_body()));
    out.insert("Body".into(), json!(m.body));
    let all = system.iter().any(|n| n == "All");
    let wanted = |n: &str| all || system.iter().any(|x| x == n);
    let millis = |t: crate::sim::time::SimTime| t.millis().to_string();
    let mut values: Vec<(&str, String)> = vec![
        ("SenderId", m.sender_id.clone()),
        (
            "ApproximateFirstReceiveTimestamp",
            millis(m.first_receive.unwrap_or(m.sent_at)),
        ),
        ("ApproximateReceiveCount", m.receive_count.to_string()),
        ("SentTimestamp", millis(m.sent_at)),
    ];
    if let Some(seq) = &m.sequence_number {
        values.push(("SequenceNumber", seq.clone()));
    }
    if let Some(d) = &m.deduplication_id {
        values.push(("MessageDeduplicationId", d.clone()));
    }
    if let Some(g) = &m.group_id {
        values.push(("MessageGroupId", g.clone()));
    }
    let attrs: Map<String, Value> = values
        .into_iter()
        .filter(|(k, _)| wanted(k))
        .map(|(k, v)| (k.to_owned(), json!(v)))
        .collect();
    if !attrs.is_empty() {
        out.insert("Attributes".into(), Value::Object(attrs));
    }
    let selected: Vec<MessageAttribute> = m
        .attributes
        .iter()
        .filter(|a| {
            names.iter().any(|n| {
                n == "All" || n == ".*" || *n == a.name || n.strip_suffix(".*").is_some_and(|p| a.name.starts_with(p))
            })
        })
        .cloned()
        .collect();
    if !selected.is_empty() {
        out.insert("MD5OfMessageAttributes".into(), json!(md5_of_attributes(&selected)));
        let mut map = Map::new();
        for a in &selected {
            let v = match &a.value {
                AttributeValue::String(s) => json!({"StringValue": s, "DataType": a.data_type}),
                AttributeValue::Binary(b) => json!({"BinaryValue": b64(b), "DataType": a.data_type}),
            };
            map.insert(a.name.clone(), v);
        }
        out.insert("MessageAttributes".into(), Value::Object(map));
    }
    Value::Object(out)
}

/// SQS's digest of message attributes: for each attribute by name, the
/// length-prefixed (4-byte big-endian) name, data type, a transport byte (1
/// for strings and numbers, 2 for binary) and the length-prefixed value.
pub fn md5_of_attributes(attributes: &[MessageAttribute]) -> String {
    let mut sorted: Vec<&MessageAttribute> = attributes.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    fn put(b: &[u8], out: &mut Vec<u8>) {
        out.extend_from_slice(&(b.len() as u32).to_be_bytes());
        out.extend_from_slice(b);
    }
    let mut bytes = Vec::new();
    for a in sorted {
        put(a.name.as_bytes(), &mut bytes);
        put(a.data_type.as_bytes(), &mut bytes);
        match &a.value {
            AttributeValue::String(s) => {
                bytes.push(1);
                put(s.as_bytes(), &mut bytes);
            }
            AttributeValue::Binary(b) => {
                bytes.push(2);
                put(b, &mut bytes);
            }
        }
    }
    hex(&Md5::digest(&bytes))
}

fn attribute_size(a: &MessageAttribute) -> usize {
    a.name.len()
        + a.data_type.len()
        + match &a.value {
            AttributeValue::String(s) => s.len(),
            AttributeValue::Binary(b) => b.len(),
        }
}

/// SendMessage's `MessageAttributes`, checked with SQS's messages.
fn read_attributes(p: Params) -> Result<Vec<MessageAttribute>, AwsError> {
    let given = p.object("MessageAttributes");
    let count = given.map_or(0, |m| m.len());
    if count > MAX_ATTRIBUTES {
        return Err(errors::invalid_parameter(format!(
            "Number of message attributes [{count}] exceeds the allowed maximum [{MAX_ATTRIBUTES}]."
        )));
    }
    let mut out = Vec::new();
    for (name, value) in given.into_iter().flatten() {
        if let Some(c) = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        {
            return Err(errors::invalid_parameter(format!(
                "Invalid non-alphanumeric character '#x{:X}' was found in the message attribute name. Can only \
                 include alphanumeric characters, hyphens, underscores, or dots.",
                c as u32
            )));
        }
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("aws.") || lower.starts_with("amazon.") {
            return Err(errors::invalid_parameter(
                "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are \
                 reserved for internal use by Amazon SQS.",
            ));
        }
        if name.starts_with('.') || name.ends_with('.') || name.contains("..") || name.len() > 256 {
            return Err(errors::invalid_parameter(format!(
                "Message attribute name '{name}' is invalid."
            )));
        }
        let v = Params::new(value);
        let data_type = v.req_str("DataType");
        let base = data_type.split('.').next().unwrap_or_default();
        let attribute_value = match base {
            "String" | "Number" => v
                .str("StringValue")
                .filter(|s| !s.is_empty())
                .map(|s| AttributeValue::String(s.to_owned())),
            "Binary" => v
                .blob("BinaryValue")
                .filter(|b| !b.is_empty())
                .map(AttributeValue::Binary),
            _ => {
                return Err(errors::invalid_parameter(format!(
                    "The type of message (user) attribute '{name}' is invalid. You must use only the following \
                     supported type prefixes: Binary, Number, String."
                )))
            }
        };
        let Some(attribute_value) = attribute_value else {
            return Err(errors::invalid_parameter(format!(
                "The message (user) attribute '{name}' must contain a non-empty value of message attribute type \
                 '{data_type}'."
            )));
        };
        if let (AttributeValue::String(s), "Number") = (&attribute_value, base) {
            if s.trim().parse::<f64>().is_err() {
                return Err(errors::invalid_parameter(format!(
                    "Can't cast the value of message (user) attribute '{name}' to a number."
                )));
            }
        }
        out.push(MessageAttribute {
            name: name.clone(),
            data_type: data_type.to_owned(),
            value: attribute_value,
        });
    }
    Ok(out)
}

/// `base64(01 01 01 ‖ queue uid ‖ message seq ‖ random)`.
fn encode_handle(uid: u64, seq: u64, random: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(19 + random.len());
    bytes.extend_from_slice(&HANDLE_PREFIX);
    bytes.extend_from_slice(&uid.to_be_bytes());
    bytes.extend_from_slice(&seq.to_be_bytes());
    bytes.extend_from_slice(random);
    b64(&bytes)
}

/// `(queue uid, message seq, random part)` of a receipt handle.
fn decode_handle(handle: &str) -> Option<(u64, u64, Vec<u8>)> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(handle).ok()?;
    if bytes.len() != 19 + HANDLE_RANDOM || bytes[..3] != HANDLE_PREFIX {
        return None;
    }
    let uid = u64::from_be_bytes(bytes[3..11].try_into().ok()?);
    let seq = u64::from_be_bytes(bytes[11..19].try_into().ok()?);
    Some((uid, seq, bytes[19..].to_vec()))
}

/// Refuses a handle SQS issued for another queue.
fn check_handle(queue: &Queue, handle: &str, decoded: (u64, u64, Vec<u8>)) -> Result<(u64, Vec<u8>), AwsError> {
    let (uid, seq, random) = decoded;
    if uid != queue.uid {
        return Err(errors::invalid_receipt_handle(handle));
    }
    Ok((seq, random))
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    sha2::Sha256::digest(bytes).to_vec()
}
