//! CreateTopic idempotency, topic attributes, listing, deletion and FIFO topics.

use serde_json::{json, Value};

use super::*;

#[test]
fn topics_are_idempotent_and_report_their_attributes() {
    let mut w = world();
    sns(
        &mut w,
        "CreateTopic",
        json!({"Name": "alerts", "Attributes": {"DisplayName": "Ops"}, "Tags": [{"Key": "team", "Value": "sec"}]}),
    );
    assert_eq!(
        sns(&mut w, "CreateTopic", json!({"Name": "alerts"})),
        json!({"TopicArn": TOPIC})
    );
    assert_eq!(
        err(
            &mut w,
            "sns",
            "CreateTopic",
            json!({"Name": "alerts", "Attributes": {"DisplayName": "Other"}})
        ),
        pair(
            "InvalidParameter",
            "Invalid parameter: Attributes Reason: Topic already exists with different attributes"
        )
    );
    assert_eq!(
        err(
            &mut w,
            "sns",
            "CreateTopic",
            json!({"Name": "alerts", "Tags": [{"Key": "team", "Value": "x"}]})
        ),
        pair(
            "InvalidParameter",
            "Invalid parameter: Tags Reason: Topic already exists with different tags"
        )
    );
    let attrs = sns(&mut w, "GetTopicAttributes", json!({"TopicArn": TOPIC}))["Attributes"].clone();
    let keys: Vec<&str> = attrs
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "SubscriptionsConfirmed",
            "DisplayName",
            "SubscriptionsDeleted",
            "EffectiveDeliveryPolicy",
            "Owner",
            "Policy",
            "TopicArn",
            "SubscriptionsPending"
        ]
    );
    assert_eq!(attrs["DisplayName"], json!("Ops"));
    assert_eq!(attrs["Owner"], json!("111122223333"));
    let policy: Value = serde_json::from_str(attrs["Policy"].as_str().unwrap_or_default()).expect("JSON");
    assert_eq!(policy["Statement"][0]["Resource"], json!(TOPIC));
    assert_eq!(
        policy["Statement"][0]["Condition"],
        json!({"StringEquals": {"AWS:SourceOwner": "111122223333"}})
    );

    // The display name is the sender's name.
    subscribe_email(&mut w, "ops@example.com");
    assert_eq!(mailbox(&w)[0].from, "Ops <no-reply@sns.amazonaws.com>");

    sns(
        &mut w,
        "CreateTopic",
        json!({"Name": "orders.fifo", "Attributes": {"FifoTopic": "true"}}),
    );
    let fifo = sns(
        &mut w,
        "GetTopicAttributes",
        json!({"TopicArn": "arn:aws:sns:us-west-2:111122223333:orders.fifo"}),
    )["Attributes"]
        .clone();
    assert_eq!(fifo["FifoTopic"], json!("true"));
    assert_eq!(fifo["ContentBasedDeduplication"], json!("false"));
    assert_eq!(
        sns(&mut w, "ListTopics", json!({})),
        json!({"Topics": [{"TopicArn": TOPIC}, {"TopicArn": "arn:aws:sns:us-west-2:111122223333:orders.fifo"}]})
    );
    sns(&mut w, "DeleteTopic", json!({"TopicArn": TOPIC}));
    // Deleting again is not an error.
    sns(&mut w, "DeleteTopic", json!({"TopicArn": TOPIC}));
    assert_eq!(
        err(&mut w, "sns", "GetTopicAttributes", json!({"TopicArn": TOPIC})),
        pair("NotFound", "Topic does not exist")
    );
    assert!(w.services().sns.subscriptions().is_empty());
}

#[test]
fn list_topics_pages_by_one_hundred() {
    let mut w = world();
    for i in 0..101 {
        sns(&mut w, "CreateTopic", json!({"Name": format!("t{i:03}")}));
    }
    let first = sns(&mut w, "ListTopics", json!({}));
    assert_eq!(first["Topics"].as_array().map(Vec::len), Some(100));
    let token = first["NextToken"].as_str().expect("a token").to_owned();
    let second = sns(&mut w, "ListTopics", json!({"NextToken": token}));
    assert_eq!(
        second,
        json!({"Topics": [{"TopicArn": "arn:aws:sns:us-west-2:111122223333:t100"}]})
    );
    assert_eq!(
        input_err(&mut w, "ListTopics", json!({"NextToken": "???"})),
        pair("InvalidParameter", "Invalid parameter: NextToken")
    );
}
