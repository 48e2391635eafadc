//! The list of guided scenarios; starting one replaces the account with the
//! scenario's fresh one.

use yew::prelude::*;

use crate::scenario;
use crate::ui::app::DEFAULT_SEED;
use crate::ui::components::modal::Modal;
use crate::ui::hooks::{replace_world, use_app};
use crate::ui::i18n::{tr, Lang, Msg};
use crate::ui::state::Action;

#[component]
pub fn ScenarioPicker() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let open = use_state(|| false);
    let toggle = |value: bool| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(value))
    };
    let start = |id: String| {
        let (app, open) = (app.clone(), open.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = scenario::by_id(&id) {
                if let Ok(world) = s.start(DEFAULT_SEED) {
                    replace_world(&app, world);
                    app.dispatch(Action::SetScenario(Some((id.clone(), 0))));
                    open.set(false);
                }
            }
        })
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_| open.set(false))
    };
    html! {
        <>
            <button class="btn btn-dark" onclick={toggle(true)} data-testid="scenarios">{ tr(lang, Msg::Scenarios) }</button>
            if *open {
                <Modal id="scenario-picker" title={tr(lang, Msg::ScenariosTitle)} on_close={close}>
                    <p class="field-hint">{ tr(lang, Msg::ScenariosIntro) }</p>
                    <ul class="scenario-list">
                        { for scenario::all().into_iter().map(|s| html! {
                            <li>
                                <div>
                                    <strong>{ s.title.get(lang == Lang::Ja).to_owned() }</strong>
                                    <p class="muted">{ s.summary.get(lang == Lang::Ja).to_owned() }</p>
                                </div>
                                <button class="btn btn-primary" onclick={start(s.id.clone())} data-testid={format!("start-{}", s.id)}>
                                    { tr(lang, Msg::StartScenario) }
                                </button>
                            </li>
                        }) }
                    </ul>
                </Modal>
            }
        </>
    }
}
