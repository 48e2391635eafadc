//! The root component: owns the state, provides it to the panels, runs the
//! ticker, and lays out the page.

use yew::prelude::*;

use crate::scenario;
use crate::ui::browser;
use crate::ui::components::clock_bar::ClockBar;
use crate::ui::components::cloudtrail_panel::CloudTrailPanel;
use crate::ui::components::cloudwatch_panel::CloudWatchPanel;
use crate::ui::components::console_panel::ConsolePanel;
use crate::ui::components::events_panel::EventsPanel;
use crate::ui::components::header::Header;
use crate::ui::components::keys_panel::KeysPanel;
use crate::ui::components::notice_banner::NoticeBanner;
use crate::ui::components::notifications_panel::NotificationsPanel;
use crate::ui::components::scenario_guide::ScenarioGuide;
use crate::ui::hooks::{use_autosave, use_fast_forward, use_ticker, AppContext};
use crate::ui::js_api;
use crate::ui::persist::{self, Notice};
use crate::ui::state::{AppState, Theme, UiState};
use crate::ui::url::{self, PanelId};

/// The seed of a new world; the same for everyone, so every attendee of a
/// workshop starts from the same account.
pub const DEFAULT_SEED: u64 = 2026;

#[component]
pub fn App() -> Html {
    let app = use_reducer(|| {
        let options = url::parse(&url::current_query());
        // An embedded demo starts from its own world on every load and
        // leaves this site's saved world alone.
        let saved = if options.embed {
            None
        } else {
            persist::storage::get(persist::STORAGE_KEY)
        };
        let fragment = persist::location::fragment();
        let mut start = persist::startup(&fragment, saved.clone(), DEFAULT_SEED);
        let mut scenario_step = None;
        if let Some(name) = &options.scenario {
            match scenario::by_id(name) {
                // A shared link carries a world, perhaps mid-scenario: keep
                // it and resume at its first step not yet done.
                Some(s) if start.notice == Some(Notice::OpenedLink) => {
                    let step = (0..s.steps.len())
                        .find(|&i| !s.is_done(&mut start.world, i))
                        .unwrap_or(s.steps.len());
                    scenario_step = Some((s.id.clone(), step));
                }
                Some(s) => {
                    if let Ok(world) = s.start(DEFAULT_SEED) {
                        start.world = world;
                        scenario_step = Some((s.id.clone(), 0));
                    }
                }
                None => start.notice = Some(Notice::UnknownScenario { name: name.clone() }),
            }
        }
        if (start.notice == Some(Notice::OpenedLink) || scenario_step.is_some()) && !options.embed {
            // Keep the world this browser had before a link or a scenario
            // replaced it, and drop the link so that a reload restores.
            if let Some(previous) = saved {
                persist::storage::set(persist::PREVIOUS_KEY, &previous);
            }
            persist::location::replace_fragment("");
        }
        let saving_paused = matches!(start.notice, Some(Notice::Unrestorable { .. }));
        let ui = UiState {
            lang: options.lang.unwrap_or_else(browser::preferred_lang),
            theme: options.theme.unwrap_or_default(),
            speed: options.speed.unwrap_or_default(),
            playing: options.autoplay,
            notice: start.notice,
            saving_paused,
            scenario: scenario_step,
            embed: options.embed,
            panels: options.panels,
            ..UiState::default()
        };
        AppState::new(start.world, ui)
    });
    use_effect_with((), |_| {
        browser::remove_boot_screen();
        browser::register_service_worker();
    });
    use_ticker(&app);
    use_autosave(&app);
    use_fast_forward(&app);
    {
        let (world, console, history) = (app.world.clone(), app.console.clone(), app.history.clone());
        let dispatcher = app.dispatcher();
        use_effect_with((), move |_| js_api::install(world, console, history, dispatcher));
    }
    let lang = app.ui.lang;
    use_effect_with(lang, |lang| {
        // Screen readers and fonts follow the document's language.
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    let theme = match app.ui.theme {
        Theme::System => "system",
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    let panel = |id: PanelId| match id {
        PanelId::Keys => html! { <div class="slot slot-keys"><KeysPanel /></div> },
        PanelId::CloudWatch => html! { <div class="slot slot-cloudwatch"><CloudWatchPanel /></div> },
        PanelId::Notifications => html! { <div class="slot slot-notifications"><NotificationsPanel /></div> },
        PanelId::Events => html! { <div class="slot slot-events"><EventsPanel /></div> },
        PanelId::CloudTrail => html! { <div class="slot slot-cloudtrail"><CloudTrailPanel /></div> },
        PanelId::Console => html! { <div class="slot slot-console"><ConsolePanel /></div> },
    };
    let main = if app.ui.embed {
        let chosen = app
            .ui
            .panels
            .clone()
            .unwrap_or_else(|| vec![PanelId::Keys, PanelId::CloudWatch, PanelId::Events]);
        html! { <main class="panels embedded">{ for chosen.into_iter().map(panel) }</main> }
    } else {
        html! {
            <main class="panels">
                <div class="column">
                    { panel(PanelId::Keys) }
                    { panel(PanelId::Events) }
                    { panel(PanelId::CloudTrail) }
                </div>
                <div class="column">
                    { panel(PanelId::CloudWatch) }
                    { panel(PanelId::Notifications) }
                    { panel(PanelId::Console) }
                </div>
            </main>
        }
    };
    html! {
        <ContextProvider<AppContext> context={app.clone()}>
            <div class={classes!("app", app.ui.embed.then_some("embed"))} data-theme={theme} lang={lang.code()} data-testid="app-ready">
                if !app.ui.embed { <Header /> }
                <ClockBar />
                <NoticeBanner />
                <ScenarioGuide />
                { main }
            </div>
        </ContextProvider<AppContext>>
    }
}
