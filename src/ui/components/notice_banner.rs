//! The banner for notices about the world: saved data that could not be
//! restored (with its download and the choice to start fresh), shared links.

use yew::prelude::*;

use crate::ui::browser;
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Msg};
use crate::ui::persist::Notice;
use crate::ui::state::Action;

#[component]
pub fn NoticeBanner() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let Some(notice) = app.ui.notice.clone() else {
        return html! {};
    };
    let dismiss = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::SetNotice(None)))
    };
    match notice {
        Notice::Unrestorable { reason, raw } => {
            let download = Callback::from(move |_: MouseEvent| {
                browser::download("kms-playground-saved-data.txt", raw.as_bytes(), "text/plain");
            });
            let fresh = {
                let app = app.clone();
                Callback::from(move |_: MouseEvent| app.dispatch(Action::ResumeSaving))
            };
            html! {
                <div class="banner banner-error" role="alert" data-testid="recovery-banner">
                    <strong>{ tr(lang, Msg::Unrestorable) }</strong>{ format!(": {reason}") }
                    <p>{ tr(lang, Msg::UnrestorableHelp) }</p>
                    <div class="btn-group">
                        <button class="btn btn-primary" onclick={download} data-testid="download-saved">{ tr(lang, Msg::DownloadSaved) }</button>
                        <button class="btn" onclick={fresh} data-testid="start-fresh">{ tr(lang, Msg::StartFresh) }</button>
                    </div>
                </div>
            }
        }
        Notice::BadLink { reason } => html! {
            <div class="banner banner-error" role="alert" data-testid="bad-link-banner">
                <strong>{ tr(lang, Msg::BadLink) }</strong>{ format!(": {reason}") }
                <button class="btn btn-small" onclick={dismiss}>{ tr(lang, Msg::Dismiss) }</button>
            </div>
        },
        Notice::UnknownScenario { name } => html! {
            <div class="banner banner-error" role="alert" data-testid="unknown-scenario-banner">
                { format!("{}: {name}", tr(lang, Msg::UnknownScenario)) }
                <button class="btn btn-small" onclick={dismiss}>{ tr(lang, Msg::Dismiss) }</button>
            </div>
        },
        Notice::OpenedLink => html! {
            <div class="banner banner-info" role="status" data-testid="opened-link-banner">
                { tr(lang, Msg::OpenedLink) }
                <button class="btn btn-small" onclick={dismiss}>{ tr(lang, Msg::Dismiss) }</button>
            </div>
        },
    }
}
