//! The app's hooks: access to the shared state, and the ticker that turns
//! real time into `Tick` actions while playing.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use serde_json::Value;
use yew::prelude::*;

use crate::sim::AwsResult;
use crate::ui::browser;
use crate::ui::state::{Action, AppState};

/// The shared state, as provided by `App`.
pub type AppContext = UseReducerHandle<AppState>;

/// The app's state handle. Panels use it; leaf components take props.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("components are rendered inside App's context")
}

/// Calls the model on the user's behalf (the one way components change the
/// world) and re-renders.
pub fn call(app: &AppContext, service: &str, operation: &str, params: Value) -> AwsResult {
    app.history.borrow_mut().checkpoint(&app.world.borrow());
    let result = app.world.borrow_mut().call(service, operation, &params);
    app.dispatch(Action::WorldChanged);
    result
}

/// Replaces the whole world (import, reset, undo) and re-renders.
pub fn replace_world(app: &AppContext, world: crate::sim::World) {
    app.history.borrow_mut().clear();
    *app.world.borrow_mut() = world;
    app.dispatch(Action::WorldChanged);
}

/// How long after a save the next one may come (real milliseconds): while
/// time plays the world changes on every tick, and encoding it takes a
/// frame's worth of time (about 15 ms for a hundred keys and alarms), so
/// playing saves five times less often; leaving or hiding the page saves at
/// once, so nothing is lost by the wait.
const SAVE_EVERY_MS: f64 = 2_000.0;
const SAVE_EVERY_PLAYING_MS: f64 = 10_000.0;

/// Saves the world to the browser's storage after changes: at most every
/// two seconds (ten while time plays), once things settle, and when the
/// page is hidden or left.
#[hook]
pub fn use_autosave(app: &AppContext) {
    let last_save = use_mut_ref(|| 0.0_f64);
    let version = app.version;
    let paused = app.ui.saving_paused || app.ui.embed;
    let every = if app.ui.playing {
        SAVE_EVERY_PLAYING_MS
    } else {
        SAVE_EVERY_MS
    };
    let world = app.world.clone();
    // Whether saving is paused, as the page-hide listener must read it then,
    // and whether the world changed since the last save: hiding a page that
    // changed nothing writes nothing (another tab's newer save stays).
    let paused_now = use_mut_ref(|| paused);
    *paused_now.borrow_mut() = paused;
    let unsaved = use_mut_ref(|| false);
    {
        let (world, paused_now, unsaved) = (world.clone(), paused_now.clone(), unsaved.clone());
        use_effect_with((), move |_| {
            browser::on_page_hide(move || {
                if *unsaved.borrow() && !*paused_now.borrow() {
                    save_world(&world.borrow());
                    *unsaved.borrow_mut() = false;
                }
            });
        });
    }
    use_effect_with((version, paused), move |(_, paused)| {
        *unsaved.borrow_mut() = true;
        let save = {
            let (world, last_save, unsaved) = (world.clone(), last_save.clone(), unsaved.clone());
            move || {
                save_world(&world.borrow());
                *last_save.borrow_mut() = browser::now_ms();
                *unsaved.borrow_mut() = false;
            }
        };
        let timeout = (!*paused).then(|| {
            if browser::now_ms() - *last_save.borrow() > every {
                save();
                None
            } else {
                Some(gloo_timers::callback::Timeout::new(600, save))
            }
        });
        move || drop(timeout)
    });
}

fn save_world(world: &crate::sim::World) {
    crate::ui::persist::storage::set(crate::ui::persist::STORAGE_KEY, &crate::ui::persist::saved_form(world));
}

/// Runs a CLI line on the user's behalf (console, scenario commands).
pub fn run_cli(app: &AppContext, line: &str) -> crate::cli::CliOutput {
    app.history.borrow_mut().checkpoint(&app.world.borrow());
    let out = crate::ui::console::run(&mut app.world.borrow_mut(), &app.console, line);
    app.dispatch(Action::WorldChanged);
    out
}

/// Undoes (or redoes) the last action, if there is one.
pub fn undo(app: &AppContext, redo: bool) {
    let next = {
        let world = app.world.borrow();
        let mut history = app.history.borrow_mut();
        if redo {
            history.redo(&world)
        } else {
            history.undo(&world)
        }
    };
    if let Some(world) = next {
        *app.world.borrow_mut() = world;
        app.dispatch(Action::WorldChanged);
    }
}

/// The offset from UTC (minutes) dates are shown in at instant `t`.
pub fn zone_offset(app: &AppContext, t: crate::sim::SimTime) -> i32 {
    match app.ui.zone {
        crate::ui::state::Zone::Utc => 0,
        crate::ui::state::Zone::Local => crate::ui::browser::local_offset_minutes(t),
    }
}

/// How much real time one fast-forward slice may take before the page gets
/// to draw (milliseconds): jumps never freeze the page.
const FRAME_BUDGET_MS: f64 = 12.0;
/// The simulated step of a fast-forward slice.
const SLICE_MS: i64 = 6 * crate::sim::time::HOUR;

/// Moves the world towards `ui.fast_forward`'s target in slices, each
/// frame spending at most `FRAME_BUDGET_MS`, and reports progress.
#[hook]
pub fn use_fast_forward(app: &AppContext) {
    let target = app.ui.fast_forward.map(|(_, to)| to);
    let world = app.world.clone();
    let dispatcher = app.dispatcher();
    use_effect_with(target, move |target| {
        let interval = target.map(|to| {
            Interval::new(16, move || {
                let start = browser::now_ms();
                loop {
                    let now = world.borrow().now();
                    if now >= to {
                        dispatcher.dispatch(Action::FastForwardDone);
                        return;
                    }
                    world.borrow_mut().advance_to(now.plus(SLICE_MS).min(to));
                    if browser::now_ms() - start > FRAME_BUDGET_MS {
                        dispatcher.dispatch(Action::FastForwardProgress);
                        return;
                    }
                }
            })
        });
        move || drop(interval)
    });
}

/// How often the ticker fires while playing (real milliseconds).
const TICK_MS: u32 = 50;

/// While `playing`, dispatches `Tick` with the real time elapsed since the
/// previous tick. Dropping the `Interval` (pause, unmount) stops it.
#[hook]
pub fn use_ticker(app: &AppContext) {
    let playing = app.ui.playing;
    let dispatcher = app.dispatcher();
    use_effect_with(playing, move |playing| {
        let interval = playing.then(|| {
            let last = Rc::new(Cell::new(browser::now_ms()));
            Interval::new(TICK_MS, move || {
                let now = browser::now_ms();
                // A throttled background tab can report a long gap; cap it so
                // returning to the tab does not jump days ahead at once.
                let real_ms = (now - last.replace(now)).clamp(0.0, 1000.0);
                dispatcher.dispatch(Action::Tick { real_ms });
            })
        });
        move || drop(interval)
    });
}
