//! Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions,
//! ListSubscriptionsByTopic and GetSubscriptionAttributes, and the
//! confirmation messages SNS sends.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::arn::{check_subscription_arn, check_topic_arn, invalid, not_found, split_arn};
use super::mailbox::{self, Email, EmailKind};
use super::topics::page;
use super::{envelope, PendingToken, Protocol, Sns, Subscription, Timer, TOKEN_VALIDITY_MS, UNCONFIRMED_LIFETIME_MS};
use crate::sim::ctx::{Ctx, Deadline, Effect};
use crate::sim::params::Params;
use crate::sim::{AwsError, AwsResult};

/// Protocols SNS has that the playground does not model.
const UNMODELLED_PROTOCOLS: [&str; 5] = ["http", "https", "sms", "application", "firehose"];
/// Subscription attributes that are stored and reported but change nothing
/// in the playground (no delivery ever fails, so no retries or DLQs).
const STORED_ATTRIBUTES: [&str; 3] = ["DeliveryPolicy", "RedrivePolicy", "SubscriptionRoleArn"];
/// Subscription attributes whose behaviour the playground does not model.
const UNMODELLED_ATTRIBUTES: [&str; 3] = ["FilterPolicy", "FilterPolicyScope", "ReplayPolicy"];
/// The IAM user the playground's requests are made as (CloudTrail's
/// `userIdentity.userName`), the principal of subscriptions.
const USER_NAME: &str = "Alice";
/// Hex digits in a confirmation token.
const TOKEN_LEN: usize = 288;

impl Sns {
    pub(super) fn subscribe(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let topic_arn = p.req_str("TopicArn");
        check_topic_arn(topic_arn, "TopicArn", ctx)?;
        let protocol_name = p.req_str("Protocol");
        let Some(protocol) = Protocol::parse(protocol_name) else {
            if UNMODELLED_PROTOCOLS.contains(&protocol_name) {
                return Err(invalid(format!(
                    "Invalid parameter: Protocol Reason: the {protocol_name} protocol is not modelled by this \
                     playground; use email, email-json, sqs or lambda"
                )));
            }
            return Err(invalid(format!(
                "Invalid parameter: Amazon SNS does not support this protocol string: {protocol_name}"
            )));
        };
        let endpoint = p.str("Endpoint").unwrap_or_default();
        check_endpoint(protocol, endpoint)?;
        let topic_fifo = topic_arn.ends_with(".fifo");
        if protocol == Protocol::Sqs && endpoint.ends_with(".fifo") && !topic_fifo {
            return Err(invalid(
                "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to \
                 standard SNS topics",
            ));
        }
        if topic_fifo && protocol != Protocol::Sqs {
            // FIFO topics deliver only to SQS queues (inferred wording).
            return Err(invalid(format!(
                "Invalid parameter: Endpoint Reason: FIFO topics support only sqs subscriptions, not {protocol_name}"
            )));
        }
        let attributes = read_attributes(&p.str_map("Attributes"), protocol)?;
        let return_arn = p.bool("ReturnSubscriptionArn").unwrap_or(false);

        if !self.topics.contains_key(topic_arn) {
            return Err(not_found("Topic"));
        }
        ctx.audit_resource("AWS::SNS::Topic", topic_arn);
        let existing = self
            .subscriptions_of(topic_arn)
            .find(|s| s.protocol == protocol && s.endpoint == endpoint)
            .map(|s| (s.arn.clone(), s.pending, s.attributes.clone()));
        if let Some((arn, pending, existing_attributes)) = existing {
            // Subscribe is idempotent, but only for the same attributes.
            if attributes.iter().any(|(k, v)| existing_attributes.get(k) != Some(v)) {
                return Err(AwsError::new(
                    "InvalidParameter",
                    "Invalid parameter: Attributes Reason: Subscription already exists with different attributes",
                ));
            }
            if !pending {
                return Ok(json!({ "SubscriptionArn": arn }));
            }
            // Subscribing a pending endpoint again sends a new confirmation
            // (as the console's "Request confirmation" does); the deletion
            // deadline of the original request stays.
            self.send_confirmation(&arn, ctx);
            return Ok(json!({ "SubscriptionArn": if return_arn { arn } else { "pending confirmation".into() } }));
        }

        let arn = format!("{topic_arn}:{}", ctx.rng.uuid());
        // Queues and functions of this account are confirmed by the
        // subscribing owner at once; email addresses and other accounts'
        // endpoints must confirm.
        let pending = match protocol {
            Protocol::Email | Protocol::EmailJson => true,
            Protocol::Sqs | Protocol::Lambda => {
                split_arn(endpoint).is_none_or(|(_, _, account, _)| account != ctx.account())
            }
        };
        let seq = self.next_seq();
        self.subscriptions.insert(
            arn.clone(),
            Subscription {
                arn: arn.clone(),
                topic_arn: topic_arn.to_owned(),
                protocol,
                endpoint: endpoint.to_owned(),
                owner: ctx.account().to_owned(),
                created: ctx.now,
                pending,
                confirmation_was_authenticated: !pending,
                attributes,
                seq,
            },
        );
        if let Some(topic) = self.topics.get_mut(topic_arn) {
            topic.subscriptions.push(arn.clone());
        }
        if !pending {
            return Ok(json!({ "SubscriptionArn": arn }));
        }
        ctx.schedule(
            ctx.now.plus(UNCONFIRMED_LIFETIME_MS),
            Deadline::Sns(Timer::ExpireUnconfirmed {
                subscription_arn: arn.clone(),
            }),
        );
        self.send_confirmation(&arn, ctx);
        Ok(json!({ "SubscriptionArn": if return_arn { arn } else { "pending confirmation".into() } }))
    }

    /// Issues a token for a pending subscription and sends the confirmation:
    /// an email for `email`, the JSON document for the others.
    fn send_confirmation(&mut self, subscription_arn: &str, ctx: &mut Ctx) {
        let Some(sub) = self.subscriptions.get(subscription_arn) else {
            return;
        };
        let token = ctx.rng.hex(TOKEN_LEN);
        let topic_arn = sub.topic_arn.clone();
        self.tokens.insert(
            token.clone(),
            PendingToken {
                subscription_arn: subscription_arn.to_owned(),
                topic_arn: topic_arn.clone(),
                expires: ctx.now.plus(TOKEN_VALIDITY_MS),
            },
        );
        let region = ctx.region().to_owned();
        let display_name = self
            .topics
            .get(&topic_arn)
            .and_then(|t| t.display_name().map(str::to_owned));
        let body = match sub.protocol {
            Protocol::Email => mailbox::confirmation_body(&topic_arn),
            _ => {
                let message_id = ctx.rng.uuid();
                let signature = envelope::signature(&ctx.rng.vec(256));
                envelope::confirmation(&message_id, &token, &topic_arn, ctx.now, &signature, &region)
            }
        };
        match sub.protocol {
            Protocol::Email | Protocol::EmailJson => {
                let email = Email {
                    id: 0,
                    at: ctx.now,
                    from: mailbox::from(display_name.as_deref()),
                    to: sub.endpoint.clone(),
                    subject: mailbox::CONFIRMATION_SUBJECT.to_owned(),
                    body,
                    kind: EmailKind::SubscriptionConfirmation {
                        topic_arn: topic_arn.clone(),
                        subscription_arn: subscription_arn.to_owned(),
                        // An email-json confirmation carries its SubscribeURL.
                        confirm_url: if sub.protocol == Protocol::Email {
                            mailbox::confirm_url(&region, &topic_arn, &token, &sub.endpoint)
                        } else {
                            envelope::subscribe_url(&region, &topic_arn, &token)
                        },
                        token,
                    },
                };
                self.mailbox.push(email);
            }
            Protocol::Sqs => ctx.emit(Effect::SqsSend {
                queue_arn: sub.endpoint.clone(),
                body,
            }),
            Protocol::Lambda => ctx.emit(Effect::LambdaInvoke {
                function_arn: sub.endpoint.clone(),
                payload: body,
            }),
        }
    }

    /// Confirms a pending subscription with a token SNS sent. A token is
    /// valid for two days and only with its own topic; an unknown, expired
    /// or foreign token is refused with the same `Invalid parameter: Token`.
    pub(super) fn confirm_subscription(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let topic_arn = p.req_str("TopicArn");
        let token = p.req_str("Token");
        match split_arn(topic_arn) {
            Some(("sns", region, _, name)) if region == ctx.region() && !name.contains(':') => {}
            _ => return Err(invalid("Invalid parameter: Topic")),
        }
        if token.is_empty() || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid("Invalid parameter: Token"));
        }
        let authenticated = p
            .str("AuthenticateOnUnsubscribe")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        if !self.topics.contains_key(topic_arn) {
            return Err(not_found("Topic"));
        }
        ctx.audit_resource("AWS::SNS::Topic", topic_arn);
        let refused = || AwsError::new("InvalidParameter", "Invalid parameter: Token");
        let entry = self.tokens.get(token).ok_or_else(refused)?;
        if entry.topic_arn != topic_arn || ctx.now >= entry.expires {
            return Err(refused());
        }
        let arn = entry.subscription_arn.clone();
        let sub = self.subscriptions.get_mut(&arn).ok_or_else(refused)?;
        if sub.pending {
            sub.pending = false;
            sub.confirmation_was_authenticated = authenticated;
        }
        Ok(json!({ "SubscriptionArn": arn }))
    }

    /// Deletes a subscription. A subscription that does not exist is not an
    /// error (Unsubscribe is idempotent).
    pub(super) fn unsubscribe(&mut self, p: Params) -> AwsResult {
        let arn = p.req_str("SubscriptionArn");
        check_subscription_arn(arn)?;
        self.remove_subscription(arn);
        Ok(json!({}))
    }

    pub(super) fn list_subscriptions(&self, p: Params) -> AwsResult {
        let all = self.subscriptions();
        let (range, next) = page(all.len(), p.str("NextToken"))?;
        Ok(listing(&all[range], next))
    }

    pub(super) fn list_subscriptions_by_topic(&self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let topic_arn = p.req_str("TopicArn");
        check_topic_arn(topic_arn, "TopicArn", ctx)?;
        if !self.topics.contains_key(topic_arn) {
            return Err(not_found("Topic"));
        }
        let subs: Vec<&Subscription> = self.subscriptions_of(topic_arn).collect();
        let (range, next) = page(subs.len(), p.str("NextToken"))?;
        Ok(listing(&subs[range], next))
    }

    pub(super) fn get_subscription_attributes(&self, p: Params) -> AwsResult {
        let arn = p.req_str("SubscriptionArn");
        check_subscription_arn(arn)?;
        let sub = self.subscriptions.get(arn).ok_or_else(|| not_found("Subscription"))?;
        let mut attrs = Map::new();
        // The order of AWS's get-subscription-attributes example.
        attrs.insert("Endpoint".into(), json!(sub.endpoint));
        attrs.insert("Protocol".into(), json!(sub.protocol.as_str()));
        attrs.insert(
            "RawMessageDelivery".into(),
            json!(if sub.raw_message_delivery() { "true" } else { "false" }),
        );
        attrs.insert(
            "ConfirmationWasAuthenticated".into(),
            json!(sub.confirmation_was_authenticated.to_string()),
        );
        attrs.insert("Owner".into(), json!(sub.owner));
        attrs.insert("PendingConfirmation".into(), json!(sub.pending.to_string()));
        attrs.insert("SubscriptionArn".into(), json!(sub.arn));
        attrs.insert("TopicArn".into(), json!(sub.topic_arn));
        attrs.insert(
            "SubscriptionPrincipal".into(),
            json!(format!("arn:aws:iam::{}:user/{USER_NAME}", sub.owner)),
        );
        for (k, v) in &sub.attributes {
            attrs.entry(k.clone()).or_insert_with(|| json!(v));
        }
        Ok(json!({ "Attributes": attrs }))
    }
}

/// A ListSubscriptions* response: pending subscriptions are listed with
/// `SubscriptionArn` `PendingConfirmation`.
fn listing(subs: &[&Subscription], next: Option<String>) -> Value {
    let entries: Vec<Value> = subs
        .iter()
        .map(|s| {
            json!({
                "SubscriptionArn": if s.pending { "PendingConfirmation" } else { s.arn.as_str() },
                "Owner": s.owner,
                "Protocol": s.protocol.as_str(),
                "Endpoint": s.endpoint,
                "TopicArn": s.topic_arn,
            })
        })
        .collect();
    let mut out = json!({ "Subscriptions": entries });
    if let Some(token) = next {
        out["NextToken"] = json!(token);
    }
    out
}

/// Refuses an endpoint that does not fit its protocol.
fn check_endpoint(protocol: Protocol, endpoint: &str) -> Result<(), AwsError> {
    match protocol {
        Protocol::Email | Protocol::EmailJson => {
            if !email_ok(endpoint) {
                return Err(invalid("Invalid parameter: Email address"));
            }
        }
        Protocol::Sqs => {
            let ok = split_arn(endpoint).is_some_and(|(service, region, account, name)| {
                service == "sqs" && !region.is_empty() && account.len() == 12 && !name.contains(':')
            });
            if !ok {
                return Err(invalid("Invalid parameter: SQS endpoint ARN"));
            }
        }
        Protocol::Lambda => {
            let ok = split_arn(endpoint).is_some_and(|(service, region, account, resource)| {
                service == "lambda"
                    && !region.is_empty()
                    && account.len() == 12
                    && resource.strip_prefix("function:").is_some_and(|n| !n.is_empty())
            });
            if !ok {
                return Err(invalid("Invalid parameter: Lambda endpoint ARN"));
            }
        }
    }
    Ok(())
}

/// A plausible address: one `@`, a non-empty local part, a dotted domain,
/// no spaces.
fn email_ok(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Subscribe's `Attributes`, checked and normalised.
fn read_attributes(given: &BTreeMap<String, String>, protocol: Protocol) -> Result<BTreeMap<String, String>, AwsError> {
    let mut out = BTreeMap::new();
    for (name, value) in given {
        let name = name.as_str();
        if name == "RawMessageDelivery" {
            let v = value.to_ascii_lowercase();
            if v != "true" && v != "false" {
                return Err(invalid(format!(
                    "Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [{value}]. Must be true \
                     or false."
                )));
            }
            if protocol != Protocol::Sqs {
                return Err(invalid(format!(
                    "Invalid parameter: Attributes Reason: Delivery protocol [{}] does not support raw message \
                     delivery.",
                    protocol.as_str()
                )));
            }
            out.insert(name.to_owned(), v);
        } else if STORED_ATTRIBUTES.contains(&name) {
            out.insert(name.to_owned(), value.clone());
        } else if UNMODELLED_ATTRIBUTES.contains(&name) {
            return Err(invalid(format!(
                "Invalid parameter: Attributes Reason: {name} is not modelled by this playground"
            )));
        } else {
            return Err(invalid("Invalid parameter: Attributes Reason: AttributeName"));
        }
    }
    Ok(out)
}
