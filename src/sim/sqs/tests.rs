//! SQS scenarios through `World::call`: sending, receiving and deleting,
//! visibility timeouts, delays and retention over simulated time, queue
//! attributes, FIFO queues, and errors with SQS's codes and messages.

use serde_json::{json, Value};

use super::*;
use crate::sim::ctx::Effect;
use crate::sim::time::{DAY, MINUTE, SECOND};
use crate::sim::{Settings, World};

const URL: &str = "https://sqs.us-west-2.amazonaws.com/111122223333/jobs";
const ARN: &str = "arn:aws:sqs:us-west-2:111122223333:jobs";

fn world() -> World {
    World::new(3, Settings::default())
}

fn sqs(w: &mut World, op: &str, params: Value) -> Value {
    w.call("sqs", op, &params)
        .unwrap_or_else(|e| panic!("sqs {op} failed: {e}"))
}

fn err(w: &mut World, op: &str, params: Value) -> (String, String, bool) {
    match w.call("sqs", op, &params) {
        Ok(v) => panic!("sqs {op} unexpectedly succeeded: {v}"),
        Err(e) => (e.code, e.message, e.input),
    }
}

fn create(w: &mut World, attributes: Value) {
    let out = sqs(w, "CreateQueue", json!({"QueueName": "jobs", "Attributes": attributes}));
    assert_eq!(out, json!({"QueueUrl": URL}));
}

fn send(w: &mut World, body: &str) -> Value {
    sqs(w, "SendMessage", json!({"QueueUrl": URL, "MessageBody": body}))
}

fn receive(w: &mut World, extra: Value) -> Vec<Value> {
    let mut params = json!({"QueueUrl": URL, "MaxNumberOfMessages": 10});
    if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    sqs(w, "ReceiveMessage", params)["Messages"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn counts(w: &mut World) -> (String, String, String) {
    let a = sqs(
        w,
        "GetQueueAttributes",
        json!({"QueueUrl": URL, "AttributeNames": [
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed"
        ]}),
    )["Attributes"]
        .clone();
    let s = |k: &str| a[k].as_str().unwrap_or_default().to_owned();
    (
        s("ApproximateNumberOfMessages"),
        s("ApproximateNumberOfMessagesNotVisible"),
        s("ApproximateNumberOfMessagesDelayed"),
    )
}

fn c(v: u32, nv: u32, d: u32) -> (String, String, String) {
    (v.to_string(), nv.to_string(), d.to_string())
}

#[test]
fn send_returns_the_real_md5_and_a_uuid() {
    let mut w = world();
    create(&mut w, json!({}));
    let out = send(&mut w, "hello");
    assert_eq!(out["MD5OfMessageBody"], json!("5d41402abc4b2a76b9719d911017c592"));
    let id = out["MessageId"].as_str().unwrap_or_default();
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "4");
    let keys: Vec<&str> = out
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(keys, ["MD5OfMessageBody", "MessageId"]);
}

#[test]
fn received_messages_stay_hidden_for_the_visibility_timeout() {
    let mut w = world();
    create(&mut w, json!({"VisibilityTimeout": "60"}));
    let sent = send(&mut w, "job 1");
    w.advance_by(5 * SECOND);
    let got = receive(&mut w, json!({"AttributeNames": ["All"]}));
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m["MessageId"], sent["MessageId"]);
    assert_eq!(m["Body"], json!("job 1"));
    assert_eq!(m["MD5OfBody"], sent["MD5OfMessageBody"]);
    assert!(m["ReceiptHandle"].as_str().unwrap_or_default().starts_with("AQEB"));
    let sent_ms = crate::sim::world::DEFAULT_EPOCH.millis();
    assert_eq!(
        m["Attributes"],
        json!({
            "SenderId": "AIDAPLAYGROUNDEXAMPLE",
            "ApproximateFirstReceiveTimestamp": (sent_ms + 5_000).to_string(),
            "ApproximateReceiveCount": "1",
            "SentTimestamp": sent_ms.to_string(),
        })
    );
    assert_eq!(counts(&mut w), c(0, 1, 0));
    assert!(receive(&mut w, json!({})).is_empty());

    w.advance_by(60 * SECOND - 1);
    assert_eq!(counts(&mut w), c(0, 1, 0));
    // The deadline makes it visible without any request touching the queue.
    w.advance_by(1);
    let q = w.services().sqs.queue("jobs").expect("queue");
    assert_eq!((q.visible_count(), q.in_flight_count()), (1, 0));
    assert_eq!(q.messages().next().map(|m| m.state), Some(MessageState::Visible));

    let again = receive(
        &mut w,
        json!({"MessageSystemAttributeNames": ["ApproximateReceiveCount"]}),
    );
    assert_eq!(again[0]["Attributes"], json!({"ApproximateReceiveCount": "2"}));
    assert_ne!(again[0]["ReceiptHandle"], m["ReceiptHandle"]);

    // Only the latest receipt handle deletes; an old one succeeds silently.
    sqs(
        &mut w,
        "DeleteMessage",
        json!({"QueueUrl": URL, "ReceiptHandle": m["ReceiptHandle"]}),
    );
    assert_eq!(counts(&mut w), c(0, 1, 0));
    sqs(
        &mut w,
        "DeleteMessage",
        json!({"QueueUrl": URL, "ReceiptHandle": again[0]["ReceiptHandle"]}),
    );
    assert_eq!(counts(&mut w), c(0, 0, 0));
    // Deleting twice is not an error.
    sqs(
        &mut w,
        "DeleteMessage",
        json!({"QueueUrl": URL, "ReceiptHandle": again[0]["ReceiptHandle"]}),
    );
    w.advance_by(DAY);
    assert!(receive(&mut w, json!({})).is_empty());
}

#[test]
fn change_message_visibility_extends_or_ends_the_timeout() {
    let mut w = world();
    create(&mut w, json!({}));
    send(&mut w, "a");
    let handle = receive(&mut w, json!({"VisibilityTimeout": 10}))[0]["ReceiptHandle"].clone();
    sqs(
        &mut w,
        "ChangeMessageVisibility",
        json!({"QueueUrl": URL, "ReceiptHandle": handle, "VisibilityTimeout": 120}),
    );
    w.advance_by(119 * SECOND);
    assert!(receive(&mut w, json!({})).is_empty());
    w.advance_by(SECOND);
    assert_eq!(receive(&mut w, json!({"VisibilityTimeout": 30})).len(), 1);

    // A timeout set to 0 makes the message visible at once.
    send(&mut w, "b");
    let got = receive(&mut w, json!({}));
    let b = got.iter().find(|m| m["Body"] == json!("b")).expect("b").clone();
    sqs(
        &mut w,
        "ChangeMessageVisibility",
        json!({"QueueUrl": URL, "ReceiptHandle": b["ReceiptHandle"], "VisibilityTimeout": 0}),
    );
    assert_eq!(receive(&mut w, json!({}))[0]["Body"], json!("b"));

    // A message no longer in flight cannot be changed.
    let stale = b["ReceiptHandle"].as_str().unwrap_or_default().to_owned();
    let (code, message, input) = err(
        &mut w,
        "ChangeMessageVisibility",
        json!({"QueueUrl": URL, "ReceiptHandle": stale, "VisibilityTimeout": 5}),
    );
    assert_eq!(code, "InvalidParameterValue");
    assert_eq!(
        message,
        format!(
            "Value {stale} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not \
             available for visibility timeout change."
        )
    );
    assert!(!input);
}

#[test]
fn delayed_messages_appear_after_their_delay() {
    let mut w = world();
    create(&mut w, json!({"DelaySeconds": "30"}));
    send(&mut w, "queue delay");
    sqs(
        &mut w,
        "SendMessage",
        json!({"QueueUrl": URL, "MessageBody": "own delay", "DelaySeconds": 0}),
    );
    assert_eq!(counts(&mut w), c(1, 0, 1));
    w.advance_by(30 * SECOND);
    assert_eq!(counts(&mut w), c(2, 0, 0));
    let bodies: Vec<Value> = receive(&mut w, json!({})).iter().map(|m| m["Body"].clone()).collect();
    assert_eq!(bodies, [json!("queue delay"), json!("own delay")]);
}

#[test]
fn messages_expire_after_the_retention_period() {
    let mut w = world();
    create(&mut w, json!({"MessageRetentionPeriod": "60"}));
    send(&mut w, "old");
    w.advance_by(30 * SECOND);
    send(&mut w, "newer");
    w.advance_by(30 * SECOND);
    // The deadline removed the first message without any request.
    let q = w.services().sqs.queue("jobs").expect("queue");
    assert_eq!(q.messages().map(|m| m.body.as_str()).collect::<Vec<_>>(), ["newer"]);
    w.advance_by(30 * SECOND);
    assert_eq!(w.services().sqs.queue("jobs").map(|q| q.messages().count()), Some(0));
    assert_eq!(counts(&mut w), c(0, 0, 0));

    // Default retention: four days.
    let mut w = world();
    create(&mut w, json!({}));
    send(&mut w, "m");
    w.advance_by(4 * DAY - 1);
    assert_eq!(counts(&mut w), c(1, 0, 0));
    w.advance_by(1);
    assert_eq!(counts(&mut w), c(0, 0, 0));
}

#[test]
fn looking_at_a_queue_does_not_change_visibility() {
    let mut w = world();
    create(&mut w, json!({}));
    send(&mut w, "peek me");
    let peeked: Vec<String> = w
        .services()
        .sqs
        .queue("jobs")
        .map(|q| q.messages().map(|m| m.body.clone()).collect())
        .unwrap_or_default();
    assert_eq!(peeked, ["peek me"]);
    let via_peek = w
        .peek(
            "sqs",
            "GetQueueAttributes",
            &json!({"QueueUrl": URL, "AttributeNames": ["All"]}),
        )
        .expect("peek");
    assert_eq!(via_peek["Attributes"]["ApproximateNumberOfMessages"], json!("1"));
    assert_eq!(receive(&mut w, json!({})).len(), 1);
}

#[test]
fn queue_attributes_are_reported_as_sqs_lists_them() {
    let mut w = world();
    create(&mut w, json!({"VisibilityTimeout": "45", "Policy": "{}"}));
    let created = (crate::sim::world::DEFAULT_EPOCH.millis() / 1000).to_string();
    assert_eq!(
        sqs(
            &mut w,
            "GetQueueAttributes",
            json!({"QueueUrl": URL, "AttributeNames": ["All"]})
        ),
        json!({"Attributes": {
            "QueueArn": ARN,
            "ApproximateNumberOfMessages": "0",
            "ApproximateNumberOfMessagesNotVisible": "0",
            "ApproximateNumberOfMessagesDelayed": "0",
            "CreatedTimestamp": created,
            "LastModifiedTimestamp": created,
            "VisibilityTimeout": "45",
            "MaximumMessageSize": "1048576",
            "MessageRetentionPeriod": "345600",
            "DelaySeconds": "0",
            "ReceiveMessageWaitTimeSeconds": "0",
            "SqsManagedSseEnabled": "true",
            "Policy": "{}",
        }})
    );
    assert_eq!(sqs(&mut w, "GetQueueAttributes", json!({"QueueUrl": URL})), json!({}));
    assert_eq!(
        sqs(
            &mut w,
            "GetQueueAttributes",
            json!({"QueueUrl": URL, "AttributeNames": ["QueueArn"]})
        ),
        json!({"Attributes": {"QueueArn": ARN}})
    );
}

#[test]
fn create_queue_is_idempotent_only_for_the_same_attributes() {
    let mut w = world();
    create(&mut w, json!({"VisibilityTimeout": "60"}));
    create(&mut w, json!({"VisibilityTimeout": "60"}));
    create(&mut w, json!({}));
    assert_eq!(
        err(
            &mut w,
            "CreateQueue",
            json!({"QueueName": "jobs", "Attributes": {"VisibilityTimeout": "30"}})
        ),
        (
            "QueueAlreadyExists".into(),
            "A queue already exists with the same name and a different value for attribute VisibilityTimeout".into(),
            false
        )
    );
    sqs(&mut w, "CreateQueue", json!({"QueueName": "jobs-archive"}));
    sqs(&mut w, "CreateQueue", json!({"QueueName": "other"}));
    assert_eq!(
        sqs(&mut w, "ListQueues", json!({"QueueNamePrefix": "jobs"})),
        json!({"QueueUrls": [URL, "https://sqs.us-west-2.amazonaws.com/111122223333/jobs-archive"]})
    );
    let page = sqs(&mut w, "ListQueues", json!({"MaxResults": 1}));
    assert_eq!(page["QueueUrls"], json!([URL]));
    let token = page["NextToken"].clone();
    assert_eq!(
        sqs(&mut w, "ListQueues", json!({"MaxResults": 2, "NextToken": token}))["QueueUrls"],
        json!([
            "https://sqs.us-west-2.amazonaws.com/111122223333/jobs-archive",
            "https://sqs.us-west-2.amazonaws.com/111122223333/other"
        ])
    );
    assert_eq!(sqs(&mut w, "ListQueues", json!({"QueueNamePrefix": "zzz"})), json!({}));
    assert_eq!(
        sqs(&mut w, "GetQueueUrl", json!({"QueueName": "jobs"})),
        json!({"QueueUrl": URL})
    );

    sqs(&mut w, "DeleteQueue", json!({"QueueUrl": URL}));
    let gone = (
        "AWS.SimpleQueueService.NonExistentQueue".to_owned(),
        "The specified queue does not exist.".to_owned(),
        false,
    );
    assert_eq!(err(&mut w, "GetQueueUrl", json!({"QueueName": "jobs"})), gone);
    assert_eq!(
        err(&mut w, "SendMessage", json!({"QueueUrl": URL, "MessageBody": "x"})),
        gone
    );
    assert_eq!(
        err(&mut w, "CreateQueue", json!({"QueueName": "jobs"})),
        (
            "AWS.SimpleQueueService.QueueDeletedRecently".into(),
            "You must wait 60 seconds after deleting a queue before you can create another with the same name.".into(),
            false
        )
    );
    w.advance_by(MINUTE);
    create(&mut w, json!({}));
}

#[test]
fn purge_deletes_everything_once_a_minute() {
    let mut w = world();
    create(&mut w, json!({}));
    send(&mut w, "a");
    send(&mut w, "b");
    receive(&mut w, json!({"MaxNumberOfMessages": 1}));
    sqs(&mut w, "PurgeQueue", json!({"QueueUrl": URL}));
    assert_eq!(counts(&mut w), c(0, 0, 0));
    assert_eq!(
        err(&mut w, "PurgeQueue", json!({"QueueUrl": URL})),
        (
            "AWS.SimpleQueueService.PurgeQueueInProgress".into(),
            "Only one PurgeQueue operation on jobs is allowed every 60 seconds.".into(),
            false
        )
    );
    w.advance_by(MINUTE);
    sqs(&mut w, "PurgeQueue", json!({"QueueUrl": URL}));
}

#[test]
fn message_attributes_have_sqs_digests_and_are_returned_when_asked_for() {
    let mut w = world();
    create(&mut w, json!({}));
    let out = sqs(
        &mut w,
        "SendMessage",
        json!({"QueueUrl": URL, "MessageBody": "body", "MessageAttributes": {
            "b": {"DataType": "Binary", "BinaryValue": "AQID"},
            "a": {"DataType": "String", "StringValue": "x"},
        }}),
    );
    // The digest of SQS's documented encoding, computed independently.
    let mut bytes = Vec::new();
    for (name, ty, transport, value) in [("a", "String", 1u8, b"x".to_vec()), ("b", "Binary", 2u8, vec![1, 2, 3])] {
        for part in [name.as_bytes(), ty.as_bytes()] {
            bytes.extend_from_slice(&(part.len() as u32).to_be_bytes());
            bytes.extend_from_slice(part);
        }
        bytes.push(transport);
        bytes.extend_from_slice(&(value.len() as u32).to_be_bytes());
        bytes.extend_from_slice(&value);
    }
    use md5::Digest;
    let expected = crate::sim::rng::hex(&md5::Md5::digest(&bytes));
    assert_eq!(out["MD5OfMessageAttributes"], json!(expected));

    let plain = receive(&mut w, json!({"VisibilityTimeout": 0}));
    assert!(plain[0].get("MessageAttributes").is_none());
    let with = receive(
        &mut w,
        json!({"MessageAttributeNames": ["All"], "VisibilityTimeout": 0}),
    );
    assert_eq!(
        with[0]["MessageAttributes"],
        json!({
            "a": {"StringValue": "x", "DataType": "String"},
            "b": {"BinaryValue": "AQID", "DataType": "Binary"},
        })
    );
    assert_eq!(with[0]["MD5OfMessageAttributes"], json!(expected));
    let only_a = receive(&mut w, json!({"MessageAttributeNames": ["a"]}));
    assert_eq!(
        only_a[0]["MessageAttributes"],
        json!({"a": {"StringValue": "x", "DataType": "String"}})
    );
}

#[test]
fn requests_are_refused_with_sqs_codes_and_messages() {
    let mut w = world();
    create(&mut w, json!({}));
    let input = |code: &str, message: &str| (code.to_owned(), message.to_owned(), true);
    assert_eq!(
        err(&mut w, "CreateQueue", json!({"QueueName": "bad name"})),
        input(
            "InvalidParameterValue",
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
        )
    );
    assert_eq!(
        err(
            &mut w,
            "CreateQueue",
            json!({"QueueName": "q", "Attributes": {"VisibilityTimeout": "43201"}})
        ),
        input(
            "InvalidAttributeValue",
            "Invalid value for the parameter VisibilityTimeout."
        )
    );
    assert_eq!(
        err(
            &mut w,
            "CreateQueue",
            json!({"QueueName": "q", "Attributes": {"QueueArn": "x"}})
        ),
        input("InvalidAttributeName", "Unknown Attribute QueueArn.")
    );
    assert_eq!(
        err(
            &mut w,
            "ReceiveMessage",
            json!({"QueueUrl": URL, "MaxNumberOfMessages": 11})
        ),
        input(
            "InvalidParameterValue",
            "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."
        )
    );
    assert_eq!(
        err(&mut w, "ReceiveMessage", json!({"QueueUrl": "jobs"})),
        input("InvalidAddress", "The address jobs is not valid for this endpoint.")
    );
    assert_eq!(
        err(&mut w, "SendMessage", json!({"QueueUrl": URL, "MessageBody": ""})),
        input(
            "MissingParameter",
            "The request must contain the parameter MessageBody."
        )
    );
    assert_eq!(
        err(
            &mut w,
            "SendMessage",
            json!({"QueueUrl": URL, "MessageBody": "bell\u{7}"})
        ),
        input(
            "InvalidMessageContents",
            "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to \
             #xFFFD | #x10000 to #x10FFFF"
        )
    );
    assert_eq!(
        err(
            &mut w,
            "SendMessage",
            json!({"QueueUrl": URL, "MessageBody": "x".repeat(1_048_577)})
        ),
        input(
            "InvalidParameterValue",
            "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes."
        )
    );
    assert_eq!(
        err(
            &mut w,
            "DeleteMessage",
            json!({"QueueUrl": URL, "ReceiptHandle": "nope"})
        ),
        input(
            "ReceiptHandleIsInvalid",
            "The input receipt handle \"nope\" is not a valid receipt handle."
        )
    );
    assert_eq!(
        err(
            &mut w,
            "SendMessage",
            json!({"QueueUrl": URL, "MessageBody": "x", "MessageDeduplicationId": "d"})
        ),
        input(
            "InvalidParameterValue",
            "Value d for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that \
             is not valid for this queue type."
        )
    );
    // A handle of another queue is refused.
    sqs(&mut w, "CreateQueue", json!({"QueueName": "other"}));
    let other = "https://sqs.us-west-2.amazonaws.com/111122223333/other";
    sqs(&mut w, "SendMessage", json!({"QueueUrl": other, "MessageBody": "x"}));
    let handle = sqs(&mut w, "ReceiveMessage", json!({"QueueUrl": other}))["Messages"][0]["ReceiptHandle"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (code, _, _) = err(
        &mut w,
        "DeleteMessage",
        json!({"QueueUrl": URL, "ReceiptHandle": handle}),
    );
    assert_eq!(code, "ReceiptHandleIsInvalid");
}

#[test]
fn fifo_queues_keep_group_order_and_deduplicate() {
    let mut w = world();
    let url = "https://sqs.us-west-2.amazonaws.com/111122223333/orders.fifo";
    sqs(
        &mut w,
        "CreateQueue",
        json!({"QueueName": "orders.fifo", "Attributes": {"FifoQueue": "true", "ContentBasedDeduplication": "true"}}),
    );
    assert_eq!(
        err(&mut w, "SendMessage", json!({"QueueUrl": url, "MessageBody": "x"})),
        (
            "MissingParameter".into(),
            "The request must contain the parameter MessageGroupId.".into(),
            true
        )
    );
    let send = |w: &mut World, body: &str, group: &str| {
        sqs(
            w,
            "SendMessage",
            json!({"QueueUrl": url, "MessageBody": body, "MessageGroupId": group}),
        )
    };
    let first = send(&mut w, "a1", "a");
    assert_eq!(first["SequenceNumber"], json!("18000000000000000001"));
    assert_eq!(send(&mut w, "a1", "a"), first);
    send(&mut w, "a2", "a");
    send(&mut w, "b1", "b");
    let got = sqs(
        &mut w,
        "ReceiveMessage",
        json!({"QueueUrl": url, "MaxNumberOfMessages": 1}),
    );
    assert_eq!(got["Messages"][0]["Body"], json!("a1"));
    // Group a has a message in flight: the next receive skips to group b.
    let next = sqs(
        &mut w,
        "ReceiveMessage",
        json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
    );
    let bodies: Vec<Value> = next["Messages"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| m["Body"].clone())
        .collect();
    assert_eq!(bodies, [json!("b1")]);
    let handle = got["Messages"][0]["ReceiptHandle"].clone();
    sqs(
        &mut w,
        "DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": handle}),
    );
    let last = sqs(
        &mut w,
        "ReceiveMessage",
        json!({"QueueUrl": url, "MessageSystemAttributeNames": ["MessageGroupId", "SequenceNumber"]}),
    );
    assert_eq!(last["Messages"][0]["Body"], json!("a2"));
    assert_eq!(
        last["Messages"][0]["Attributes"],
        json!({"SequenceNumber": "18000000000000000002", "MessageGroupId": "a"})
    );
}

#[test]
fn deliveries_arrive_from_other_services_or_are_dropped() {
    let mut w = world();
    create(&mut w, json!({}));
    w.inject(Effect::SqsSend {
        queue_arn: ARN.into(),
        body: "{\"detail-type\":\"KMS CMK Deletion\"}".into(),
    });
    w.inject(Effect::SqsSend {
        queue_arn: "arn:aws:sqs:us-west-2:111122223333:missing".into(),
        body: "lost".into(),
    });
    let got = receive(&mut w, json!({"MessageSystemAttributeNames": ["SenderId"]}));
    assert_eq!(got[0]["Body"], json!("{\"detail-type\":\"KMS CMK Deletion\"}"));
    assert_eq!(got[0]["Attributes"], json!({"SenderId": SERVICE_SENDER_ID}));
    let dropped: Vec<_> = w.services().sqs.dropped().cloned().collect();
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].target, "arn:aws:sqs:us-west-2:111122223333:missing");
    assert_eq!(dropped[0].payload, "lost");
}

#[test]
fn wait_time_seconds_returns_at_once() {
    let mut w = world();
    create(&mut w, json!({"ReceiveMessageWaitTimeSeconds": "20"}));
    let before = w.now();
    assert_eq!(
        sqs(
            &mut w,
            "ReceiveMessage",
            json!({"QueueUrl": URL, "WaitTimeSeconds": 20})
        ),
        json!({})
    );
    assert_eq!(w.now(), before);
}

fn script(seed: u64) -> Vec<Value> {
    let mut w = World::new(seed, Settings::default());
    create(&mut w, json!({}));
    let sent = send(&mut w, "m");
    let got = receive(&mut w, json!({}));
    vec![sent, got[0].clone()]
}

#[test]
fn the_same_seed_gives_the_same_ids_and_handles() {
    assert_eq!(script(9), script(9));
    assert_ne!(script(9), script(10));
}

#[test]
fn the_deprecated_attribute_names_take_message_system_attributes() {
    // As in the AWS CLI's example: --attribute-names SenderId SentTimestamp.
    let mut w = world();
    create(&mut w, json!({}));
    send(&mut w, "m");
    let got = receive(&mut w, json!({"AttributeNames": ["SenderId", "SentTimestamp"]}));
    assert_eq!(
        got[0]["Attributes"],
        json!({
            "SenderId": USER_SENDER_ID,
            "SentTimestamp": crate::sim::world::DEFAULT_EPOCH.millis().to_string(),
        })
    );
}
