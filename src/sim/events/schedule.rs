//! Schedule expressions of scheduled rules: `rate(N unit)` and AWS's
//! six-field `cron(minutes hours day-of-month month day-of-week year)`,
//! and the next firing after an instant, computed (never polled).

use chrono::{Datelike, NaiveDate, Timelike, Weekday};

use crate::sim::time::{SimTime, DAY, HOUR, MINUTE};

/// A parsed schedule expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// Every `period_ms`, counted from the anchor (the rule's creation or
    /// enabling, on the minute).
    Rate {
        period_ms: i64,
    },
    Cron(Box<Cron>),
}

/// A cron expression's fields as sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cron {
    minutes: u64,
    hours: u32,
    months: u16,
    days: DayRule,
    /// Bit `y - 1970` for years 1970..=2199.
    years: [u64; 4],
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum DayRule {
    /// Day-of-month set (bits 1..=31), with `L` (last day, minus an
    /// offset), `LW` and `nW` forms; day-of-week is `?`.
    Month {
        days: u32,
        last: Option<u32>,
        last_weekday: bool,
        nearest_weekday: Vec<u32>,
    },
    /// Day-of-week set (bits 1..=7, 1 = Sunday), `nL` (last such weekday of
    /// the month) and `d#n` (n-th such weekday); day-of-month is `?`.
    Week {
        days: u8,
        last_of: Vec<u32>,
        nth: Vec<(u32, u32)>,
    },
}

const FIRST_YEAR: i32 = 1970;
const LAST_YEAR: i32 = 2199;

/// The error AWS returns for any malformed schedule expression.
pub const INVALID: &str = "Parameter ScheduleExpression is not valid.";

impl Schedule {
    pub fn parse(expr: &str) -> Option<Schedule> {
        if let Some(body) = expr.strip_prefix("rate(").and_then(|s| s.strip_suffix(')')) {
            let (n, unit) = body.split_once(' ')?;
            if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || n.len() > 9 {
                return None;
            }
            let n: i64 = n.parse().ok()?;
            // AWS: singular unit for 1, plural otherwise.
            let unit_ms = match (unit, n == 1) {
                ("minute", true) | ("minutes", false) => MINUTE,
                ("hour", true) | ("hours", false) => HOUR,
                ("day", true) | ("days", false) => DAY,
                _ => return None,
            };
            if n < 1 {
                return None;
            }
            return Some(Schedule::Rate { period_ms: n * unit_ms });
        }
        let body = expr.strip_prefix("cron(")?.strip_suffix(')')?;
        Cron::parse(body).map(|c| Schedule::Cron(Box::new(c)))
    }

    /// The first firing strictly after `after`. Rates fire at
    /// `anchor + k × period`; crons at the first matching minute.
    pub fn next_after(&self, after: SimTime, anchor: SimTime) -> Option<SimTime> {
        match self {
            Schedule::Rate { period_ms } => {
                let elapsed = after.since(anchor).max(-1);
                let k = if elapsed < 0 { 1 } else { elapsed / period_ms + 1 };
                Some(anchor.plus(k.saturating_mul(*period_ms)))
            }
            Schedule::Cron(c) => c.next_after(after),
        }
    }
}

fn month_number(s: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    NAMES
        .iter()
        .position(|n| n.eq_ignore_ascii_case(s))
        .map(|i| i as u32 + 1)
        .or_else(|| number(s))
}

fn weekday_number(s: &str) -> Option<u32> {
    const NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    NAMES
        .iter()
        .position(|n| n.eq_ignore_ascii_case(s))
        .map(|i| i as u32 + 1)
        .or_else(|| number(s))
}

fn number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A list field (`*`, `a`, `a-b`, `a/s`, `*/s`, `a-b/s`, comma lists) as the
/// set of values in `lo..=hi`. Ranges wrap around for cyclic fields.
fn parse_set(field: &str, lo: u32, hi: u32, name: fn(&str) -> Option<u32>) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, Some(number(s).filter(|s| *s >= 1)?)),
            None => (part, None),
        };
        let (start, end) = if range == "*" {
            (lo, hi)
        } else if let Some((a, b)) = range.split_once('-') {
            (name(a)?, name(b)?)
        } else {
            let v = name(range)?;
            (v, if step.is_some() { hi } else { v })
        };
        if start < lo || start > hi || end < lo || end > hi {
            return None;
        }
        let step = step.unwrap_or(1);
        let span = if end >= start {
            end - start
        } else {
            hi - start + 1 + end - lo
        };
        let mut i = 0;
        while i <= span {
            let v = start + i;
            out.push(if v > hi { v - (hi - lo + 1) } else { v });
            i += step;
        }
    }
    Some(out)
}

fn bits64(values: &[u32]) -> u64 {
    values.iter().fold(0, |acc, v| acc | (1u64 << v))
}

impl Cron {
    fn parse(body: &str) -> Option<Cron> {
        let fields: Vec<&str> = body.split_whitespace().collect();
        let [min, hour, dom, month, dow, year] = fields.as_slice() else {
            return None;
        };
        let minutes = bits64(&parse_set(min, 0, 59, number)?);
        let hours = bits64(&parse_set(hour, 0, 23, number)?) as u32;
        let months = bits64(&parse_set(month, 1, 12, month_number)?) as u16;
        let mut years = [0u64; 4];
        for y in parse_set(year, FIRST_YEAR as u32, LAST_YEAR as u32, number)? {
            let i = (y - FIRST_YEAR as u32) as usize;
            years[i / 64] |= 1 << (i % 64);
        }
        // Exactly one of day-of-month and day-of-week is `?`.
        let days = match (*dom == "?", *dow == "?") {
            (false, true) => Cron::month_days(dom)?,
            (true, false) => Cron::week_days(dow)?,
            _ => return None,
        };
        Some(Cron {
            minutes,
            hours,
            months,
            days,
            years,
        })
    }

    fn month_days(field: &str) -> Option<DayRule> {
        let (mut days, mut last, mut last_weekday, mut nearest) = (0u32, None, false, Vec::new());
        for part in field.split(',') {
            if part == "L" {
                last = Some(0);
            } else if part == "LW" {
                last_weekday = true;
            } else if let Some(off) = part.strip_prefix("L-") {
                last = Some(number(off).filter(|o| *o <= 30)?);
            } else if let Some(d) = part.strip_suffix('W') {
                nearest.push(number(d).filter(|d| (1..=31).contains(d))?);
            } else {
                days |= bits64(&parse_set(part, 1, 31, number)?) as u32;
            }
        }
        Some(DayRule::Month {
            days,
            last,
            last_weekday,
            nearest_weekday: nearest,
        })
    }

    fn week_days(field: &str) -> Option<DayRule> {
        let (mut days, mut last_of, mut nth) = (0u8, Vec::new(), Vec::new());
        for part in field.split(',') {
            if part == "L" {
                days |= 1 << 7; // Saturday, the last day of the week.
            } else if let Some(d) = part.strip_suffix('L') {
                last_of.push(weekday_number(d).filter(|d| (1..=7).contains(d))?);
            } else if let Some((d, n)) = part.split_once('#') {
                let d = weekday_number(d).filter(|d| (1..=7).contains(d))?;
                let n = number(n).filter(|n| (1..=5).contains(n))?;
                nth.push((d, n));
            } else {
                days |= bits64(&parse_set(part, 1, 7, weekday_number)?) as u8;
            }
        }
        Some(DayRule::Week { days, last_of, nth })
    }

    fn year_ok(&self, y: i32) -> bool {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&y) {
            return false;
        }
        let i = (y - FIRST_YEAR) as usize;
        self.years[i / 64] & (1 << (i % 64)) != 0
    }

    fn day_ok(&self, date: NaiveDate) -> bool {
        let last_day = days_in_month(date.year(), date.month());
        let d = date.day();
        match &self.days {
            DayRule::Month {
                days,
                last,
                last_weekday,
                nearest_weekday,
            } => {
                days & (1 << d) != 0
                    || last.is_some_and(|off| last_day > off && d == last_day - off)
                    || (*last_weekday && d == nearest_weekday_of(date.year(), date.month(), last_day))
                    || nearest_weekday
                        .iter()
                        .any(|n| *n <= last_day && d == nearest_weekday_of(date.year(), date.month(), *n))
            }
            DayRule::Week { days, last_of, nth } => {
                let wd = date.weekday().number_from_sunday();
                days & (1 << wd) != 0
                    || last_of.iter().any(|x| *x == wd && d + 7 > last_day)
                    || nth.iter().any(|(x, n)| *x == wd && (d - 1) / 7 + 1 == *n)
            }
        }
    }

    fn next_after(&self, after: SimTime) -> Option<SimTime> {
        let start = after.floor_to(MINUTE).plus(MINUTE);
        let start_dt = start.to_datetime();
        let mut date = start_dt.date_naive();
        let mut first_day = true;
        while date.year() <= LAST_YEAR {
            if !self.year_ok(date.year()) {
                date = NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)?;
                first_day = false;
                continue;
            }
            if self.months & (1 << date.month()) == 0 {
                date = first_of_next_month(date)?;
                first_day = false;
                continue;
            }
            if self.day_ok(date) {
                let from = if first_day {
                    start_dt.time().hour() * 60 + start_dt.time().minute()
                } else {
                    0
                };
                for m in from..24 * 60 {
                    let (h, mi) = (m / 60, m % 60);
                    if self.hours & (1 << h) != 0 && self.minutes & (1 << mi) != 0 {
                        let midnight = SimTime::from_millis(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis());
                        return Some(midnight.plus(m as i64 * MINUTE));
                    }
                }
            }
            date = date.succ_opt()?;
            first_day = false;
        }
        None
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(28, |d| d.day())
}

fn first_of_next_month(d: NaiveDate) -> Option<NaiveDate> {
    if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    }
}

/// Quartz's `nW`: the weekday nearest to day `n`, not leaving the month.
fn nearest_weekday_of(y: i32, m: u32, n: u32) -> u32 {
    let Some(date) = NaiveDate::from_ymd_opt(y, m, n) else {
        return 0;
    };
    let last = days_in_month(y, m);
    match date.weekday() {
        Weekday::Sat if n == 1 => 3,
        Weekday::Sat => n - 1,
        Weekday::Sun if n == last => n - 2,
        Weekday::Sun => n + 1,
        _ => n,
    }
}
