//! The keys table: one row per key with its status, origin, spec and the
//! dates that matter to its lifecycle.
//!
//! Each row is its own component whose props are plain values (the row, its
//! countdown text, the language and zone), so while time plays Yew skips
//! every row whose text did not change instead of rebuilding and diffing a
//! hundred rows on each tick (BENCHMARKS.md, "Frames").

use yew::prelude::*;

use crate::sim::SimTime;
use crate::ui::components::status::Status;
use crate::ui::format;
use crate::ui::hooks::{use_app, zone_offset};
use crate::ui::i18n::{tr, trf, Lang, Msg};
use crate::ui::view::keys::{short_id, KeyRow};

#[derive(Properties, PartialEq)]
pub struct KeyTableProps {
    pub rows: Vec<KeyRow>,
    pub selected: Option<String>,
    /// Should be stable across renders (`use_callback`), or every row
    /// re-renders on every tick.
    pub on_select: Callback<String>,
}

/// The soonest of a key's expiry, deletion and rotation.
fn next_event(row: &KeyRow) -> Option<(SimTime, Msg)> {
    [
        row.expires.map(|t| (t, Msg::LifecycleExpires)),
        row.deletion.map(|t| (t, Msg::LifecycleDeleted)),
        row.next_rotation.map(|t| (t, Msg::LifecycleRotates)),
    ]
    .into_iter()
    .flatten()
    .min_by_key(|(t, _)| *t)
}

#[component]
pub fn KeyTable(props: &KeyTableProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let now = app.now();
    let offset = zone_offset(&app, now);
    html! {
        <table class="table" data-testid="key-table">
            <thead>
                <tr>
                    <th scope="col">{ tr(lang, Msg::ColAliases) }</th>
                    <th scope="col" class="hide-narrow">{ tr(lang, Msg::ColKeyId) }</th>
                    <th scope="col">{ tr(lang, Msg::ColStatus) }</th>
                    <th scope="col" class="hide-narrow">{ tr(lang, Msg::ColType) }</th>
                    <th scope="col">{ tr(lang, Msg::ColLifecycle) }</th>
                </tr>
            </thead>
            <tbody>
                { for props.rows.iter().map(|row| {
                    let next = next_event(row);
                    let countdown: AttrValue = next
                        .map(|(t, _)| trf(lang, Msg::InUntil, format::duration_coarse(t.since(now), lang)))
                        .unwrap_or_default()
                        .into();
                    html! {
                        <KeyTableRow key={row.id.clone()} row={row.clone()} next={next} countdown={countdown}
                            selected={props.selected.as_deref() == Some(row.id.as_str())}
                            lang={lang} offset={offset} on_select={props.on_select.clone()} />
                    }
                }) }
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct KeyTableRowProps {
    row: KeyRow,
    next: Option<(SimTime, Msg)>,
    /// "in 12 d": the only text that follows the clock.
    countdown: AttrValue,
    selected: bool,
    lang: Lang,
    offset: i32,
    on_select: Callback<String>,
}

#[component]
fn KeyTableRow(props: &KeyTableRowProps) -> Html {
    let KeyTableRowProps { row, lang, .. } = props;
    let lang = *lang;
    let select = {
        let id = row.id.clone();
        props.on_select.reform(move |_: MouseEvent| id.clone())
    };
    let name = row
        .aliases
        .first()
        .cloned()
        .unwrap_or_else(|| format!("{}…", short_id(&row.id)));
    html! {
        <tr class={classes!(props.selected.then_some("selected"))} data-testid="key-row" data-key-id={row.id.clone()}
            data-state={row.state}>
            <td>
                <button class="link" onclick={select} aria-pressed={props.selected.to_string()}>{ name }</button>
            </td>
            <td class="hide-narrow"><code title={row.arn.clone()}>{ format!("{}…", short_id(&row.id)) }</code></td>
            <td><Status tone={row.tone} label={row.state} /></td>
            <td class="hide-narrow">
                { row.spec.clone() }
                <div class="muted small">{ if row.external { "EXTERNAL" } else { "AWS_KMS" } }</div>
            </td>
            <td>
                { match props.next {
                    Some((t, what)) => html! {
                        <>
                            <div class="small strong">{ tr(lang, what) }</div>
                            <time datetime={t.iso_millis()}>{ format::short(t, props.offset) }</time>
                            <span class="muted">{ format!(" ({})", props.countdown) }</span>
                        </>
                    },
                    None => html! { <span class="muted">{ tr(lang, Msg::LifecycleNone) }</span> },
                } }
                if let Some(days) = row.rotation_days {
                    <div class="muted small">{ trf(lang, Msg::RotationEvery, days) }</div>
                }
            </td>
        </tr>
    }
}
