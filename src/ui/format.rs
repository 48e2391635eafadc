//! Pure formatting of instants, durations and numbers for display, per
//! language and time zone (an offset from UTC in minutes, read by the shell
//! for the browser's zone).

use chrono::{Datelike, FixedOffset, Timelike};

use crate::sim::time::{DAY, HOUR, MINUTE};
use crate::sim::SimTime;
use crate::ui::i18n::Lang;

const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS_JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `UTC`, `UTC+09:00`, `UTC-05:30`.
pub fn zone_label(offset_minutes: i32) -> String {
    if offset_minutes == 0 {
        return "UTC".into();
    }
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let m = offset_minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

fn local(t: SimTime, offset_minutes: i32) -> chrono::DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap_or(FixedOffset::east_opt(0).expect("zero offset"));
    t.to_datetime().with_timezone(&offset)
}

/// The clock's full form: `Mon 2 Mar 2026, 09:00:00` / `2026年3月2日(月) 09:00:00`.
pub fn date_time(t: SimTime, lang: Lang, offset_minutes: i32) -> String {
    let d = local(t, offset_minutes);
    let wd = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::En => format!(
            "{} {} {} {}, {:02}:{:02}:{:02}",
            WEEKDAYS_EN[wd],
            d.day(),
            MONTHS_EN[d.month0() as usize],
            d.year(),
            d.hour(),
            d.minute(),
            d.second()
        ),
        Lang::Ja => format!(
            "{}年{}月{}日({}) {:02}:{:02}:{:02}",
            d.year(),
            d.month(),
            d.day(),
            WEEKDAYS_JA[wd],
            d.hour(),
            d.minute(),
            d.second()
        ),
    }
}

/// A compact form for tables: `2026-03-02 09:00`.
pub fn short(t: SimTime, offset_minutes: i32) -> String {
    local(t, offset_minutes).format("%Y-%m-%d %H:%M").to_string()
}

/// The value for an `<input type="datetime-local">` (`2026-03-02T09:00`).
pub fn input_value(t: SimTime, offset_minutes: i32) -> String {
    local(t, offset_minutes).format("%Y-%m-%dT%H:%M").to_string()
}

/// Parses an `<input type="datetime-local">` value in the given zone.
pub fn parse_input(text: &str, offset_minutes: i32) -> Option<SimTime> {
    let naive = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    let utc_ms = naive.and_utc().timestamp_millis() - i64::from(offset_minutes) * MINUTE;
    Some(SimTime::from_millis(utc_ms))
}

/// A duration in words, to the minute's two largest units: `3 d 4 h`,
/// `5 min`.
pub fn duration(ms: i64, lang: Lang) -> String {
    let ms = ms.max(0);
    let (d, h, m) = (ms / DAY, (ms % DAY) / HOUR, (ms % HOUR) / MINUTE);
    let parts: Vec<String> = match lang {
        Lang::En => [(d, "d"), (h, "h"), (m, "min")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, u)| format!("{n} {u}"))
            .collect(),
        Lang::Ja => [(d, "日"), (h, "時間"), (m, "分")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, u)| format!("{n}{u}"))
            .collect(),
    };
    let parts: Vec<String> = parts.into_iter().take(2).collect();
    if parts.is_empty() {
        match lang {
            Lang::En => "< 1 min".into(),
            Lang::Ja => "1分未満".into(),
        }
    } else {
        parts.join(" ")
    }
}

/// A duration in words for a table row that also shows the exact date:
/// whole days from two days on (`12 d`), `duration`'s two units below.
/// While time plays at a day a second, a row's text then changes once a
/// second rather than on every tick, which keeps a table of a hundred keys
/// from being laid out and painted again twenty times a second
/// (BENCHMARKS.md, "Frames").
pub fn duration_coarse(ms: i64, lang: Lang) -> String {
    if ms < 2 * DAY {
        return duration(ms, lang);
    }
    match lang {
        Lang::En => format!("{} d", ms / DAY),
        Lang::Ja => format!("{}日", ms / DAY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::world::DEFAULT_EPOCH;

    #[test]
    fn clock_forms() {
        assert_eq!(date_time(DEFAULT_EPOCH, Lang::En, 0), "Mon 2 Mar 2026, 09:00:00");
        assert_eq!(date_time(DEFAULT_EPOCH, Lang::Ja, 540), "2026年3月2日(月) 18:00:00");
        assert_eq!(zone_label(540), "UTC+09:00");
        assert_eq!(zone_label(-330), "UTC-05:30");
        assert_eq!(zone_label(0), "UTC");
    }

    #[test]
    fn datetime_inputs_round_trip_in_a_zone() {
        let text = input_value(DEFAULT_EPOCH, 540);
        assert_eq!(text, "2026-03-02T18:00");
        assert_eq!(parse_input(&text, 540), Some(DEFAULT_EPOCH));
        assert_eq!(parse_input("garbage", 0), None);
    }

    #[test]
    fn durations() {
        assert_eq!(duration(3 * DAY + 4 * HOUR + 5 * MINUTE, Lang::En), "3 d 4 h");
        assert_eq!(duration(5 * MINUTE, Lang::Ja), "5分");
        assert_eq!(duration(10, Lang::En), "< 1 min");
    }

    #[test]
    fn coarse_durations_count_whole_days_from_two_days() {
        assert_eq!(duration_coarse(12 * DAY + 23 * HOUR, Lang::En), "12 d");
        assert_eq!(duration_coarse(2 * DAY, Lang::Ja), "2日");
        assert_eq!(duration_coarse(2 * DAY - MINUTE, Lang::En), "1 d 23 h");
        assert_eq!(duration_coarse(5 * MINUTE, Lang::En), "5 min");
    }
}
