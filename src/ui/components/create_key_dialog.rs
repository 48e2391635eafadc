//! The "Create key" dialog: key type, key material origin, alias and
//! description, as the console's first steps ask for them.

use serde_json::json;
use yew::prelude::*;

use crate::sim::AwsError;
use crate::ui::components::error_alert::ErrorAlert;
use crate::ui::components::modal::Modal;
use crate::ui::hooks::{call, use_app};
use crate::ui::i18n::{tr, Msg};

#[derive(Properties, PartialEq)]
pub struct CreateKeyDialogProps {
    pub on_close: Callback<()>,
    /// Called with the new key's id.
    pub on_created: Callback<String>,
}

/// The key types offered: (value, message, CreateKey parameters).
fn key_type_params(kind: &str) -> serde_json::Value {
    match kind {
        "rsa-encrypt" => json!({"KeySpec": "RSA_2048", "KeyUsage": "ENCRYPT_DECRYPT"}),
        "rsa-sign" => json!({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}),
        "hmac" => json!({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}),
        _ => json!({}),
    }
}

#[component]
pub fn CreateKeyDialog(props: &CreateKeyDialogProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let kind = use_state(|| "symmetric".to_string());
    let external = use_state(|| false);
    let alias = use_state(String::new);
    let description = use_state(String::new);
    let error = use_state(|| None::<AwsError>);

    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| kind.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()))
    };
    let on_origin = |value: bool| {
        let external = external.clone();
        Callback::from(move |_| external.set(value))
    };
    let text_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_create = {
        let app = app.clone();
        let (kind, external, alias, description, error) = (
            kind.clone(),
            external.clone(),
            alias.clone(),
            description.clone(),
            error.clone(),
        );
        let on_created = props.on_created.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut params = key_type_params(&kind);
            if *external {
                params["Origin"] = json!("EXTERNAL");
            }
            if !description.is_empty() {
                params["Description"] = json!(*description);
            }
            let created = call(&app, "kms", "CreateKey", params);
            let id = match created {
                Ok(out) => out["KeyMetadata"]["KeyId"].as_str().unwrap_or_default().to_owned(),
                Err(e) => return error.set(Some(e)),
            };
            if !alias.trim().is_empty() {
                let name = if alias.starts_with("alias/") {
                    alias.trim().to_owned()
                } else {
                    format!("alias/{}", alias.trim())
                };
                if let Err(e) = call(
                    &app,
                    "kms",
                    "CreateAlias",
                    json!({"AliasName": name, "TargetKeyId": id}),
                ) {
                    error.set(Some(e));
                    return;
                }
            }
            on_created.emit(id);
        })
    };
    let footer = html! {
        <>
            <button class="btn btn-link" type="button" onclick={props.on_close.reform(|_| ())}>{ tr(lang, Msg::Cancel) }</button>
            <button class="btn btn-primary" type="submit" form="create-key-form" data-testid="create-key-submit">{ tr(lang, Msg::Create) }</button>
        </>
    };
    html! {
        <Modal id="create-key-dialog" title={tr(lang, Msg::CreateKeyTitle)} on_close={props.on_close.clone()} footer={footer}>
            <form id="create-key-form" class="form" onsubmit={on_create}>
                <label class="field">
                    <span class="field-label">{ tr(lang, Msg::KeyType) }</span>
                    <select onchange={on_kind} data-testid="create-key-type">
                        <option value="symmetric" selected={*kind == "symmetric"}>{ tr(lang, Msg::KeyTypeSymmetric) }</option>
                        <option value="rsa-encrypt" selected={*kind == "rsa-encrypt"}>{ tr(lang, Msg::KeyTypeRsaEncrypt) }</option>
                        <option value="rsa-sign" selected={*kind == "rsa-sign"}>{ tr(lang, Msg::KeyTypeRsaSign) }</option>
                        <option value="hmac" selected={*kind == "hmac"}>{ tr(lang, Msg::KeyTypeHmac) }</option>
                    </select>
                </label>
                <fieldset class="field">
                    <legend class="field-label">{ tr(lang, Msg::KeyMaterialOrigin) }</legend>
                    <label class="radio">
                        <input type="radio" name="origin" checked={!*external} onchange={on_origin(false)} data-testid="origin-kms" />
                        { tr(lang, Msg::OriginKms) }
                    </label>
                    <label class="radio">
                        <input type="radio" name="origin" checked={*external} onchange={on_origin(true)} data-testid="origin-external" />
                        { tr(lang, Msg::OriginExternal) }
                    </label>
                </fieldset>
                <label class="field">
                    <span class="field-label">{ tr(lang, Msg::AliasLabel) }</span>
                    <input type="text" placeholder="alias/my-key" value={(*alias).clone()} oninput={text_input(&alias)} data-testid="create-key-alias" />
                </label>
                <label class="field">
                    <span class="field-label">{ tr(lang, Msg::DescriptionLabel) }</span>
                    <input type="text" value={(*description).clone()} oninput={text_input(&description)} data-testid="create-key-description" />
                </label>
                <ErrorAlert error={(*error).clone()} />
            </form>
        </Modal>
    }
}
