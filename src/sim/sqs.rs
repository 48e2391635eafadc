//! SQS: standard and FIFO queues with visibility timeouts, delays and
//! retention on simulated time, as a target of SNS subscriptions and
//! EventBridge rules.
//!
//! Queue URLs are `https://sqs.<region>.amazonaws.com/<account>/<name>`,
//! ARNs `arn:aws:sqs:<region>:<account>:<name>`. Time-driven changes
//! (a visibility timeout or delay ending, a message's retention ending) are
//! `Timer::Wake` deadlines on the queue; waking is idempotent, so a stale
//! deadline (for a purged, deleted or recreated queue) does no harm.
//! `WaitTimeSeconds` never waits: simulated time does not move during a
//! call, so a long poll returns at once with what is visible.

mod attributes;
mod errors;
mod messages;
mod queue;
mod queues;

use std::collections::{BTreeMap, VecDeque};

pub use queue::{AttributeValue, Message, MessageAttribute, MessageState, Queue, QueueSettings};

use crate::sim::ctx::{Ctx, Deadline};
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::sns::DroppedDelivery;
use crate::sim::time::SimTime;
use crate::sim::{unsupported, AwsResult};

/// The `SenderId` of messages the playground's user sends (the IAM user's
/// unique id, as in its CloudTrail records).
pub const USER_SENDER_ID: &str = "AIDAPLAYGROUNDEXAMPLE";
/// The `SenderId` of messages other services deliver (the id SNS's
/// deliveries carry; used for every service-delivered message).
pub const SERVICE_SENDER_ID: &str = "AIDAIT2UOQQY3AUEKVGXU";

/// SQS's timers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    /// Something in the queue is due: a visibility timeout or delay ends, or
    /// a message's retention period does.
    Wake { queue: String },
}

/// The SQS service of one account.
#[derive(Clone, Debug, Default)]
pub struct Sqs {
    queues: BTreeMap<String, Queue>,
    /// Recently deleted queue names, for the 60-second reuse rule.
    deleted: BTreeMap<String, SimTime>,
    dropped: VecDeque<DroppedDelivery>,
    next_uid: u64,
}

impl Sqs {
    /// The queues, by name. Their messages can be looked at without
    /// changing visibility ([`Queue::messages`]).
    pub fn queues(&self) -> impl Iterator<Item = &Queue> {
        self.queues.values()
    }

    /// A queue by name.
    pub fn queue(&self, name: &str) -> Option<&Queue> {
        self.queues.get(name)
    }

    /// Deliveries from other services that were dropped (no such queue, a
    /// body SQS refuses), oldest first.
    pub fn dropped(&self) -> impl Iterator<Item = &DroppedDelivery> {
        self.dropped.iter()
    }

    pub(crate) fn handle(&mut self, op: &str, p: Params, ctx: &mut Ctx) -> AwsResult {
        match op {
            "CreateQueue" => self.create_queue(p, ctx),
            "DeleteQueue" => self.delete_queue(p, ctx),
            "GetQueueUrl" => self.get_queue_url(p, ctx),
            "ListQueues" => self.list_queues(p),
            "GetQueueAttributes" => self.get_queue_attributes(p, ctx),
            "PurgeQueue" => self.purge_queue(p, ctx),
            "SendMessage" => self.send_message(p, ctx),
            "ReceiveMessage" => self.receive_message(p, ctx),
            "DeleteMessage" => self.delete_message(p, ctx),
            "ChangeMessageVisibility" => self.change_message_visibility(p, ctx),
            _ => Err(unsupported(ServiceName::Sqs, op)),
        }
    }

    pub(crate) fn on_timer(&mut self, timer: Timer, ctx: &mut Ctx) {
        let Timer::Wake { queue } = timer;
        let Some(q) = self.queues.get_mut(&queue) else {
            return;
        };
        q.settle(ctx.now);
        if q.retention_wake.is_some_and(|w| w <= ctx.now) {
            q.retention_wake = None;
        }
        schedule_retention(q, ctx);
    }

    /// A message from another service (SNS, EventBridge). A queue that does
    /// not exist, a FIFO queue (service deliveries carry no message group
    /// here) or a body SQS refuses drops it, as AWS fails the delivery.
    pub(crate) fn deliver(&mut self, queue_arn: &str, body: String, ctx: &mut Ctx) {
        let name = queue_arn
            .strip_prefix(&format!("arn:aws:sqs:{}:{}:", ctx.region(), ctx.account()))
            .filter(|n| !n.contains(':'));
        let Some(queue) = name.and_then(|n| self.queues.get_mut(n)) else {
            DroppedDelivery::record(
                &mut self.dropped,
                ctx.now,
                queue_arn,
                "The specified queue does not exist.",
                &body,
            );
            return;
        };
        let refusal = if queue.settings.fifo {
            Some("FIFO queues need a MessageGroupId, which deliveries from other services do not carry in this playground.".to_owned())
        } else {
            messages::check_body(&body, queue.settings.max_message_size)
                .err()
                .map(|e| e.message)
        };
        if let Some(reason) = refusal {
            DroppedDelivery::record(&mut self.dropped, ctx.now, queue_arn, &reason, &body);
            return;
        }
        queue.settle(ctx.now);
        let message = messages::new_message(body, Vec::new(), SERVICE_SENDER_ID, ctx);
        let delay = queue.settings.delay_s;
        queue.push(message, delay, ctx.now);
        after_push(queue, delay, ctx);
    }
}

/// Schedules the deadlines a newly sent message needs.
fn after_push(queue: &mut Queue, delay_s: i64, ctx: &mut Ctx) {
    if delay_s > 0 {
        wake(queue, ctx.now.plus(delay_s * crate::sim::time::SECOND), ctx);
    }
    schedule_retention(queue, ctx);
}

/// Makes sure a deadline is pending for the oldest message's retention.
fn schedule_retention(queue: &mut Queue, ctx: &mut Ctx) {
    if queue.retention_wake.is_none() {
        if let Some(at) = queue.next_expiry() {
            queue.retention_wake = Some(at);
            wake(queue, at, ctx);
        }
    }
}

fn wake(queue: &Queue, at: SimTime, ctx: &mut Ctx) {
    ctx.schedule(
        at,
        Deadline::Sqs(Timer::Wake {
            queue: queue.name.clone(),
        }),
    );
}

#[cfg(test)]
mod tests;
