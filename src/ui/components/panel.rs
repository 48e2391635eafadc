//! A titled panel of the page (keys, CloudWatch, events, ...).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// Used for the element id and `data-testid`.
    pub id: AttrValue,
    pub title: AttrValue,
    #[prop_or_default]
    pub actions: Html,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Panel(props: &PanelProps) -> Html {
    let heading_id = format!("{}-heading", props.id);
    html! {
        <section class="panel" id={props.id.clone()} data-testid={format!("panel-{}", props.id)}
            aria-labelledby={heading_id.clone()}>
            <header class="panel-header">
                <h2 id={heading_id}>{ props.title.clone() }</h2>
                <div class="panel-actions">{ props.actions.clone() }</div>
            </header>
            <div class="panel-body">{ props.children.clone() }</div>
        </section>
    }
}
