//! An AWS error as the console shows it: the code and AWS's message.

use yew::prelude::*;

use crate::sim::AwsError;

#[derive(Properties, PartialEq)]
pub struct ErrorAlertProps {
    pub error: Option<AwsError>,
}

#[component]
pub fn ErrorAlert(props: &ErrorAlertProps) -> Html {
    let Some(error) = &props.error else { return html! {} };
    html! {
        <div class="alert alert-error" role="alert" data-testid="error-alert">
            <strong>{ error.code.clone() }</strong>
            if !error.message.is_empty() { <span>{ ": " }{ error.message.clone() }</span> }
        </div>
    }
}
