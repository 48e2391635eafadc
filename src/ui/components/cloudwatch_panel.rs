//! The CloudWatch panel: metrics with their chart, alarms with their
//! explanations, and "Create alarm".

use yew::prelude::*;

use crate::sim::cloudwatch::MetricId;
use crate::ui::components::alarms_view::AlarmsView;
use crate::ui::components::create_alarm_dialog::CreateAlarmDialog;
use crate::ui::components::metrics_view::{ChartSettings, MetricsView};
use crate::ui::components::panel::Panel;
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Msg};

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Metrics,
    Alarms,
}

#[component]
pub fn CloudWatchPanel() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let tab = use_state(|| Tab::Metrics);
    let metric = use_state(|| None::<MetricId>);
    let settings = use_state(ChartSettings::default);
    let alarm = use_state(|| None::<String>);
    let creating = use_state(|| false);
    let (alarm_count, in_alarm) = {
        let world = app.world.borrow();
        let cw = &world.services().cloudwatch;
        (
            cw.alarms().count(),
            cw.alarms()
                .filter(|a| a.state == crate::sim::cloudwatch::StateValue::Alarm)
                .count(),
        )
    };
    let tab_button = |t: Tab, label: String, testid: &'static str| {
        let tab = tab.clone();
        let active = *tab == t;
        html! {
            <button role="tab" class={classes!("tab", active.then_some("active"))} aria-selected={active.to_string()}
                onclick={Callback::from(move |_| tab.set(t))} data-testid={testid}>{ label }</button>
        }
    };
    let alarms_label = if in_alarm > 0 {
        format!("{} ({alarm_count}, {in_alarm} ALARM)", tr(lang, Msg::TabAlarms))
    } else {
        format!("{} ({alarm_count})", tr(lang, Msg::TabAlarms))
    };
    let open_create = {
        let creating = creating.clone();
        Callback::from(move |_| creating.set(true))
    };
    let close_create = {
        let creating = creating.clone();
        Callback::from(move |_| creating.set(false))
    };
    let created = {
        let (creating, alarm, tab) = (creating.clone(), alarm.clone(), tab.clone());
        Callback::from(move |name: String| {
            creating.set(false);
            alarm.set(Some(name));
            tab.set(Tab::Alarms);
        })
    };
    let actions = html! {
        <button class="btn btn-primary" onclick={open_create} data-testid="create-alarm">{ tr(lang, Msg::CreateAlarm) }</button>
    };
    html! {
        <Panel id="cloudwatch" title={tr(lang, Msg::PanelCloudWatch)} actions={actions}>
            <div class="tabs" role="tablist">
                { tab_button(Tab::Metrics, tr(lang, Msg::TabMetrics).into(), "tab-metrics") }
                { tab_button(Tab::Alarms, alarms_label, "tab-alarms") }
            </div>
            { match *tab {
                Tab::Metrics => {
                    let (m, s) = (metric.clone(), settings.clone());
                    html! {
                        <MetricsView selected={(*metric).clone()} on_select={Callback::from(move |id| m.set(Some(id)))}
                            settings={(*settings).clone()} on_settings={Callback::from(move |v| s.set(v))} />
                    }
                }
                Tab::Alarms => {
                    let a = alarm.clone();
                    html! { <AlarmsView selected={(*alarm).clone()} on_select={Callback::from(move |n| a.set(Some(n)))} /> }
                }
            } }
            if *creating {
                <CreateAlarmDialog metric={(*metric).clone()} on_close={close_create} on_created={created} />
            }
        </Panel>
    }
}
