//! The root component: owns the state, provides it to the panels, runs the
//! ticker, and lays out the page.

use yew::prelude::*;

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
use crate::ui::hooks::{use_autosave, use_fast_forward, use_ticker, AppContext};
use crate::ui::js_api;
use crate::ui::persist::{self, Notice};
use crate::ui::state::{AppState, Theme, UiState};

/// The seed of a new world; the same for everyone, so every attendee of a
/// workshop starts from the same account.
pub const DEFAULT_SEED: u64 = 2026;

#[component]
pub fn App() -> Html {
    let app = use_reducer(|| {
        let saved = persist::storage::get(persist::STORAGE_KEY);
        let start = persist::startup(&persist::location::fragment(), saved.clone(), DEFAULT_SEED);
        if start.notice == Some(Notice::OpenedLink) {
            // Keep the world this browser had before the link replaced it,
            // and drop the link so that a reload restores the saved world.
            if let Some(previous) = saved {
                persist::storage::set(persist::PREVIOUS_KEY, &previous);
            }
            persist::location::replace_fragment("");
        }
        let saving_paused = matches!(start.notice, Some(Notice::Unrestorable { .. }));
        let ui = UiState {
            lang: browser::preferred_lang(),
            notice: start.notice,
            saving_paused,
            ..UiState::default()
        };
        AppState::new(start.world, ui)
    });
    use_ticker(&app);
    use_autosave(&app);
    use_fast_forward(&app);
    {
        let (world, console) = (app.world.clone(), app.console.clone());
        let dispatcher = app.dispatcher();
        use_effect_with((), move |_| js_api::install(world, console, dispatcher));
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
    html! {
        <ContextProvider<AppContext> context={app.clone()}>
            <div class="app" data-theme={theme} lang={lang.code()} data-testid="app-ready">
                <Header />
                <ClockBar />
                <NoticeBanner />
                <main class="panels">
                    <div class="column">
                        <div class="slot slot-keys"><KeysPanel /></div>
                        <div class="slot slot-events"><EventsPanel /></div>
                        <div class="slot slot-cloudtrail"><CloudTrailPanel /></div>
                    </div>
                    <div class="column">
                        <div class="slot slot-cloudwatch"><CloudWatchPanel /></div>
                        <div class="slot slot-notifications"><NotificationsPanel /></div>
                        <div class="slot slot-console"><ConsolePanel /></div>
                    </div>
                </main>
            </div>
        </ContextProvider<AppContext>>
    }
}
