//! The direct matcher against regex-lite: same answers on every pattern of
//! the committed models that it takes, and on hand-picked ones.

use super::Simple;
use crate::sim::model::{compile_java_pattern_text, ServiceName};

/// Strings to try: every character of a wide alphabet alone, then
/// pseudo-random strings over it of lengths 0 to 24.
fn corpus() -> Vec<String> {
    let mut alphabet: Vec<char> = (0u32..0x80).filter_map(char::from_u32).collect();
    alphabet.extend([
        '\u{85}', '\u{a0}', 'é', 'ß', '\u{ff}', '\u{100}', '\u{2028}', 'あ', '😀', '\u{fffd}',
    ]);
    let mut out: Vec<String> = alphabet.iter().map(|c| c.to_string()).collect();
    out.push(String::new());
    let mut seed = 2026u64;
    let mut next = |bound: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) % bound as u64) as usize
    };
    for _ in 0..3000 {
        let len = next(25);
        // Mostly characters likely to match (letters, digits, punctuation).
        let s: String = (0..len)
            .map(|_| {
                if next(8) == 0 {
                    alphabet[next(alphabet.len())]
                } else {
                    b"abcxyzABCXYZ0129-_.:/ @#*$"[next(26)] as char
                }
            })
            .collect();
        out.push(s);
    }
    for s in [
        "arn:aws:kms:us-west-2:111122223333:key/x",
        "alias/aws/kms",
        "1234567890ab",
        "AWS/KMS",
        ":x",
        "x:",
    ] {
        out.push(s.to_owned());
    }
    out
}

fn agree(pattern_text: &str, corpus: &[String]) -> bool {
    let Some(simple) = Simple::compile(pattern_text) else {
        return false;
    };
    let regex = regex_lite::Regex::new(&format!("^(?:{pattern_text})$")).expect("regex-lite compiles it");
    for s in corpus {
        assert_eq!(
            simple.is_match(s),
            regex.is_match(s),
            "pattern {pattern_text:?} on {s:?}"
        );
    }
    true
}

#[test]
fn every_simple_model_pattern_answers_as_regex_lite() {
    let corpus = corpus();
    let mut simple = 0;
    let mut all = 0;
    for service in ServiceName::ALL {
        for shape in &service.model().shapes {
            let Some(pattern) = &shape.pattern else {
                continue;
            };
            let Some(text) = compile_java_pattern_text(pattern) else {
                continue;
            };
            if regex_lite::Regex::new(&format!("^(?:{text})$")).is_err() {
                continue;
            }
            all += 1;
            simple += usize::from(agree(&text, &corpus));
        }
    }
    // Most model patterns are simple (the rest stay with regex-lite).
    assert!(simple * 2 > all, "{simple} of {all} patterns compiled");
}

#[test]
fn hand_picked_patterns_answer_as_regex_lite() {
    let corpus = corpus();
    for p in [
        "[^:].*",
        "^[a-f0-9]+$",
        "^\\d{12}$",
        "cluster-[2-7a-zA-Z]{11,16}",
        "a{2,}b?c*",
        "[\\x{0020}-\\x{00FF}]*",
        "[\\t\\x0A\\x{000D}\\x{0020}-\\x{00FF}]+",
        "[\\w]+",
        "[^\\s]+",
        "\\S+",
        "[-a]",
        "[a-]",
        "x\\.y\\-z\\$",
        "",
        ".",
        "[^abc]?[.]",
    ] {
        assert!(agree(p, &corpus), "{p} should compile");
    }
    for p in [
        "(a|b)",
        "a+?",
        "[a[b]]",
        "[0-9-_]",
        "\\bword",
        "a{3,1}",
        "x^y",
        "[[:alpha:]]",
        "(?i)abc",
    ] {
        assert!(Simple::compile(p).is_none(), "{p} should be left to regex-lite");
    }
}
