//! A Cloudscape-style status indicator: an icon and a label in the tone's
//! colour (the icon carries no meaning the text lacks, so it is hidden from
//! screen readers).

use yew::prelude::*;

use crate::ui::view::Tone;

#[derive(Properties, PartialEq)]
pub struct StatusProps {
    pub tone: Tone,
    pub label: AttrValue,
}

fn icon(tone: Tone) -> &'static str {
    match tone {
        Tone::Success => "✔",
        Tone::Error => "✖",
        Tone::Warning => "⚠",
        Tone::Info => "ℹ",
        Tone::Stopped => "⊘",
        Tone::Pending => "◷",
    }
}

#[component]
pub fn Status(props: &StatusProps) -> Html {
    html! {
        <span class={classes!("status", props.tone.class())}>
            <span class="status-icon" aria-hidden="true">{ icon(props.tone) }</span>
            <span>{ props.label.clone() }</span>
        </span>
    }
}
