//! The alarms: a table with state badges and conditions; for the chosen
//! alarm, its evaluation window as a row of periods (breaching, not
//! breaching, missing, with values), the sentence that says why it is in
//! its state, and its state timeline.

use yew::prelude::*;

use crate::sim::cloudwatch::Status;
use crate::ui::components::empty_state::EmptyState;
use crate::ui::components::status::Status as StatusBadge;
use crate::ui::format;
use crate::ui::hooks::{use_app, zone_offset};
use crate::ui::i18n::{tr, trf, Msg};
use crate::ui::view::alarms::{alarm_rows, state_tone, status_label, why};
use crate::ui::view::chart::value_label;

#[derive(Properties, PartialEq)]
pub struct AlarmsViewProps {
    pub selected: Option<String>,
    pub on_select: Callback<String>,
}

#[component]
pub fn AlarmsView(props: &AlarmsViewProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let now = app.now();
    let offset = zone_offset(&app, now);
    let world = app.world.borrow();
    let cw = &world.services().cloudwatch;
    let rows = alarm_rows(cw, lang);
    if rows.is_empty() {
        return html! { <EmptyState text={tr(lang, Msg::NoAlarms)} /> };
    }
    let selected = props
        .selected
        .clone()
        .filter(|n| cw.alarm(n).is_some())
        .unwrap_or_else(|| rows[0].name.clone());
    let unit = cw
        .alarm(&selected)
        .is_some_and(|a| a.config.metric.name == "SecondsUntilKeyMaterialExpiration")
        .then_some("Seconds");
    let details = cw
        .alarm(&selected)
        .and_then(|alarm| Some((alarm, cw.explain(&selected, now)?, cw.timeline(&selected))));
    html! {
        <div class="alarms">
            <table class="table" data-testid="alarm-table">
                <thead>
                    <tr>
                        <th scope="col">{ tr(lang, Msg::ColAlarmName) }</th>
                        <th scope="col">{ tr(lang, Msg::ColState) }</th>
                        <th scope="col">{ tr(lang, Msg::ColConditions) }</th>
                        <th scope="col">{ tr(lang, Msg::ColActions) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|row| {
                        let chosen = row.name == selected;
                        let name = row.name.clone();
                        html! {
                            <tr class={classes!(chosen.then_some("selected"))} data-testid="alarm-row" data-alarm={row.name.clone()} data-state={row.state.as_str()}>
                                <td><button class="link" aria-pressed={chosen.to_string()} onclick={props.on_select.reform(move |_: MouseEvent| name.clone())}>{ row.name.clone() }</button></td>
                                <td><StatusBadge tone={row.tone} label={row.state.as_str()} /></td>
                                <td>{ row.condition.clone() }</td>
                                <td>{ tr(lang, if row.actions_enabled { Msg::ActionsOn } else { Msg::ActionsOff }) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            if let Some((alarm, explanation, timeline)) = details {
                <section class="details" data-testid="alarm-details">
                    <h3>{ trf(lang, Msg::WhyState, alarm.state.as_str()) }</h3>
                    <p class="why" data-testid="alarm-why">{ why(&explanation, alarm, lang) }</p>
                    <h4>{ tr(lang, Msg::EvaluationWindow) }</h4>
                    <ol class="window" data-testid="evaluation-window">
                        { for explanation.periods.iter().enumerate().map(|(i, p)| {
                            let class = match p.status {
                                Status::Breaching => "period-breaching",
                                Status::NotBreaching => "period-ok",
                                Status::Missing => "period-missing",
                            };
                            let evaluated = explanation.decision.evaluated.contains(&i);
                            html! {
                                <li class={classes!("period", class, evaluated.then_some("evaluated"))} data-status={status_label(p.status, lang)}>
                                    <span class="period-time">{ format::short(p.start, offset).split(' ').nth(1).unwrap_or_default().to_owned() }</span>
                                    <span class="period-value">{ p.value.map(|v| value_label(v, unit, lang)).unwrap_or_else(|| "–".into()) }</span>
                                    <span class="period-status">{ status_label(p.status, lang) }</span>
                                </li>
                            }
                        }) }
                    </ol>
                    <h4>{ tr(lang, Msg::StateTimeline) }</h4>
                    <ol class="timeline" data-testid="alarm-timeline">
                        { for timeline.iter().rev().map(|entry| {
                            let o = zone_offset(&app, entry.at);
                            html! {
                                <li>
                                    <StatusBadge tone={state_tone(entry.state)} label={entry.state.as_str()} />
                                    <time datetime={entry.at.iso_millis()} class="muted">{ format!(" {} {} ", format::short(entry.at, o), format::zone_label(o)) }</time>
                                    <span class="reason">{ entry.reason.clone() }</span>
                                </li>
                            }
                        }) }
                    </ol>
                </section>
            }
        </div>
    }
}
