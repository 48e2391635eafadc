//! The simulated mailbox: every email SNS sent, newest first. Confirmation
//! emails carry a working "Confirm subscription" link.

use serde_json::json;
use yew::prelude::*;

use crate::sim::sns::EmailKind;
use crate::ui::components::empty_state::EmptyState;
use crate::ui::format;
use crate::ui::hooks::{call, use_app, zone_offset};
use crate::ui::i18n::{tr, Msg};

#[component]
pub fn Mailbox() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let open = use_state(|| None::<u64>);
    let confirmed = use_state(Vec::<u64>::new);
    let emails: Vec<_> = app
        .world
        .borrow()
        .services()
        .sns
        .mailbox()
        .rev()
        .take(50)
        .cloned()
        .collect();
    if emails.is_empty() {
        return html! { <EmptyState text={tr(lang, Msg::EmptyMail)} /> };
    }
    html! {
        <ul class="mails" data-testid="mailbox">
            { for emails.into_iter().map(|mail| {
                let expanded = *open == Some(mail.id);
                let toggle = {
                    let (open, id) = (open.clone(), mail.id);
                    Callback::from(move |_: MouseEvent| open.set(if expanded { None } else { Some(id) }))
                };
                let offset = zone_offset(&app, mail.at);
                let confirm = match &mail.kind {
                    EmailKind::SubscriptionConfirmation { topic_arn, token, .. } => {
                        let (app, confirmed, id) = (app.clone(), confirmed.clone(), mail.id);
                        let params = json!({"TopicArn": topic_arn, "Token": token});
                        Some(Callback::from(move |_: MouseEvent| {
                            if call(&app, "sns", "ConfirmSubscription", params.clone()).is_ok() {
                                let mut done = (*confirmed).clone();
                                done.push(id);
                                confirmed.set(done);
                            }
                        }))
                    }
                    EmailKind::Notification { .. } => None,
                };
                html! {
                    <li class="mail" data-testid="email" data-subject={mail.subject.clone()}>
                        <button class="mail-summary" aria-expanded={expanded.to_string()} onclick={toggle}>
                            <span class="mail-subject">{ mail.subject.clone() }</span>
                            <span class="muted">{ format!(" · {} · {} {}", mail.to, format::short(mail.at, offset), format::zone_label(offset)) }</span>
                        </button>
                        if expanded {
                            <div class="mail-body">
                                <div class="muted">{ format!("{}: {}", tr(lang, Msg::MailFrom), mail.from) }</div>
                                <div class="muted">{ format!("{}: {}", tr(lang, Msg::MailTo), mail.to) }</div>
                                <pre class="mail-text" data-testid="email-body">{ mail.body.clone() }</pre>
                                if let Some(on_confirm) = confirm {
                                    if confirmed.contains(&mail.id) {
                                        <div class="alert alert-info" role="status">{ tr(lang, Msg::SubscriptionConfirmed) }</div>
                                    } else {
                                        <button class="btn btn-primary" onclick={on_confirm} data-testid="confirm-subscription">{ tr(lang, Msg::ConfirmSubscription) }</button>
                                    }
                                }
                            </div>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}
