//! CloudWatch Logs filter patterns: parse arbitrary text; match, explain and
//! extract from arbitrary log messages. The input is `pattern` or
//! `pattern\n\0message`.
#![no_main]

use kms_playground::sim::logs::pattern::{self, Event, FilterPattern};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (pattern_text, message) = text.split_once("\n\0").unwrap_or((text, "{\"a\":1,\"b\":[\"x\"]}"));
    let _ = pattern::number(pattern_text);
    let Ok(p) = FilterPattern::parse(pattern_text) else {
        return;
    };
    let _ = (p.source(), p.kind(), p.regex_count(), p.supports_dimensions());
    let event = Event::new(message);
    let _ = p.matches(message);
    let _ = p.matches_event(&event);
    let _ = format!("{:?}", p.explain(message));
    for (name, _) in p.extracted_values(&event) {
        let reference = format!("${name}");
        if p.supports_reference(&reference) {
            let _ = p.value_of(&event, &reference);
        }
    }
    for reference in ["$.a", "$.b[0]", "$1", "$user", "$"] {
        let _ = p.supports_reference(reference);
        let _ = p.value_of(&event, reference);
    }
    let _ = pattern::explain(pattern_text, message);
});
