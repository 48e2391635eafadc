//! The simulated mailbox: every email the account's `email` and
//! `email-json` subscriptions receive, with the texts SNS sends.
//!
//! The confirmation email and the unsubscribe footer are not given verbatim
//! by AWS's documentation (behaviour reference §10, question 9); the texts
//! below are reconstructed as faithfully as we can from emails SNS sends:
//! the confirmation names the topic, offers a "Confirm subscription" link
//! and ends with SNS's do-not-reply / opt-out line; notifications end with a
//! `--` footer that offers an unsubscribe link.

use std::collections::VecDeque;

use crate::sim::time::SimTime;

/// The sender address of every SNS email.
pub const SENDER: &str = "no-reply@sns.amazonaws.com";
/// The sender's display name when the topic has no `DisplayName`.
pub const DEFAULT_SENDER_NAME: &str = "AWS Notifications";
/// The subject of a confirmation email.
pub const CONFIRMATION_SUBJECT: &str = "AWS Notification - Subscription Confirmation";
/// The subject of a notification published without `Subject` (SNS's
/// default; not stated in AWS's documentation, observed in delivered mail).
pub const DEFAULT_SUBJECT: &str = "AWS Notification Message";
/// The most emails the mailbox keeps; the oldest go first.
pub const MAILBOX_CAP: usize = 10_000;

/// What an email is, with what the UI needs to act on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmailKind {
    /// "AWS Notification - Subscription Confirmation": its "Confirm
    /// subscription" link calls `ConfirmSubscription(TopicArn, Token)`.
    SubscriptionConfirmation {
        topic_arn: String,
        subscription_arn: String,
        token: String,
        /// The link's address, as SNS writes it.
        confirm_url: String,
    },
    /// A message published to the topic; its footer link calls
    /// `Unsubscribe(SubscriptionArn)`.
    Notification {
        topic_arn: String,
        subscription_arn: String,
        message_id: String,
        unsubscribe_url: String,
    },
}

/// One delivered email.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    /// Increasing number of the email in this account (never reused).
    pub id: u64,
    pub at: SimTime,
    /// `AWS Notifications <no-reply@sns.amazonaws.com>`, or the topic's
    /// `DisplayName` in place of `AWS Notifications`.
    pub from: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub kind: EmailKind,
}

/// The emails, oldest first.
#[derive(Clone, Debug, Default)]
pub(super) struct Mailbox {
    emails: VecDeque<Email>,
    next_id: u64,
}

impl Mailbox {
    pub fn push(&mut self, mut email: Email) {
        self.next_id += 1;
        email.id = self.next_id;
        if self.emails.len() >= MAILBOX_CAP {
            self.emails.pop_front();
        }
        self.emails.push_back(email);
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Email> + ExactSizeIterator {
        self.emails.iter()
    }
}

/// `<display name> <no-reply@sns.amazonaws.com>`.
pub(super) fn from(display_name: Option<&str>) -> String {
    let name = display_name.filter(|n| !n.is_empty()).unwrap_or(DEFAULT_SENDER_NAME);
    format!("{name} <{SENDER}>")
}

/// The confirmation link of an email subscription.
pub(super) fn confirm_url(region: &str, topic_arn: &str, token: &str, endpoint: &str) -> String {
    format!(
        "https://sns.{region}.amazonaws.com/confirmation.html?TopicArn={topic_arn}&Token={token}&Endpoint={endpoint}"
    )
}

/// The unsubscribe link in a notification email's footer.
pub(super) fn unsubscribe_link(region: &str, subscription_arn: &str, endpoint: &str) -> String {
    format!(
        "https://sns.{region}.amazonaws.com/unsubscribe.html?SubscriptionArn={subscription_arn}&Endpoint={endpoint}"
    )
}

/// The body of the confirmation email (protocol `email`). "Confirm
/// subscription" is the link's text; the mailbox view renders it as a link.
pub(super) fn confirmation_body(topic_arn: &str) -> String {
    format!(
        "You have chosen to subscribe to the topic: {topic_arn}\n\n\
         To confirm this subscription, click or visit the link below (If this was in error no action is necessary):\n\
         Confirm subscription\n\n\
         Please do not reply directly to this email. If you wish to remove yourself from receiving all future SNS \
         subscription confirmation requests please send an email to sns-opt-out"
    )
}

/// The body of a notification email (protocol `email`): the message, then
/// SNS's footer with the unsubscribe link.
pub(super) fn notification_body(message: &str, unsubscribe_link: &str) -> String {
    format!(
        "{message}\n\n--\n\
         If you wish to stop receiving notifications from this topic, please click or visit the link below to \
         unsubscribe:\n{unsubscribe_link}\n\n\
         Please do not reply directly to this email. If you have any questions or comments regarding this email, \
         please contact us at https://aws.amazon.com/support"
    )
}
