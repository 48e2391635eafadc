//! Simulated time: the instant type of the model and the formats AWS writes
//! instants in. Nothing here reads a clock; an instant is plain data.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// One second, in the milliseconds `SimTime` counts.
pub const SECOND: i64 = 1_000;
/// One minute in milliseconds.
pub const MINUTE: i64 = 60 * SECOND;
/// One hour in milliseconds.
pub const HOUR: i64 = 60 * MINUTE;
/// One day in milliseconds.
pub const DAY: i64 = 24 * HOUR;

/// An instant of simulated time: milliseconds since 1970-01-01T00:00:00Z.
///
/// Millisecond resolution matches what AWS returns (timestamps carry at most
/// milliseconds on the wire).
///
/// Serialised as an ISO 8601 string with milliseconds (`2026-03-02T09:00:00.000Z`);
/// deserialised from that, any form [`SimTime::parse`] accepts, or epoch milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(i64);

impl Serialize for SimTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso_millis())
    }
}

impl<'de> Deserialize<'de> for SimTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SimTime, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(text) => {
                SimTime::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("invalid time {text:?}")))
            }
            serde_json::Value::Number(n) => n
                .as_i64()
                .and_then(SimTime::checked)
                .ok_or_else(|| serde::de::Error::custom(format!("invalid time {n}"))),
            other => Err(serde::de::Error::custom(format!("invalid time {other}"))),
        }
    }
}

impl SimTime {
    /// The earliest instant the model accepts (1970-01-01).
    pub const MIN: SimTime = SimTime(0);
    /// The latest instant the model accepts (9999-12-31T23:59:59.999Z), so
    /// that every instant formats as a four-digit year.
    pub const MAX: SimTime = SimTime(253_402_300_799_999);

    pub const fn from_millis(ms: i64) -> SimTime {
        SimTime(ms)
    }

    pub const fn millis(self) -> i64 {
        self.0
    }

    /// Seconds since the Unix epoch, as AWS's JSON protocols send timestamps.
    pub fn epoch_seconds(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// This instant plus `ms` milliseconds, saturating at the model's range.
    pub fn plus(self, ms: i64) -> SimTime {
        SimTime(self.0.saturating_add(ms).clamp(Self::MIN.0, Self::MAX.0))
    }

    /// Milliseconds from `earlier` to `self` (negative if `earlier` is later).
    pub fn since(self, earlier: SimTime) -> i64 {
        self.0 - earlier.0
    }

    /// The latest multiple of `step_ms` at or before this instant.
    pub fn floor_to(self, step_ms: i64) -> SimTime {
        SimTime(self.0.div_euclid(step_ms) * step_ms)
    }

    /// The earliest multiple of `step_ms` at or after this instant.
    pub fn ceil_to(self, step_ms: i64) -> SimTime {
        let floor = self.floor_to(step_ms);
        if floor == self {
            self
        } else {
            SimTime(floor.0 + step_ms)
        }
    }

    /// The earliest multiple of `step_ms` strictly after this instant.
    pub fn next_multiple(self, step_ms: i64) -> SimTime {
        SimTime(self.floor_to(step_ms).0 + step_ms)
    }

    pub fn to_datetime(self) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(self.0).single().unwrap_or_default()
    }

    pub fn from_datetime(dt: DateTime<Utc>) -> SimTime {
        SimTime(dt.timestamp_millis())
    }

    /// Parses the instant forms AWS SDKs and CLIs accept: RFC 3339 / ISO 8601
    /// with an offset or `Z` (`2026-03-02T09:00:00Z`, `...+09:00`, fractional
    /// seconds allowed), a date-time without offset taken as UTC, a plain date
    /// (`2026-03-02`, midnight UTC), or epoch seconds (`1772442000`).
    pub fn parse(text: &str) -> Option<SimTime> {
        let text = text.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
            return Self::checked(dt.timestamp_millis());
        }
        for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
            if let Ok(dt) = DateTime::parse_from_str(text, format) {
                return Self::checked(dt.timestamp_millis());
            }
        }
        for format in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
                return Self::checked(dt.and_utc().timestamp_millis());
            }
        }
        if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Self::checked(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis());
        }
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            let seconds: f64 = text.parse().ok()?;
            return Self::from_epoch_seconds(seconds);
        }
        None
    }

    /// An instant from epoch seconds, if it lies in the model's range.
    pub fn from_epoch_seconds(seconds: f64) -> Option<SimTime> {
        if !seconds.is_finite() {
            return None;
        }
        let ms = (seconds * 1000.0).round();
        if ms < Self::MIN.0 as f64 || ms > Self::MAX.0 as f64 {
            return None;
        }
        Some(SimTime(ms as i64))
    }

    fn checked(ms: i64) -> Option<SimTime> {
        (Self::MIN.0..=Self::MAX.0).contains(&ms).then_some(SimTime(ms))
    }

    /// The calendar fields of an instant in the model's range, computed
    /// directly (Howard Hinnant's days-to-civil algorithm): the formats below
    /// are written for every event and record, and chrono's general
    /// formatter cost thousands of instructions each time. `None` outside
    /// `MIN..=MAX`, where chrono's formatting is kept.
    fn fields(self) -> Option<Fields> {
        if !(Self::MIN.0..=Self::MAX.0).contains(&self.0) {
            return None;
        }
        let days = self.0 / DAY;
        let in_day = self.0 % DAY;
        // Days since 0000-03-01 in 400-year eras (no negative eras here).
        let z = days + 719_468;
        let era = z / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Some(Fields {
            year,
            month,
            day,
            hour: in_day / HOUR,
            minute: in_day % HOUR / MINUTE,
            second: in_day % MINUTE / SECOND,
            milli: in_day % SECOND,
        })
    }

    /// `2026-03-02T09:00:00Z`: EventBridge `time`, CloudTrail `eventTime`.
    pub fn iso_seconds(self) -> String {
        match self.fields() {
            Some(f) => {
                let mut s = Vec::with_capacity(20);
                f.push_date_time(&mut s);
                s.push(b'Z');
                ascii(s)
            }
            None => self.to_datetime().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        }
    }

    /// `2026-03-02T09:00:00.000Z`: SNS `Timestamp`.
    pub fn iso_millis(self) -> String {
        match self.fields() {
            Some(f) => {
                let mut s = Vec::with_capacity(24);
                f.push_date_time(&mut s);
                s.push(b'.');
                push_digits(&mut s, f.milli, 3);
                s.push(b'Z');
                ascii(s)
            }
            None => self.to_datetime().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        }
    }

    /// `2026-03-02T09:00:00.000+0000`: CloudWatch alarm reason data, SNS
    /// alarm messages and alarm events.
    pub fn iso_plus0000(self) -> String {
        match self.fields() {
            Some(f) => {
                let mut s = Vec::with_capacity(28);
                f.push_date_time(&mut s);
                s.push(b'.');
                push_digits(&mut s, f.milli, 3);
                s.extend_from_slice(b"+0000");
                ascii(s)
            }
            None => self.to_datetime().format("%Y-%m-%dT%H:%M:%S%.3f+0000").to_string(),
        }
    }

    /// `02/03/26 09:00:00` (dd/MM/yy HH:mm:ss, UTC): datapoint times inside
    /// an alarm's `StateReason`.
    pub fn reason_short(self) -> String {
        match self.fields() {
            Some(f) => {
                let mut s = Vec::with_capacity(17);
                push_digits(&mut s, f.day, 2);
                s.push(b'/');
                push_digits(&mut s, f.month, 2);
                s.push(b'/');
                push_digits(&mut s, f.year.rem_euclid(100), 2);
                s.push(b' ');
                f.push_time(&mut s);
                ascii(s)
            }
            None => self.to_datetime().format("%d/%m/%y %H:%M:%S").to_string(),
        }
    }

    /// `Apr 12, 2021 6:58:30 PM`: the human-readable form KMS writes in
    /// CloudTrail `requestParameters`/`responseElements` dates. This is
    /// Java's medium date-time format (12-hour clock), as in AWS's
    /// ImportKeyMaterial example (`"Jan 1, 2021 8:00:00 PM"`); the
    /// ScheduleKeyDeletion example's `"18:58:30 PM"` mixes both clocks and is
    /// taken as a documentation slip.
    pub fn cloudtrail_human(self) -> String {
        let dt = self.to_datetime();
        let (pm, hour12) = dt.hour12();
        format!(
            "{} {}, {} {}:{:02}:{:02} {}",
            MONTHS[dt.month0() as usize],
            dt.day(),
            dt.year(),
            hour12,
            dt.minute(),
            dt.second(),
            if pm { "PM" } else { "AM" }
        )
    }
}

/// The UTC calendar fields of an instant (see `SimTime::fields`).
struct Fields {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    milli: i64,
}

impl Fields {
    /// `2026-03-02T09:00:00`.
    fn push_date_time(&self, s: &mut Vec<u8>) {
        push_digits(s, self.year, 4);
        s.push(b'-');
        push_digits(s, self.month, 2);
        s.push(b'-');
        push_digits(s, self.day, 2);
        s.push(b'T');
        self.push_time(s);
    }

    /// `09:00:00`.
    fn push_time(&self, s: &mut Vec<u8>) {
        push_digits(s, self.hour, 2);
        s.push(b':');
        push_digits(s, self.minute, 2);
        s.push(b':');
        push_digits(s, self.second, 2);
    }
}

/// Writes `value` (`0 <= value < 10^width`) zero-padded to `width` digits.
/// Formats are gathered as bytes and checked once: pushing `char`s one by
/// one cost more than computing the fields.
fn push_digits(s: &mut Vec<u8>, value: i64, width: u32) {
    let mut div = 10_i64.pow(width - 1);
    while div > 0 {
        s.push(b'0' + (value / div % 10) as u8);
        div /= 10;
    }
}

/// The text of ASCII bytes (every format here is ASCII).
fn ascii(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_default()
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso_millis())
    }
}

/// A timestamp as AWS's JSON protocols put it in a response: epoch seconds,
/// with the milliseconds as a fraction (`1568290320.0`, `1568290320.123`).
pub fn epoch_json(t: SimTime) -> serde_json::Value {
    serde_json::Value::from(t.epoch_seconds())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_sdks_accept() {
        let t = SimTime::parse("2026-03-02T09:00:00Z").unwrap();
        assert_eq!(t.iso_seconds(), "2026-03-02T09:00:00Z");
        assert_eq!(SimTime::parse("2026-03-02T18:00:00+09:00"), Some(t));
        assert_eq!(SimTime::parse("2026-03-02T09:00:00"), Some(t));
        assert_eq!(SimTime::parse("2026-03-02T09:00:00.000+0000"), Some(t));
        assert_eq!(SimTime::parse("1772442000"), Some(t));
        assert_eq!(
            SimTime::parse("2026-03-02").unwrap().iso_seconds(),
            "2026-03-02T00:00:00Z"
        );
        assert_eq!(SimTime::parse("yesterday"), None);
        assert_eq!(SimTime::parse("99999-01-01T00:00:00Z"), None);
    }

    #[test]
    fn formats_as_aws_writes_instants() {
        let t = SimTime::parse("2021-04-12T18:58:30.272Z").unwrap();
        assert_eq!(t.iso_millis(), "2021-04-12T18:58:30.272Z");
        assert_eq!(t.iso_plus0000(), "2021-04-12T18:58:30.272+0000");
        assert_eq!(t.reason_short(), "12/04/21 18:58:30");
        assert_eq!(t.cloudtrail_human(), "Apr 12, 2021 6:58:30 PM");
        assert_eq!(epoch_json(t).to_string(), "1618253910.272");
        assert_eq!(epoch_json(t.floor_to(SECOND)).to_string(), "1618253910.0");
    }

    #[test]
    fn direct_formatting_agrees_with_chrono_over_the_whole_range() {
        let chrono_forms = |t: SimTime| {
            let dt = t.to_datetime();
            [
                dt.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                dt.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
                dt.format("%Y-%m-%dT%H:%M:%S%.3f+0000").to_string(),
                dt.format("%d/%m/%y %H:%M:%S").to_string(),
            ]
        };
        let mut instants = vec![SimTime::MIN, SimTime::MAX, SimTime::from_millis(951_782_400_000)];
        for leap in [
            "2000-02-29T23:59:59.999Z",
            "2100-03-01T00:00:00Z",
            "2024-12-31T12:34:56.789Z",
        ] {
            instants.push(SimTime::parse(leap).unwrap());
        }
        // A walk through every era with an odd step, hitting all months.
        let mut t = 0_i64;
        while t < SimTime::MAX.millis() {
            instants.push(SimTime::from_millis(t));
            t += 86_399_999 * 37 + 12_345;
        }
        for t in instants {
            assert_eq!(
                [t.iso_seconds(), t.iso_millis(), t.iso_plus0000(), t.reason_short()],
                chrono_forms(t),
                "{}",
                t.millis()
            );
        }
    }

    #[test]
    fn rounds_to_steps() {
        let t = SimTime::from_millis(90_500);
        assert_eq!(t.floor_to(MINUTE).millis(), 60_000);
        assert_eq!(t.ceil_to(MINUTE).millis(), 120_000);
        assert_eq!(SimTime::from_millis(60_000).ceil_to(MINUTE).millis(), 60_000);
        assert_eq!(SimTime::from_millis(60_000).next_multiple(MINUTE).millis(), 120_000);
    }
}
