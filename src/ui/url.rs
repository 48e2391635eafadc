//! The options a page address can carry: `?scenario=NAME`, `?embed=1` with
//! `&panels=keys,chart,events`, `&lang=ja|en`, `&theme=light|dark`,
//! `&speed=day`, `&autoplay=1`. Parsing is pure and ignores what it does
//! not understand.

use crate::ui::i18n::Lang;
use crate::ui::state::{Speed, Theme};

/// A panel of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelId {
    Keys,
    CloudWatch,
    Notifications,
    Events,
    CloudTrail,
    Console,
}

impl PanelId {
    pub const ALL: [PanelId; 6] = [
        PanelId::Keys,
        PanelId::CloudWatch,
        PanelId::Notifications,
        PanelId::Events,
        PanelId::CloudTrail,
        PanelId::Console,
    ];

    /// The names a URL may use (`chart`, `metrics` and `alarms` name the
    /// CloudWatch panel; `mail` the notifications).
    pub fn parse(name: &str) -> Option<PanelId> {
        Some(match name.trim() {
            "keys" | "kms" => PanelId::Keys,
            "chart" | "cloudwatch" | "metrics" | "alarms" => PanelId::CloudWatch,
            "notifications" | "mail" | "mailbox" => PanelId::Notifications,
            "events" | "eventbridge" => PanelId::Events,
            "cloudtrail" | "trail" => PanelId::CloudTrail,
            "console" | "cli" => PanelId::Console,
            _ => return None,
        })
    }
}

/// What the address asks for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UrlOptions {
    pub scenario: Option<String>,
    pub embed: bool,
    /// The panels to show, in this order (embed mode).
    pub panels: Option<Vec<PanelId>>,
    pub lang: Option<Lang>,
    pub theme: Option<Theme>,
    pub speed: Option<Speed>,
    pub autoplay: bool,
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses a query string (`?a=1&b=2`, with or without the `?`).
pub fn parse(query: &str) -> UrlOptions {
    let mut o = UrlOptions::default();
    for pair in query.trim_start_matches('?').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(value);
        match key {
            "scenario" if !value.is_empty() => o.scenario = Some(value),
            "embed" => o.embed = value != "0",
            "panels" => {
                let panels: Vec<PanelId> = value.split(',').filter_map(PanelId::parse).collect();
                if !panels.is_empty() {
                    o.panels = Some(panels);
                }
            }
            "lang" => o.lang = Some(Lang::from_tag(&value)),
            "theme" => {
                o.theme = match value.as_str() {
                    "light" => Some(Theme::Light),
                    "dark" => Some(Theme::Dark),
                    "system" => Some(Theme::System),
                    _ => None,
                }
            }
            "speed" => o.speed = Speed::from_code(&value),
            "autoplay" => o.autoplay = value != "0",
            _ => {}
        }
    }
    o
}

/// The page's query string.
pub fn current_query() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_options() {
        let o = parse(
            "?embed=1&panels=keys,chart,events,bogus&lang=ja&theme=dark&speed=day&autoplay=1&scenario=expiry-alarm",
        );
        assert!(o.embed && o.autoplay);
        assert_eq!(
            o.panels,
            Some(vec![PanelId::Keys, PanelId::CloudWatch, PanelId::Events])
        );
        assert_eq!(
            (o.lang, o.theme, o.speed),
            (Some(Lang::Ja), Some(Theme::Dark), Some(Speed::Day))
        );
        assert_eq!(o.scenario.as_deref(), Some("expiry-alarm"));
    }

    #[test]
    fn nothing_or_nonsense_gives_defaults() {
        assert_eq!(parse(""), UrlOptions::default());
        assert_eq!(parse("?speed=warp&theme=neon&panels=x"), UrlOptions::default());
        assert_eq!(parse("?scenario=a%20b").scenario.as_deref(), Some("a b"));
        assert_eq!(parse("?scenario=%zz").scenario.as_deref(), Some("%zz"));
    }
}
