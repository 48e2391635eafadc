//! An SVG line chart drawn from precomputed geometry, with a hover read-out
//! (time and value of the nearest point).

use yew::prelude::*;

use crate::ui::format;
use crate::ui::i18n::{tr, Lang, Msg};
use crate::ui::view::chart::{nearest, value_label, Geometry};

#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    pub geometry: Geometry,
    pub unit: Option<AttrValue>,
    pub lang: Lang,
    pub offset_minutes: i32,
    /// The chart's accessible name (what it shows).
    pub label: AttrValue,
}

#[component]
pub fn LineChart(props: &LineChartProps) -> Html {
    let g = &props.geometry;
    let hover = use_state(|| None::<f64>);
    let on_move = {
        let (hover, width) = (hover.clone(), g.width);
        Callback::from(move |e: MouseEvent| {
            let svg = e.target_unchecked_into::<web_sys::Element>();
            let svg = svg.closest("svg").ok().flatten().unwrap_or(svg);
            let client = f64::from(svg.client_width()).max(1.0);
            let rect = svg.get_bounding_client_rect();
            hover.set(Some((f64::from(e.client_x()) - rect.left()) * width / client));
        })
    };
    let on_leave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };
    let (px, py, pw, ph) = g.plot;
    let read_out = hover.and_then(|x| nearest(g, x));
    let unit = props.unit.as_deref();
    html! {
        <svg class="chart" viewBox={format!("0 0 {} {}", g.width, g.height)} role="img" aria-label={props.label.clone()}
            onmousemove={on_move} onmouseleave={on_leave} data-testid="chart">
            { for g.alarm_bands.iter().map(|(x0, x1)| html! {
                <rect class="alarm-band" x={format!("{x0:.1}")} y={format!("{py:.1}")} width={format!("{:.1}", (x1 - x0).max(1.0))} height={format!("{ph:.1}")} />
            }) }
            { for g.y_ticks.iter().map(|(y, label)| html! {
                <>
                    <line class="grid" x1={format!("{px:.1}")} x2={format!("{:.1}", px + pw)} y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
                    <text class="tick" x={format!("{:.1}", px - 6.0)} y={format!("{:.1}", y + 4.0)} text-anchor="end">{ label.clone() }</text>
                </>
            }) }
            { for g.x_ticks.iter().map(|(x, label)| html! {
                <text class="tick" x={format!("{x:.1}")} y={format!("{:.1}", py + ph + 18.0)} text-anchor="middle">{ label.clone() }</text>
            }) }
            <line class="axis" x1={format!("{px:.1}")} x2={format!("{:.1}", px + pw)} y1={format!("{:.1}", py + ph)} y2={format!("{:.1}", py + ph)} />
            if let Some(y) = g.threshold {
                <line class="threshold" x1={format!("{px:.1}")} x2={format!("{:.1}", px + pw)} y1={format!("{y:.1}")} y2={format!("{y:.1}")} data-testid="threshold-line" />
                <text class="threshold-label" x={format!("{:.1}", px + pw - 4.0)} y={format!("{:.1}", y - 5.0)} text-anchor="end">{ tr(props.lang, Msg::Threshold) }</text>
            }
            <path class="series" d={g.path.clone()} data-testid="chart-line" />
            if let Some((x, y, t, v)) = read_out {
                <line class="cursor" x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={format!("{py:.1}")} y2={format!("{:.1}", py + ph)} />
                <circle class="cursor-dot" cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="4" />
                <g transform={format!("translate({:.1},{:.1})", (x + 10.0).min(px + pw - 170.0), py + 6.0)}>
                    <rect class="readout" width="170" height="38" rx="4" />
                    <text class="readout-text" x="8" y="15">{ format!("{} {}", format::short(t, props.offset_minutes), format::zone_label(props.offset_minutes)) }</text>
                    <text class="readout-text strong" x="8" y="31">{ format!("{} ({})", value_label(v, unit, props.lang), trim_value(v)) }</text>
                </g>
            }
        </svg>
    }
}

fn trim_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.3}")
    }
}
