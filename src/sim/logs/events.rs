//! Log events: `PutLogEvents` with AWS's time limits, `GetLogEvents` with
//! its forward and backward tokens, `FilterLogEvents` across streams.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde_json::{json, Map, Value};

use super::pattern::{Event, FilterPattern};
use super::store::{EventKey, LogEvent, LogStream};
use super::{group_not_found, invalid, millis, requested_group, stream_not_found, Logs};
use crate::sim::ctx::Ctx;
use crate::sim::params::Params;
use crate::sim::time::{SimTime, DAY, HOUR};
use crate::sim::AwsResult;

/// Events may be at most this far in the future...
const MAX_FUTURE_MS: i64 = 2 * HOUR;
/// ...and at most this far in the past.
const MAX_PAST_MS: i64 = 14 * DAY;
/// A batch may not span more than this.
const MAX_BATCH_SPAN_MS: i64 = DAY;
/// The largest batch, counting each message's UTF-8 bytes plus 26.
const MAX_BATCH_BYTES: usize = 1_048_576;
/// The largest single event, counted the same way.
const MAX_EVENT_BYTES: usize = 262_144;
/// What one `GetLogEvents` / `FilterLogEvents` response holds at most.
const MAX_RESPONSE_EVENTS: usize = 10_000;
const MAX_RESPONSE_BYTES: usize = 1_048_576;

impl Logs {
    pub(super) fn put_log_events(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let events: Vec<(i64, &str)> = p
            .list("logEvents")
            .iter()
            .map(|e| {
                let e = Params::new(e);
                (e.i64("timestamp").unwrap_or_default(), e.req_str("message"))
            })
            .collect();
        if events.windows(2).any(|w| w[1].0 < w[0].0) {
            return Err(invalid(
                "Log events in a single PutLogEvents request must be in chronological order.",
            ));
        }
        if let (Some(first), Some(last)) = (events.first(), events.last()) {
            if last.0 - first.0 > MAX_BATCH_SPAN_MS {
                return Err(invalid(
                    "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
                ));
            }
        }
        if let Some(size) = events
            .iter()
            .map(|(_, m)| LogEvent::size(m))
            .find(|s| *s > MAX_EVENT_BYTES)
        {
            return Err(invalid(format!(
                "Log event too large: {size} bytes exceeds limit of {MAX_EVENT_BYTES}"
            )));
        }
        let total: usize = events.iter().map(|(_, m)| LogEvent::size(m)).sum();
        if total > MAX_BATCH_BYTES {
            return Err(invalid(format!(
                "Upload too large: {total} bytes exceeds limit of {MAX_BATCH_BYTES}"
            )));
        }
        let group_name = p.req_str("logGroupName");
        let stream_name = p.req_str("logStreamName");
        let group = self.group_ref(group_name)?;
        if !group.streams.contains_key(stream_name) {
            return Err(stream_not_found());
        }
        // Events too far from now are rejected, not refused: the batch is
        // sorted, so the rejected ones sit at either end.
        let now = ctx.now.millis();
        let too_new = events.iter().position(|(t, _)| *t > now + MAX_FUTURE_MS);
        let too_old = events.iter().rposition(|(t, _)| *t < now - MAX_PAST_MS);
        let expired = group.retention_days.and_then(|days| {
            let cutoff = now - days.saturating_mul(DAY);
            events.iter().rposition(|(t, _)| *t < cutoff)
        });
        let start = too_old.max(expired).map_or(0, |i| i + 1);
        let end = too_new.unwrap_or(events.len()).max(start);
        let accepted: Vec<(SimTime, String)> = events[start..end]
            .iter()
            .map(|(t, m)| (SimTime::from_millis(*t), (*m).to_owned()))
            .collect();
        let stream = self
            .group_mut(group_name)?
            .streams
            .get_mut(stream_name)
            .ok_or_else(stream_not_found)?;
        stream.upload_sequence += 1;
        let token = format!("{:056}", stream.upload_sequence);
        self.ingest(group_name, stream_name, accepted, ctx);
        let mut out = Map::new();
        out.insert("nextSequenceToken".into(), json!(token));
        if too_new.is_some() || too_old.is_some() || expired.is_some() {
            let mut info = Map::new();
            if let Some(i) = too_new {
                info.insert("tooNewLogEventStartIndex".into(), json!(i));
            }
            if let Some(i) = too_old {
                info.insert("tooOldLogEventEndIndex".into(), json!(i));
            }
            if let Some(i) = expired {
                info.insert("expiredLogEventEndIndex".into(), json!(i));
            }
            out.insert("rejectedLogEventsInfo".into(), Value::Object(info));
        }
        Ok(Value::Object(out))
    }

    pub(super) fn get_log_events(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let group_name = requested_group(&p, ctx)?;
        let token = match p.str("nextToken") {
            None => None,
            Some(t) => Some(parse_get_token(t).ok_or_else(|| invalid("The specified nextToken is invalid."))?),
        };
        let limit = p.i64("limit").map_or(MAX_RESPONSE_EVENTS, |l| l as usize);
        let group = self.group_ref(&group_name)?;
        let stream = group
            .streams
            .get(p.req_str("logStreamName"))
            .ok_or_else(stream_not_found)?;
        let lo = p
            .i64("startTime")
            .map_or(0, |t| stream.at_or_after(SimTime::from_millis(t)));
        let hi = p
            .i64("endTime")
            .map_or(stream.events.len(), |t| stream.at_or_after(SimTime::from_millis(t)))
            .max(lo);
        // Without a token, the newest events unless startFromHead.
        let (from, to) = match token {
            Some((true, key)) => page_forward(stream, stream.after(key).clamp(lo, hi), hi, limit),
            Some((false, key)) => page_backward(stream, lo, stream.before(key).clamp(lo, hi), limit),
            None if p.bool("startFromHead").unwrap_or(false) => page_forward(stream, lo, hi, limit),
            None => page_backward(stream, lo, hi, limit),
        };
        let events: Vec<Value> = stream
            .events
            .range(from..to)
            .map(|e| {
                json!({
                    "timestamp": millis(e.timestamp),
                    "message": e.message,
                    "ingestionTime": millis(e.ingestion_time),
                })
            })
            .collect();
        // A forward page ends after its last event, a backward page starts
        // before its first; reading past either end returns the same token.
        let after = if to > 0 {
            stream.events[to - 1].key()
        } else {
            EventKey::MIN
        };
        let before = stream.events.get(from).map_or(EventKey::MAX, LogEvent::key);
        Ok(json!({
            "events": events,
            "nextForwardToken": format!("f/{}", after.digits()),
            "nextBackwardToken": format!("b/{}", before.digits()),
        }))
    }

    pub(super) fn filter_log_events(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        let group_name = requested_group(&p, ctx)?;
        let names = p.get("logStreamNames").map(|_| p.str_list("logStreamNames"));
        let prefix = p.str("logStreamNamePrefix");
        if names.is_some() && prefix.is_some() {
            // (inferred) AWS's wording is not in the sources.
            return Err(invalid(
                "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.",
            ));
        }
        let pattern = FilterPattern::parse(p.str("filterPattern").unwrap_or_default())
            .map_err(|_| invalid("Invalid filter pattern"))?;
        let after = match p.str("nextToken") {
            None => EventKey::MIN,
            Some(t) => EventKey::parse(t).ok_or_else(|| invalid("The specified nextToken is invalid."))?,
        };
        let limit = p.i64("limit").map_or(MAX_RESPONSE_EVENTS, |l| l as usize);
        let start = p.i64("startTime").map(SimTime::from_millis);
        let end = p.i64("endTime").map(SimTime::from_millis);
        let group = self.groups.get(&group_name).ok_or_else(group_not_found)?;
        let streams: Vec<&LogStream> = group
            .streams
            .values()
            .filter(|s| names.as_ref().is_none_or(|n| n.contains(&s.name)))
            .filter(|s| prefix.is_none_or(|pre| s.name.starts_with(pre)))
            .collect();
        // Merge the streams in key order, starting after the token.
        let mut heads = BinaryHeap::new();
        for (i, s) in streams.iter().enumerate() {
            let from = s.after(after).max(start.map_or(0, |t| s.at_or_after(t)));
            if let Some(e) = s.events.get(from) {
                heads.push(Reverse((e.key(), i, from)));
            }
        }
        let mut out = Vec::new();
        let mut bytes = 0;
        let mut last = None;
        let mut truncated = false;
        while let Some(Reverse((_, i, at))) = heads.pop() {
            let s = streams[i];
            let e = &s.events[at];
            if end.is_some_and(|end| e.timestamp > end) {
                continue;
            }
            if out.len() >= limit || bytes + e.message.len() > MAX_RESPONSE_BYTES {
                truncated = true;
                break;
            }
            if let Some(next) = s.events.get(at + 1) {
                heads.push(Reverse((next.key(), i, at + 1)));
            }
            if pattern.matches_event(&Event::new(&e.message)) {
                bytes += e.message.len();
                last = Some(e.key());
                out.push(json!({
                    "logStreamName": s.name,
                    "timestamp": millis(e.timestamp),
                    "message": e.message,
                    "ingestionTime": millis(e.ingestion_time),
                    "eventId": e.event_id(),
                }));
            }
        }
        let mut response = Map::new();
        response.insert("events".into(), Value::Array(out));
        if truncated {
            if let Some(key) = last {
                response.insert("nextToken".into(), json!(key.digits()));
            }
        }
        Ok(Value::Object(response))
    }
}

/// `f/<56 digits>` (forward) or `b/<56 digits>` (backward).
fn parse_get_token(token: &str) -> Option<(bool, EventKey)> {
    let (forward, digits) = if let Some(d) = token.strip_prefix("f/") {
        (true, d)
    } else {
        (false, token.strip_prefix("b/")?)
    };
    Some((forward, EventKey::parse(digits)?))
}

/// The page that starts at `from`: up to `limit` events and 1 MB, not past `hi`.
fn page_forward(stream: &LogStream, from: usize, hi: usize, limit: usize) -> (usize, usize) {
    let mut to = from;
    let mut bytes = 0;
    while to < hi && to - from < limit {
        bytes += stream.events[to].message.len();
        if bytes > MAX_RESPONSE_BYTES {
            break;
        }
        to += 1;
    }
    (from, to)
}

/// The page that ends at `to`: up to `limit` events and 1 MB, not before `lo`.
fn page_backward(stream: &LogStream, lo: usize, to: usize, limit: usize) -> (usize, usize) {
    let mut from = to;
    let mut bytes = 0;
    while from > lo && to - from < limit {
        bytes += stream.events[from - 1].message.len();
        if bytes > MAX_RESPONSE_BYTES {
            break;
        }
        from -= 1;
    }
    (from, to)
}
