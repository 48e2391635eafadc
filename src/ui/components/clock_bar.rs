//! The clock bar: simulated now, play/pause and speed, fixed jumps, and a
//! jump to a chosen date.

use yew::prelude::*;

use crate::sim::kms::{Upcoming, UpcomingKind};
use crate::sim::time::{DAY, HOUR};
use crate::ui::browser;
use crate::ui::format;
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, trf, Msg};
use crate::ui::state::{Action, Speed, Zone};
use crate::ui::view::keys::short_id;

fn speed_label(speed: Speed) -> Msg {
    match speed {
        Speed::RealTime => Msg::SpeedRealTime,
        Speed::Minute => Msg::SpeedMinute,
        Speed::Hour => Msg::SpeedHour,
        Speed::Day => Msg::SpeedDay,
        Speed::Week => Msg::SpeedWeek,
    }
}

#[component]
pub fn ClockBar() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let now = app.now();
    let offset = match app.ui.zone {
        Zone::Utc => 0,
        Zone::Local => browser::local_offset_minutes(now),
    };
    let jump_value = use_state(String::new);

    let toggle = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::SetPlaying(!app.ui.playing)))
    };
    let on_speed = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let code = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(speed) = Speed::from_code(&code) {
                app.dispatch(Action::SetSpeed(speed));
            }
        })
    };
    let on_zone = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            app.dispatch(Action::SetZone(if value == "local" { Zone::Local } else { Zone::Utc }));
        })
    };
    let advance = |ms: i64| {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::Advance(ms)))
    };
    let on_jump_input = {
        let jump_value = jump_value.clone();
        Callback::from(move |e: InputEvent| {
            jump_value.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
        })
    };
    let on_jump = {
        let app = app.clone();
        let jump_value = jump_value.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(t) = format::parse_input(&jump_value, offset) {
                app.dispatch(Action::AdvanceTo(t));
            }
        })
    };
    let playing = app.ui.playing;
    let next = app
        .world
        .borrow()
        .services()
        .kms
        .upcoming()
        .into_iter()
        .find(|u| u.at > now);
    let jump_next = {
        let app = app.clone();
        let at = next.as_ref().map(|u| u.at);
        Callback::from(move |_| {
            if let Some(at) = at {
                app.dispatch(Action::AdvanceTo(at));
            }
        })
    };
    let progress = app.ui.fast_forward.map(|(from, to)| {
        let done = now.since(from) as f64 / to.since(from).max(1) as f64;
        (done * 100.0).clamp(0.0, 100.0)
    });
    let local_label = format!(
        "{} ({})",
        tr(lang, Msg::TimeZone),
        format::zone_label(browser::local_offset_minutes(now))
    );

    html! {
        <div class="clock-bar" role="toolbar" aria-label={tr(lang, Msg::ClockLabel)}>
            <div class="clock-now">
                <span class="clock-label">{ tr(lang, Msg::ClockLabel) }</span>
                <time data-testid="sim-now" datetime={now.iso_millis()}>
                    { format::date_time(now, lang, offset) }
                </time>
                <select class="zone-select" aria-label={tr(lang, Msg::TimeZone)} onchange={on_zone} data-testid="zone-select">
                    <option value="utc" selected={app.ui.zone == Zone::Utc}>{ "UTC" }</option>
                    <option value="local" selected={app.ui.zone == Zone::Local}>{ local_label }</option>
                </select>
            </div>
            <div class="clock-controls">
                <button class={classes!("btn", "btn-primary", playing.then_some("active"))}
                    aria-pressed={playing.to_string()} onclick={toggle} data-testid="play-toggle">
                    { if playing { tr(lang, Msg::Pause) } else { tr(lang, Msg::Play) } }
                </button>
                <label class="speed">
                    <span>{ tr(lang, Msg::Speed) }</span>
                    <select onchange={on_speed} data-testid="speed-select">
                        { for Speed::ALL.iter().map(|s| html! {
                            <option value={s.code()} selected={*s == app.ui.speed}>{ tr(lang, speed_label(*s)) }</option>
                        }) }
                    </select>
                </label>
                <div class="btn-group" role="group" aria-label={tr(lang, Msg::AdvanceBy)}>
                    <button class="btn" onclick={advance(HOUR)} data-testid="advance-1h">{ tr(lang, Msg::AdvanceHour) }</button>
                    <button class="btn" onclick={advance(DAY)} data-testid="advance-1d">{ tr(lang, Msg::AdvanceDay) }</button>
                    <button class="btn" onclick={advance(10 * DAY)} data-testid="advance-10d">{ tr(lang, Msg::AdvanceTenDays) }</button>
                    <button class="btn" onclick={advance(30 * DAY)} data-testid="advance-30d">{ tr(lang, Msg::AdvanceThirtyDays) }</button>
                </div>
                <div class="next-deadline">
                    <button class="btn" onclick={jump_next} disabled={next.is_none()} data-testid="jump-next">{ tr(lang, Msg::JumpToNext) }</button>
                    <span class="what" data-testid="next-deadline">
                        { match &next {
                            Some(u) => format!("{} ({})", deadline_label(lang, u), format::duration(u.at.since(now), lang)),
                            None => tr(lang, Msg::NoDeadline).to_owned(),
                        } }
                    </span>
                </div>
                <form class="jump" onsubmit={on_jump}>
                    <label>
                        <span>{ tr(lang, Msg::JumpToDate) }</span>
                        <input type="datetime-local" value={(*jump_value).clone()} oninput={on_jump_input}
                            min={format::input_value(now, offset)} data-testid="jump-input" />
                    </label>
                    <button class="btn" type="submit" data-testid="jump-go">{ tr(lang, Msg::JumpGo) }</button>
                </form>
            </div>
            if let Some(percent) = progress {
                <div class="progress" role="progressbar" aria-label={tr(lang, Msg::FastForwarding)}
                    aria-valuenow={format!("{percent:.0}")} aria-valuemin="0" aria-valuemax="100">
                    <span style={format!("width: {percent:.1}%")}></span>
                </div>
            }
        </div>
    }
}

/// "key 1234abcd… material expires", naming the key by its first alias if
/// it has one.
fn deadline_label(lang: crate::ui::i18n::Lang, upcoming: &Upcoming) -> String {
    let who = format!("{}…", short_id(&upcoming.key_id));
    let msg = match upcoming.kind {
        UpcomingKind::MaterialExpires => Msg::DeadlineExpires,
        UpcomingKind::KeyDeleted => Msg::DeadlineDeleted,
        UpcomingKind::KeyRotates => Msg::DeadlineRotates,
    };
    trf(lang, msg, who)
}
