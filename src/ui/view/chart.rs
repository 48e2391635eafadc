//! Chart geometry: a series of (time, value) points and a size in, an SVG
//! path, axis ticks with labels, a threshold line and ALARM bands out. Pure,
//! so it is tested natively and the chart component only draws it.

use chrono::{Datelike, Timelike};

use crate::sim::time::{DAY, HOUR, MINUTE};
use crate::sim::SimTime;
use crate::ui::i18n::Lang;

/// Space around the plot for the axes' labels (px).
const LEFT: f64 = 64.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;

/// Everything the chart component draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    pub width: f64,
    pub height: f64,
    /// The plot area: x, y, width, height.
    pub plot: (f64, f64, f64, f64),
    /// The SVG path of the line (empty without points).
    pub path: String,
    /// Points kept for hover read-out: (x, y, time, value).
    pub points: Vec<(f64, f64, SimTime, f64)>,
    pub y_ticks: Vec<(f64, String)>,
    pub x_ticks: Vec<(f64, String)>,
    /// The threshold line's y, if it falls in the plot.
    pub threshold: Option<f64>,
    /// x ranges where the alarm was in ALARM.
    pub alarm_bands: Vec<(f64, f64)>,
}

/// A value on the y axis: seconds as days or hours when they are large
/// (the KMS expiry metric is in seconds), other values compactly.
pub fn value_label(v: f64, unit: Option<&str>, lang: Lang) -> String {
    if unit == Some("Seconds") && v.abs() >= 3600.0 {
        let (d, h) = match lang {
            Lang::En => ("d", "h"),
            Lang::Ja => ("日", "時間"),
        };
        return if v.abs() >= 86_400.0 {
            format!("{} {d}", trim(v / 86_400.0))
        } else {
            format!("{} {h}", trim(v / 3600.0))
        };
    }
    if v.abs() >= 1e6 {
        format!("{}M", trim(v / 1e6))
    } else if v.abs() >= 1e4 {
        format!("{}k", trim(v / 1e3))
    } else {
        trim(v)
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// "Nice" tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^k.
pub fn nice_ticks(lo: f64, hi: f64, wanted: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![lo];
    }
    let raw = (hi - lo) / wanted.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil() * step;
    let mut ticks = Vec::new();
    let mut v = first;
    while v <= hi + step * 1e-9 && ticks.len() < 50 {
        ticks.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        v += step;
    }
    ticks
}

/// Time ticks for a range: a step that gives about `wanted` ticks,
/// aligned to whole units in the display zone.
fn time_ticks(start: SimTime, end: SimTime, offset_minutes: i32, wanted: i64) -> Vec<(SimTime, i64)> {
    const STEPS: [i64; 12] = [
        MINUTE,
        5 * MINUTE,
        15 * MINUTE,
        30 * MINUTE,
        HOUR,
        3 * HOUR,
        6 * HOUR,
        12 * HOUR,
        DAY,
        2 * DAY,
        7 * DAY,
        14 * DAY,
    ];
    let span = end.since(start).max(1);
    let step = STEPS.iter().copied().find(|s| span / s <= wanted).unwrap_or(30 * DAY);
    let shift = i64::from(offset_minutes) * MINUTE;
    let mut t = SimTime::from_millis(start.millis() + shift).ceil_to(step).millis() - shift;
    let mut out = Vec::new();
    while t <= end.millis() && out.len() < 40 {
        out.push((SimTime::from_millis(t), step));
        t += step;
    }
    out
}

fn time_label(t: SimTime, step: i64, offset_minutes: i32, lang: Lang) -> String {
    let d = t.to_datetime() + chrono::Duration::minutes(i64::from(offset_minutes));
    if step >= DAY || (d.hour() == 0 && d.minute() == 0) {
        match lang {
            Lang::En => format!("{}/{}", d.month(), d.day()),
            Lang::Ja => format!("{}/{}", d.month(), d.day()),
        }
    } else {
        format!("{:02}:{:02}", d.hour(), d.minute())
    }
}

/// The chart's parts for `points` (oldest first) over `[start, end]`.
#[allow(clippy::too_many_arguments)]
pub fn geometry(
    points: &[(SimTime, f64)],
    start: SimTime,
    end: SimTime,
    width: f64,
    height: f64,
    threshold: Option<f64>,
    alarm_ranges: &[(SimTime, SimTime)],
    unit: Option<&str>,
    lang: Lang,
    offset_minutes: i32,
) -> Geometry {
    let plot = (
        LEFT,
        TOP,
        (width - LEFT - RIGHT).max(10.0),
        (height - TOP - BOTTOM).max(10.0),
    );
    let span = end.since(start).max(1) as f64;
    let x_of = |t: SimTime| plot.0 + (t.since(start) as f64 / span) * plot.2;

    let mut lo = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let mut hi = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    if let Some(th) = threshold {
        lo = lo.min(th);
        hi = hi.max(th);
    }
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if hi - lo < 1e-9 {
        (lo, hi) = (lo - 1.0, hi + 1.0);
    }
    // Start the axis at zero for non-negative series, as CloudWatch does;
    // otherwise leave a margin so that lines do not run along the edges.
    if lo > 0.0 && lo < hi * 0.5 {
        lo = 0.0;
    } else {
        let margin = (hi - lo) * 0.08;
        (lo, hi) = (lo - margin, hi + margin);
    }
    let ticks = if unit == Some("Seconds") && hi - lo >= 2.0 * 86_400.0 {
        // Whole days read better than round numbers of seconds.
        nice_ticks(lo / 86_400.0, hi / 86_400.0, 5)
            .into_iter()
            .map(|d| d * 86_400.0)
            .collect()
    } else {
        nice_ticks(lo, hi, 5)
    };
    let (lo, hi) = (lo.min(ticks[0]), hi.max(*ticks.last().unwrap_or(&hi)));
    let y_of = |v: f64| plot.1 + plot.3 - ((v - lo) / (hi - lo)) * plot.3;

    // At most two points per pixel column: the minimum and the maximum.
    let columns = plot.2.max(1.0) as usize;
    let mut kept: Vec<(f64, f64, SimTime, f64)> = Vec::with_capacity(points.len().min(columns * 2));
    if points.len() > columns * 2 {
        // The current pixel column with its lowest and highest point.
        type Column = (usize, (SimTime, f64), (SimTime, f64));
        let mut current: Option<Column> = None;
        for &(t, v) in points {
            let col = ((x_of(t) - plot.0).max(0.0) as usize).min(columns);
            match &mut current {
                Some((c, min, max)) if *c == col => {
                    if v < min.1 {
                        *min = (t, v);
                    }
                    if v > max.1 {
                        *max = (t, v);
                    }
                }
                _ => {
                    if let Some((_, a, b)) = current.take() {
                        for (t, v) in if a.0 <= b.0 { [a, b] } else { [b, a] } {
                            kept.push((x_of(t), y_of(v), t, v));
                        }
                    }
                    current = Some((col, (t, v), (t, v)));
                }
            }
        }
        if let Some((_, a, b)) = current {
            for (t, v) in if a.0 <= b.0 { [a, b] } else { [b, a] } {
                kept.push((x_of(t), y_of(v), t, v));
            }
        }
        kept.dedup_by(|a, b| a.2 == b.2);
    } else {
        kept = points.iter().map(|&(t, v)| (x_of(t), y_of(v), t, v)).collect();
    }
    let mut path = String::with_capacity(kept.len() * 16);
    for (i, (x, y, _, _)) in kept.iter().enumerate() {
        path.push_str(if i == 0 { "M" } else { "L" });
        path.push_str(&format!("{x:.1},{y:.1}"));
    }
    let y_ticks = ticks.iter().map(|&v| (y_of(v), value_label(v, unit, lang))).collect();
    let x_ticks = time_ticks(start, end, offset_minutes, (plot.2 / 90.0).max(2.0) as i64)
        .into_iter()
        .map(|(t, step)| (x_of(t), time_label(t, step, offset_minutes, lang)))
        .collect();
    let alarm_bands = alarm_ranges
        .iter()
        .filter(|(a, b)| *b > start && *a < end)
        .map(|(a, b)| (x_of((*a).max(start)), x_of((*b).min(end))))
        .collect();
    Geometry {
        width,
        height,
        plot,
        path,
        points: kept,
        y_ticks,
        x_ticks,
        threshold: threshold.map(y_of),
        alarm_bands,
    }
}

/// The kept point nearest to `x` (hover read-out).
pub fn nearest(g: &Geometry, x: f64) -> Option<(f64, f64, SimTime, f64)> {
    g.points
        .iter()
        .copied()
        .min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs()))
}

/// The period CloudWatch's console picks for a range: the smallest of 1 min,
/// 5 min, 1 h, 1 d that keeps the chart at most ~1,440 points.
pub fn auto_period(range_ms: i64) -> i64 {
    [60, 300, 3600, 86_400]
        .into_iter()
        .find(|p| range_ms / (p * 1000) <= 1440)
        .unwrap_or(86_400)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::world::DEFAULT_EPOCH;

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(nice_ticks(0.0, 10.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(nice_ticks(0.0, 1_036_800.0, 5), vec![0.0, 500_000.0, 1_000_000.0]);
    }

    #[test]
    fn seconds_read_as_days() {
        assert_eq!(value_label(864_000.0, Some("Seconds"), Lang::En), "10 d");
        assert_eq!(value_label(7200.0, Some("Seconds"), Lang::Ja), "2 時間");
        assert_eq!(value_label(12.5, None, Lang::En), "12.5");
        assert_eq!(value_label(25_000.0, None, Lang::En), "25k");
    }

    #[test]
    fn a_falling_countdown_with_its_threshold_and_alarm_band() {
        let start = DEFAULT_EPOCH;
        let end = start.plus(2 * DAY);
        let points: Vec<(SimTime, f64)> = (0..=2 * 24)
            .map(|h| (start.plus(h * HOUR), (12 * DAY - h * HOUR) as f64 / 1000.0))
            .collect();
        let alarm = [(start.plus(DAY), end)];
        let g = geometry(
            &points,
            start,
            end,
            600.0,
            240.0,
            Some(864_000.0),
            &alarm,
            Some("Seconds"),
            Lang::En,
            0,
        );
        assert!(g.path.starts_with("M64.0,"));
        assert_eq!(g.points.len(), 49);
        assert!(
            g.points[0].1 < g.points[48].1,
            "a falling value draws lower on screen (larger y)"
        );
        let th = g.threshold.unwrap();
        assert!(th > g.plot.1 && th < g.plot.1 + g.plot.3);
        assert_eq!(g.alarm_bands.len(), 1);
        assert!((g.alarm_bands[0].0 - (64.0 + (600.0 - 76.0) / 2.0)).abs() < 0.01);
        assert!(g.x_ticks.iter().any(|(_, l)| l == "3/3"));
        assert_eq!(nearest(&g, 64.0).unwrap().2, start);
    }

    #[test]
    fn many_points_keep_two_per_pixel_column() {
        let start = DEFAULT_EPOCH;
        let points: Vec<(SimTime, f64)> = (0..20_160).map(|m| (start.plus(m * MINUTE), (m % 97) as f64)).collect();
        let end = start.plus(14 * DAY);
        let g = geometry(&points, start, end, 800.0, 300.0, None, &[], None, Lang::En, 0);
        assert!(g.points.len() <= 2 * 725, "{}", g.points.len());
        assert!(
            g.points.iter().any(|p| p.3 == 96.0) && g.points.iter().any(|p| p.3 == 0.0),
            "extremes survive"
        );
    }

    #[test]
    fn auto_periods() {
        assert_eq!(auto_period(3 * HOUR), 60);
        assert_eq!(auto_period(14 * DAY), 3600);
    }
}
