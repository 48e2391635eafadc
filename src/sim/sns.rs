//! SNS: topics, subscriptions with email confirmation, publishing, and the
//! simulated mailbox where every email lands.
//!
//! Protocols modelled: `email` and `email-json` (they stay
//! `PendingConfirmation` and receive only the confirmation email until
//! confirmed), `sqs` and `lambda` (confirmed at once when the endpoint is in
//! this account). Deliveries to queues and functions leave as
//! `Effect::SqsSend` / `Effect::LambdaInvoke`; emails go to the mailbox.
//! Unconfirmed subscriptions are deleted three days after they were made
//! (a `Timer::ExpireUnconfirmed` deadline); confirmation tokens are valid for
//! two days.

mod arn;
mod envelope;
mod mailbox;
mod publish;
mod subscriptions;
mod topics;

use std::collections::{BTreeMap, VecDeque};

pub use mailbox::{Email, EmailKind, CONFIRMATION_SUBJECT, DEFAULT_SUBJECT, MAILBOX_CAP, SENDER};

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::time::{SimTime, DAY};
use crate::sim::{unsupported, AwsResult};

/// How long a confirmation token is valid.
pub const TOKEN_VALIDITY_MS: i64 = 2 * DAY;
/// How long an unconfirmed subscription lives before SNS deletes it.
pub const UNCONFIRMED_LIFETIME_MS: i64 = 3 * DAY;
/// The most dropped deliveries each service keeps for the UI.
pub const DROPPED_CAP: usize = 100;

/// SNS's timers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    /// An unconfirmed subscription is deleted three days after it was made.
    ExpireUnconfirmed { subscription_arn: String },
}

/// A delivery from one service to another that could not be made (a queue,
/// function, stream or topic that does not exist, a payload the target
/// refuses). AWS fails such deliveries silently for the sender; the
/// playground keeps the last [`DROPPED_CAP`] per target service so the UI can
/// show why nothing arrived. Shared by SNS, SQS, Lambda and Kinesis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DroppedDelivery {
    pub at: SimTime,
    /// The ARN the delivery was addressed to.
    pub target: String,
    pub reason: String,
    /// The payload, cut to its first 2,048 characters.
    pub payload: String,
}

impl DroppedDelivery {
    /// Appends a record to `list`, keeping at most [`DROPPED_CAP`].
    pub(crate) fn record(list: &mut VecDeque<DroppedDelivery>, at: SimTime, target: &str, reason: &str, payload: &str) {
        if list.len() >= DROPPED_CAP {
            list.pop_front();
        }
        list.push_back(DroppedDelivery {
            at,
            target: target.to_owned(),
            reason: reason.to_owned(),
            payload: payload.chars().take(2048).collect(),
        });
    }
}

/// The delivery protocols the playground models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    Email,
    EmailJson,
    Sqs,
    Lambda,
}

impl Protocol {
    /// The protocol string of the API (`email-json`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Email => "email",
            Protocol::EmailJson => "email-json",
            Protocol::Sqs => "sqs",
            Protocol::Lambda => "lambda",
        }
    }

    fn parse(s: &str) -> Option<Protocol> {
        [Protocol::Email, Protocol::EmailJson, Protocol::Sqs, Protocol::Lambda]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// Whether a subscription receives messages yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubscriptionStatus {
    /// Listed with `SubscriptionArn` `PendingConfirmation`; receives only
    /// its confirmation message.
    PendingConfirmation,
    Confirmed,
}

/// A topic.
#[derive(Clone, Debug)]
pub struct Topic {
    pub arn: String,
    pub name: String,
    pub fifo: bool,
    pub created: SimTime,
    /// Attributes given at creation (DisplayName, Policy, ...), by name.
    attributes: BTreeMap<String, String>,
    tags: Vec<(String, String)>,
    /// Subscription ARNs, oldest first.
    subscriptions: Vec<String>,
    /// Subscriptions deleted so far (the `SubscriptionsDeleted` attribute).
    deleted: u64,
    /// Last FIFO sequence number handed out.
    fifo_sequence: u64,
    /// FIFO deduplication window: `(published at, deduplication id,
    /// message id, sequence number)`.
    dedup: VecDeque<(SimTime, String, String, String)>,
}

impl Topic {
    /// The topic's `DisplayName` attribute, if set.
    pub fn display_name(&self) -> Option<&str> {
        self.attributes.get("DisplayName").map(String::as_str)
    }

    /// Tags given at creation, as `(key, value)`.
    pub fn tags(&self) -> &[(String, String)] {
        &self.tags
    }
}

/// A subscription.
#[derive(Clone, Debug)]
pub struct Subscription {
    pub arn: String,
    pub topic_arn: String,
    pub protocol: Protocol,
    pub endpoint: String,
    pub owner: String,
    pub created: SimTime,
    pending: bool,
    confirmation_was_authenticated: bool,
    /// Attributes given at subscription (RawMessageDelivery, ...), by name.
    attributes: BTreeMap<String, String>,
    /// Creation order in the account, for ListSubscriptions.
    seq: u64,
}

impl Subscription {
    pub fn status(&self) -> SubscriptionStatus {
        if self.pending {
            SubscriptionStatus::PendingConfirmation
        } else {
            SubscriptionStatus::Confirmed
        }
    }

    /// When SNS deletes the subscription if it is still unconfirmed.
    pub fn deleted_if_unconfirmed_at(&self) -> Option<SimTime> {
        self.pending.then(|| self.created.plus(UNCONFIRMED_LIFETIME_MS))
    }

    /// Whether SNS delivers the bare message instead of the JSON envelope.
    pub fn raw_message_delivery(&self) -> bool {
        self.attributes
            .get("RawMessageDelivery")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }
}

/// A confirmation token SNS sent and has not forgotten.
#[derive(Clone, Debug)]
struct PendingToken {
    subscription_arn: String,
    topic_arn: String,
    expires: SimTime,
}

/// The SNS service of one account.
#[derive(Clone, Debug, Default)]
pub struct Sns {
    topics: BTreeMap<String, Topic>,
    subscriptions: BTreeMap<String, Subscription>,
    tokens: BTreeMap<String, PendingToken>,
    mailbox: mailbox::Mailbox,
    dropped: VecDeque<DroppedDelivery>,
    next_seq: u64,
}

impl Sns {
    /// Every email the account's subscriptions received, oldest first (at
    /// most [`MAILBOX_CAP`]).
    pub fn mailbox(&self) -> impl DoubleEndedIterator<Item = &Email> + ExactSizeIterator {
        self.mailbox.iter()
    }

    /// The topics, by ARN.
    pub fn topics(&self) -> impl Iterator<Item = &Topic> {
        self.topics.values()
    }

    /// A topic's subscriptions (confirmed and pending), oldest first.
    pub fn subscriptions_of<'a>(&'a self, topic_arn: &str) -> impl Iterator<Item = &'a Subscription> + 'a {
        self.topics
            .get(topic_arn)
            .map(|t| t.subscriptions.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|arn| self.subscriptions.get(arn))
    }

    /// Every subscription of the account, oldest first.
    pub fn subscriptions(&self) -> Vec<&Subscription> {
        let mut all: Vec<&Subscription> = self.subscriptions.values().collect();
        all.sort_by_key(|s| s.seq);
        all
    }

    /// Publishes from other services that could not be delivered (a topic
    /// that does not exist, a malformed JSON-structured message), oldest first.
    pub fn dropped(&self) -> impl Iterator<Item = &DroppedDelivery> {
        self.dropped.iter()
    }

    pub(crate) fn handle(&mut self, op: &str, p: Params, ctx: &mut Ctx) -> AwsResult {
        match op {
            "CreateTopic" => self.create_topic(p, ctx),
            "DeleteTopic" => self.delete_topic(p, ctx),
            "ListTopics" => self.list_topics(p),
            "GetTopicAttributes" => self.get_topic_attributes(p, ctx),
            "Subscribe" => self.subscribe(p, ctx),
            "ConfirmSubscription" => self.confirm_subscription(p, ctx),
            "Unsubscribe" => self.unsubscribe(p),
            "ListSubscriptions" => self.list_subscriptions(p),
            "ListSubscriptionsByTopic" => self.list_subscriptions_by_topic(p, ctx),
            "GetSubscriptionAttributes" => self.get_subscription_attributes(p),
            "Publish" => self.publish(p, ctx),
            _ => Err(unsupported(ServiceName::Sns, op)),
        }
    }

    pub(crate) fn on_timer(&mut self, timer: Timer, _ctx: &mut Ctx) {
        match timer {
            Timer::ExpireUnconfirmed { subscription_arn } => {
                if self.subscriptions.get(&subscription_arn).is_some_and(|s| s.pending) {
                    self.remove_subscription(&subscription_arn);
                }
            }
        }
    }

    /// Forgets expired confirmation tokens and the FIFO deduplication
    /// entries older than five minutes.
    pub(crate) fn prune(&mut self, now: SimTime) {
        self.tokens.retain(|_, t| t.expires > now);
        for topic in self.topics.values_mut() {
            publish::prune_dedup(topic, now);
        }
    }

    fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// Removes a subscription from its topic and counts it as deleted.
    fn remove_subscription(&mut self, arn: &str) {
        let Some(sub) = self.subscriptions.remove(arn) else {
            return;
        };
        if let Some(topic) = self.topics.get_mut(&sub.topic_arn) {
            topic.subscriptions.retain(|a| a != arn);
            topic.deleted += 1;
        }
    }
}

#[cfg(test)]
mod tests;
