//! Requests refused with SNS's codes and messages.

use serde_json::{json, Value};

use super::*;
use crate::sim::time::SECOND;

#[test]
fn requests_are_refused_with_sns_codes_and_messages() {
    let mut w = world();
    create_topic(&mut w);
    let invalid = |m: &str| pair("InvalidParameter", m);
    assert_eq!(
        input_err(&mut w, "CreateTopic", json!({"Name": "bad name"})),
        invalid("Invalid parameter: Topic Name")
    );
    assert_eq!(
        input_err(&mut w, "CreateTopic", json!({"Name": "orders.fifo"})),
        invalid("Invalid parameter: Topic Name")
    );
    assert_eq!(
        input_err(
            &mut w,
            "CreateTopic",
            json!({"Name": "orders", "Attributes": {"FifoTopic": "true"}})
        ),
        invalid(
            "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, \
             numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
        )
    );
    assert_eq!(
        input_err(
            &mut w,
            "CreateTopic",
            json!({"Name": "x", "Attributes": {"Colour": "red"}})
        ),
        invalid("Invalid parameter: AttributeName")
    );
    assert_eq!(
        input_err(&mut w, "GetTopicAttributes", json!({"TopicArn": "alerts"})),
        invalid("Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1")
    );
    assert_eq!(
        input_err(
            &mut w,
            "GetTopicAttributes",
            json!({"TopicArn": "arn:aws:sns:eu-west-1:111122223333:alerts"})
        ),
        invalid("Invalid parameter: TopicArn")
    );
    let subscribe =
        |protocol: &str, endpoint: &str| json!({"TopicArn": TOPIC, "Protocol": protocol, "Endpoint": endpoint});
    assert_eq!(
        input_err(&mut w, "Subscribe", subscribe("https", "https://example.com/hook")),
        invalid(
            "Invalid parameter: Protocol Reason: the https protocol is not modelled by this playground; use email, \
             email-json, sqs or lambda"
        )
    );
    assert_eq!(
        input_err(&mut w, "Subscribe", subscribe("pigeon", "coop")),
        invalid("Invalid parameter: Amazon SNS does not support this protocol string: pigeon")
    );
    assert_eq!(
        input_err(&mut w, "Subscribe", subscribe("email", "not an address")),
        invalid("Invalid parameter: Email address")
    );
    assert_eq!(
        input_err(&mut w, "Subscribe", subscribe("sqs", "inbox")),
        invalid("Invalid parameter: SQS endpoint ARN")
    );
    assert_eq!(
        input_err(
            &mut w,
            "Subscribe",
            subscribe("lambda", "arn:aws:sqs:us-west-2:111122223333:q")
        ),
        invalid("Invalid parameter: Lambda endpoint ARN")
    );
    assert_eq!(
        err(
            &mut w,
            "sns",
            "Subscribe",
            json!({"TopicArn": "arn:aws:sns:us-west-2:111122223333:nope", "Protocol": "email", "Endpoint": "a@b.co"})
        ),
        pair("NotFound", "Topic does not exist")
    );
    let publish = |extra: Value| {
        let mut p = json!({"TopicArn": TOPIC, "Message": "m"});
        if let (Some(p), Some(extra)) = (p.as_object_mut(), extra.as_object()) {
            p.extend(extra.clone());
        }
        p
    };
    assert_eq!(
        input_err(&mut w, "Publish", json!({"Message": "m"})),
        invalid("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter")
    );
    assert_eq!(
        input_err(&mut w, "Publish", publish(json!({"Subject": "two\nlines"}))),
        invalid("Invalid parameter: Subject")
    );
    assert_eq!(
        input_err(&mut w, "Publish", publish(json!({"Subject": "x".repeat(100)}))),
        invalid("Invalid parameter: Subject")
    );
    assert_eq!(
        input_err(&mut w, "Publish", publish(json!({"Message": ""}))),
        invalid("Invalid parameter: Empty message")
    );
    assert_eq!(
        input_err(&mut w, "Publish", publish(json!({"Message": "x".repeat(262_145)}))),
        invalid("Invalid parameter: Message too long")
    );
    assert!(w
        .call("sns", "Publish", &publish(json!({"Message": "x".repeat(262_144)})))
        .is_ok());
    assert_eq!(
        input_err(
            &mut w,
            "Publish",
            publish(json!({"MessageStructure": "json", "Message": "{\"email\":\"x\"}"}))
        ),
        invalid("Invalid parameter: Message Structure - No default entry in JSON message body")
    );
    assert_eq!(
        input_err(
            &mut w,
            "Publish",
            publish(json!({"MessageStructure": "json", "Message": "{\"default\":1}"}))
        ),
        invalid("Invalid parameter: Message Structure - No default entry in JSON message body")
    );
    assert_eq!(
        input_err(
            &mut w,
            "Publish",
            publish(json!({"MessageStructure": "json", "Message": "[1]"}))
        ),
        invalid("Invalid parameter: Message Structure - JSON message body failed to parse")
    );
    assert_eq!(
        input_err(
            &mut w,
            "Publish",
            publish(json!({"MessageAttributes": {"a b": {"DataType": "String", "StringValue": "v"}}}))
        ),
        pair(
            "ParameterValueInvalid",
            "Invalid non-alphanumeric character '#x20' was found in the message attribute name. Can only include \
             alphanumeric characters, hyphens, underscores, or dots."
        )
    );
    assert_eq!(
        input_err(
            &mut w,
            "Publish",
            publish(json!({"MessageAttributes": {"a": {"DataType": "Text", "StringValue": "v"}}}))
        ),
        pair(
            "ParameterValueInvalid",
            "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is \
             Binary, Number, and String."
        )
    );
    assert_eq!(
        input_err(
            &mut w,
            "Unsubscribe",
            json!({"SubscriptionArn": "pending confirmation"})
        ),
        invalid("Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1")
    );
    assert_eq!(
        input_err(&mut w, "GetSubscriptionAttributes", json!({"SubscriptionArn": TOPIC})),
        invalid("Invalid parameter: SubscriptionId")
    );
    assert_eq!(
        input_err(
            &mut w,
            "Subscribe",
            json!({"TopicArn": TOPIC, "Protocol": "email", "Endpoint": "a@b.co",
            "Attributes": {"FilterPolicy": "{}"}})
        ),
        invalid("Invalid parameter: Attributes Reason: FilterPolicy is not modelled by this playground")
    );
}

#[test]
fn fifo_topics_need_a_group_and_deduplicate_for_five_minutes() {
    let mut w = world();
    let fifo = "arn:aws:sns:us-west-2:111122223333:orders.fifo";
    sns(
        &mut w,
        "CreateTopic",
        json!({"Name": "orders.fifo", "Attributes": {"FifoTopic": "true", "ContentBasedDeduplication": "true"}}),
    );
    assert_eq!(
        input_err(&mut w, "Publish", json!({"TopicArn": fifo, "Message": "m"})),
        pair(
            "InvalidParameter",
            "Invalid parameter: The MessageGroupId parameter is required for FIFO topics"
        )
    );
    let first = sns(
        &mut w,
        "Publish",
        json!({"TopicArn": fifo, "Message": "m", "MessageGroupId": "g"}),
    );
    assert_eq!(first["SequenceNumber"], json!("10000000000000000001"));
    let again = sns(
        &mut w,
        "Publish",
        json!({"TopicArn": fifo, "Message": "m", "MessageGroupId": "g"}),
    );
    assert_eq!(again, first);
    w.advance_by(5 * 60 * SECOND);
    let later = sns(
        &mut w,
        "Publish",
        json!({"TopicArn": fifo, "Message": "m", "MessageGroupId": "g"}),
    );
    assert_ne!(later["MessageId"], first["MessageId"]);
    assert_eq!(later["SequenceNumber"], json!("10000000000000000002"));
    assert_eq!(
        input_err(
            &mut w,
            "Subscribe",
            json!({"TopicArn": TOPIC, "Protocol": "sqs",
            "Endpoint": "arn:aws:sqs:us-west-2:111122223333:q.fifo"})
        ),
        pair(
            "InvalidParameter",
            "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to \
             standard SNS topics"
        )
    );
}
