//! SNS's checks of the ARNs a request names, with SNS's error messages
//! (`Invalid parameter: TopicArn`, `... An ARN must have at least 6
//! elements, not 1`), and the topic-name rules of CreateTopic.

use crate::sim::ctx::Ctx;
use crate::sim::AwsError;

/// SNS's error for a malformed or unacceptable parameter (`InvalidParameter`,
/// HTTP 400). It is about the request, so the request changes nothing.
pub(super) fn invalid(message: impl Into<String>) -> AwsError {
    AwsError::input("InvalidParameter", message)
}

/// `NotFound` (HTTP 404): the named resource does not exist.
pub(super) fn not_found(what: &str) -> AwsError {
    AwsError::new("NotFound", format!("{what} does not exist"))
}

/// Checks that `arn` names a topic of this account's Region. `member` is the
/// parameter's name as SNS reports it (`TopicArn`, `TargetArn`). An ARN in
/// another account passes (it then is not found); another Region, service or
/// shape is refused.
pub(super) fn check_topic_arn(arn: &str, member: &str, ctx: &Ctx) -> Result<(), AwsError> {
    let parts: Vec<&str> = arn.split(':').collect();
    if parts.len() < 6 {
        return Err(invalid(format!(
            "Invalid parameter: {member} Reason: An ARN must have at least 6 elements, not {}",
            parts.len()
        )));
    }
    let ok = parts.len() == 6
        && parts[0] == "arn"
        && parts[1] == "aws"
        && parts[2] == "sns"
        && parts[3] == ctx.region()
        && is_account(parts[4])
        && topic_name_ok(parts[5]);
    if ok {
        Ok(())
    } else {
        Err(invalid(format!("Invalid parameter: {member}")))
    }
}

/// Checks a subscription ARN (`<topic ARN>:<id>`) as Unsubscribe and
/// GetSubscriptionAttributes do.
pub(super) fn check_subscription_arn(arn: &str) -> Result<(), AwsError> {
    let parts: Vec<&str> = arn.split(':').collect();
    if parts.len() < 6 {
        return Err(invalid(format!(
            "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not {}",
            parts.len()
        )));
    }
    if parts.len() == 6 {
        // A topic ARN: the subscription id is missing.
        return Err(invalid("Invalid parameter: SubscriptionId"));
    }
    if parts[0] != "arn" || parts[2] != "sns" || parts.len() != 7 || parts[6].is_empty() {
        return Err(invalid("Invalid parameter: SubscriptionArn"));
    }
    Ok(())
}

/// Whether `name` is a valid topic name: 1–256 of `[A-Za-z0-9_-]`, a FIFO
/// topic's with `.fifo` appended (which counts towards the 256).
pub(super) fn topic_name_ok(name: &str) -> bool {
    let base = name.strip_suffix(".fifo").unwrap_or(name);
    !base.is_empty()
        && name.len() <= 256
        && base
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn is_account(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// `(service, region, account, resource)` of an ARN, if it has that shape.
pub(super) fn split_arn(arn: &str) -> Option<(&str, &str, &str, &str)> {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some("aws"), Some(service), Some(region), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    (!service.is_empty() && !resource.is_empty()).then_some((service, region, account, resource))
}
