//! The EventBridge panel: the event stream, the rules, and the pattern tester.

use yew::prelude::*;

use crate::ui::components::event_stream::EventStream;
use crate::ui::components::panel::Panel;
use crate::ui::components::pattern_tester::PatternTester;
use crate::ui::components::rules_list::RulesList;
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Msg};

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Stream,
    Rules,
    Tester,
}

#[component]
pub fn EventsPanel() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let tab = use_state(|| Tab::Stream);
    let tab_button = |t: Tab, label: Msg, testid: &'static str| {
        let tab = tab.clone();
        let active = *tab == t;
        html! {
            <button role="tab" class={classes!("tab", active.then_some("active"))} aria-selected={active.to_string()}
                onclick={Callback::from(move |_| tab.set(t))} data-testid={testid}>{ tr(lang, label) }</button>
        }
    };
    html! {
        <Panel id="events" title={tr(lang, Msg::PanelEvents)}>
            <div class="tabs" role="tablist">
                { tab_button(Tab::Stream, Msg::TabEventStream, "tab-event-stream") }
                { tab_button(Tab::Rules, Msg::TabRules, "tab-rules") }
                { tab_button(Tab::Tester, Msg::TabSandbox, "tab-pattern-tester") }
            </div>
            { match *tab {
                Tab::Stream => html! { <EventStream /> },
                Tab::Rules => html! { <RulesList /> },
                Tab::Tester => html! { <PatternTester /> },
            } }
        </Panel>
    }
}
