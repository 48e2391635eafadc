use super::*;

fn p(text: &str) -> FilterPattern {
    FilterPattern::parse(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
}

fn err(text: &str) -> PatternError {
    match FilterPattern::parse(text) {
        Ok(_) => panic!("{text:?} should be refused"),
        Err(e) => e,
    }
}

const RECIPE: &str = r#"{ $.eventSource = kms* && $.errorMessage = "* is pending deletion."}"#;

const PENDING: &str = r#"{"eventVersion":"1.08","eventSource":"kms.amazonaws.com","eventName":"Decrypt","errorCode":"KMSInvalidStateException","errorMessage":"arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab is pending deletion.","readOnly":true}"#;

/// The JSON example of AWS's filter pattern guide.
const DOC: &str = r#"{
  "eventType": "UpdateTrail",
  "sourceIPAddress": "111.111.111.111",
  "arrayKey": ["value", "another value"],
  "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}],
  "SomeObject": null,
  "ThisFlag": true,
  "someInt": 123,
  "someFloat": 12.34,
  "someFloat2": 12.0,
  "user": {"id": 1, "email": "John.Stiles@example.com"},
  "users": [{"id": 2, "email": "John.Doe@example.com"}, {"id": 3, "email": "Jane.Doe@example.com"}],
  "actions": ["GET", "PUT", "DELETE"],
  "coordinates": [[0, 1, 2], [4, 5, 6], [7, 8, 9]]
}"#;

#[test]
fn the_recipe_matches_a_use_of_a_key_pending_deletion() {
    let recipe = p(RECIPE);
    assert_eq!(recipe.kind(), PatternKind::Json);
    assert!(recipe.matches(PENDING));
    let not_pending = PENDING.replace("is pending deletion.", "is disabled.");
    assert!(!recipe.matches(&not_pending));
    let other_service = PENDING.replace("kms.amazonaws.com", "sns.amazonaws.com");
    assert!(!recipe.matches(&other_service));
    let success = r#"{"eventSource":"kms.amazonaws.com","eventName":"Decrypt","readOnly":true}"#;
    assert!(!recipe.matches(success));
    assert!(!recipe.matches("arn:aws:kms:... is pending deletion."));
}

#[test]
fn empty_patterns_match_everything() {
    for text in ["", "   "] {
        let all = p(text);
        assert_eq!(all.kind(), PatternKind::MatchAll);
        assert!(all.matches("anything at all"));
        assert!(all.matches(""));
    }
}

#[test]
fn terms_are_case_sensitive_substrings_and_all_must_occur() {
    let error = p("ERROR");
    assert_eq!(error.kind(), PatternKind::Terms);
    assert!(error.matches("[ERROR] A fatal exception has occurred"));
    assert!(error.matches("Exiting with ERRORCODE: -1"));
    assert!(!error.matches("[error] lower case"));
    let both = p("ERROR Exception");
    assert!(both.matches("[ERROR] Caught IllegalArgumentException"));
    assert!(!both.matches("[ERROR] Unhandled failure"));
}

#[test]
fn quoted_phrases_are_one_term() {
    let phrase = p(r#""Failed to process" "a \"quoted\" word""#);
    assert!(phrase.matches(r#"[WARN] Failed to process a "quoted" word"#));
    assert!(!phrase.matches(r#"[WARN] Failed to  process a "quoted" word"#));
    assert!(p(r#""[ERROR]""#).matches("[ERROR] x"));
}

#[test]
fn minus_excludes_a_term_in_both_documented_spellings() {
    for text in ["ERROR -Exiting", r#""ERROR" - "Exiting""#] {
        let pattern = p(text);
        assert!(pattern.matches("[ERROR] A fatal exception"), "{text}");
        assert!(!pattern.matches("Exiting with ERRORCODE: -1"), "{text}");
    }
    let only_exclusion = p("-DEBUG");
    assert!(only_exclusion.matches("INFO started"));
    assert!(!only_exclusion.matches("DEBUG details"));
}

#[test]
fn question_marks_make_an_any_of_pattern_and_are_ignored_next_to_plain_terms() {
    let any = p("?ERROR ?WARN");
    assert!(any.matches("ERROR WARN message"));
    assert!(any.matches("ERROR message"));
    assert!(any.matches("WARN message"));
    assert!(!any.matches("INFO message"));
    // Next to a plain term, `?WARN` does not count (AWS ignores it).
    let mixed = p("ERROR ?WARN");
    assert!(mixed.matches("ERROR message"));
    assert!(!mixed.matches("WARN message"));
    let why = mixed.explain("ERROR message");
    assert!(why.steps[1].reason.starts_with("ignored"), "{why:?}");
}

#[test]
fn regular_expressions_are_found_anywhere() {
    let re = p("%AUTHORIZED%");
    assert!(re.matches("[ERROR 401] UNAUTHORIZED REQUEST"));
    assert!(re.matches("[SUCCESS 200] AUTHORIZED REQUEST"));
    assert!(!re.matches("[SUCCESS 200] OK"));
    assert!(p("%colou?r%").matches("the color"));
    assert!(p(r#"{ $.ip = %^10\.0\.% }"#).matches(r#"{"ip":"10.0.0.1"}"#));
    assert!(!p(r#"{ $.ip = %^10\.0\.% }"#).matches(r#"{"ip":"110.0.0.1"}"#));
    assert_eq!(p("%a% %b%").regex_count(), 2);
}

#[test]
fn json_string_equality_with_and_without_quotes() {
    for text in [
        r#"{ $.eventType = "UpdateTrail" }"#,
        "{ $.eventType = UpdateTrail }",
        "{$.eventType=UpdateTrail}",
        "{ $.eventType != NoTrail }",
    ] {
        assert!(p(text).matches(DOC), "{text}");
    }
    for text in [
        r#"{ $.eventType = "updatetrail" }"#,
        "{ $.eventType != UpdateTrail }",
        "{ $.missing = UpdateTrail }",
        "{ $.missing != UpdateTrail }",
    ] {
        assert!(!p(text).matches(DOC), "{text}");
    }
}

#[test]
fn json_wildcards_match_at_before_and_after_a_term() {
    for text in [
        "{ $.sourceIPAddress = 111.111.* }",
        "{ $.sourceIPAddress = *111.111 }",
        r#"{ $.sourceIPAddress = "*111*" }"#,
        "{ $.sourceIPAddress != 123.123.* }",
        r#"{ $.eventType = "*" }"#,
        "{ $.eventType = Update*ail }",
        "{ $.someInt = 1* }",
        "{ $.someFloat = *.34 }",
    ] {
        assert!(p(text).matches(DOC), "{text}");
    }
    assert!(!p("{ $.sourceIPAddress = 123.* }").matches(DOC));
    assert!(!p(r#"{ $.eventType = "Update\*" }"#).matches(DOC));
    assert!(p(r#"{ $.star = "a\*b" }"#).matches(r#"{"star":"a*b"}"#));
}

#[test]
fn json_numbers_compare_numerically_unquoted_and_as_text_quoted() {
    for text in [
        "{ $.someInt = 123 }",
        "{ $.someInt = 123.0 }",
        "{ $.someInt != 111 }",
        "{ $.someInt > 1 }",
        "{ $.someInt >= 123 }",
        "{ $.someInt < 1000 }",
        "{ $.someInt <= 123 }",
        "{ $.someFloat = 12.34 }",
        "{ $.someFloat >= 1.0 }",
        "{ $.someFloat <       100.0 }",
        "{ $.someFloat2 = 12 }",
        r#"{ $.someInt = "123" }"#,
        r#"{ $.someInt != "123.0" }"#,
        r#"{ $.someFloat2 != "12" }"#,
        "{ $.someInt < 10e3 }",
        "{ $.someInt > +100 }",
        "{ $.someInt > -1 }",
    ] {
        assert!(p(text).matches(DOC), "{text}");
    }
    for text in [
        "{ $.someInt != 123 }",
        "{ $.someInt > 123 }",
        "{ $.someInt < 10e-3 }",
        "{ $.eventType > 1 }",
        r#"{ $.someInt = "123.0" }"#,
    ] {
        assert!(!p(text).matches(DOC), "{text}");
    }
}

#[test]
fn json_selectors_walk_objects_and_arrays() {
    for text in [
        r#"{ $.arrayKey[0] = "value" }"#,
        "{ $.objectList[1].id = 2 }",
        r#"{ $.user.email = "John.Stiles@example.com" }"#,
        "{ $.coordinates[2][1] = 8 }",
        "{ $.users[*].id = 3 }",
        "{ $.user.* = 1 }",
    ] {
        assert!(p(text).matches(DOC), "{text}");
    }
    for text in [
        r#"{ $.ThisFlag[0] = "value" }"#,
        "{ $.objectList[1].number = 2 }",
        "{ $.objectList[9].id = 2 }",
        "{ $.users[*].id = 4 }",
        // A selector that points at an array or object satisfies neither
        // = nor != (AWS's "special considerations").
        "{ $.actions = GET }",
        "{ $.actions != GET }",
        "{ $.user != x }",
    ] {
        assert!(!p(text).matches(DOC), "{text}");
    }
}

#[test]
fn json_null_exists_and_boolean_tests() {
    for text in [
        "{ $.SomeObject IS NULL }",
        "{ $.SomeOtherObject NOT EXISTS         }",
        "{ $.ThisFlag IS TRUE }",
        "{ $.ThisFlag is true }",
        "{ $.user.missing NOT EXISTS }",
    ] {
        assert!(p(text).matches(DOC), "{text}");
    }
    for text in [
        "{ $.eventType IS NULL }",
        "{ $.missing IS NULL }",
        "{ $.eventType NOT EXISTS }",
        "{ $.ThisFlag IS FALSE }",
        "{ $.SomeObject = null }",
        "{ $.SomeObject != x }",
    ] {
        assert!(!p(text).matches(DOC), "{text}");
    }
}

#[test]
fn json_and_binds_tighter_than_or_and_parentheses_group() {
    // The four compound examples of AWS's guide.
    assert!(p(r#"{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }"#).matches(DOC));
    assert!(!p(r#"{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }"#).matches(DOC));
    assert!(p(
        r#"{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }"#
    )
    .matches(DOC));
    assert!(!p(
        r#"{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }"#
    )
    .matches(DOC));
    assert!(p("{ $.foo = bar || $.foo = baz }").matches(r#"{"foo": "baz"}"#));
}

#[test]
fn json_patterns_never_match_events_that_are_not_json() {
    assert!(!p("{ $.a NOT EXISTS }").matches("plain text"));
    assert!(!p("{ $.a NOT EXISTS }").matches("{not json"));
    assert!(p("{ $.a NOT EXISTS }").matches("{}"));
    assert!(p("{ $[1] = b }").matches(r#"["a","b"]"#));
}

#[test]
fn cis_benchmark_patterns_parse() {
    for text in [
        r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }"#,
        r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#,
        "{($.eventSource = kms.amazonaws.com) &&  (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
        "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = StopLogging) }",
    ] {
        p(text);
    }
    let kms =
        p("{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}");
    assert!(kms.matches(r#"{"eventSource":"kms.amazonaws.com","eventName":"ScheduleKeyDeletion"}"#));
    assert!(!kms.matches(r#"{"eventSource":"kms.amazonaws.com","eventName":"EnableKey"}"#));
}

const APACHE: [&str; 3] = [
    r#"127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534"#,
    r#"127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324"#,
    r#"127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /index.html HTTP/1.0" 404 4355"#,
];

fn which(pattern: &str) -> Vec<usize> {
    let pattern = p(pattern);
    (0..APACHE.len()).filter(|i| pattern.matches(APACHE[*i])).collect()
}

#[test]
fn space_delimited_patterns_bind_fields_by_position() {
    assert_eq!(
        which("[ip, user, username, timestamp, request, status_code, bytes]"),
        [0, 1, 2]
    );
    assert_eq!(
        which("[ip, user, username, timestamp, request, status_code = 200, bytes]"),
        [0]
    );
    assert_eq!(
        which("[ip, user, username, timestamp, request, status_code, bytes > 5000]"),
        [1]
    );
    assert_eq!(
        which("[ip, user, username, timestamp, request, status_code = 4*, bytes]"),
        [2]
    );
    assert_eq!(
        which("[ip, user, username, timestamp, request = *html*, status_code, bytes]"),
        [2]
    );
    assert_eq!(
        which("[ip, user, username, timestamp, request, status_code = 500 || status_code = 404, bytes]"),
        [1, 2]
    );
    assert_eq!(
        which("[ip, user, username, timestamp, request, status_code != 200 && status_code != 500, bytes]"),
        [2]
    );
    // Without an ellipsis the event must have exactly as many fields.
    assert_eq!(
        which("[ip, user, username, timestamp, request, status_code]"),
        Vec::<usize>::new()
    );
}

#[test]
fn an_ellipsis_stands_for_any_number_of_fields() {
    assert_eq!(which("[..., status_code, bytes]"), [0, 1, 2]);
    assert_eq!(which("[ip, user, ..., status_code = 404, bytes]"), [2]);
    assert_eq!(which("[ip = 127.*, ...]"), [0, 1, 2]);
    assert_eq!(which("[..., request=*.html*, status_code=4*,]"), [2]);
    let words = p("[w1=ERROR || w1=WARN, w2]");
    assert!(words.matches("ERROR message"));
    assert!(words.matches("WARN message"));
    assert!(!words.matches("ERROR WARN message"));
}

#[test]
fn space_delimited_patterns_extract_named_and_positional_fields() {
    let pattern = p("[..., request=*.html*, status_code=4*,]");
    let event = Event::new(APACHE[2]);
    assert!(pattern.matches_event(&event));
    let extracted = pattern.extracted_values(&event);
    assert_eq!(
        extracted,
        [
            ("$1", "127.0.0.1"),
            ("$2", "-"),
            ("$3", "frank"),
            ("$4", "10/Oct/2000:13:50:35 -0700"),
            ("$request", "GET /index.html HTTP/1.0"),
            ("$status_code", "404"),
            ("$7", "4355"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    assert_eq!(pattern.value_of(&event, "$status_code").as_deref(), Some("404"));
    assert_eq!(pattern.value_of(&event, "$7").as_deref(), Some("4355"));
    assert_eq!(pattern.value_of(&event, "$bytes"), None);
    assert!(pattern.supports_reference("$request"));
    assert!(pattern.supports_reference("$3"));
    assert!(!pattern.supports_reference("$bytes"));
    assert!(!pattern.supports_reference("$.bytes"));
}

#[test]
fn json_values_are_read_for_metric_values_and_dimensions() {
    let pattern = p("{ $.latency = * }");
    let event = Event::new(r#"{"latency": 250, "route": "/a", "nested": {"x": "y"}}"#);
    assert!(pattern.matches_event(&event));
    assert_eq!(pattern.value_of(&event, "$.latency").as_deref(), Some("250"));
    assert_eq!(pattern.value_of(&event, "$.route").as_deref(), Some("/a"));
    assert_eq!(pattern.value_of(&event, "$.nested"), None);
    assert_eq!(pattern.value_of(&event, "$.nested.x").as_deref(), Some("y"));
    assert!(pattern.extracted_values(&event).is_empty());
    assert!(pattern.supports_reference("$.anything"));
    assert!(!pattern.supports_reference("latency"));
    assert!(!p("ERROR").supports_reference("$.latency"));
    assert!(!p("ERROR").supports_dimensions());
    assert!(p("[a]").supports_dimensions());
}

#[test]
fn bad_patterns_are_errors_with_a_position() {
    let cases: &[(&str, usize, &str)] = &[
        ("{ $.a = b", 10, "expected '&&', '||' or '}'"),
        ("{ $.a = b } x", 13, "unexpected text after the closing '}'"),
        ("{ a = b }", 3, "expected a property selector"),
        ("{ $. = b }", 5, "expected a property name"),
        ("{ $.a[x] = b }", 7, "expected an array index"),
        ("{ $.a == b }", 7, "unknown operator"),
        ("{ $.a ~ b }", 7, "expected a comparison operator"),
        ("{ $.a = }", 9, "expected a value"),
        ("{ $.a > UpdateTrail }", 20, "'>' compares numbers"),
        (r#"{ $.a >= "123" }"#, 15, "'>=' compares numbers"),
        ("{ $.a IS MAYBE }", 10, "IS must be followed by NULL, TRUE or FALSE"),
        ("{ $.a NOT THERE }", 11, "NOT must be followed by EXISTS"),
        ("{ $.a = b@c }", 9, "Invalid character(s) in term 'b@c'"),
        (r#"{ $.a = "open }"#, 9, "not closed"),
        ("{ ($.a = b }", 12, "expected ')'"),
        ("{ $.a = b && }", 14, "expected a property selector"),
        (
            " {$.ThisFlag IS TRUE} ",
            2,
            "Invalid character(s) in term '{$.ThisFlag'",
        ),
        ("ERROR:", 1, "Invalid character(s) in term 'ERROR:'"),
        ("\"unclosed", 1, "not closed"),
        ("? ERROR", 2, "'?' must be followed directly by a term"),
        ("ERROR -", 8, "'-' must be followed by the term to exclude"),
        ("[]", 2, "names at least one field"),
        ("[a, b", 6, "expected ']'"),
        ("[a, a]", 5, "field 'a' is named twice"),
        ("[..., a, ...]", 10, "only one '...'"),
        ("[a = 4* && b > 1]", 12, "may only test 'a', not 'b'"),
        ("[a > x]", 7, "'>' compares numbers"),
        ("[a] b", 5, "unexpected text after the closing ']'"),
        ("%(a|b)%", 2, "cannot use '(' or ')'"),
        ("%a!%", 3, "'!' is not allowed"),
        ("%%", 1, "cannot be empty"),
        ("%a% %b% %c%", 9, "at most 2 regular expressions"),
        ("%a[%", 1, "invalid regular expression"),
    ];
    for (text, column, message) in cases {
        let e = err(text);
        assert!(
            e.message.contains(message) && e.column == *column,
            "{text:?}: got {e} (column {})",
            e.column
        );
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = format!("{{ {}$.a = b{} }}", "(".repeat(500), ")".repeat(500));
    assert!(err(&deep).message.contains("nested too deeply"));
    let fine = format!("{{ {}$.a = b{} }}", "(".repeat(20), ")".repeat(20));
    assert!(p(&fine).matches(r#"{"a":"b"}"#));
}

#[test]
fn explanations_name_every_clause() {
    let why = explain(RECIPE, PENDING).unwrap();
    assert!(why.matched);
    assert_eq!(why.kind, PatternKind::Json);
    assert_eq!(
        why.steps,
        vec![
            Step {
                depth: 0,
                clause: "all of (&&)".into(),
                held: true,
                reason: "2 of 2 hold".into(),
            },
            Step {
                depth: 1,
                clause: "$.eventSource = kms*".into(),
                held: true,
                reason: r#"$.eventSource is "kms.amazonaws.com", which matches kms*"#.into(),
            },
            Step {
                depth: 1,
                clause: r#"$.errorMessage = "* is pending deletion.""#.into(),
                held: true,
                reason: r#"$.errorMessage is "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab is pending deletion.", which matches "* is pending deletion.""#.into(),
            },
        ]
    );
    let miss = explain(RECIPE, r#"{"eventSource":"kms.amazonaws.com"}"#).unwrap();
    assert!(!miss.matched);
    assert_eq!(
        miss.steps[2].reason,
        "$.errorMessage is not in the event, and a missing property satisfies no comparison"
    );
    assert!(miss
        .to_text()
        .starts_with("The pattern does not match.\n✗ all of (&&) — 1 of 2 hold\n  ✓ $.eventSource"));
    let text = explain(RECIPE, "not json").unwrap();
    assert_eq!(
        text.steps[0].reason,
        "the event is not a JSON object or array, so no JSON pattern matches it"
    );
    let fields = explain("[a, b = 4*]", "x 500").unwrap();
    assert!(!fields.matched);
    assert_eq!(
        fields.steps[0].reason,
        r#"the event has 2 fields ("x", "500"); the pattern needs exactly 2"#
    );
    assert_eq!(fields.steps[1].reason, r#"b is "500", which does not match 4*"#);
    let numeric = explain("{ $.n > 10 }", r#"{"n": "abc"}"#).unwrap();
    assert_eq!(
        numeric.steps[0].reason,
        r#"$.n is "abc", which is not a number, so > cannot hold"#
    );
    assert!(explain("{ $.a = ", "{}").is_err());
}

/// Arbitrary input never panics the parser or the matcher (a small,
/// deterministic fuzz over the pattern alphabet).
#[test]
fn fuzzed_patterns_never_panic() {
    const ALPHABET: &[&str] = &[
        "{", "}", "[", "]", "(", ")", "$", ".", "$.a", "$.b[0]", "[*]", ".*", "=", "!=", "<", ">=", "&&", "||", " ",
        "\"", "\\", "*", "%", "a", "1", "-", "?", ",", "...", "IS", "NULL", "NOT", "EXISTS", "é", "\u{0}", "e5",
    ];
    const EVENTS: &[&str] = &[
        r#"{"a":"x","b":[1,2]}"#,
        "a b c",
        "[1] \"2 3\" 4",
        "",
        "{",
        r#"[{"a":null}]"#,
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut parsed = 0;
    for _ in 0..20_000 {
        let len = (next() % 12) as usize;
        let text: String = (0..len)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        if let Ok(pattern) = FilterPattern::parse(&text) {
            parsed += 1;
            for event in EVENTS {
                let fast = pattern.matches(event);
                let explained = pattern.explain(event);
                assert_eq!(fast, explained.matched, "{text:?} on {event:?}");
                let e = Event::new(event);
                let _ = pattern.extracted_values(&e);
                let _ = pattern.value_of(&e, "$.a");
                let _ = pattern.value_of(&e, "$1");
            }
        }
    }
    assert!(parsed > 100, "the fuzz should reach valid patterns too ({parsed})");
}
