//! A modal dialog: a titled box over a dimmed page, closed with its close
//! button or Escape. Focus moves to the first field when it opens.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Msg};

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub footer: Html,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Modal(props: &ModalProps) -> Html {
    let lang = use_app().ui.lang;
    let body = use_node_ref();
    {
        let body = body.clone();
        use_effect_with((), move |_| {
            if let Some(root) = body.cast::<web_sys::Element>() {
                let first = root.query_selector("input, select, textarea, button").ok().flatten();
                if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            }
        });
    }
    let on_key = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let heading = format!("{}-title", props.id);
    html! {
        <div class="modal-backdrop" onkeydown={on_key}>
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby={heading.clone()} data-testid={props.id.clone()}>
                <header class="modal-header">
                    <h2 id={heading}>{ props.title.clone() }</h2>
                    <button class="btn-icon" aria-label={tr(lang, Msg::Close)} onclick={close}>{ "✕" }</button>
                </header>
                <div class="modal-body" ref={body}>{ props.children.clone() }</div>
                <footer class="modal-footer">{ props.footer.clone() }</footer>
            </div>
        </div>
    }
}
