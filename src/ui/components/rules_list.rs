//! The default bus's rules: state, pattern or schedule, targets; and for a
//! chosen event from the stream, why each rule matched it or not.

use yew::prelude::*;

use crate::ui::components::empty_state::EmptyState;
use crate::ui::components::explanation_view::ExplanationView;
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Msg};
use crate::ui::view::events::event_rows;

#[component]
pub fn RulesList() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let chosen = use_state(|| None::<String>);
    let world = app.world.borrow();
    let events = &world.services().events;
    let rules: Vec<_> = events.rules().cloned().collect();
    if rules.is_empty() {
        return html! { <EmptyState text={tr(lang, Msg::NoRules)} /> };
    }
    let recent = event_rows(events, None, 20);
    let event = chosen
        .as_ref()
        .and_then(|id| recent.iter().find(|r| &r.id == id))
        .map(|r| r.event.clone());
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            chosen.set((!v.is_empty()).then_some(v));
        })
    };
    html! {
        <div>
            <label class="inline-field">
                <span>{ tr(lang, Msg::ExplainAgainst) }</span>
                <select onchange={on_choose} data-testid="explain-event">
                    <option value="">{ "—" }</option>
                    { for recent.iter().map(|r| html! {
                        <option value={r.id.clone()} selected={chosen.as_deref() == Some(r.id.as_str())}>{ format!("{} · {}", r.detail_type, r.time) }</option>
                    }) }
                </select>
            </label>
            <table class="table" data-testid="rules-table">
                <thead>
                    <tr>
                        <th scope="col">{ tr(lang, Msg::ColName) }</th>
                        <th scope="col">{ tr(lang, Msg::ColState) }</th>
                        <th scope="col">{ tr(lang, Msg::ColPattern) }</th>
                        <th scope="col">{ tr(lang, Msg::ColTargets) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rules.iter().map(|rule| {
                        let explanation = event.as_ref().and_then(|e| events.explain_rule(&rule.name, e));
                        html! {
                            <tr data-testid="rule-row">
                                <td><strong>{ rule.name.clone() }</strong></td>
                                <td>{ rule.state.as_str() }</td>
                                <td>
                                    <code class="wrap">{ rule.event_pattern.clone().or_else(|| rule.schedule_expression.clone()).unwrap_or_default() }</code>
                                    if let Some(explanation) = explanation {
                                        <div class={classes!("verdict", if explanation.matched { "verdict-ok" } else { "verdict-fail" })}>
                                            { if explanation.matched { tr(lang, Msg::PatternMatches) } else { tr(lang, Msg::PatternNoMatch) } }
                                        </div>
                                        <ExplanationView explanation={explanation} />
                                    }
                                </td>
                                <td>{ for rule.targets.iter().map(|t| html! { <div><code class="wrap">{ t.arn.clone() }</code></div> }) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
