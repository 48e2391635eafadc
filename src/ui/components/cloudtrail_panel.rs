//! The CloudTrail panel: event history, newest first, filtered by event
//! name, resource and errors; each record's JSON on demand.

use yew::prelude::*;

use crate::sim::cloudtrail::CloudTrail;
use crate::ui::components::empty_state::EmptyState;
use crate::ui::components::json_view::JsonView;
use crate::ui::components::panel::Panel;
use crate::ui::format;
use crate::ui::hooks::{use_app, zone_offset};
use crate::ui::i18n::{tr, Msg};
use crate::ui::view::trail::{event_names, trail_rows, TrailFilter};

const SHOWN: usize = 25;

#[component]
pub fn CloudTrailPanel() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let filter = use_state(TrailFilter::default);
    let open = use_state(|| None::<usize>);
    let world = app.world.borrow();
    let trail = &world.services().cloudtrail;
    let rows = trail_rows(trail, &filter, SHOWN);
    let names = event_names(trail);
    let update = |f: fn(&mut TrailFilter, String)| {
        let filter = filter.clone();
        Callback::from(move |value: String| {
            let mut next = (*filter).clone();
            f(&mut next, value);
            filter.set(next);
        })
    };
    let on_name = update(|f, v| f.event_name = (!v.is_empty()).then_some(v))
        .reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
    let on_resource = update(|f, v| f.resource = v)
        .reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
    let on_errors = update(|f, v| f.errors_only = v == "true").reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .checked()
            .to_string()
    });
    html! {
        <Panel id="cloudtrail" title={tr(lang, Msg::PanelCloudTrail)}>
            <div class="filters">
                <label class="inline-field">
                    <span>{ tr(lang, Msg::FilterEventName) }</span>
                    <select onchange={on_name} data-testid="trail-filter-name">
                        <option value="" selected={filter.event_name.is_none()}>{ "—" }</option>
                        { for names.iter().map(|n| html! { <option value={n.clone()} selected={filter.event_name.as_deref() == Some(n.as_str())}>{ n.clone() }</option> }) }
                    </select>
                </label>
                <label class="inline-field">
                    <span>{ tr(lang, Msg::FilterResource) }</span>
                    <input type="text" value={filter.resource.clone()} oninput={on_resource} data-testid="trail-filter-resource" />
                </label>
                <label class="radio">
                    <input type="checkbox" checked={filter.errors_only} onchange={on_errors} data-testid="trail-errors-only" />
                    { tr(lang, Msg::ErrorsOnly) }
                </label>
            </div>
            if rows.is_empty() {
                <EmptyState text={tr(lang, Msg::EmptyTrail)} />
            } else {
                <table class="table" data-testid="trail-table">
                    <thead>
                        <tr>
                            <th scope="col">{ tr(lang, Msg::ColEventTime) }</th>
                            <th scope="col">{ tr(lang, Msg::ColEventName) }</th>
                            <th scope="col" class="hide-narrow">{ tr(lang, Msg::ColUser) }</th>
                            <th scope="col" class="hide-narrow">{ tr(lang, Msg::ColEventSource) }</th>
                            <th scope="col">{ tr(lang, Msg::ColResource) }</th>
                            <th scope="col">{ tr(lang, Msg::ColError) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.into_iter().map(|row| {
                            let expanded = *open == Some(row.index);
                            let toggle = {
                                let (open, index) = (open.clone(), row.index);
                                Callback::from(move |_: MouseEvent| open.set(if expanded { None } else { Some(index) }))
                            };
                            let offset = zone_offset(&app, row.time);
                            let record = expanded.then(|| trail.history().nth(row.index).map(|r| CloudTrail::record_json(r, world.settings()))).flatten();
                            html! {
                                <>
                                    <tr data-testid="trail-row" data-event-name={row.event_name.clone()}>
                                        <td class="nowrap">{ format::short(row.time, offset) }</td>
                                        <td><button class="link" onclick={toggle} aria-expanded={expanded.to_string()}>{ row.event_name.clone() }</button></td>
                                        <td class="hide-narrow">{ row.user.clone() }</td>
                                        <td class="hide-narrow">{ row.event_source.clone() }</td>
                                        <td><code title={row.resource.clone().unwrap_or_default()}>{ short_resource(row.resource.as_deref()) }</code></td>
                                        <td>{ match &row.error_code { Some(code) => html! { <span class="status status-error">{ code.clone() }</span> }, None => html! {} } }</td>
                                    </tr>
                                    if let Some(json) = record {
                                        <tr class="expanded"><td colspan="6"><JsonView value={json} /></td></tr>
                                    }
                                </>
                            }
                        }) }
                    </tbody>
                </table>
            }
            <p class="field-hint">{ tr(lang, Msg::TrailRetentionNote) }</p>
        </Panel>
    }
}

/// The part of an ARN after its resource type (`key/1234abcd-…` → the id).
fn short_resource(arn: Option<&str>) -> String {
    let Some(arn) = arn else { return String::new() };
    let tail = arn.rsplit(':').next().unwrap_or(arn);
    let name = tail.rsplit('/').next().unwrap_or(tail);
    // Key ids are long; their first block is enough to tell them apart.
    match name.len() {
        36 if name.as_bytes()[8] == b'-' => format!("{}…", &name[..8]),
        _ => name.to_owned(),
    }
}
