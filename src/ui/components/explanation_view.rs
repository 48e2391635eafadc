//! Why an event matched a pattern or not, field by field.

use yew::prelude::*;

use crate::sim::events::pattern::Explanation;

#[derive(Properties, PartialEq)]
pub struct ExplanationViewProps {
    pub explanation: Explanation,
}

#[component]
pub fn ExplanationView(props: &ExplanationViewProps) -> Html {
    html! {
        <ul class="checks" data-testid="explanation">
            { for props.explanation.checks.iter().map(|check| html! {
                <li class={classes!("check", if check.matched { "check-ok" } else { "check-fail" })}>
                    <span class="check-mark" aria-hidden="true">{ if check.matched { "✔" } else { "✖" } }</span>
                    <code>{ check.path.clone() }</code>
                    <span class="check-reason">{ format!(" — {}", check.reason) }</span>
                    if !check.children.is_empty() {
                        <ol class="alternatives">
                            { for check.children.iter().map(|child| html! {
                                <li><ExplanationView explanation={child.clone()} /></li>
                            }) }
                        </ol>
                    }
                </li>
            }) }
        </ul>
    }
}
