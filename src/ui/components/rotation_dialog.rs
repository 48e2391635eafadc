//! Key rotation: automatic rotation on or off with its period, rotate now,
//! and the key's rotation history.

use serde_json::json;
use yew::prelude::*;

use crate::sim::AwsError;
use crate::ui::components::error_alert::ErrorAlert;
use crate::ui::components::modal::Modal;
use crate::ui::format;
use crate::ui::hooks::{call, use_app, zone_offset};
use crate::ui::i18n::{tr, Msg};

#[derive(Properties, PartialEq)]
pub struct RotationDialogProps {
    pub key_id: AttrValue,
    pub on_close: Callback<()>,
}

#[component]
pub fn RotationDialog(props: &RotationDialogProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let offset = zone_offset(&app, app.now());
    let key = app.world.borrow().services().kms.key(&props.key_id).cloned();
    let enabled = use_state(|| key.as_ref().is_some_and(|k| k.rotation.enabled));
    let period = use_state(|| key.as_ref().map_or(365, |k| k.rotation.period_days).to_string());
    let error = use_state(|| None::<AwsError>);
    let Some(key) = key else { return html! {} };

    let on_enabled = {
        let enabled = enabled.clone();
        Callback::from(move |e: Event| enabled.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let on_period = {
        let period = period.clone();
        Callback::from(move |e: InputEvent| period.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let save = {
        let (app, enabled, period, error, id, on_close) = (
            app.clone(),
            enabled.clone(),
            period.clone(),
            error.clone(),
            props.key_id.to_string(),
            props.on_close.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let result = if *enabled {
                let days = period
                    .trim()
                    .parse::<i64>()
                    .map(|n| json!(n))
                    .unwrap_or_else(|_| json!(period.trim()));
                call(
                    &app,
                    "kms",
                    "EnableKeyRotation",
                    json!({"KeyId": id, "RotationPeriodInDays": days}),
                )
            } else {
                call(&app, "kms", "DisableKeyRotation", json!({"KeyId": id}))
            };
            match result {
                Ok(_) => on_close.emit(()),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let rotate_now = {
        let (app, error, id) = (app.clone(), error.clone(), props.key_id.to_string());
        Callback::from(move |_: MouseEvent| {
            error.set(call(&app, "kms", "RotateKeyOnDemand", json!({"KeyId": id})).err())
        })
    };
    let footer = html! {
        <>
            <button class="btn btn-link" type="button" onclick={props.on_close.reform(|_| ())}>{ tr(lang, Msg::Cancel) }</button>
            <button class="btn btn-primary" type="submit" form="rotation-form" data-testid="rotation-save">{ tr(lang, Msg::Save) }</button>
        </>
    };
    html! {
        <Modal id="rotation-dialog" title={tr(lang, Msg::ActionRotation)} on_close={props.on_close.clone()} footer={footer}>
            <form id="rotation-form" class="form" onsubmit={save} novalidate=true>
                <label class="radio">
                    <input type="checkbox" checked={*enabled} onchange={on_enabled} data-testid="rotation-enabled" />
                    { tr(lang, Msg::RotationEnabledLabel) }
                </label>
                if *enabled {
                    <label class="field">
                        <span class="field-label">{ tr(lang, Msg::RotationPeriod) }</span>
                        <input type="number" min="90" max="2560" value={(*period).clone()} oninput={on_period} data-testid="rotation-period" />
                    </label>
                }
                if let Some(next) = key.rotation.next.filter(|_| key.rotation.enabled) {
                    <p class="field-hint">{ format!("{}: {} {}", tr(lang, Msg::NextRotation), format::short(next, offset), format::zone_label(offset)) }</p>
                }
                <div>
                    <button class="btn" type="button" onclick={rotate_now} data-testid="rotate-now">{ tr(lang, Msg::RotateNow) }</button>
                </div>
                <ErrorAlert error={(*error).clone()} />
                <h3>{ tr(lang, Msg::RotationHistory) }</h3>
                if key.rotation.history.is_empty() {
                    <p class="muted">{ tr(lang, Msg::NoRotations) }</p>
                } else {
                    <ul class="plain-list" data-testid="rotation-history">
                        { for key.rotation.history.iter().rev().map(|r| html! {
                            <li>
                                <time datetime={r.date.iso_millis()}>{ format::short(r.date, offset) }</time>
                                { format!(" — {} — ", if r.on_demand { "ON_DEMAND" } else { "AUTOMATIC" }) }
                                <code>{ format!("{}…", &r.material_id[..12]) }</code>
                            </li>
                        }) }
                    </ul>
                }
            </form>
        </Modal>
    }
}
