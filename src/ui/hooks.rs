//! The app's hooks: access to the shared state, and the ticker that turns
//! real time into `Tick` actions while playing.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::ui::browser;
use crate::ui::state::{Action, AppState};

/// The shared state, as provided by `App`.
pub type AppContext = UseReducerHandle<AppState>;

/// The app's state handle. Panels use it; leaf components take props.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("components are rendered inside App's context")
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
