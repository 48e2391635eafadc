//! The playground's own actions: share a link to this exact account,
//! export and import it as a file, reset it.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::share;
use crate::sim::{ImportError, WorldFile};
use crate::ui::app::DEFAULT_SEED;
use crate::ui::browser;
use crate::ui::components::modal::Modal;
use crate::ui::components::scenario_picker::ScenarioPicker;
use crate::ui::hooks::{replace_world, undo, use_app};
use crate::ui::i18n::{tr, Msg};
use crate::ui::persist::location;

#[component]
pub fn WorldMenu() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let copied = use_state(|| false);
    let confirm_reset = use_state(|| false);
    let import_error = use_state(|| None::<ImportError>);

    let (can_undo, can_redo) = {
        let h = app.history.borrow();
        (h.can_undo(), h.can_redo())
    };
    let on_undo = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| undo(&app, false))
    };
    let on_redo = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| undo(&app, true))
    };
    let on_share = {
        let (app, copied) = (app.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let fragment = format!(
                "{}={}",
                share::LINK_KEY,
                share::encode(&WorldFile::of(&app.world.borrow()))
            );
            browser::copy_to_clipboard(&location::with_fragment(&fragment));
            copied.set(true);
        })
    };
    let on_export = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let json = WorldFile::of(&app.world.borrow()).to_json();
            browser::download("kms-playground-world.json", json.as_bytes(), "application/json");
        })
    };
    let on_import = {
        let (app, import_error) = (app.clone(), import_error.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let (app, import_error) = (app.clone(), import_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                let result = match text {
                    Some(text) if text.len() <= crate::sim::journal::MAX_FILE_BYTES => {
                        share::decode(&text).and_then(|f| f.build())
                    }
                    Some(_) => Err(ImportError {
                        entry: None,
                        message: "The file is larger than the 8 MiB limit.".into(),
                    }),
                    None => Err(ImportError {
                        entry: None,
                        message: "The file could not be read as text.".into(),
                    }),
                };
                match result {
                    Ok(world) => {
                        import_error.set(None);
                        replace_world(&app, world);
                    }
                    Err(e) => import_error.set(Some(e)),
                }
            });
        })
    };
    let pick_file = Callback::from(|e: MouseEvent| {
        let button = e.target_unchecked_into::<web_sys::Element>();
        if let Some(input) = button
            .next_element_sibling()
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.click();
        }
    });
    let on_reset = {
        let (app, confirm_reset) = (app.clone(), confirm_reset.clone());
        Callback::from(move |_: MouseEvent| {
            replace_world(
                &app,
                crate::sim::World::new(DEFAULT_SEED, crate::sim::Settings::default()),
            );
            confirm_reset.set(false);
        })
    };
    let open_reset = {
        let confirm_reset = confirm_reset.clone();
        Callback::from(move |_: MouseEvent| confirm_reset.set(true))
    };
    let close_reset = {
        let confirm_reset = confirm_reset.clone();
        Callback::from(move |_| confirm_reset.set(false))
    };
    let close_error = {
        let import_error = import_error.clone();
        Callback::from(move |_: MouseEvent| import_error.set(None))
    };
    html! {
        <div class="world-menu" role="group" aria-label={tr(lang, Msg::WorldMenu)}>
            <ScenarioPicker />
            <button class="btn btn-dark" onclick={on_undo} disabled={!can_undo} data-testid="undo" title="Ctrl+Z">{ tr(lang, Msg::Undo) }</button>
            <button class="btn btn-dark" onclick={on_redo} disabled={!can_redo} data-testid="redo" title="Ctrl+Shift+Z">{ tr(lang, Msg::Redo) }</button>
            <button class="btn btn-dark" onclick={on_share} data-testid="share">{ tr(lang, Msg::Share) }</button>
            <button class="btn btn-dark" onclick={on_export} data-testid="export">{ tr(lang, Msg::Export) }</button>
            <button class="btn btn-dark" onclick={pick_file} data-testid="import-world">{ tr(lang, Msg::ImportWorld) }</button>
            <input type="file" accept=".json,application/json,text/plain" class="visually-hidden" onchange={on_import}
                data-testid="import-file" aria-label={tr(lang, Msg::ImportWorld)} />
            <button class="btn btn-dark" onclick={open_reset} data-testid="reset">{ tr(lang, Msg::Reset) }</button>
            if *copied {
                <span class="toast" role="status" data-testid="link-copied">{ tr(lang, Msg::LinkCopied) }</span>
            }
            if let Some(e) = (*import_error).clone() {
                <div class="banner banner-error floating" role="alert" data-testid="import-error">
                    <strong>{ tr(lang, Msg::ImportFailed) }</strong>{ format!(": {e}") }
                    <button class="btn btn-small" onclick={close_error}>{ tr(lang, Msg::Dismiss) }</button>
                </div>
            }
            if *confirm_reset {
                <Modal id="reset-dialog" title={tr(lang, Msg::ResetTitle)} on_close={close_reset.clone()}
                    footer={html! {
                        <>
                            <button class="btn btn-link" onclick={close_reset.reform(|_| ())}>{ tr(lang, Msg::Cancel) }</button>
                            <button class="btn btn-primary" onclick={on_reset} data-testid="reset-confirm">{ tr(lang, Msg::ResetConfirm) }</button>
                        </>
                    }}>
                    <p>{ tr(lang, Msg::ResetBody) }</p>
                </Modal>
            }
        </div>
    }
}
