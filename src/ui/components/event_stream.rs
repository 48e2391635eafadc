//! The default bus's events, newest first: each with its JSON, the rules it
//! matched and where they delivered it; filtered by detail-type.
//!
//! The bus only grows at its end, so its length and newest event tell
//! whether the list changed: the rows are rebuilt only then, each row is a
//! keyed component, and a tick that adds no event re-renders none of them
//! (BENCHMARKS.md, "Frames").

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::empty_state::EmptyState;
use crate::ui::components::json_view::JsonView;
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Lang, Msg};
use crate::ui::view::events::{detail_types, event_rows, EventRow};

/// How many events the stream shows.
const SHOWN: usize = 50;

#[component]
pub fn EventStream() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let filter = use_state(|| None::<String>);
    let open = use_state(|| None::<String>);
    // What identifies the bus's contents: its length, its newest event and
    // that event's outcome, and the journal's length (a world replaced by
    // undo or an import with the same seed can repeat event ids).
    let bus_state = {
        let world = app.world.borrow();
        let newest = world.services().events.bus_log().next_back();
        (
            world.services().events.bus_events().len(),
            newest.and_then(|(e, _)| e["id"].as_str()).map(str::to_owned),
            newest.map(|(_, outcome)| outcome.to_vec()),
            world.journal().len(),
        )
    };
    let (rows, types) = {
        let world = app.world.clone();
        let rows = use_memo(((*filter).clone(), bus_state), move |(filter, _)| {
            let world = world.borrow();
            let events = &world.services().events;
            let rows: Vec<Rc<EventRow>> = event_rows(events, filter.as_deref(), SHOWN)
                .into_iter()
                .map(Rc::new)
                .collect();
            (rows, detail_types(events))
        });
        (rows.0.clone(), rows.1.clone())
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            filter.set((!v.is_empty()).then_some(v));
        })
    };
    let on_toggle = {
        let current = (*open).clone();
        let open = open.setter();
        use_callback(current, move |id: String, current| {
            open.set(if current.as_deref() == Some(id.as_str()) {
                None
            } else {
                Some(id)
            })
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
                    let key = row.id.clone();
                    html! { <EventItem key={key} row={row} expanded={expanded} lang={lang} on_toggle={on_toggle.clone()} /> }
                }) }
            </ul>
        </div>
    }
}

#[derive(Properties)]
struct EventItemProps {
    row: Rc<EventRow>,
    expanded: bool,
    lang: Lang,
    on_toggle: Callback<String>,
}

impl PartialEq for EventItemProps {
    /// Rows come from one memoised list, so the same row is the same `Rc`
    /// and comparing pointers spares comparing event JSON on every tick.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.row, &other.row)
            && self.expanded == other.expanded
            && self.lang == other.lang
            && self.on_toggle == other.on_toggle
    }
}

#[component]
fn EventItem(props: &EventItemProps) -> Html {
    let EventItemProps {
        row, expanded, lang, ..
    } = props;
    let (expanded, lang) = (*expanded, *lang);
    let toggle = {
        let id = row.id.clone();
        props.on_toggle.reform(move |_: MouseEvent| id.clone())
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
}
