//! Encrypt a text with the key, or decrypt a ciphertext, with an optional
//! encryption context (one `key=value` per line).

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::{json, Value};
use yew::prelude::*;

use crate::sim::kms::key::KeySpec;
use crate::sim::params::b64;
use crate::sim::AwsError;
use crate::ui::components::error_alert::ErrorAlert;
use crate::ui::components::modal::Modal;
use crate::ui::hooks::{call, use_app};
use crate::ui::i18n::{tr, Msg};

/// `key=value` lines as an encryption context (blank lines ignored).
pub fn parse_context(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| {
            line.split_once('=')
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        })
        .filter(|(k, _)| !k.is_empty())
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct CryptoDialogProps {
    pub key_id: AttrValue,
    pub on_close: Callback<()>,
}

#[component]
pub fn CryptoDialog(props: &CryptoDialogProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let plaintext = use_state(String::new);
    let ciphertext = use_state(String::new);
    let context = use_state(String::new);
    let error = use_state(|| None::<AwsError>);
    let rsa = app
        .world
        .borrow()
        .services()
        .kms
        .key(&props.key_id)
        .is_some_and(|k| matches!(k.spec, KeySpec::Rsa(_)));
    let area = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
        })
    };
    let request = |extra: Value| {
        let mut base = json!({"EncryptionContext": parse_context(&context)});
        if rsa {
            base["EncryptionAlgorithm"] = json!("RSAES_OAEP_SHA_256");
            base.as_object_mut().map(|m| m.remove("EncryptionContext"));
        }
        for (k, v) in extra.as_object().cloned().unwrap_or_default() {
            base[k] = v;
        }
        base
    };
    let encrypt = {
        let (app, plaintext, ciphertext, error, id) = (
            app.clone(),
            plaintext.clone(),
            ciphertext.clone(),
            error.clone(),
            props.key_id.to_string(),
        );
        let params = request(json!({"KeyId": id, "Plaintext": b64(plaintext.as_bytes())}));
        Callback::from(
            move |_: MouseEvent| match call(&app, "kms", "Encrypt", params.clone()) {
                Ok(out) => {
                    error.set(None);
                    ciphertext.set(out["CiphertextBlob"].as_str().unwrap_or_default().to_owned());
                }
                Err(e) => error.set(Some(e)),
            },
        )
    };
    let decrypt = {
        let (app, plaintext, error, id) = (app.clone(), plaintext.clone(), error.clone(), props.key_id.to_string());
        let params = request(json!({"KeyId": id, "CiphertextBlob": ciphertext.trim()}));
        Callback::from(
            move |_: MouseEvent| match call(&app, "kms", "Decrypt", params.clone()) {
                Ok(out) => {
                    error.set(None);
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(out["Plaintext"].as_str().unwrap_or_default())
                        .unwrap_or_default();
                    plaintext.set(String::from_utf8_lossy(&bytes).into_owned());
                }
                Err(e) => error.set(Some(e)),
            },
        )
    };
    let footer = html! { <button class="btn btn-primary" type="button" onclick={props.on_close.reform(|_| ())}>{ tr(lang, Msg::Done) }</button> };
    html! {
        <Modal id="crypto-dialog" title={tr(lang, Msg::ActionEncrypt)} on_close={props.on_close.clone()} footer={footer}>
            <div class="form">
                <label class="field">
                    <span class="field-label">{ tr(lang, Msg::Plaintext) }</span>
                    <textarea rows="2" value={(*plaintext).clone()} oninput={area(&plaintext)} data-testid="crypto-plaintext" maxlength="4096" />
                </label>
                if !rsa {
                    <label class="field">
                        <span class="field-label">{ tr(lang, Msg::EncryptionContext) }</span>
                        <textarea rows="2" class="mono" value={(*context).clone()} oninput={area(&context)} placeholder="Department=Engineering" data-testid="crypto-context" maxlength="8192" />
                    </label>
                }
                <div class="btn-group">
                    <button class="btn" type="button" onclick={encrypt} data-testid="crypto-encrypt">{ tr(lang, Msg::EncryptAction) }{ " ↓" }</button>
                    <button class="btn" type="button" onclick={decrypt} data-testid="crypto-decrypt">{ tr(lang, Msg::DecryptAction) }{ " ↑" }</button>
                </div>
                <label class="field">
                    <span class="field-label">{ tr(lang, Msg::Ciphertext) }</span>
                    <textarea rows="4" class="mono" value={(*ciphertext).clone()} oninput={area(&ciphertext)} data-testid="crypto-ciphertext" maxlength="16384" />
                </label>
                <ErrorAlert error={(*error).clone()} />
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn context_lines() {
        let ctx = super::parse_context("Department=Engineering\n\n Project = Alpha \nbad line");
        assert_eq!(ctx.len(), 2);
        assert_eq!(ctx["Project"], "Alpha");
    }
}
