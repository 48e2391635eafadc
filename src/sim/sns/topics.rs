//! CreateTopic, DeleteTopic, ListTopics and GetTopicAttributes.

use std::collections::{BTreeMap, VecDeque};

use serde_json::{json, Map, Value};

use super::arn::{check_topic_arn, invalid, not_found, topic_name_ok};
use super::{Sns, SubscriptionStatus, Topic};
use crate::sim::ctx::Ctx;
use crate::sim::params::{b64, Params};
use crate::sim::{AwsError, AwsResult};

/// Topic attributes CreateTopic accepts.
const TOPIC_ATTRIBUTES: [&str; 10] = [
    "DeliveryPolicy",
    "DisplayName",
    "FifoTopic",
    "Policy",
    "SignatureVersion",
    "TracingConfig",
    "KmsMasterKeyId",
    "ContentBasedDeduplication",
    "ArchivePolicy",
    "FifoThroughputScope",
];
/// Account quotas: standard and FIFO topics.
const STANDARD_TOPIC_LIMIT: usize = 100_000;
const FIFO_TOPIC_LIMIT: usize = 1_000;
/// Tags per topic.
const TAG_LIMIT: usize = 50;
/// Entries per page of ListTopics / ListSubscriptions*.
pub(super) const PAGE_SIZE: usize = 100;

/// The delivery policy SNS reports for topics without their own.
const EFFECTIVE_DELIVERY_POLICY: &str = r#"{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}"#;

impl Sns {
    pub(super) fn create_topic(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("Name");
        let attributes = p.str_map("Attributes");
        for key in attributes.keys() {
            if !TOPIC_ATTRIBUTES.contains(&key.as_str()) {
                return Err(invalid("Invalid parameter: AttributeName"));
            }
        }
        let fifo = match attributes.get("FifoTopic").map(|v| v.to_ascii_lowercase()) {
            None => false,
            Some(v) if v == "true" => true,
            Some(v) if v == "false" => false,
            Some(_) => return Err(invalid("Invalid parameter: Attributes Reason: FifoTopic")),
        };
        if fifo {
            if !name.ends_with(".fifo") || !topic_name_ok(name) {
                return Err(invalid(
                    "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII \
                     letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.",
                ));
            }
        } else if name.ends_with(".fifo") || !topic_name_ok(name) {
            return Err(invalid("Invalid parameter: Topic Name"));
        }
        let tags = read_tags(p)?;
        let arn = ctx.arn("sns", name);
        if let Some(existing) = self.topics.get(&arn) {
            // CreateTopic is idempotent, but only for the same settings.
            let same_attributes = attributes.iter().all(|(k, v)| match k.as_str() {
                "FifoTopic" => fifo == existing.fifo,
                _ => existing.attributes.get(k) == Some(v),
            });
            if !same_attributes {
                return Err(AwsError::new(
                    "InvalidParameter",
                    "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
                ));
            }
            if !tags.iter().all(|t| existing.tags.contains(t)) {
                return Err(AwsError::new(
                    "InvalidParameter",
                    "Invalid parameter: Tags Reason: Topic already exists with different tags",
                ));
            }
            return Ok(json!({ "TopicArn": arn }));
        }
        let (limit, count) = if fifo {
            (FIFO_TOPIC_LIMIT, self.topics.values().filter(|t| t.fifo).count())
        } else {
            (STANDARD_TOPIC_LIMIT, self.topics.values().filter(|t| !t.fifo).count())
        };
        if count >= limit {
            return Err(AwsError::new("TopicLimitExceeded", "Topic limit exceeded"));
        }
        let mut stored: BTreeMap<String, String> = attributes;
        // SNS does not keep an explicit `FifoTopic=false`.
        stored.remove("FifoTopic");
        ctx.audit_resource("AWS::SNS::Topic", &arn);
        self.topics.insert(
            arn.clone(),
            Topic {
                arn: arn.clone(),
                name: name.to_owned(),
                fifo,
                created: ctx.now,
                attributes: stored,
                tags,
                subscriptions: Vec::new(),
                deleted: 0,
                fifo_sequence: 0,
                dedup: VecDeque::new(),
            },
        );
        Ok(json!({ "TopicArn": arn }))
    }

    /// Deletes a topic and its subscriptions. Deleting a topic that does not
    /// exist is not an error.
    pub(super) fn delete_topic(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let arn = p.req_str("TopicArn");
        check_topic_arn(arn, "TopicArn", ctx)?;
        if let Some(topic) = self.topics.remove(arn) {
            ctx.audit_resource("AWS::SNS::Topic", arn);
            for sub in &topic.subscriptions {
                self.subscriptions.remove(sub);
            }
        }
        Ok(json!({}))
    }

    pub(super) fn list_topics(&self, p: Params) -> AwsResult {
        let arns: Vec<&String> = self.topics.keys().collect();
        let (range, next) = page(arns.len(), p.str("NextToken"))?;
        let topics: Vec<Value> = arns[range].iter().map(|a| json!({ "TopicArn": a })).collect();
        let mut out = json!({ "Topics": topics });
        if let Some(token) = next {
            out["NextToken"] = json!(token);
        }
        Ok(out)
    }

    pub(super) fn get_topic_attributes(&self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let arn = p.req_str("TopicArn");
        check_topic_arn(arn, "TopicArn", ctx)?;
        let topic = self.topics.get(arn).ok_or_else(|| not_found("Topic"))?;
        let (mut confirmed, mut pending) = (0u64, 0u64);
        for sub in self.subscriptions_of(arn) {
            match sub.status() {
                SubscriptionStatus::Confirmed => confirmed += 1,
                SubscriptionStatus::PendingConfirmation => pending += 1,
            }
        }
        let account = ctx.account();
        let mut attrs = Map::new();
        // The order of AWS's get-topic-attributes example.
        attrs.insert("SubscriptionsConfirmed".into(), json!(confirmed.to_string()));
        attrs.insert("DisplayName".into(), json!(topic.display_name().unwrap_or_default()));
        attrs.insert("SubscriptionsDeleted".into(), json!(topic.deleted.to_string()));
        attrs.insert(
            "EffectiveDeliveryPolicy".into(),
            json!(topic
                .attributes
                .get("DeliveryPolicy")
                .map(String::as_str)
                .unwrap_or(EFFECTIVE_DELIVERY_POLICY)),
        );
        attrs.insert("Owner".into(), json!(account));
        attrs.insert(
            "Policy".into(),
            json!(topic
                .attributes
                .get("Policy")
                .cloned()
                .unwrap_or_else(|| default_policy(arn, account))),
        );
        attrs.insert("TopicArn".into(), json!(arn));
        attrs.insert("SubscriptionsPending".into(), json!(pending.to_string()));
        if topic.fifo {
            attrs.insert("FifoTopic".into(), json!("true"));
            attrs.insert(
                "ContentBasedDeduplication".into(),
                json!(topic
                    .attributes
                    .get("ContentBasedDeduplication")
                    .map(|v| v.to_ascii_lowercase())
                    .unwrap_or_else(|| "false".into())),
            );
        }
        for (k, v) in &topic.attributes {
            attrs.entry(k.clone()).or_insert_with(|| json!(v));
        }
        Ok(json!({ "Attributes": attrs }))
    }
}

/// The access policy SNS gives a new topic.
fn default_policy(topic_arn: &str, account: &str) -> String {
    json!({
        "Version": "2008-10-17",
        "Id": "__default_policy_ID",
        "Statement": [{
            "Sid": "__default_statement_ID",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": [
                "SNS:GetTopicAttributes",
                "SNS:SetTopicAttributes",
                "SNS:AddPermission",
                "SNS:RemovePermission",
                "SNS:DeleteTopic",
                "SNS:Subscribe",
                "SNS:ListSubscriptionsByTopic",
                "SNS:Publish"
            ],
            "Resource": topic_arn,
            "Condition": {"StringEquals": {"AWS:SourceOwner": account}}
        }]
    })
    .to_string()
}

/// The `Tags` of CreateTopic, refused when a key repeats or there are too many.
fn read_tags(p: Params) -> Result<Vec<(String, String)>, AwsError> {
    let mut tags: Vec<(String, String)> = Vec::new();
    for tag in p.list("Tags") {
        let t = Params::new(tag);
        let key = t.req_str("Key").to_owned();
        if tags.iter().any(|(k, _)| *k == key) {
            return Err(invalid("Invalid parameter: Duplicated keys are not allowed."));
        }
        tags.push((key, t.req_str("Value").to_owned()));
    }
    if tags.len() > TAG_LIMIT {
        return Err(AwsError::input(
            "TagLimitExceeded",
            "Could not complete request: tag quota of per resource exceeded",
        ));
    }
    Ok(tags)
}

/// One page of `len` items: the range to return and the NextToken of the
/// rest. Tokens are opaque to callers (base64 of the next position).
pub(super) fn page(len: usize, token: Option<&str>) -> Result<(std::ops::Range<usize>, Option<String>), AwsError> {
    let start = match token {
        None => 0,
        Some(t) => decode_token(t).ok_or_else(|| invalid("Invalid parameter: NextToken"))?,
    };
    let start = start.min(len);
    let end = (start + PAGE_SIZE).min(len);
    let next = (end < len).then(|| b64(end.to_string().as_bytes()));
    Ok((start..end, next))
}

fn decode_token(token: &str) -> Option<usize> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(token).ok()?;
    std::str::from_utf8(&bytes).ok()?.parse().ok()
}
