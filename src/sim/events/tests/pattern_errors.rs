//! Every kind of invalid pattern, with AWS's message and location.

use crate::sim::events::pattern::Pattern;

fn reason(pattern: &str) -> String {
    match Pattern::parse(pattern) {
        Ok(_) => panic!("pattern should be invalid: {pattern}"),
        Err(e) => {
            assert!(e.message().starts_with("Event pattern is not valid. Reason: "));
            e.reason
        }
    }
}

/// The reason without Jackson's location.
fn short(pattern: &str) -> String {
    let r = reason(pattern);
    r.split("\n at [Source:").next().unwrap_or_default().to_owned()
}

#[test]
fn messages_and_locations_match_aws_examples() {
    // cloud-custodian#6507 (real AWS output).
    let p = r#"{"source": ["aws.health"], "detail": {}}"#;
    assert_eq!(
        reason(p),
        format!("Empty objects are not allowed\n at [Source: (String)\"{p}\"; line: 1, column: 40]")
    );
    // aws-cdk#36904 (real AWS output).
    let p = r#"{"detail-type":[],"source":["example.source"],"account":["123456789012"]}"#;
    assert_eq!(
        reason(p),
        format!("Empty arrays are not allowed\n at [Source: (String)\"{p}\"; line: 1, column: 18]")
    );
    // buildkite/docs#896: the location of an unread string value is just
    // after its opening quote.
    let p = "{\n  \"detail-type\": [ \"Build Started\", \"Build Finished\" ],\n  \"detail\": {\n    \"pipeline\": {\n      \"slug\": \"some-pipeline\"\n    }\n  }\n}";
    assert_eq!(
        reason(p),
        format!("\"slug\" must be an object or an array\n at [Source: (String)\"{p}\"; line: 5, column: 16]")
    );
}

#[test]
fn every_invalid_kind_has_its_reason() {
    let cases: &[(&str, &str)] = &[
        ("[]", "Filter is not an object"),
        ("", "Filter is not an object"),
        (r#""x""#, "Filter is not an object"),
        ("{}", "Empty objects are not allowed"),
        (r#"{"a":{}}"#, "Empty objects are not allowed"),
        (r#"{"a":"x"}"#, "\"a\" must be an object or an array"),
        (r#"{"a":5}"#, "\"a\" must be an object or an array"),
        (r#"{"a":null}"#, "\"a\" must be an object or an array"),
        (r#"{"a":[]}"#, "Empty arrays are not allowed"),
        (r#"{"a":[["x"]]}"#, "Match value must be String, number, true, false, or null"),
        (r#"{"a":[{}]}"#, "Match expression name not found"),
        (r#"{"a":[{"regex":"x"}]}"#, "Unrecognized match type regex"),
        (r#"{"a":[{"Prefix":"x"}]}"#, "Unrecognized match type Prefix"),
        (r#"{"a":[{"prefix":5}]}"#, "prefix match pattern must be a string"),
        (r#"{"a":[{"exactly":5}]}"#, "exact match pattern must be a string"),
        (r#"{"a":[{"exactly":"x","prefix":"y"}]}"#, "Only one key allowed in match expression"),
        (r#"{"a":[{"prefix":["x"]}]}"#, "prefix match pattern must be a string"),
        (r#"{"a":[{"prefix":"x","suffix":"y"}]}"#, "Only one key allowed in match expression"),
        (r#"{"a":[{"prefix":{}}]}"#, "Prefix expression name not found"),
        (r#"{"a":[{"prefix":{"wildcard":"x"}}]}"#, "Unsupported prefix pattern: wildcard"),
        (r#"{"a":[{"prefix":{"equals-ignore-case":1}}]}"#, "equals-ignore-case match pattern must be a string"),
        (r#"{"a":[{"suffix":["x"]}]}"#, "suffix match pattern must be a string"),
        (r#"{"a":[{"suffix":{"x":"y"}}]}"#, "Unsupported suffix pattern: x"),
        (r#"{"a":[{"equals-ignore-case":1}]}"#, "equals-ignore-case match pattern must be a string"),
        (r#"{"a":[{"wildcard":1}]}"#, "wildcard match pattern must be a string"),
        (r#"{"a":[{"wildcard":"a**b"}]}"#, "Consecutive wildcard characters at pos 2"),
        (r#"{"a":[{"wildcard":"a\\b"}]}"#, "Invalid escape character at pos 2"),
        (r#"{"a":[{"exists":"true"}]}"#, "exists match pattern must be either true or false."),
        (r#"{"a":[{"exists":true,"prefix":"x"}]}"#, "Only one key allowed in match expression"),
        (r#"{"a":[{"numeric":5}]}"#, "Value of numeric must be an array."),
        (r#"{"a":[{"numeric":[]}]}"#, "Invalid member in numeric match: ]"),
        (r#"{"a":[{"numeric":[5]}]}"#, "Invalid member in numeric match: 5"),
        (r#"{"a":[{"numeric":["!=",5]}]}"#, "Unrecognized numeric range operator: !="),
        (r#"{"a":[{"numeric":["=","5"]}]}"#, "Value of equals must be numeric"),
        (r#"{"a":[{"numeric":[">","x"]}]}"#, "Value of > must be numeric"),
        (r#"{"a":[{"numeric":["<=",true]}]}"#, "Value of <= must be numeric"),
        (r#"{"a":[{"numeric":["=",5,6]}]}"#, "Too many elements in numeric expression"),
        (r#"{"a":[{"numeric":["<",5,">",1]}]}"#, "Too many elements in numeric expression"),
        (r#"{"a":[{"numeric":[">",0,5]}]}"#, "Bad value in numeric range: 5"),
        (r#"{"a":[{"numeric":[">",0,">",5]}]}"#, "Bad numeric range operator: >"),
        (r#"{"a":[{"numeric":[">",0,"<"]}]}"#, "Value of < must be numeric"),
        (r#"{"a":[{"numeric":[">",0,"<",5,1]}]}"#, "Too many terms in numeric range expression"),
        (r#"{"a":[{"numeric":[">",5,"<",1]}]}"#, "Bottom must be less than top"),
        (r#"{"a":[{"numeric":["<",1e10]}]}"#, "Value must be between -5.0E9 and 5.0E9, inclusive"),
        (r#"{"a":[{"numeric":[">",0.0000001]}]}"#, "Only values upto 6 decimals are supported"),
        (r#"{"a":[{"numeric":["<",5],"x":1}]}"#, "Too many elements in numeric expression"),
        (r#"{"a":[{"anything-but":null}]}"#, "Value of anything-but must be an array or single string/number value."),
        (r#"{"a":[{"anything-but":true}]}"#, "Value of anything-but must be an array or single string/number value."),
        (r#"{"a":[{"anything-but":{}}]}"#, "Anything-But expression name not found"),
        (r#"{"a":[{"anything-but":{"numeric":[">",1]}}]}"#, "Unsupported anything-but pattern: numeric"),
        (r#"{"a":[{"anything-but":["a",1]}]}"#, "Inside anything but list, either all values are number or string, mixed type is not supported"),
        (r#"{"a":[{"anything-but":[]}]}"#, "Inside anything but list, either all values are number or string, mixed type is not supported"),
        (r#"{"a":[{"anything-but":[null]}]}"#, "Inside anything but list, start|null|boolean is not supported."),
        (r#"{"a":[{"anything-but":[1e11]}]}"#, "Value must be between -5.0E9 and 5.0E9, inclusive"),
        (r#"{"a":[{"anything-but":{"prefix":""}}]}"#, "Null prefix/suffix not allowed"),
        (r#"{"a":[{"anything-but":{"suffix":["x",""]}}]}"#, "Null prefix/suffix not allowed"),
        (r#"{"a":[{"anything-but":{"prefix":[1]}}]}"#, "prefix/suffix match pattern must be a string"),
        (r#"{"a":[{"anything-but":{"prefix":1}}]}"#, "prefix/suffix match pattern must be a string"),
        (r#"{"a":[{"anything-but":{"equals-ignore-case":[1]}}]}"#, "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."),
        (r#"{"a":[{"anything-but":{"wildcard":[1]}}]}"#, "wildcard match pattern must be a string"),
        (r#"{"a":[{"anything-but":{"wildcard":"x**"}}]}"#, "Consecutive wildcard characters at pos 2"),
        (r#"{"a":[{"anything-but":"x","prefix":"y"}]}"#, "Too many elements in numeric expression"),
        (r#"{"a":[{"cidr":5}]}"#, "prefix match pattern must be a string"),
        (r#"{"$or":{"a":["x"]}}"#, "It must be an Array followed with $or."),
        (r#"{"$or":[{"a":["x"]}]}"#, "There must have at least 2 Objects in $or relationship."),
        (r#"{"$or":[{"a":["x"]},"b"]}"#, "Only JSON object is allowed in array of $or relationship."),
        (r#"{"$or":[{"a":["x"]},{}]}"#, "Empty objects are not allowed"),
        (r#"{"$or":[{"a":["x"]},{"prefix":["y"]}]}"#, "prefix is Ruler reserved fieldName which cannot be used inside $or."),
        (r#"{"a":["x"}"#, "Unexpected close marker '}': expected ']' (for Array starting at [Source: (String)\"{\"a\":[\"x\"}\"; line: 1, column: 6])"),
        (r#"{"a":["x"],}"#, "Unexpected character ('}' (code 125)): was expecting double-quote to start field name"),
        (r#"{"a" ["x"]}"#, "Unexpected character ('[' (code 91)): was expecting a colon to separate field name and value"),
        (r#"{"a":[1,]}"#, "Unexpected character (']' (code 93)): expected a value"),
        (r#"{"a":[tru]}"#, "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
        (r#"{"a":[01]}"#, "Invalid numeric value: Leading zeroes not allowed"),
        (r#"{"a":["x" "y"]}"#, "Unexpected character ('\"' (code 34)): was expecting comma to separate Array entries"),
    ];
    for (pattern, expected) in cases {
        assert_eq!(&short(pattern), expected, "pattern {pattern}");
    }
}

#[test]
fn cidr_and_single_number_errors_have_no_location() {
    let cases: &[(&str, &str)] = &[
        (r#"{"ip":[{"cidr":"10.0.0.0"}]}"#, "Malformed CIDR, one '/' required"),
        (
            r#"{"ip":[{"cidr":"10.0.0.0/x"}]}"#,
            "Malformed CIDR, mask bits must be an integer",
        ),
        (
            r#"{"ip":[{"cidr":"10.0.0.0/-1"}]}"#,
            "Malformed CIDR, mask bits must not be negative",
        ),
        (r#"{"ip":[{"cidr":"10.0.0.256/8"}]}"#, "Invalid IP address: 10.0.0.256"),
        (
            r#"{"ip":[{"cidr":"example.com/8"}]}"#,
            "Nonstandard IP address: example.com",
        ),
        (r#"{"ip":[{"cidr":"10.0.0.0/32"}]}"#, "IPv4 mask bits must be < 32"),
        (r#"{"ip":[{"cidr":"2001:db8::/128"}]}"#, "IPv6 mask bits must be < 128"),
        (
            r#"{"n":[{"anything-but":6e9}]}"#,
            "Value must be between -5.0E9 and 5.0E9, inclusive",
        ),
        (
            r#"{"n":[{"anything-but":1.0000001}]}"#,
            "Only values upto 6 decimals are supported",
        ),
    ];
    for (pattern, expected) in cases {
        assert_eq!(&reason(pattern), expected, "pattern {pattern}");
    }
}

#[test]
fn too_many_or_combinations_are_refused() {
    let alts: Vec<String> = (0..10).map(|i| format!(r#"{{"f{i}":["x"]}}"#)).collect();
    let group = format!("[{}]", alts.join(","));
    // 10 × 10 × 10 = 1,000 combinations is the limit; one more group is too many.
    let ok = format!(r#"{{"$or":{group},"a":{{"$or":{group}}},"b":{{"$or":{group}}}}}"#);
    assert_eq!(Pattern::parse(&ok).map(|p| p.combinations()), Ok(1000));
    let too_many = format!(
        r#"{{"$or":{group},"a":{{"$or":{group}}},"b":{{"$or":{group}}},"c":{{"$or":[{{"x":[1]}},{{"y":[2]}}]}}}}"#
    );
    assert_eq!(
        reason(&too_many),
        "The total number of combinations of $or conditions (2000) exceeds the limit of 1000"
    );
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = format!("{}{}", "{\"a\":".repeat(1200), "[1]");
    assert!(short(&deep).starts_with("Document nesting depth (1001) exceeds the maximum allowed (1000"));
}

#[test]
fn garbage_never_panics() {
    let samples = [
        "{",
        "{\"",
        "{\"a",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":[",
        "{\"a\":[\"",
        "{\"a\":[\"\\",
        "{\"a\":[\"\\u12",
        "{\"a\":[-]}",
        "{\"a\":[1.]}",
        "{\"a\":[1e]}",
        "{\"a\":[{\"numeric\":[\">\"",
        "\u{0}",
        "{\"a\":[\"\u{1}\"]}",
        "{\"a\":[\"\\x\"]}",
        "{\"\u{1F600}\":5}",
        "}",
        "]",
        "{\"a\":[1]}}}}",
        "{\"a\":[1]} trailing",
    ];
    for s in samples {
        let _ = Pattern::parse(s);
    }
    // Every prefix of a valid, operator-rich pattern.
    let full = r#"{"detail":{"$or":[{"a":[{"numeric":[">",0,"<=",5]}]},{"b":[{"anything-but":{"prefix":["x","y"]}}]}],"c":[{"cidr":"10.0.0.0/8"},{"wildcard":"a*b\\*"},null,true,1.5]}}"#;
    for i in 0..full.len() {
        if full.is_char_boundary(i) {
            let _ = Pattern::parse(&full[..i]);
        }
    }
    assert!(Pattern::parse(full).is_ok());
}

/// A small deterministic fuzzer: random edits of valid patterns never
/// panic, and whenever an edit still compiles, the matcher and the
/// explainer agree on sample events.
#[test]
fn mutated_patterns_never_panic_and_explain_agrees() {
    use serde_json::json;
    let seeds = [
        r#"{"source":["aws.kms"],"detail":{"key-id":[{"exists":true}],"n":[{"numeric":[">=",1,"<",9.5]}]}}"#,
        r#"{"$or":[{"a":[{"prefix":"x"}]},{"b":[{"anything-but":{"suffix":["y","z"]}}]}],"c":{"d":[null,"",0,true]}}"#,
        r#"{"ip":[{"cidr":"10.0.0.0/8"}],"w":[{"wildcard":"a*b\\*"}],"e":[{"equals-ignore-case":"Q"}],"x":[{"anything-but":[1,2]}]}"#,
    ];
    let events = [
        json!({"source":"aws.kms","detail":{"key-id":"k","n":3,"d":null},"a":"xy","b":"w","c":{"d":[0,""]}}),
        json!({"ip":"10.1.2.3","w":"aXb*","e":"q","x":3,"a":[{"b":1}],"c":[{"d":true},{"d":5}]}),
        json!({}),
    ];
    const ALPHABET: &[u8] = br#"{}[]":,0123456789.-e abcdnptx*\$"#;
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rand = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut compiled = 0;
    for round in 0..3000 {
        let mut bytes = seeds[round % seeds.len()].as_bytes().to_vec();
        for _ in 0..1 + rand(3) {
            let i = rand(bytes.len());
            match rand(3) {
                0 => bytes[i] = ALPHABET[rand(ALPHABET.len())],
                1 => {
                    bytes.remove(i);
                }
                _ => bytes.insert(i, ALPHABET[rand(ALPHABET.len())]),
            }
        }
        let Ok(text) = String::from_utf8(bytes) else { continue };
        if let Ok(p) = Pattern::parse(&text) {
            compiled += 1;
            for e in &events {
                assert_eq!(p.matches(e), p.explain(e).matched, "{text} on {e}");
            }
        }
    }
    assert!(compiled > 100, "only {compiled} mutants compiled");
}
