//! The actions on one key, as the console offers them for its state and
//! origin; each opens its dialog or acts at once (enable, disable, cancel
//! deletion, delete imported material). Refusals show AWS's error.

use serde_json::json;
use yew::prelude::*;

use crate::sim::kms::key::{KeySpec, KeyState, KeyUsage, Origin};
use crate::sim::AwsError;
use crate::ui::components::crypto_dialog::CryptoDialog;
use crate::ui::components::error_alert::ErrorAlert;
use crate::ui::components::import_dialog::ImportDialog;
use crate::ui::components::rotation_dialog::RotationDialog;
use crate::ui::components::schedule_deletion_dialog::ScheduleDeletionDialog;
use crate::ui::hooks::{call, use_app};
use crate::ui::i18n::{tr, Msg};

#[derive(Clone, Copy, PartialEq)]
enum Dialog {
    ScheduleDeletion,
    Import,
    Rotation,
    Crypto,
}

#[derive(Properties, PartialEq)]
pub struct KeyActionsProps {
    pub key_id: AttrValue,
}

#[component]
pub fn KeyActions(props: &KeyActionsProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let dialog = use_state(|| None::<Dialog>);
    let error = use_state(|| None::<AwsError>);
    let Some(key) = app.world.borrow().services().kms.key(&props.key_id).cloned() else {
        return html! {};
    };
    if key.aws_managed {
        return html! {};
    }
    let act = |op: &'static str| {
        let (app, error, id) = (app.clone(), error.clone(), props.key_id.to_string());
        Callback::from(move |_: MouseEvent| error.set(call(&app, "kms", op, json!({"KeyId": id})).err()))
    };
    let open = |d: Dialog| {
        let (dialog, error) = (dialog.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            dialog.set(Some(d));
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_| dialog.set(None))
    };
    let pending_deletion = matches!(key.state, KeyState::PendingDeletion { .. });
    let external = key.origin == Origin::External;
    let button = |label: Msg, testid: &'static str, onclick: Callback<MouseEvent>| {
        html! { <button class="btn" onclick={onclick} data-testid={testid}>{ tr(lang, label) }</button> }
    };
    let id = props.key_id.clone();
    html! {
        <div class="key-actions">
            <div class="btn-group" role="group" aria-label={tr(lang, Msg::KeyActions)}>
                if key.state == KeyState::Disabled { { button(Msg::ActionEnable, "action-enable", act("EnableKey")) } }
                if key.state == KeyState::Enabled { { button(Msg::ActionDisable, "action-disable", act("DisableKey")) } }
                if external && !pending_deletion { { button(Msg::ActionImport, "action-import", open(Dialog::Import)) } }
                if external && key.current_material().is_some() {
                    { button(Msg::ActionDeleteMaterial, "action-delete-material", act("DeleteImportedKeyMaterial")) }
                }
                if key.spec == KeySpec::SymmetricDefault && !external { { button(Msg::ActionRotation, "action-rotation", open(Dialog::Rotation)) } }
                if key.usage == KeyUsage::EncryptDecrypt { { button(Msg::ActionEncrypt, "action-crypto", open(Dialog::Crypto)) } }
                if pending_deletion {
                    { button(Msg::ActionCancelDeletion, "action-cancel-deletion", act("CancelKeyDeletion")) }
                } else {
                    { button(Msg::ActionScheduleDeletion, "action-schedule-deletion", open(Dialog::ScheduleDeletion)) }
                }
            </div>
            <ErrorAlert error={(*error).clone()} />
            { match *dialog {
                Some(Dialog::ScheduleDeletion) => html! { <ScheduleDeletionDialog key_id={id} on_close={close} /> },
                Some(Dialog::Import) => html! { <ImportDialog key_id={id} on_close={close} /> },
                Some(Dialog::Rotation) => html! { <RotationDialog key_id={id} on_close={close} /> },
                Some(Dialog::Crypto) => html! { <CryptoDialog key_id={id} on_close={close} /> },
                None => html! {},
            } }
        </div>
    }
}
