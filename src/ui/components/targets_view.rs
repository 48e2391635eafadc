//! What the delivery targets received: SQS queues and their messages
//! (looked at without receiving them), Lambda invocations, Kinesis records,
//! and the SNS subscriptions with their confirmation status.

use base64::Engine;
use serde_json::Value;
use yew::prelude::*;

use crate::sim::sns::SubscriptionStatus;
use crate::ui::components::empty_state::EmptyState;
use crate::ui::components::json_view::JsonView;
use crate::ui::format;
use crate::ui::hooks::{use_app, zone_offset};
use crate::ui::i18n::{tr, Msg};

/// A payload shown as JSON when it is JSON, as text otherwise.
fn payload(text: &str) -> Html {
    match serde_json::from_str::<Value>(text) {
        Ok(v) if v.is_object() || v.is_array() => html! { <JsonView value={v} /> },
        _ => html! { <pre class="code">{ text.to_owned() }</pre> },
    }
}

#[component]
pub fn QueuesView() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let world = app.world.borrow();
    let queues: Vec<_> = world.services().sqs.queues().collect();
    if queues.is_empty() {
        return html! { <EmptyState text={tr(lang, Msg::NoQueues)} /> };
    }
    html! {
        <div data-testid="queues">
            { for queues.into_iter().map(|q| {
                let messages: Vec<_> = q.messages().collect();
                html! {
                    <section class="target" data-testid="queue" data-queue={q.name.clone()}>
                        <h4>
                            { q.name.clone() }
                            <span class="muted">{ format!(" — {} {}, {} {}", q.visible_count(), tr(lang, Msg::MessagesAvailable), q.in_flight_count(), tr(lang, Msg::MessagesInFlight)) }</span>
                        </h4>
                        if messages.is_empty() { <p class="muted">{ tr(lang, Msg::NoMessages) }</p> }
                        { for messages.into_iter().rev().take(10).map(|m| {
                            let offset = zone_offset(&app, m.sent_at);
                            html! {
                                <details class="message">
                                    <summary>
                                        <code>{ format!("{}…", &m.message_id[..8.min(m.message_id.len())]) }</code>
                                        <span class="muted">{ format!(" · {} · {} {}", format::short(m.sent_at, offset), tr(lang, Msg::Received), m.receive_count) }</span>
                                    </summary>
                                    { payload(&m.body) }
                                </details>
                            }
                        }) }
                    </section>
                }
            }) }
        </div>
    }
}

#[component]
pub fn FunctionsView() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let world = app.world.borrow();
    let functions: Vec<_> = world.services().lambda.functions().collect();
    if functions.is_empty() {
        return html! { <EmptyState text={tr(lang, Msg::NoFunctions)} /> };
    }
    html! {
        <div data-testid="functions">
            { for functions.into_iter().map(|f| html! {
                <section class="target" data-testid="function" data-function={f.name.clone()}>
                    <h4>{ f.name.clone() }<span class="muted">{ format!(" — {}", f.log_group()) }</span></h4>
                    if f.invocations().len() == 0 { <p class="muted">{ tr(lang, Msg::NoInvocations) }</p> }
                    { for f.invocations().rev().take(10).map(|inv| {
                        let offset = zone_offset(&app, inv.at);
                        html! {
                            <details class="message" data-testid="invocation">
                                <summary>
                                    <code>{ format!("{}…", &inv.request_id[..8.min(inv.request_id.len())]) }</code>
                                    <span class="muted">{ format!(" · {} · {:?}", format::short(inv.at, offset), inv.source) }</span>
                                </summary>
                                { payload(&inv.payload) }
                            </details>
                        }
                    }) }
                </section>
            }) }
        </div>
    }
}

#[component]
pub fn StreamsView() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let world = app.world.borrow();
    let streams: Vec<_> = world.services().kinesis.streams().collect();
    if streams.is_empty() {
        return html! { <EmptyState text={tr(lang, Msg::NoStreams)} /> };
    }
    html! {
        <div data-testid="streams">
            { for streams.into_iter().map(|s| {
                let mut records: Vec<_> = s.shards.iter().flat_map(|sh| sh.records()).collect();
                records.sort_by_key(|r| std::cmp::Reverse(r.arrival));
                html! {
                    <section class="target" data-testid="stream">
                        <h4>{ s.name.clone() }</h4>
                        if records.is_empty() { <p class="muted">{ tr(lang, Msg::NoRecords) }</p> }
                        { for records.into_iter().take(10).map(|r| {
                            let offset = zone_offset(&app, r.arrival);
                            let text = String::from_utf8(r.data.clone())
                                .unwrap_or_else(|_| base64::engine::general_purpose::STANDARD.encode(&r.data));
                            html! {
                                <details class="message">
                                    <summary>
                                        <code>{ format!("…{}", &r.sequence_number[r.sequence_number.len().saturating_sub(8)..]) }</code>
                                        <span class="muted">{ format!(" · {} · {}", format::short(r.arrival, offset), r.partition_key) }</span>
                                    </summary>
                                    { payload(&text) }
                                </details>
                            }
                        }) }
                    </section>
                }
            }) }
        </div>
    }
}

#[component]
pub fn SubscriptionsView() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let world = app.world.borrow();
    let subscriptions = world.services().sns.subscriptions();
    let topics: Vec<_> = world.services().sns.topics().collect();
    if topics.is_empty() {
        return html! { <EmptyState text={tr(lang, Msg::NoSubscriptions)} /> };
    }
    html! {
        <table class="table" data-testid="subscriptions">
            <thead>
                <tr>
                    <th scope="col">{ tr(lang, Msg::ColTopic) }</th>
                    <th scope="col">{ tr(lang, Msg::ColProtocol) }</th>
                    <th scope="col">{ tr(lang, Msg::ColEndpoint) }</th>
                    <th scope="col">{ tr(lang, Msg::ColStatus) }</th>
                </tr>
            </thead>
            <tbody>
                { for subscriptions.into_iter().map(|s| {
                    let topic = s.topic_arn.rsplit(':').next().unwrap_or_default().to_owned();
                    let (label, class) = match s.status() {
                        SubscriptionStatus::PendingConfirmation => (tr(lang, Msg::Pending), "status status-pending"),
                        SubscriptionStatus::Confirmed => (tr(lang, Msg::Confirmed), "status status-success"),
                    };
                    html! {
                        <tr data-testid="subscription">
                            <td>{ topic }</td>
                            <td>{ s.protocol.as_str() }</td>
                            <td><code class="wrap">{ s.endpoint.clone() }</code></td>
                            <td><span class={class}>{ label }</span></td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
