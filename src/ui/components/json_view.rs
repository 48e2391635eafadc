//! Pretty, syntax-coloured JSON with a copy button.

use serde_json::Value;
use yew::prelude::*;

use crate::ui::browser;
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Msg};
use crate::ui::view::json::tokens;

#[derive(Properties, PartialEq)]
pub struct JsonViewProps {
    pub value: Value,
}

#[component]
pub fn JsonView(props: &JsonViewProps) -> Html {
    let lang = use_app().ui.lang;
    let copy = {
        let text = serde_json::to_string_pretty(&props.value).unwrap_or_default();
        Callback::from(move |_: MouseEvent| browser::copy_to_clipboard(&text))
    };
    html! {
        <div class="json-view">
            <button class="btn btn-small copy" onclick={copy} aria-label={tr(lang, Msg::Copy)}>{ tr(lang, Msg::Copy) }</button>
            <pre class="code json" data-testid="json">
                { for tokens(&props.value).into_iter().map(|(kind, text)| html! { <span class={kind.class()}>{ text }</span> }) }
            </pre>
        </div>
    }
}
