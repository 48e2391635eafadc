//! The CLI console: type `aws ...` commands as AWS's guides show them and
//! read what the AWS CLI v2 prints. History with ↑/↓, completion with Tab,
//! multi-line input with a trailing `\` or Shift+Enter.

use yew::prelude::*;

use crate::cli;
use crate::ui::components::panel::Panel;
use crate::ui::hooks::{run_cli, use_app};
use crate::ui::i18n::{tr, Msg};

#[component]
pub fn ConsolePanel() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let input = use_state(String::new);
    // Position in the history while browsing it with ↑/↓ (None: editing).
    let browsing = use_state(|| None::<usize>);
    let suggestions = use_state(Vec::<String>::new);
    let output_ref = use_node_ref();
    let input_ref = use_node_ref();
    {
        // Keep the newest output in view. Only when a line has run: reading
        // the scroll height forces a layout, too dear on every tick of play.
        let output_ref = output_ref.clone();
        let runs = app.console.borrow().runs;
        use_effect_with(runs, move |_| {
            if let Some(el) = output_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let run = {
        let (app, input, browsing, suggestions) = (app.clone(), input.clone(), browsing.clone(), suggestions.clone());
        move || {
            let line = (*input).clone();
            run_cli(&app, &line);
            input.set(String::new());
            browsing.set(None);
            suggestions.set(Vec::new());
        }
    };
    let on_input = {
        let (input, suggestions) = (input.clone(), suggestions.clone());
        Callback::from(move |e: InputEvent| {
            input.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value());
            suggestions.set(Vec::new());
        })
    };
    let on_key = {
        let (app, input, browsing, suggestions, run) = (
            app.clone(),
            input.clone(),
            browsing.clone(),
            suggestions.clone(),
            run.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            let area = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>();
            let value = area.value();
            match e.key().as_str() {
                "Enter" if !e.shift_key() && cli::is_complete(&value) => {
                    e.prevent_default();
                    run();
                }
                "ArrowUp" | "ArrowDown" if !value.contains('\n') => {
                    let history = app.console.borrow().history.clone();
                    if history.is_empty() {
                        return;
                    }
                    e.prevent_default();
                    let next = match (e.key().as_str(), *browsing) {
                        ("ArrowUp", None) => Some(history.len() - 1),
                        ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
                        ("ArrowDown", Some(i)) if i + 1 < history.len() => Some(i + 1),
                        _ => None,
                    };
                    browsing.set(next);
                    input.set(next.map(|i| history[i].clone()).unwrap_or_default());
                }
                "Tab" => {
                    e.prevent_default();
                    let cursor = area.selection_start().ok().flatten().unwrap_or(value.len() as u32) as usize;
                    let cursor = value.char_indices().nth(cursor).map_or(value.len(), |(i, _)| i);
                    let completion = cli::complete(&value, cursor);
                    match completion.candidates.as_slice() {
                        [] => {}
                        [only] => {
                            let mut next = value[..completion.start].to_owned();
                            next.push_str(only);
                            next.push(' ');
                            next.push_str(&value[cursor..]);
                            input.set(next);
                            suggestions.set(Vec::new());
                        }
                        many => suggestions.set(many.iter().take(40).cloned().collect()),
                    }
                }
                _ => {}
            }
        })
    };
    let on_run = {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| run())
    };
    let focus = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = input_ref.cast::<web_sys::HtmlElement>() {
                let selection = web_sys::window().and_then(|w| w.get_selection().ok().flatten());
                if selection.is_none_or(|s| s.is_collapsed()) {
                    let _ = el.focus();
                }
            }
        })
    };
    let log = app.console.borrow().clone();
    let rows = input.lines().count().clamp(1, 8).to_string();
    html! {
        <Panel id="console" title={tr(lang, Msg::PanelConsole)}>
            <div class="console" onclick={focus}>
                <div class="console-output" ref={output_ref} role="log" aria-live="polite" aria-label={tr(lang, Msg::ConsoleOutput)} data-testid="console-output">
                    if log.entries.is_empty() {
                        <p class="console-hint">{ tr(lang, Msg::EmptyConsole) }</p>
                    }
                    { for log.entries.iter().map(|entry| html! {
                        <div class="console-entry" data-testid="console-entry" data-exit-code={entry.output.exit_code.to_string()}>
                            <pre class="console-input">{ format!("$ {}", entry.input) }</pre>
                            if !entry.output.stdout.is_empty() { <pre class="console-stdout">{ entry.output.stdout.clone() }</pre> }
                            if !entry.output.stderr.is_empty() { <pre class="console-stderr">{ entry.output.stderr.clone() }</pre> }
                        </div>
                    }) }
                </div>
                if !suggestions.is_empty() {
                    <ul class="console-suggestions" aria-label={tr(lang, Msg::Suggestions)} data-testid="console-suggestions">
                        { for suggestions.iter().map(|s| html! { <li><code>{ s.clone() }</code></li> }) }
                    </ul>
                }
                <div class="console-prompt">
                    <span class="prompt-sign" aria-hidden="true">{ "$" }</span>
                    <textarea ref={input_ref} rows={rows} spellcheck="false" autocomplete="off" aria-label={tr(lang, Msg::ConsoleInput)}
                        value={(*input).clone()} oninput={on_input} onkeydown={on_key} data-testid="console-input"
                        placeholder="aws kms list-keys" maxlength="100000" />
                    <button class="btn btn-small" onclick={on_run} data-testid="console-run">{ tr(lang, Msg::Run) }</button>
                </div>
                <p class="field-hint">{ tr(lang, Msg::ConsoleHint) }</p>
            </div>
        </Panel>
    }
}
