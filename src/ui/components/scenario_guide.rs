//! The scenario guide: the current step of the scenario in progress — what
//! to do and why, the control to use (highlighted on the page), the CLI
//! commands that do it, whether it is done — with "do this step for me".

use yew::prelude::*;

use crate::scenario;
use crate::sim::AwsError;
use crate::ui::browser;
use crate::ui::components::error_alert::ErrorAlert;
use crate::ui::hooks::{run_cli, use_app};
use crate::ui::i18n::{tr, trs, Lang, Msg};
use crate::ui::state::Action;

/// Marks the step's control on the page (and scrolls it into view when the
/// step changes).
fn highlight(target: Option<&str>, scroll: bool) {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Ok(previous) = document.query_selector_all(".scenario-target") {
            for i in 0..previous.length() {
                if let Some(el) = previous
                    .item(i)
                    .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                {
                    let _ = el.class_list().remove_1("scenario-target");
                }
            }
        }
        let Some(target) = target else { return };
        if let Ok(Some(el)) = document.query_selector(&format!("[data-testid=\"{target}\"]")) {
            let _ = el.class_list().add_1("scenario-target");
            if scroll {
                el.scroll_into_view();
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (target, scroll);
}

#[component]
pub fn ScenarioGuide() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let error = use_state(|| None::<AwsError>);
    let Some((id, step)) = app.ui.scenario.clone() else {
        highlight(None, false);
        return html! {};
    };
    let Some(scenario) = scenario::by_id(&id) else {
        return html! {};
    };
    let japanese = lang == Lang::Ja;
    let total = scenario.steps.len();
    let finished = step >= total;
    let (done, commands) = {
        let mut world = app.world.borrow_mut();
        (
            !finished && scenario.is_done(&mut world, step),
            scenario.commands(&mut world, step),
        )
    };
    let current = scenario.steps.get(step).cloned();
    let target = current.as_ref().and_then(|s| s.target.clone());
    {
        let target = target.clone();
        let changed = (id.clone(), step);
        use_effect_with(changed, move |_| highlight(target.as_deref(), true));
    }
    // Keep the mark on the control as panels re-render.
    highlight(target.as_deref(), false);

    let go = |next: Option<usize>| {
        let (app, id, error) = (app.clone(), id.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            app.dispatch(Action::SetScenario(next.map(|n| (id.clone(), n))));
        })
    };
    let do_it = {
        let (app, error, scenario) = (app.clone(), error.clone(), scenario.clone());
        Callback::from(move |_: MouseEvent| {
            app.history.borrow_mut().checkpoint(&app.world.borrow());
            let result = scenario.do_step(&mut app.world.borrow_mut(), step);
            app.dispatch(Action::WorldChanged);
            error.set(result.err());
        })
    };
    let run = |line: String| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            run_cli(&app, &line);
        })
    };
    let copy = |line: String| Callback::from(move |_: MouseEvent| browser::copy_to_clipboard(&line));
    html! {
        <aside class="scenario-guide" aria-label={scenario.title.get(japanese).to_owned()} data-testid="scenario-guide"
            data-step={step.to_string()} data-done={done.to_string()}>
            <header class="guide-header">
                <strong>{ scenario.title.get(japanese).to_owned() }</strong>
                <button class="btn-icon" aria-label={tr(lang, Msg::ExitScenario)} onclick={go(None)} data-testid="scenario-exit">{ "✕" }</button>
            </header>
            if let Some(s) = current {
                <div class="guide-step">
                    <div class="guide-progress">
                        <span>{ trs(lang, Msg::StepOf, &[(step + 1).to_string(), total.to_string()]) }</span>
                        <span class={classes!("status", if done { "status-success" } else { "status-pending" })} data-testid="scenario-status">
                            { if done { format!("✔ {}", tr(lang, Msg::StepDone)) } else { format!("◷ {}", tr(lang, Msg::StepWaiting)) } }
                        </span>
                    </div>
                    <h3>{ s.title.get(japanese).to_owned() }</h3>
                    <p>{ s.body.get(japanese).to_owned() }</p>
                    if !commands.is_empty() {
                        <details class="guide-commands" open={true}>
                            <summary>{ tr(lang, Msg::Commands) }</summary>
                            { for commands.iter().map(|c| html! {
                                <div class="guide-command">
                                    <pre class="code">{ c.clone() }</pre>
                                    <div class="btn-group">
                                        <button class="btn btn-small" onclick={run(c.clone())}>{ tr(lang, Msg::RunInConsole) }</button>
                                        <button class="btn btn-small" onclick={copy(c.clone())}>{ tr(lang, Msg::Copy) }</button>
                                    </div>
                                </div>
                            }) }
                        </details>
                    }
                    <ErrorAlert error={(*error).clone()} />
                    <div class="guide-actions">
                        <button class="btn btn-link" onclick={go(Some(step.saturating_sub(1)))} disabled={step == 0}>{ tr(lang, Msg::PreviousStep) }</button>
                        if !done {
                            <button class="btn" onclick={do_it} data-testid="scenario-do-it">{ tr(lang, Msg::DoItForMe) }</button>
                        }
                        <button class={classes!("btn", done.then_some("btn-primary"))} onclick={go(Some(step + 1))} data-testid="scenario-next">
                            { tr(lang, Msg::NextStep) }
                        </button>
                    </div>
                </div>
            } else {
                <div class="guide-step">
                    <p class="verdict verdict-ok" data-testid="scenario-complete">{ tr(lang, Msg::ScenarioComplete) }</p>
                    <div class="guide-actions">
                        <button class="btn btn-primary" onclick={go(None)}>{ tr(lang, Msg::ExitScenario) }</button>
                    </div>
                </div>
            }
        </aside>
    }
}
