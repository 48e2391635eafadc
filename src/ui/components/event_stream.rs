//! The default bus's events, newest first: each with its JSON, the rules it
//! matched and where they delivered it; filtered by detail-type.

use yew::prelude::*;

use crate::ui::components::empty_state::EmptyState;
use crate::ui::components::json_view::JsonView;
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Msg};
use crate::ui::view::events::{detail_types, event_rows};

/// How many events the stream shows.
const SHOWN: usize = 50;

#[component]
pub fn EventStream() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let filter = use_state(|| None::<String>);
    let open = use_state(|| None::<String>);
    let world = app.world.borrow();
    let events = &world.services().events;
    let rows = event_rows(events, filter.as_deref(), SHOWN);
    let types = detail_types(events);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            filter.set((!v.is_empty()).then_some(v));
        })
    };
    html! {
        <div class="event-stream">
            <label class="inline-field">
                <span>{ tr(lang, Msg::FilterDetailType) }</span>
                <select onchange={on_filter} data-testid="event-filter">
                    <option value="" selected={filter.is_none()}>{ tr(lang, Msg::AllDetailTypes) }</option>
                    { for types.iter().map(|t| html! { <option value={t.clone()} selected={filter.as_deref() == Some(t.as_str())}>{ t.clone() }</option> }) }
                </select>
            </label>
            if rows.is_empty() {
                <EmptyState text={tr(lang, Msg::EmptyEvents)} />
            }
            <ul class="events" data-testid="event-list">
                { for rows.into_iter().map(|row| {
                    let expanded = open.as_deref() == Some(row.id.as_str());
                    let toggle = {
                        let (open, id) = (open.clone(), row.id.clone());
                        Callback::from(move |_: MouseEvent| open.set(if expanded { None } else { Some(id.clone()) }))
                    };
                    html! {
                        <li class="event" data-testid="event" data-detail-type={row.detail_type.clone()}>
                            <button class="event-summary" aria-expanded={expanded.to_string()} onclick={toggle}>
                                <span class="event-type">{ row.detail_type.clone() }</span>
                                <span class="muted">{ format!(" · {} · {}", row.source, row.time) }</span>
                                if !row.matches.is_empty() {
                                    <span class="badge">{ format!("{} ✓", row.matches.len()) }</span>
                                }
                            </button>
                            if expanded {
                                <div class="event-body">
                                    <JsonView value={row.event.clone()} />
                                    <h4>{ tr(lang, Msg::MatchedRules) }</h4>
                                    if row.matches.is_empty() {
                                        <p class="muted">{ tr(lang, Msg::NoRuleMatched) }</p>
                                    }
                                    <ul class="plain-list">
                                        { for row.matches.iter().map(|m| html! {
                                            <li>
                                                <strong>{ m.rule_name.clone() }</strong>
                                                <ul>
                                                    { for m.deliveries.iter().map(|d| html! {
                                                        <li>
                                                            { format!("{} ", tr(lang, Msg::DeliveredTo)) }
                                                            <code>{ d.target_arn.clone() }</code>
                                                            if let Some(err) = &d.error {
                                                                <span class="status status-error">{ format!(" {}: {err}", tr(lang, Msg::DeliveryFailed)) }</span>
                                                            }
                                                        </li>
                                                    }) }
                                                </ul>
                                            </li>
                                        }) }
                                    </ul>
                                </div>
                            }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
