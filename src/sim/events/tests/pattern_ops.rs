//! Each operator with matching and non-matching events, array and `$or`
//! semantics, and the explainer agreeing with the matcher.

use serde_json::{json, Value};

use crate::sim::events::pattern::{explain, Pattern};

/// `(pattern, event, expected)`, checked with both the matcher and the explainer.
fn check(cases: &[(&str, Value, bool)]) {
    for (pattern, event, expected) in cases {
        let p = Pattern::parse(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        assert_eq!(p.matches(event), *expected, "pattern {pattern} event {event}");
        assert_eq!(
            p.explain(event).matched,
            *expected,
            "explain: pattern {pattern} event {event}"
        );
    }
}

#[test]
fn exact_values() {
    check(&[
        (r#"{"source":["aws.kms"]}"#, json!({"source":"aws.kms"}), true),
        (r#"{"source":["aws.kms"]}"#, json!({"source":"aws.KMS"}), false),
        (r#"{"source":["aws.kms"]}"#, json!({"other":"aws.kms"}), false),
        (r#"{"source":["a","b"]}"#, json!({"source":"b"}), true),
        (r#"{"n":[5]}"#, json!({"n":5}), true),
        (r#"{"n":[5]}"#, json!({"n":"5"}), false),
        (r#"{"n":["5"]}"#, json!({"n":5}), false),
        (r#"{"n":[300]}"#, json!({"n":300.0}), true),
        (r#"{"n":[3.0e2]}"#, json!({"n":300}), true),
        (r#"{"n":[301.8]}"#, json!({"n":301.8}), true),
        (r#"{"n":[301.8]}"#, json!({"n":301.9}), false),
        (r#"{"n":[123456789012]}"#, json!({"n":123456789012u64}), true),
        (r#"{"b":[true]}"#, json!({"b":true}), true),
        (r#"{"b":[true]}"#, json!({"b":"true"}), false),
        (r#"{"b":[false]}"#, json!({"b":true}), false),
        (r#"{"z":[null]}"#, json!({"z":null}), true),
        (r#"{"z":[null]}"#, json!({}), false),
        (r#"{"z":[null]}"#, json!({"z":""}), false),
        (r#"{"z":[""]}"#, json!({"z":""}), true),
        (r#"{"z":[""]}"#, json!({"z":null}), false),
        (r#"{"z":[""]}"#, json!({}), false),
        (r#"{"s":[{"exactly":"x"}]}"#, json!({"s":"x"}), true),
        (r#"{"s":[{"exactly":"x"}]}"#, json!({"s":"X"}), false),
        (r#"{"s":[{"exactly":"x"}]}"#, json!({"s":"xy"}), false),
        (r#"{"s":[{"exactly":"x"}]}"#, json!({}), false),
        (r#"{"s":[{"exactly":"5"}]}"#, json!({"s":5}), false),
        (r#"{"s":[{"exactly":"x"}]}"#, json!({"s":["a","x"]}), true),
    ]);
}

#[test]
fn nested_objects_and_arrays() {
    check(&[
        (
            r#"{"detail":{"state":["running"]}}"#,
            json!({"detail":{"state":"running"}}),
            true,
        ),
        (
            r#"{"detail":{"state":["running"]}}"#,
            json!({"detail":{"state":"stopped"}}),
            false,
        ),
        (
            r#"{"detail":{"state":["running"]}}"#,
            json!({"detail":"running"}),
            false,
        ),
        (r#"{"detail":{"state":["running"]}}"#, json!({"state":"running"}), false),
        // Array-valued event field: non-empty intersection.
        (
            r#"{"resources":["arn:1","arn:2"]}"#,
            json!({"resources":["arn:0","arn:2"]}),
            true,
        ),
        (
            r#"{"resources":["arn:1"]}"#,
            json!({"resources":["arn:0","arn:2"]}),
            false,
        ),
        (r#"{"resources":["arn:1"]}"#, json!({"resources":[]}), false),
        (r#"{"a":[1]}"#, json!({"a":[[0],[1]]}), true),
        // Arrays of objects: each pattern field matches within one element.
        (
            r#"{"emp":{"first":["Anna"]}}"#,
            json!({"emp":[{"first":"John"},{"first":"Anna"}]}),
            true,
        ),
        (
            r#"{"emp":{"first":["Anna"],"last":["Smith"]}}"#,
            json!({"emp":[{"first":"Anna","last":"Smith"}]}),
            true,
        ),
        (
            r#"{"emp":{"first":["Anna"],"last":["Smith"]}}"#,
            json!({"emp":[{"first":"Anna","last":"Jones"},{"first":"Bo","last":"Smith"}]}),
            false,
        ),
        (
            r#"{"a":{"b":{"c":[1]}}}"#,
            json!({"a":[{"b":[{"c":0}]},{"b":{"c":[2,1]}}]}),
            true,
        ),
        // Duplicate keys: nested objects merge, repeated leaves: last wins.
        (
            r#"{"d":{"x":["1"]},"d":{"y":["2"]}}"#,
            json!({"d":{"x":"1","y":"2"}}),
            true,
        ),
        (
            r#"{"d":{"x":["1"]},"d":{"y":["2"]}}"#,
            json!({"d":{"x":"1","y":"3"}}),
            false,
        ),
        (r#"{"a":["x"],"a":["y"]}"#, json!({"a":"y"}), true),
        (r#"{"a":["x"],"a":["y"]}"#, json!({"a":"x"}), false),
    ]);
}

#[test]
fn prefix_suffix_and_ignore_case() {
    check(&[
        (
            r#"{"t":[{"prefix":"2017-10-02"}]}"#,
            json!({"t":"2017-10-02T18:43:48Z"}),
            true,
        ),
        (
            r#"{"t":[{"prefix":"2017-10-02"}]}"#,
            json!({"t":"2017-10-03T00:00:00Z"}),
            false,
        ),
        (r#"{"t":[{"prefix":"1"}]}"#, json!({"t":12}), false),
        (r#"{"t":[{"prefix":""}]}"#, json!({"t":"anything"}), true),
        (
            r#"{"s":[{"prefix":{"equals-ignore-case":"EventB"}}]}"#,
            json!({"s":"eventbridge"}),
            true,
        ),
        (
            r#"{"s":[{"prefix":{"equals-ignore-case":"EventB"}}]}"#,
            json!({"s":"Event"}),
            false,
        ),
        (r#"{"f":[{"suffix":".png"}]}"#, json!({"f":"image.png"}), true),
        (r#"{"f":[{"suffix":".png"}]}"#, json!({"f":"image.PNG"}), false),
        (
            r#"{"f":[{"suffix":{"equals-ignore-case":".png"}}]}"#,
            json!({"f":"image.PNG"}),
            true,
        ),
        (
            r#"{"f":[{"suffix":{"equals-ignore-case":".png"}}]}"#,
            json!({"f":"image.jpg"}),
            false,
        ),
        (r#"{"n":[{"equals-ignore-case":"alice"}]}"#, json!({"n":"ALICE"}), true),
        (
            r#"{"n":[{"equals-ignore-case":"alice"}]}"#,
            json!({"n":"alicia"}),
            false,
        ),
        (r#"{"n":[{"equals-ignore-case":"true"}]}"#, json!({"n":true}), false),
    ]);
}

#[test]
fn wildcard() {
    check(&[
        (
            r#"{"s":[{"wildcard":"Simple*Service"}]}"#,
            json!({"s":"SimpleQueueService"}),
            true,
        ),
        (
            r#"{"s":[{"wildcard":"Simple*Service"}]}"#,
            json!({"s":"SimpleService"}),
            true,
        ),
        (
            r#"{"s":[{"wildcard":"Simple*Service"}]}"#,
            json!({"s":"SimpleServices"}),
            false,
        ),
        (r#"{"s":[{"wildcard":"*/lib/*"}]}"#, json!({"s":"/usr/lib/x"}), true),
        (r#"{"s":[{"wildcard":"a*b*c"}]}"#, json!({"s":"abbbcbc"}), true),
        (r#"{"s":[{"wildcard":"a*b*c"}]}"#, json!({"s":"acb"}), false),
        (r#"{"s":[{"wildcard":"a\\*b"}]}"#, json!({"s":"a*b"}), true),
        (r#"{"s":[{"wildcard":"a\\*b"}]}"#, json!({"s":"axb"}), false),
        (r#"{"s":[{"wildcard":"a\\\\b"}]}"#, json!({"s":"a\\b"}), true),
        (r#"{"s":[{"wildcard":"*"}]}"#, json!({"s":""}), true),
        (r#"{"s":[{"wildcard":"*"}]}"#, json!({"s":5}), false),
    ]);
}

#[test]
fn anything_but_forms() {
    check(&[
        (r#"{"s":[{"anything-but":"init"}]}"#, json!({"s":"running"}), true),
        (r#"{"s":[{"anything-but":"init"}]}"#, json!({"s":"init"}), false),
        (r#"{"s":[{"anything-but":"init"}]}"#, json!({}), false),
        (r#"{"s":[{"anything-but":"init"}]}"#, json!({"s":5}), true),
        (r#"{"s":[{"anything-but":["a","b"]}]}"#, json!({"s":"b"}), false),
        (r#"{"s":[{"anything-but":["a","b"]}]}"#, json!({"s":["b","c"]}), true),
        (r#"{"n":[{"anything-but":123}]}"#, json!({"n":124}), true),
        (r#"{"n":[{"anything-but":123}]}"#, json!({"n":123.0}), false),
        (r#"{"n":[{"anything-but":[100,200]}]}"#, json!({"n":200}), false),
        (r#"{"n":[{"anything-but":[100,200]}]}"#, json!({"n":300}), true),
        (
            r#"{"s":[{"anything-but":{"prefix":"init"}}]}"#,
            json!({"s":"initializing"}),
            false,
        ),
        (
            r#"{"s":[{"anything-but":{"prefix":"init"}}]}"#,
            json!({"s":"running"}),
            true,
        ),
        (
            r#"{"s":[{"anything-but":{"prefix":["a","b"]}}]}"#,
            json!({"s":"bee"}),
            false,
        ),
        (
            r#"{"s":[{"anything-but":{"suffix":".txt"}}]}"#,
            json!({"s":"a.txt"}),
            false,
        ),
        (
            r#"{"s":[{"anything-but":{"suffix":".txt"}}]}"#,
            json!({"s":"a.png"}),
            true,
        ),
        (
            r#"{"s":[{"anything-but":{"equals-ignore-case":"ALICE"}}]}"#,
            json!({"s":"alice"}),
            false,
        ),
        (
            r#"{"s":[{"anything-but":{"equals-ignore-case":["x","Y"]}}]}"#,
            json!({"s":"z"}),
            true,
        ),
        (
            r#"{"s":[{"anything-but":{"wildcard":"*/lib/*"}}]}"#,
            json!({"s":"/usr/lib/x"}),
            false,
        ),
        (
            r#"{"s":[{"anything-but":{"wildcard":["*/lib/*","*.so"]}}]}"#,
            json!({"s":"/usr/bin/x"}),
            true,
        ),
    ]);
}

#[test]
fn numeric() {
    check(&[
        (r#"{"c":[{"numeric":[">",0,"<=",5]}]}"#, json!({"c":5}), true),
        (r#"{"c":[{"numeric":[">",0,"<=",5]}]}"#, json!({"c":0}), false),
        (r#"{"c":[{"numeric":[">",0,"<=",5]}]}"#, json!({"c":5.000001}), false),
        (r#"{"c":[{"numeric":[">=",0,"<",5]}]}"#, json!({"c":0}), true),
        (r#"{"c":[{"numeric":[">=",0,"<",5]}]}"#, json!({"c":5}), false),
        (r#"{"c":[{"numeric":["<",10]}]}"#, json!({"c":-3}), true),
        (r#"{"c":[{"numeric":["<=",10]}]}"#, json!({"c":10}), true),
        (r#"{"c":[{"numeric":[">",10]}]}"#, json!({"c":10}), false),
        (r#"{"c":[{"numeric":[">=",10]}]}"#, json!({"c":10}), true),
        (r#"{"x":[{"numeric":["=",3.018e2]}]}"#, json!({"x":301.8}), true),
        (r#"{"x":[{"numeric":["=",301.8]}]}"#, json!({"x":301.80001}), false),
        (r#"{"x":[{"numeric":[">",0]}]}"#, json!({"x":"5"}), false),
        (r#"{"x":[{"numeric":[">",0]}]}"#, json!({"x":6e9}), false),
        (r#"{"x":[{"numeric":[">",0]}]}"#, json!({"x":[-1,2]}), true),
        (
            r#"{"x":[{"numeric":[">",-5e9,"<",5e9]}]}"#,
            json!({"x":-4999999999.5}),
            true,
        ),
    ]);
}

#[test]
fn exists() {
    check(&[
        (r#"{"d":{"c":[{"exists":true}]}}"#, json!({"d":{"c":5}}), true),
        (r#"{"d":{"c":[{"exists":true}]}}"#, json!({"d":{"c":null}}), true),
        (r#"{"d":{"c":[{"exists":true}]}}"#, json!({"d":{}}), false),
        // An object is not a leaf: it counts as absent.
        (r#"{"d":{"c":[{"exists":true}]}}"#, json!({"d":{"c":{"c1":100}}}), false),
        (r#"{"d":{"c":[{"exists":false}]}}"#, json!({"d":{"c":{"c1":100}}}), true),
        (r#"{"d":{"c":[{"exists":false}]}}"#, json!({"d":{"x":1}}), true),
        (r#"{"d":{"c":[{"exists":false}]}}"#, json!({}), true),
        (r#"{"d":{"c":[{"exists":false}]}}"#, json!({"d":{"c":0}}), false),
        (r#"{"d":{"c":[{"exists":false}]}}"#, json!({"d":{"c":[]}}), true),
        (r#"{"d":{"c":[{"exists":false},"x"]}}"#, json!({"d":{"c":"x"}}), true),
    ]);
}

#[test]
fn cidr() {
    check(&[
        (r#"{"ip":[{"cidr":"10.0.0.0/24"}]}"#, json!({"ip":"10.0.0.255"}), true),
        (r#"{"ip":[{"cidr":"10.0.0.0/24"}]}"#, json!({"ip":"10.0.1.0"}), false),
        (r#"{"ip":[{"cidr":"10.0.0.0/24"}]}"#, json!({"ip":"not an ip"}), false),
        (
            r#"{"ip":[{"cidr":"10.0.0.0/8"}]}"#,
            json!({"ip":["192.0.2.1","10.9.9.9"]}),
            true,
        ),
        (
            r#"{"ip":[{"cidr":"2001:db8::/32"}]}"#,
            json!({"ip":"2001:db8:ffff::1"}),
            true,
        ),
        (
            r#"{"ip":[{"cidr":"2001:db8::/32"}]}"#,
            json!({"ip":"2001:db9::1"}),
            false,
        ),
        (r#"{"ip":[{"cidr":"0.0.0.0/0"}]}"#, json!({"ip":"::1"}), false),
    ]);
}

#[test]
fn or_nested_and_combined_with_and() {
    let p = r#"{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"metricType":["MetricType"],"namespace":["AWS/EC2","AWS/ES"],"$or":[{"metricId":[1234]},{"spaceId":[1000]}]},{"scope":["Service"]}]}"#;
    check(&[
        (p, json!({"source":"aws.cloudwatch","metricName":"ReadLatency"}), true),
        (p, json!({"source":"aws.cloudwatch","scope":"Service"}), true),
        (p, json!({"source":"aws.other","scope":"Service"}), false),
        (
            p,
            json!({"source":"aws.cloudwatch","metricType":"MetricType","namespace":"AWS/ES","spaceId":1000}),
            true,
        ),
        (
            p,
            json!({"source":"aws.cloudwatch","metricType":"MetricType","namespace":"AWS/ES"}),
            false,
        ),
        (p, json!({"source":"aws.cloudwatch"}), false),
    ]);
    // Parallel $or groups at different levels must both hold.
    let parallel = r#"{"$or":[{"a":["1"]},{"b":["2"]}],"detail":{"$or":[{"c":["3"]},{"d":["4"]}]}}"#;
    check(&[
        (parallel, json!({"b":"2","detail":{"d":"4"}}), true),
        (parallel, json!({"b":"2","detail":{"e":"4"}}), false),
        (parallel, json!({"x":"2","detail":{"d":"4"}}), false),
    ]);
    // Alternatives over an array of objects still match within one element.
    let arr = r#"{"items":{"kind":["k"],"$or":[{"x":[1]},{"y":[2]}]}}"#;
    check(&[
        (arr, json!({"items":[{"kind":"k","y":2}]}), true),
        (arr, json!({"items":[{"kind":"k"},{"y":2}]}), false),
    ]);
}

#[test]
fn explanations_say_why() {
    let p = r#"{"source":["aws.kms"],"detail-type":["KMS CMK Deletion"],"detail":{"key-id":[{"exists":true}],"n":[{"numeric":[">",5]}]}}"#;
    let event = json!({"source":"aws.kms","detail-type":"KMS CMK Rotation","detail":{"n":3}});
    let e = explain(p, &event).unwrap();
    assert!(!e.matched);
    let summary: Vec<(String, bool, String)> = e
        .checks
        .iter()
        .map(|c| (c.path.clone(), c.matched, c.reason.clone()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("source".into(), true, "value \"aws.kms\" matches \"aws.kms\"".into()),
            (
                "detail-type".into(),
                false,
                "value \"KMS CMK Rotation\" match none of: \"KMS CMK Deletion\"".into()
            ),
            (
                "detail.key-id".into(),
                false,
                "the field is missing from the event; the pattern expects {\"exists\":true}".into()
            ),
            (
                "detail.n".into(),
                false,
                "value 3 match none of: {\"numeric\":[\">\",5]}".into()
            ),
        ]
    );
    let or = explain(r#"{"$or":[{"a":["x"]},{"b":[{"prefix":"y"}]}]}"#, &json!({"b":"yes"})).unwrap();
    assert_eq!(or.checks[0].path, "$or");
    assert_eq!(or.checks[0].reason, "alternative 2 of 2 matches");
    assert_eq!(
        or.checks[0].children[1].checks[0].reason,
        "value \"yes\" matches {\"prefix\":\"y\"}"
    );
    assert!(explain("{}", &json!({})).is_err());
}

#[test]
fn integers_compare_as_their_decimal_text_does() {
    // Integers take a shortcut to their scaled value; the float with the
    // same value goes through the text. Both must agree at the limits of
    // the comparable range (±5e9) and beyond.
    let pattern = Pattern::parse(r#"{"n":[{"numeric":[">=",-5000000000,"<=",5000000000]}]}"#).unwrap();
    let exact = Pattern::parse(r#"{"n":[5000000000]}"#).unwrap();
    for i in [
        0i64,
        1,
        -1,
        4_999_999_999,
        5_000_000_000,
        5_000_000_001,
        -5_000_000_000,
        -5_000_000_001,
        i64::MAX,
        i64::MIN,
    ] {
        let int = json!({ "n": i });
        let float = json!({ "n": i as f64 });
        assert_eq!(pattern.matches(&int), pattern.matches(&float), "{i}");
        assert_eq!(exact.matches(&int), exact.matches(&float), "{i}");
    }
    for (pattern, event, expected) in [
        (r#"{"s":[{"equals-ignore-case":"AbC"}]}"#, json!({"s":"aBc"}), true),
        (
            r#"{"s":[{"prefix":{"equals-ignore-case":"AB"}}]}"#,
            json!({"s":"abc"}),
            true,
        ),
        (
            r#"{"s":[{"suffix":{"equals-ignore-case":"BC"}}]}"#,
            json!({"s":"abc"}),
            true,
        ),
        (
            r#"{"s":[{"prefix":{"equals-ignore-case":"i"}}]}"#,
            json!({"s":"İx"}),
            true,
        ),
        (
            r#"{"s":[{"anything-but":{"equals-ignore-case":["X","abc"]}}]}"#,
            json!({"s":"ABC"}),
            false,
        ),
    ] {
        check(&[(pattern, event, expected)]);
    }
}
