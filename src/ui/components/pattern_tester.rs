//! The pattern tester, in the style of the EventBridge sandbox: pick one of
//! the KMS sample events or an event from the stream, or paste one; write a
//! pattern; see whether it matches and why, field by field.

use serde_json::Value;
use yew::prelude::*;

use crate::sim::events::pattern;
use crate::ui::components::explanation_view::ExplanationView;
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Msg};
use crate::ui::view::events::{event_rows, sample_events};

const DEFAULT_PATTERN: &str =
    "{\n  \"source\": [\"aws.kms\"],\n  \"detail-type\": [\"KMS Imported Key Material Expiration\"]\n}";

#[component]
pub fn PatternTester() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let world = app.world.borrow();
    let samples = sample_events(world.settings());
    let recent = event_rows(&world.services().events, None, 20);
    let first = serde_json::to_string_pretty(&samples[1].1).unwrap_or_default();
    let event_text = use_state(|| first);
    let pattern_text = use_state(|| DEFAULT_PATTERN.to_string());

    let on_pick = {
        let event_text = event_text.clone();
        let choices: Vec<Value> = samples
            .iter()
            .map(|(_, e)| e.clone())
            .chain(recent.iter().map(|r| r.event.clone()))
            .collect();
        Callback::from(move |e: Event| {
            let index: usize = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value()
                .parse()
                .unwrap_or(0);
            if let Some(event) = choices.get(index) {
                event_text.set(serde_json::to_string_pretty(event).unwrap_or_default());
            }
        })
    };
    let area = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
        })
    };
    let verdict = match serde_json::from_str::<Value>(&event_text) {
        Err(e) => {
            html! { <div class="alert alert-error" role="alert">{ format!("{}: {e}", tr(lang, Msg::InvalidEventJson)) }</div> }
        }
        Ok(event) => match pattern::explain(&pattern_text, &event) {
            Err(e) => html! {
                <div class="alert alert-error" role="alert" data-testid="pattern-error">
                    <strong>{ "InvalidEventPatternException" }</strong>{ format!(": {}", e.message()) }
                </div>
            },
            Ok(explanation) => html! {
                <div data-testid="pattern-result" data-matched={explanation.matched.to_string()}>
                    <div class={classes!("verdict", if explanation.matched { "verdict-ok" } else { "verdict-fail" })}>
                        { if explanation.matched { tr(lang, Msg::PatternMatches) } else { tr(lang, Msg::PatternNoMatch) } }
                    </div>
                    <ExplanationView explanation={explanation} />
                </div>
            },
        },
    };
    html! {
        <div class="pattern-tester">
            <label class="inline-field">
                <span>{ tr(lang, Msg::SampleEvent) }</span>
                <select onchange={on_pick} data-testid="sample-event">
                    { for samples.iter().enumerate().map(|(i, (name, _))| html! { <option value={i.to_string()} selected={i == 1}>{ *name }</option> }) }
                    if !recent.is_empty() {
                        <optgroup label={tr(lang, Msg::BusEventsSelect)}>
                            { for recent.iter().enumerate().map(|(i, r)| html! {
                                <option value={(samples.len() + i).to_string()}>{ format!("{} · {}", r.detail_type, r.time) }</option>
                            }) }
                        </optgroup>
                    }
                </select>
            </label>
            <div class="two-columns">
                <label class="field">
                    <span class="field-label">{ tr(lang, Msg::EventJson) }</span>
                    <textarea rows="14" class="mono" value={(*event_text).clone()} oninput={area(&event_text)} data-testid="tester-event" maxlength="262144" />
                </label>
                <label class="field">
                    <span class="field-label">{ tr(lang, Msg::EventPattern) }</span>
                    <textarea rows="14" class="mono" value={(*pattern_text).clone()} oninput={area(&pattern_text)} data-testid="tester-pattern" maxlength="65536" />
                </label>
            </div>
            { verdict }
        </div>
    }
}
