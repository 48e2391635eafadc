//! EventBridge event patterns: parse arbitrary text; match and explain
//! arbitrary JSON events. The input is `pattern` or `pattern\n\0event`.
#![no_main]

use kms_playground::sim::events::pattern::{self, Pattern};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (pattern_text, event_text) = text.split_once("\n\0").unwrap_or((text, ""));
    let parsed = Pattern::parse(pattern_text);
    if let Err(e) = &parsed {
        assert!(!e.message().is_empty());
    }
    let Ok(event) = serde_json::from_str::<serde_json::Value>(event_text) else {
        return;
    };
    if let Ok(p) = parsed {
        let matched = p.matches(&event);
        let explained = p.explain(&event);
        let _ = p.combinations();
        let _ = (matched, format!("{explained:?}"));
    }
    let _ = pattern::explain(pattern_text, &event);
});
