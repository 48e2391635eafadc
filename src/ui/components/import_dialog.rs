//! Import key material, as the console's wizard does it: choose the
//! wrapping algorithm and key spec, get the public key and import token
//! (copy or download them, or follow the openssl commands of AWS's guide),
//! then either paste material wrapped by hand or let the browser generate
//! and wrap it, and choose when it expires.
//!
//! Generated material is derived from the key ID (SHA-256), so importing it
//! again after it expires uses the same material, as KMS requires, with
//! nothing to keep.

use base64::Engine;
use rsa::pkcs8::DecodePublicKey;
use serde_json::{json, Value};
use yew::prelude::*;

use crate::sim::kms::wrap_material;
use crate::sim::params::b64;
use crate::sim::rng::SimRng;
use crate::sim::time::DAY;
use crate::sim::AwsError;
use crate::ui::browser;
use crate::ui::components::error_alert::ErrorAlert;
use crate::ui::components::modal::Modal;
use crate::ui::format;
use crate::ui::hooks::{call, use_app, zone_offset};
use crate::ui::i18n::{tr, Msg};

const ALGORITHMS: [&str; 4] = [
    "RSAES_OAEP_SHA_256",
    "RSAES_OAEP_SHA_1",
    "RSA_AES_KEY_WRAP_SHA_256",
    "RSA_AES_KEY_WRAP_SHA_1",
];
const SPECS: [&str; 3] = ["RSA_2048", "RSA_3072", "RSA_4096"];

pub use crate::sim::kms::playground_material as generated_material;

/// The openssl commands of AWS's guide for the chosen algorithm.
pub fn openssl_commands(algorithm: &str) -> String {
    let md = if algorithm.ends_with("SHA_1") { "sha1" } else { "sha256" };
    let pkeyutl = |input: &str, output: &str| {
        format!(
            "openssl pkeyutl -encrypt -in {input} -out {output} \\\n    -inkey PublicKey.bin -keyform DER -pubin \\\n    \
             -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:{md} -pkeyopt rsa_mgf1_md:{md}\n"
        )
    };
    let mut s = String::from(
        "# Save the public key above as PublicKey.b64, then:\nopenssl enc -d -base64 -A -in PublicKey.b64 -out PublicKey.bin\n\
         openssl rand -out PlaintextKeyMaterial.bin 32\n",
    );
    if algorithm.starts_with("RSA_AES_KEY_WRAP") {
        s.push_str("openssl rand -out aes-key.bin 32\n");
        s.push_str(
            "openssl enc -id-aes256-wrap-pad -K \"$(xxd -p < aes-key.bin | tr -d '\\n')\" -iv A65959A6 \\\n    \
             -in PlaintextKeyMaterial.bin -out key-material-wrapped.bin\n",
        );
        s.push_str(&pkeyutl("aes-key.bin", "aes-key-wrapped.bin"));
        s.push_str("cat aes-key-wrapped.bin key-material-wrapped.bin > EncryptedKeyMaterial.bin\n");
    } else {
        s.push_str(&pkeyutl("PlaintextKeyMaterial.bin", "EncryptedKeyMaterial.bin"));
    }
    s.push_str("# Paste the output of this command below:\nopenssl enc -base64 -A -in EncryptedKeyMaterial.bin\n");
    s
}

#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    pub key_id: AttrValue,
    pub on_close: Callback<()>,
}

#[derive(Clone, PartialEq)]
struct Parameters {
    algorithm: String,
    public_key: String,
    token: String,
    valid_to: Option<crate::sim::SimTime>,
}

#[component]
pub fn ImportDialog(props: &ImportDialogProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let now = app.now();
    let offset = zone_offset(&app, now);
    let algorithm = use_state(|| ALGORITHMS[0].to_string());
    let spec = use_state(|| SPECS[0].to_string());
    let parameters = use_state(|| None::<Parameters>);
    let generate = use_state(|| true);
    let pasted = use_state(String::new);
    let expires = use_state(|| true);
    let valid_to = use_state(|| format::input_value(now.plus(12 * DAY), offset));
    let error = use_state(|| None::<AwsError>);

    let select = |state: &UseStateHandle<String>| {
        let (state, parameters) = (state.clone(), parameters.clone());
        Callback::from(move |e: Event| {
            state.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
            parameters.set(None);
        })
    };
    let text = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let textarea = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            pasted.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
        })
    };
    let flag = |state: &UseStateHandle<bool>, value: bool| {
        let state = state.clone();
        Callback::from(move |_: Event| state.set(value))
    };
    let get_parameters = {
        let (app, algorithm, spec, parameters, error, id) = (
            app.clone(),
            algorithm.clone(),
            spec.clone(),
            parameters.clone(),
            error.clone(),
            props.key_id.to_string(),
        );
        Callback::from(move |_: MouseEvent| {
            let request = json!({"KeyId": id, "WrappingAlgorithm": *algorithm, "WrappingKeySpec": *spec});
            match call(&app, "kms", "GetParametersForImport", request) {
                Ok(out) => {
                    error.set(None);
                    parameters.set(Some(Parameters {
                        algorithm: (*algorithm).clone(),
                        public_key: out["PublicKey"].as_str().unwrap_or_default().to_owned(),
                        token: out["ImportToken"].as_str().unwrap_or_default().to_owned(),
                        valid_to: crate::sim::params::parse_time(&out["ParametersValidTo"]),
                    }));
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let submit = {
        let (app, parameters, generate, pasted, expires, valid_to, error, id, on_close) = (
            app.clone(),
            parameters.clone(),
            generate.clone(),
            pasted.clone(),
            expires.clone(),
            valid_to.clone(),
            error.clone(),
            props.key_id.to_string(),
            props.on_close.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(params) = (*parameters).clone() else { return };
            let wrapped = if *generate {
                let der = base64::engine::general_purpose::STANDARD
                    .decode(&params.public_key)
                    .unwrap_or_default();
                let Ok(public) = rsa::RsaPublicKey::from_public_key_der(&der) else {
                    return;
                };
                let mut rng = SimRng::from_seed(browser::random_seed());
                match wrap_material(&public, &params.algorithm, &generated_material(&id), &mut rng) {
                    Some(bytes) => Value::from(b64(&bytes)),
                    None => return,
                }
            } else {
                Value::from(pasted.trim().to_owned())
            };
            let mut request = json!({"KeyId": id, "ImportToken": params.token, "EncryptedKeyMaterial": wrapped});
            if *expires {
                request["ExpirationModel"] = json!("KEY_MATERIAL_EXPIRES");
                if let Some(t) = format::parse_input(&valid_to, offset) {
                    request["ValidTo"] = json!(t.iso_millis());
                }
            } else {
                request["ExpirationModel"] = json!("KEY_MATERIAL_DOES_NOT_EXPIRE");
            }
            match call(&app, "kms", "ImportKeyMaterial", request) {
                Ok(_) => on_close.emit(()),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let copy = |text: String| Callback::from(move |_: MouseEvent| browser::copy_to_clipboard(&text));
    let download = |name: &'static str, b64_text: String| {
        Callback::from(move |_: MouseEvent| {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&b64_text)
                .unwrap_or_default();
            browser::download(name, &bytes, "application/octet-stream");
        })
    };
    let footer = html! {
        <>
            <button class="btn btn-link" type="button" onclick={props.on_close.reform(|_| ())}>{ tr(lang, Msg::Cancel) }</button>
            <button class="btn btn-primary" type="submit" form="import-form" disabled={parameters.is_none()}
                data-testid="import-submit">{ tr(lang, Msg::Import) }</button>
        </>
    };
    html! {
        <Modal id="import-dialog" title={tr(lang, Msg::ActionImport)} on_close={props.on_close.clone()} footer={footer}>
            <form id="import-form" class="form" onsubmit={submit}>
                <div class="field-row">
                    <label class="field">
                        <span class="field-label">{ tr(lang, Msg::WrappingAlgorithm) }</span>
                        <select onchange={select(&algorithm)} data-testid="import-algorithm">
                            { for ALGORITHMS.iter().map(|a| html! { <option value={*a} selected={*algorithm == *a}>{ *a }</option> }) }
                        </select>
                    </label>
                    <label class="field">
                        <span class="field-label">{ tr(lang, Msg::WrappingKeySpec) }</span>
                        <select onchange={select(&spec)} data-testid="import-spec">
                            { for SPECS.iter().map(|s| html! { <option value={*s} selected={*spec == *s}>{ *s }</option> }) }
                        </select>
                    </label>
                </div>
                <button class="btn" type="button" onclick={get_parameters} data-testid="import-get-parameters">{ tr(lang, Msg::GetParameters) }</button>
                if let Some(p) = (*parameters).clone() {
                    <div class="parameters" data-testid="import-parameters">
                        <div class="field">
                            <span class="field-label">{ tr(lang, Msg::PublicKey) }</span>
                            <textarea readonly=true rows="3" class="mono" value={p.public_key.clone()} aria-label={tr(lang, Msg::PublicKey)} />
                            <div class="btn-group">
                                <button class="btn" type="button" onclick={copy(p.public_key.clone())}>{ tr(lang, Msg::Copy) }</button>
                                <button class="btn" type="button" onclick={download("PublicKey.bin", p.public_key.clone())}>{ tr(lang, Msg::Download) }</button>
                            </div>
                        </div>
                        <div class="field">
                            <span class="field-label">{ tr(lang, Msg::ImportToken) }</span>
                            <textarea readonly=true rows="2" class="mono" value={p.token.clone()} aria-label={tr(lang, Msg::ImportToken)} />
                            <div class="btn-group">
                                <button class="btn" type="button" onclick={copy(p.token.clone())}>{ tr(lang, Msg::Copy) }</button>
                                <button class="btn" type="button" onclick={download("ImportToken.bin", p.token.clone())}>{ tr(lang, Msg::Download) }</button>
                            </div>
                            if let Some(t) = p.valid_to {
                                <span class="field-hint">{ format!("{}: {} {}", tr(lang, Msg::ParametersValidTo), format::short(t, offset), format::zone_label(offset)) }</span>
                            }
                        </div>
                        <fieldset class="field">
                            <legend class="field-label">{ tr(lang, Msg::MaterialSource) }</legend>
                            <label class="radio">
                                <input type="radio" name="source" checked={*generate} onchange={flag(&generate, true)} data-testid="import-generate" />
                                { tr(lang, Msg::GenerateForMe) }
                            </label>
                            <label class="radio">
                                <input type="radio" name="source" checked={!*generate} onchange={flag(&generate, false)} data-testid="import-paste" />
                                { tr(lang, Msg::PasteWrapped) }
                            </label>
                        </fieldset>
                        if !*generate {
                            <p class="field-hint">{ tr(lang, Msg::OpensslIntro) }</p>
                            <pre class="code" data-testid="openssl-commands">{ openssl_commands(&p.algorithm) }</pre>
                            <label class="field">
                                <span class="field-label">{ tr(lang, Msg::EncryptedMaterial) }</span>
                                <textarea rows="3" class="mono" value={(*pasted).clone()} oninput={textarea} data-testid="import-wrapped" maxlength="16384" />
                            </label>
                        }
                        <fieldset class="field">
                            <legend class="field-label">{ tr(lang, Msg::Expiration) }</legend>
                            <label class="radio">
                                <input type="radio" name="expiry" checked={*expires} onchange={flag(&expires, true)} data-testid="import-expires" />
                                { tr(lang, Msg::ExpiresAt) }
                            </label>
                            <label class="radio">
                                <input type="radio" name="expiry" checked={!*expires} onchange={flag(&expires, false)} data-testid="import-no-expiry" />
                                { tr(lang, Msg::DoesNotExpire) }
                            </label>
                        </fieldset>
                        if *expires {
                            <label class="field">
                                <span class="field-label">{ format!("{} ({})", tr(lang, Msg::ValidTo), format::zone_label(offset)) }</span>
                                <input type="datetime-local" value={(*valid_to).clone()} oninput={text(&valid_to)} data-testid="import-valid-to" />
                            </label>
                        }
                    </div>
                }
                <ErrorAlert error={(*error).clone()} />
            </form>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_material_is_stable_per_key() {
        assert_eq!(generated_material("a").len(), 32);
        assert_eq!(generated_material("a"), generated_material("a"));
        assert_ne!(generated_material("a"), generated_material("b"));
    }

    #[test]
    fn openssl_commands_follow_the_guide() {
        let oaep = openssl_commands("RSAES_OAEP_SHA_256");
        assert!(oaep.contains("-pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256"));
        assert!(!oaep.contains("id-aes256-wrap-pad"));
        let wrap = openssl_commands("RSA_AES_KEY_WRAP_SHA_1");
        assert!(wrap.contains("openssl enc -id-aes256-wrap-pad"));
        assert!(wrap.contains("rsa_oaep_md:sha1"));
    }
}
