//! The Notifications panel: the mailbox, SNS subscriptions, and what the
//! SQS, Lambda and Kinesis targets received.

use yew::prelude::*;

use crate::ui::components::mailbox::Mailbox;
use crate::ui::components::panel::Panel;
use crate::ui::components::targets_view::{FunctionsView, QueuesView, StreamsView, SubscriptionsView};
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Msg};

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Mailbox,
    Subscriptions,
    Queues,
    Functions,
    Streams,
}

#[component]
pub fn NotificationsPanel() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let tab = use_state(|| Tab::Mailbox);
    let mail_count = app.world.borrow().services().sns.mailbox().len();
    let tab_button = |t: Tab, label: String, testid: &'static str| {
        let tab = tab.clone();
        let active = *tab == t;
        html! {
            <button role="tab" class={classes!("tab", active.then_some("active"))} aria-selected={active.to_string()}
                onclick={Callback::from(move |_| tab.set(t))} data-testid={testid}>{ label }</button>
        }
    };
    html! {
        <Panel id="notifications" title={tr(lang, Msg::PanelNotifications)}>
            <div class="tabs" role="tablist">
                { tab_button(Tab::Mailbox, format!("{} ({mail_count})", tr(lang, Msg::TabMailbox)), "tab-mailbox") }
                { tab_button(Tab::Subscriptions, tr(lang, Msg::TabSubscriptions).into(), "tab-subscriptions") }
                { tab_button(Tab::Queues, tr(lang, Msg::TabQueues).into(), "tab-queues") }
                { tab_button(Tab::Functions, tr(lang, Msg::TabFunctions).into(), "tab-functions") }
                { tab_button(Tab::Streams, tr(lang, Msg::TabStreams).into(), "tab-streams") }
            </div>
            { match *tab {
                Tab::Mailbox => html! { <Mailbox /> },
                Tab::Subscriptions => html! { <SubscriptionsView /> },
                Tab::Queues => html! { <QueuesView /> },
                Tab::Functions => html! { <FunctionsView /> },
                Tab::Streams => html! { <StreamsView /> },
            } }
        </Panel>
    }
}
