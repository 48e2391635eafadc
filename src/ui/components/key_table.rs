//! The keys table: one row per key with its status, origin, spec and the
//! dates that matter to its lifecycle.

use yew::prelude::*;

use crate::ui::components::status::Status;
use crate::ui::format;
use crate::ui::hooks::{use_app, zone_offset};
use crate::ui::i18n::{tr, trf, Msg};
use crate::ui::view::keys::{short_id, KeyRow};

#[derive(Properties, PartialEq)]
pub struct KeyTableProps {
    pub rows: Vec<KeyRow>,
    pub selected: Option<String>,
    pub on_select: Callback<String>,
}

#[component]
pub fn KeyTable(props: &KeyTableProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let now = app.now();
    let offset = zone_offset(&app, now);
    let date = |t: Option<crate::sim::SimTime>| match t {
        Some(t) => html! {
            <>
                <time datetime={t.iso_millis()}>{ format::short(t, offset) }</time>
                <span class="muted">{ format!(" ({})", trf(lang, Msg::InUntil, format::duration(t.since(now), lang))) }</span>
            </>
        },
        None => html! { <span class="muted">{ tr(lang, Msg::Never) }</span> },
    };
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
                    let select = {
                        let id = row.id.clone();
                        props.on_select.reform(move |_: MouseEvent| id.clone())
                    };
                    let is_selected = props.selected.as_deref() == Some(row.id.as_str());
                    let name = row.aliases.first().cloned().unwrap_or_else(|| format!("{}…", short_id(&row.id)));
                    // The soonest of expiry, deletion and rotation.
                    let mut next: Vec<(crate::sim::SimTime, Msg)> = [
                        row.expires.map(|t| (t, Msg::LifecycleExpires)),
                        row.deletion.map(|t| (t, Msg::LifecycleDeleted)),
                        row.next_rotation.map(|t| (t, Msg::LifecycleRotates)),
                    ]
                    .into_iter()
                    .flatten()
                    .collect();
                    next.sort_by_key(|(t, _)| *t);
                    html! {
                        <tr class={classes!(is_selected.then_some("selected"))} data-testid="key-row" data-key-id={row.id.clone()}
                            data-state={row.state}>
                            <td>
                                <button class="link" onclick={select} aria-pressed={is_selected.to_string()}>{ name }</button>
                            </td>
                            <td class="hide-narrow"><code title={row.arn.clone()}>{ format!("{}…", short_id(&row.id)) }</code></td>
                            <td><Status tone={row.tone} label={row.state} /></td>
                            <td class="hide-narrow">
                                { row.spec.clone() }
                                <div class="muted small">{ if row.external { "EXTERNAL" } else { "AWS_KMS" } }</div>
                            </td>
                            <td>
                                { match next.first() {
                                    Some((t, what)) => html! { <><div class="small strong">{ tr(lang, *what) }</div>{ date(Some(*t)) }</> },
                                    None => html! { <span class="muted">{ tr(lang, Msg::LifecycleNone) }</span> },
                                } }
                                if let Some(days) = row.rotation_days {
                                    <div class="muted small">{ trf(lang, Msg::RotationEvery, days) }</div>
                                }
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
