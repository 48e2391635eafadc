//! The app's state and its reducer. The world is shared (`Rc<RefCell<_>>`)
//! and changed in place, because cloning a whole simulated account on every
//! action would cost more than the action; `version` counts the changes so
//! that views know when to re-render. Everything else is plain UI state.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Reducible;

use crate::sim::time::{DAY, HOUR, MINUTE, SECOND};
use crate::sim::{SimTime, World};
use crate::ui::console::SharedConsole;
use crate::ui::i18n::Lang;
use crate::ui::persist::Notice;
use crate::ui::undo::SharedHistory;

/// How fast simulated time runs while playing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Speed {
    /// Real time.
    RealTime,
    /// One simulated minute per second.
    Minute,
    /// One simulated hour per second.
    #[default]
    Hour,
    /// One simulated day per second.
    Day,
    /// One simulated week per second.
    Week,
}

impl Speed {
    pub const ALL: [Speed; 5] = [Speed::RealTime, Speed::Minute, Speed::Hour, Speed::Day, Speed::Week];

    /// Simulated milliseconds per real second.
    pub fn sim_ms_per_second(self) -> i64 {
        match self {
            Speed::RealTime => SECOND,
            Speed::Minute => MINUTE,
            Speed::Hour => HOUR,
            Speed::Day => DAY,
            Speed::Week => 7 * DAY,
        }
    }

    /// The name used in URLs (`&speed=day`).
    pub fn code(self) -> &'static str {
        match self {
            Speed::RealTime => "1x",
            Speed::Minute => "60x",
            Speed::Hour => "hour",
            Speed::Day => "day",
            Speed::Week => "week",
        }
    }

    pub fn from_code(code: &str) -> Option<Speed> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's preference.
    #[default]
    System,
    Light,
    Dark,
}

/// The time zone dates are shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Zone {
    #[default]
    Utc,
    /// The browser's zone; its offset from UTC is read per instant.
    Local,
}

/// Everything the UI remembers besides the world.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UiState {
    pub lang: Lang,
    pub theme: Theme,
    pub zone: Zone,
    pub speed: Speed,
    pub playing: bool,
    /// A jump in progress: (from, to). The `use_fast_forward` hook advances
    /// the world towards `to` in slices that keep each frame short.
    pub fast_forward: Option<(SimTime, SimTime)>,
    /// A message about the world the user should see (restore failures,
    /// shared links).
    pub notice: Option<Notice>,
    /// Saving is paused while saved data that could not be restored waits
    /// for the user's decision.
    pub saving_paused: bool,
    /// The guided scenario in progress: its id and the current step.
    pub scenario: Option<(String, usize)>,
    /// Embedded in another page (`?embed=1`): compact, and not saved.
    pub embed: bool,
    /// The panels shown, in order (embed mode), or all.
    pub panels: Option<Vec<crate::ui::url::PanelId>>,
}

/// The root state.
#[derive(Clone, Debug)]
pub struct AppState {
    pub world: Rc<RefCell<World>>,
    /// The CLI console's scrollback and history (shared with the JS API).
    pub console: SharedConsole,
    /// Undo and redo.
    pub history: SharedHistory,
    /// Incremented whenever the world changes.
    pub version: u64,
    pub ui: UiState,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.world, &other.world) && self.version == other.version && self.ui == other.ui
    }
}

/// What the UI can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Real time passed while playing.
    Tick {
        real_ms: f64,
    },
    /// Jump simulated time forward by this many milliseconds.
    Advance(i64),
    /// Jump simulated time to this instant (earlier instants do nothing).
    AdvanceTo(SimTime),
    /// The fast-forward hook moved the world part of the way.
    FastForwardProgress,
    /// The fast-forward reached its target.
    FastForwardDone,
    SetPlaying(bool),
    SetSpeed(Speed),
    SetLang(Lang),
    SetTheme(Theme),
    SetZone(Zone),
    /// The world was changed from outside the reducer (the JS API).
    WorldChanged,
    SetNotice(Option<Notice>),
    /// The user chose to start fresh instead of restoring saved data.
    ResumeSaving,
    /// Follow a scenario from a step (None: leave it).
    SetScenario(Option<(String, usize)>),
}

impl AppState {
    pub fn new(world: World, ui: UiState) -> AppState {
        AppState {
            world: Rc::new(RefCell::new(world)),
            console: SharedConsole::default(),
            history: SharedHistory::default(),
            version: 0,
            ui,
        }
    }

    pub fn now(&self) -> SimTime {
        self.world.borrow().now()
    }

    fn with_world_change(&self) -> Rc<AppState> {
        Rc::new(AppState {
            world: self.world.clone(),
            console: self.console.clone(),
            history: self.history.clone(),
            version: self.version + 1,
            ui: self.ui.clone(),
        })
    }

    fn with_ui(&self, f: impl FnOnce(&mut UiState)) -> Rc<AppState> {
        let mut ui = self.ui.clone();
        f(&mut ui);
        Rc::new(AppState {
            world: self.world.clone(),
            console: self.console.clone(),
            history: self.history.clone(),
            version: self.version,
            ui,
        })
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Tick { real_ms } => {
                if !self.ui.playing || real_ms <= 0.0 {
                    return self;
                }
                let sim_ms = (real_ms * self.ui.speed.sim_ms_per_second() as f64 / 1000.0).round() as i64;
                self.world.borrow_mut().advance_by(sim_ms);
                self.with_world_change()
            }
            Action::Advance(ms) => {
                let now = self.now();
                self.reduce(Action::AdvanceTo(now.plus(ms)))
            }
            Action::AdvanceTo(t) => {
                let now = self.now();
                if t <= now {
                    return self;
                }
                self.history.borrow_mut().checkpoint(&self.world.borrow());
                self.with_ui(|ui| ui.fast_forward = Some((now, t)))
            }
            Action::FastForwardProgress => self.with_world_change(),
            Action::FastForwardDone => {
                let mut next = self.with_world_change();
                Rc::make_mut(&mut next).ui.fast_forward = None;
                next
            }
            Action::WorldChanged => self.with_world_change(),
            Action::SetPlaying(playing) => {
                if playing {
                    self.history.borrow_mut().checkpoint(&self.world.borrow());
                }
                self.with_ui(|ui| ui.playing = playing)
            }
            Action::SetSpeed(speed) => self.with_ui(|ui| ui.speed = speed),
            Action::SetLang(lang) => self.with_ui(|ui| ui.lang = lang),
            Action::SetTheme(theme) => self.with_ui(|ui| ui.theme = theme),
            Action::SetZone(zone) => self.with_ui(|ui| ui.zone = zone),
            Action::SetNotice(notice) => self.with_ui(|ui| ui.notice = notice),
            Action::SetScenario(scenario) => self.with_ui(|ui| ui.scenario = scenario),
            Action::ResumeSaving => self.with_ui(|ui| {
                ui.saving_paused = false;
                ui.notice = None;
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Settings;

    fn state() -> Rc<AppState> {
        Rc::new(AppState::new(World::new(1, Settings::default()), UiState::default()))
    }

    #[test]
    fn ticks_advance_only_while_playing() {
        let s = state();
        let start = s.now();
        let s = s.reduce(Action::Tick { real_ms: 1000.0 });
        assert_eq!(s.now(), start);
        let s = s.reduce(Action::SetPlaying(true)).reduce(Action::SetSpeed(Speed::Day));
        let s = s.reduce(Action::Tick { real_ms: 500.0 });
        assert_eq!(s.now().since(start), DAY / 2);
    }

    #[test]
    fn jumps_become_a_fast_forward_for_the_hook() {
        let s = state();
        let start = s.now();
        let s = s.reduce(Action::Advance(DAY));
        assert_eq!(s.ui.fast_forward, Some((start, start.plus(DAY))));
        assert_eq!(s.now(), start, "the reducer itself does not advance");
    }

    #[test]
    fn no_op_actions_keep_the_same_state() {
        let s = state();
        let same = s.clone().reduce(Action::AdvanceTo(SimTime::MIN));
        assert!(Rc::ptr_eq(&s, &same));
    }
}
