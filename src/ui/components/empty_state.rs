//! The text a panel shows when it has nothing to show yet.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub text: AttrValue,
}

#[component]
pub fn EmptyState(props: &EmptyStateProps) -> Html {
    html! { <p class="empty-state">{ props.text.clone() }</p> }
}
