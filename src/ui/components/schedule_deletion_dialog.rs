//! Schedule key deletion: a waiting period of 7–30 days and the console's
//! confirmation.

use serde_json::json;
use yew::prelude::*;

use crate::sim::AwsError;
use crate::ui::components::error_alert::ErrorAlert;
use crate::ui::components::modal::Modal;
use crate::ui::hooks::{call, use_app};
use crate::ui::i18n::{tr, Msg};

#[derive(Properties, PartialEq)]
pub struct ScheduleDeletionDialogProps {
    pub key_id: AttrValue,
    pub on_close: Callback<()>,
}

#[component]
pub fn ScheduleDeletionDialog(props: &ScheduleDeletionDialogProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let days = use_state(|| "30".to_string());
    let confirmed = use_state(|| false);
    let error = use_state(|| None::<AwsError>);
    let on_days = {
        let days = days.clone();
        Callback::from(move |e: InputEvent| days.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_confirm = {
        let confirmed = confirmed.clone();
        Callback::from(move |e: Event| confirmed.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let submit = {
        let (app, days, error, id, on_close) = (
            app.clone(),
            days.clone(),
            error.clone(),
            props.key_id.to_string(),
            props.on_close.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // A value that is not a number goes to KMS as text, so the
            // learner sees KMS's own refusal.
            let window = days
                .trim()
                .parse::<i64>()
                .map(|n| json!(n))
                .unwrap_or_else(|_| json!(days.trim()));
            match call(
                &app,
                "kms",
                "ScheduleKeyDeletion",
                json!({"KeyId": id, "PendingWindowInDays": window}),
            ) {
                Ok(_) => on_close.emit(()),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let footer = html! {
        <>
            <button class="btn btn-link" type="button" onclick={props.on_close.reform(|_| ())}>{ tr(lang, Msg::Cancel) }</button>
            <button class="btn btn-primary" type="submit" form="schedule-deletion-form" disabled={!*confirmed}
                data-testid="schedule-deletion-submit">{ tr(lang, Msg::Schedule) }</button>
        </>
    };
    html! {
        <Modal id="schedule-deletion-dialog" title={tr(lang, Msg::ActionScheduleDeletion)} on_close={props.on_close.clone()} footer={footer}>
            <form id="schedule-deletion-form" class="form" onsubmit={submit} novalidate=true>
                <div class="alert alert-info">{ tr(lang, Msg::DeletionWarning) }</div>
                <label class="field">
                    <span class="field-label">{ tr(lang, Msg::WaitingPeriod) }</span>
                    <input type="number" min="7" max="30" value={(*days).clone()} oninput={on_days} data-testid="deletion-days" />
                </label>
                <label class="radio">
                    <input type="checkbox" checked={*confirmed} onchange={on_confirm} data-testid="deletion-confirm" />
                    { tr(lang, Msg::DeletionConfirm) }
                </label>
                <ErrorAlert error={(*error).clone()} />
            </form>
        </Modal>
    }
}
