//! The metric browser (namespace, then metric and dimensions, as the
//! console's "Per-Key Metrics" lists them) and the chart of the chosen
//! metric with its statistic, period and time range, the threshold of an
//! alarm watching it and the times that alarm spent in ALARM.

use yew::prelude::*;

use crate::sim::cloudwatch::{ChartQuery, MetricId};
use crate::sim::time::{DAY, HOUR};
use crate::ui::components::empty_state::EmptyState;
use crate::ui::components::line_chart::LineChart;
use crate::ui::hooks::{use_app, zone_offset};
use crate::ui::i18n::{tr, Msg};
use crate::ui::view::alarms::alarm_ranges;
use crate::ui::view::chart::{auto_period, geometry};
use crate::ui::view::keys::short_id;

/// The time ranges offered, as the console offers them (1 h … 2 weeks).
const RANGES: [(i64, &str); 7] = [
    (HOUR, "1h"),
    (3 * HOUR, "3h"),
    (12 * HOUR, "12h"),
    (DAY, "1d"),
    (3 * DAY, "3d"),
    (7 * DAY, "1w"),
    (14 * DAY, "2w"),
];
const STATISTICS: [&str; 5] = ["Minimum", "Maximum", "Average", "Sum", "SampleCount"];
const PERIODS: [(i64, &str); 4] = [(60, "1 min"), (300, "5 min"), (3600, "1 h"), (86_400, "1 d")];

/// How the chart is configured.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSettings {
    pub statistic: String,
    /// `None`: the console's automatic period for the range.
    pub period: Option<i64>,
    pub range_ms: i64,
}

impl Default for ChartSettings {
    fn default() -> Self {
        ChartSettings {
            statistic: "Minimum".into(),
            period: None,
            range_ms: DAY,
        }
    }
}

/// A metric's name in the browser: the key's alias or short id for KMS.
pub fn metric_label(id: &MetricId, alias: impl Fn(&str) -> Option<String>) -> String {
    let dims: Vec<String> = id
        .dimensions
        .iter()
        .map(|(name, value)| match name.as_str() {
            "KeyId" => format!(
                "KeyId {}",
                alias(value).unwrap_or_else(|| format!("{}…", short_id(value)))
            ),
            _ => format!("{name}={value}"),
        })
        .collect();
    if dims.is_empty() {
        id.name.clone()
    } else {
        format!("{} · {}", dims.join(", "), id.name)
    }
}

#[derive(Properties, PartialEq)]
pub struct MetricsViewProps {
    pub selected: Option<MetricId>,
    pub on_select: Callback<MetricId>,
    pub settings: ChartSettings,
    pub on_settings: Callback<ChartSettings>,
}

#[component]
pub fn MetricsView(props: &MetricsViewProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let now = app.now();
    let offset = zone_offset(&app, now);
    let world = app.world.borrow();
    let cw = &world.services().cloudwatch;
    let kms = &world.services().kms;
    let alias = |key_id: &str| kms.aliases_of(key_id).next().map(str::to_owned);
    let metrics = cw.metrics(now);
    if metrics.is_empty() {
        return html! { <EmptyState text={tr(lang, Msg::EmptyMetrics)} /> };
    }
    let selected = props
        .selected
        .clone()
        .filter(|m| metrics.iter().any(|s| &s.id == m))
        .unwrap_or_else(|| metrics[0].id.clone());
    let mut namespaces: Vec<&str> = metrics.iter().map(|m| m.id.namespace.as_str()).collect();
    namespaces.dedup();

    let s = props.settings.clone();
    let period = s.period.unwrap_or_else(|| auto_period(s.range_ms));
    let start = now.plus(-s.range_ms);
    let query = ChartQuery {
        metric: selected.clone(),
        statistic: s.statistic.clone(),
        period,
        start,
        end: now,
        unit: None,
    };
    let points = cw.metric_values(&query, now);
    let watching = cw.alarms().find(|a| a.config.metric == selected);
    let threshold = watching.map(|a| a.config.threshold);
    let bands = watching
        .map(|a| alarm_ranges(&cw.timeline(&a.name), now))
        .unwrap_or_default();
    let unit = (selected.name == "SecondsUntilKeyMaterialExpiration").then_some("Seconds");
    let g = geometry(&points, start, now, 720.0, 260.0, threshold, &bands, unit, lang, offset);

    let setting = |f: fn(&mut ChartSettings, String)| {
        let (on_settings, s) = (props.on_settings.clone(), s.clone());
        Callback::from(move |e: Event| {
            let mut next = s.clone();
            f(
                &mut next,
                e.target_unchecked_into::<web_sys::HtmlSelectElement>().value(),
            );
            on_settings.emit(next);
        })
    };
    let on_stat = setting(|s, v| s.statistic = v);
    let on_period = setting(|s, v| s.period = v.parse().ok());
    html! {
        <div class="metrics">
            <nav class="metric-browser" aria-label={tr(lang, Msg::TabMetrics)}>
                { for namespaces.iter().map(|ns| html! {
                    <div class="metric-group">
                        <h4>{ if *ns == "AWS/KMS" { format!("AWS/KMS › {}", tr(lang, Msg::PerKeyMetrics)) } else { (*ns).to_owned() } }</h4>
                        <ul class="plain-list metric-list">
                            { for metrics.iter().filter(|m| m.id.namespace == *ns).map(|m| {
                                let chosen = m.id == selected;
                                let id = m.id.clone();
                                let on_select = props.on_select.reform(move |_: MouseEvent| id.clone());
                                html! {
                                    <li>
                                        <button class={classes!("link", chosen.then_some("chosen"))} aria-pressed={chosen.to_string()}
                                            onclick={on_select} data-testid="metric">{ metric_label(&m.id, alias) }</button>
                                    </li>
                                }
                            }) }
                        </ul>
                    </div>
                }) }
            </nav>
            <div class="chart-controls">
                <label class="inline-field">
                    <span>{ tr(lang, Msg::Statistic) }</span>
                    <select onchange={on_stat} data-testid="chart-statistic">
                        { for STATISTICS.iter().map(|st| html! { <option value={*st} selected={s.statistic == *st}>{ *st }</option> }) }
                    </select>
                </label>
                <label class="inline-field">
                    <span>{ tr(lang, Msg::Period) }</span>
                    <select onchange={on_period} data-testid="chart-period">
                        <option value="auto" selected={s.period.is_none()}>{ format!("{} ({})", tr(lang, Msg::PeriodAuto), period_label(period)) }</option>
                        { for PERIODS.iter().map(|(p, label)| html! { <option value={p.to_string()} selected={s.period == Some(*p)}>{ *label }</option> }) }
                    </select>
                </label>
                <div class="btn-group segmented" role="group" aria-label={tr(lang, Msg::TimeRange)}>
                    { for RANGES.iter().map(|(ms, label)| {
                        let active = s.range_ms == *ms;
                        let (on_settings, s) = (props.on_settings.clone(), s.clone());
                        let ms = *ms;
                        html! {
                            <button class={classes!("seg", active.then_some("active"))} aria-pressed={active.to_string()}
                                onclick={Callback::from(move |_: MouseEvent| on_settings.emit(ChartSettings { range_ms: ms, ..s.clone() }))}
                                data-testid={format!("range-{label}")}>{ *label }</button>
                        }
                    }) }
                </div>
            </div>
            <h4 class="chart-title" data-testid="chart-title">{ format!("{} · {} · {}", metric_label(&selected, alias), s.statistic, period_label(period)) }</h4>
            if points.is_empty() { <p class="muted">{ tr(lang, Msg::NoData) }</p> }
            <LineChart geometry={g} unit={unit.map(AttrValue::from)} lang={lang} offset_minutes={offset}
                label={metric_label(&selected, alias)} />
        </div>
    }
}

fn period_label(period: i64) -> String {
    PERIODS
        .iter()
        .find(|(p, _)| *p == period)
        .map_or_else(|| format!("{period} s"), |(_, l)| (*l).to_owned())
}
