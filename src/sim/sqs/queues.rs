//! CreateQueue, DeleteQueue, GetQueueUrl, ListQueues, GetQueueAttributes
//! and PurgeQueue, and resolving a QueueUrl to a queue.

use serde_json::{json, Value};

use super::queue::Queue;
use super::{attributes, errors, Sqs};
use crate::sim::ctx::Ctx;
use crate::sim::params::{b64, Params};
use crate::sim::time::SECOND;
use crate::sim::{AwsError, AwsResult};

/// How long a deleted queue's name stays unusable, and the PurgeQueue
/// interval.
const REUSE_DELAY_MS: i64 = 60 * SECOND;
/// The most URLs ListQueues returns without `MaxResults`.
const LIST_LIMIT: usize = 1000;

impl Sqs {
    pub(super) fn create_queue(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("QueueName");
        let base = name.strip_suffix(".fifo").unwrap_or(name);
        let name_ok = !base.is_empty()
            && name.len() <= 80
            && base
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !name_ok {
            return Err(errors::invalid_queue_name());
        }
        let given = p.str_map("Attributes");
        let settings = attributes::settings(name, &given)?;
        let tags = p.str_map("tags");
        if let Some(existing) = self.queues.get(name) {
            // Idempotent for the same attributes; attributes left out are
            // not compared.
            if let Some((k, _)) = given.iter().find(|(k, v)| existing.given.get(*k) != Some(*v)) {
                return Err(AwsError::new(
                    "QueueAlreadyExists",
                    format!("A queue already exists with the same name and a different value for attribute {k}"),
                ));
            }
            return Ok(json!({ "QueueUrl": existing.url }));
        }
        if self
            .deleted
            .get(name)
            .is_some_and(|at| ctx.now.since(*at) < REUSE_DELAY_MS)
        {
            return Err(AwsError::new(
                "AWS.SimpleQueueService.QueueDeletedRecently",
                "You must wait 60 seconds after deleting a queue before you can create another with the same name.",
            ));
        }
        self.deleted.remove(name);
        self.next_uid += 1;
        let url = format!("https://sqs.{}.amazonaws.com/{}/{name}", ctx.region(), ctx.account());
        let arn = ctx.arn("sqs", name);
        let mut queue = Queue::new(name.to_owned(), url.clone(), arn.clone(), ctx.now, self.next_uid);
        queue.settings = settings;
        queue.given = given;
        queue.tags = tags;
        ctx.audit_resource("AWS::SQS::Queue", &arn);
        self.queues.insert(name.to_owned(), queue);
        Ok(json!({ "QueueUrl": url }))
    }

    pub(super) fn delete_queue(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = self.resolve(p.req_str("QueueUrl"), ctx)?.name.clone();
        if let Some(q) = self.queues.remove(&name) {
            ctx.audit_resource("AWS::SQS::Queue", &q.arn);
        }
        let now = ctx.now;
        self.deleted.retain(|_, at| now.since(*at) < REUSE_DELAY_MS);
        self.deleted.insert(name, now);
        Ok(json!({}))
    }

    pub(super) fn get_queue_url(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let name = p.req_str("QueueName");
        if p.str("QueueOwnerAWSAccountId").is_some_and(|a| a != ctx.account()) {
            return Err(errors::no_queue());
        }
        let queue = self.queues.get(name).ok_or_else(errors::no_queue)?;
        Ok(json!({ "QueueUrl": queue.url }))
    }

    pub(super) fn list_queues(&self, p: Params) -> AwsResult {
        let prefix = p.str("QueueNamePrefix").unwrap_or_default();
        let max = p.i64("MaxResults");
        if let Some(m) = max {
            if !(1..=1000).contains(&m) {
                return Err(errors::invalid_value(
                    m,
                    "MaxResults",
                    "MaxResults must be an integer between 1 and 1000.",
                ));
            }
        }
        let start = match p.str("NextToken") {
            None => None,
            Some(t) => Some(decode_token(t).ok_or_else(|| errors::invalid_parameter("Invalid NextToken value."))?),
        };
        let names = self
            .queues
            .keys()
            .filter(|n| n.starts_with(prefix))
            .filter(|n| start.as_ref().is_none_or(|s| n.as_str() >= s.as_str()));
        let limit = max.map_or(LIST_LIMIT, |m| m as usize);
        let mut urls: Vec<Value> = Vec::new();
        let mut next = None;
        for name in names {
            if urls.len() == limit {
                // Only a request with MaxResults is paginated.
                if max.is_some() {
                    next = Some(b64(name.as_bytes()));
                }
                break;
            }
            urls.push(json!(self.queues[name].url));
        }
        if urls.is_empty() {
            return Ok(json!({}));
        }
        let mut out = json!({ "QueueUrls": urls });
        if let Some(token) = next {
            out["NextToken"] = json!(token);
        }
        Ok(out)
    }

    pub(super) fn get_queue_attributes(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let names = p.str_list("AttributeNames");
        let queue = self.resolve(p.req_str("QueueUrl"), ctx)?;
        queue.settle(ctx.now);
        let attrs = attributes::render(queue, &names);
        if attrs.is_empty() {
            return Ok(json!({}));
        }
        Ok(json!({ "Attributes": attrs }))
    }

    pub(super) fn purge_queue(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let queue = self.resolve(p.req_str("QueueUrl"), ctx)?;
        if queue.last_purge.is_some_and(|at| ctx.now.since(at) < REUSE_DELAY_MS) {
            return Err(AwsError::new(
                "AWS.SimpleQueueService.PurgeQueueInProgress",
                format!(
                    "Only one PurgeQueue operation on {} is allowed every 60 seconds.",
                    queue.name
                ),
            ));
        }
        queue.last_purge = Some(ctx.now);
        queue.purge();
        Ok(json!({}))
    }

    /// The queue a QueueUrl names: `http(s)://<host>/<account>/<name>`. A
    /// URL of another shape is refused for its input; another account's or
    /// a missing queue does not exist.
    pub(super) fn resolve(&mut self, url: &str, ctx: &Ctx) -> Result<&mut Queue, AwsError> {
        let (account, name) = parse_url(url).ok_or_else(|| errors::invalid_address(url))?;
        if account != ctx.account() {
            return Err(errors::no_queue());
        }
        self.queues.get_mut(name).ok_or_else(errors::no_queue)
    }
}

/// `(account, name)` of a queue URL.
pub(super) fn parse_url(url: &str) -> Option<(&str, &str)> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let mut parts = rest.split('/');
    let (Some(host), Some(account), Some(name), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let ok = !host.is_empty() && account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) && !name.is_empty();
    ok.then_some((account, name))
}

fn decode_token(token: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(token).ok()?;
    String::from_utf8(bytes).ok()
}
