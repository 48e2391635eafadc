//! A key's details: every `KeyMetadata` member as DescribeKey returns it.

use serde_json::{json, Value};
use yew::prelude::*;

use crate::sim::params::parse_time;
use crate::ui::components::key_actions::KeyActions;
use crate::ui::format;
use crate::ui::hooks::{use_app, zone_offset};
use crate::ui::i18n::{tr, Msg};

#[derive(Properties, PartialEq)]
pub struct KeyDetailsProps {
    pub key_id: AttrValue,
}

/// Timestamp members of `KeyMetadata`, shown as dates.
const DATES: [&str; 3] = ["CreationDate", "DeletionDate", "ValidTo"];

#[component]
pub fn KeyDetails(props: &KeyDetailsProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let now = app.now();
    let offset = zone_offset(&app, now);
    let metadata = app
        .world
        .borrow_mut()
        .peek("kms", "DescribeKey", &json!({"KeyId": props.key_id.as_str()}));
    let Ok(metadata) = metadata else { return html! {} };
    let fields = metadata["KeyMetadata"].as_object().cloned().unwrap_or_default();
    let value = |name: &str, v: &Value| -> Html {
        if DATES.contains(&name) {
            if let Some(t) = parse_time(v) {
                return html! { <time datetime={t.iso_millis()}>{ format!("{} {}", format::short(t, offset), format::zone_label(offset)) }</time> };
            }
        }
        match v {
            Value::String(s) => html! { <code>{ s.clone() }</code> },
            Value::Array(items) => {
                html! { <code>{ items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ") }</code> }
            }
            other => html! { <code>{ other.to_string() }</code> },
        }
    };
    html! {
        <section class="details" aria-label={tr(lang, Msg::KeyDetails)} data-testid="key-details">
            <h3>{ tr(lang, Msg::KeyDetails) }</h3>
            <KeyActions key_id={props.key_id.clone()} />
            <dl class="key-value">
                { for fields.iter().map(|(name, v)| html! {
                    <div class="kv"><dt>{ name.clone() }</dt><dd data-field={name.clone()}>{ value(name, v) }</dd></div>
                }) }
            </dl>
        </section>
    }
}
