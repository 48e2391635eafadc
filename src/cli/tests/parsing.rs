//! Shell words, names, values and formats in isolation.

use serde_json::json;

use crate::cli::{names, pyjson, shorthand, words};

#[test]
fn xform_names_match_botocore() {
    // Generated with botocore's xform_name over the models' names.
    for (name, cli) in [
        ("CreateKey", "create-key"),
        ("GetMetricData", "get-metric-data"),
        ("ListKeys", "list-keys"),
        ("AWSAccountId", "aws-account-id"),
        ("EnableECSManagedTags", "enable-ecs-managed-tags"),
        (
            "ExecutionEnvironmentMemoryGiBPerVCpu",
            "execution-environment-memory-gi-b-per-v-cpu",
        ),
        ("GraphQLOperation", "graph-ql-operation"),
        ("KMSKeyArn", "kms-key-arn"),
        ("OKActions", "ok-actions"),
        ("PromQLCriteria", "prom-ql-criteria"),
        ("QueueOwnerAWSAccountId", "queue-owner-aws-account-id"),
        ("SourceKMSKeyArn", "source-kms-key-arn"),
        ("PendingWindowInDays", "pending-window-in-days"),
    ] {
        assert_eq!(names::xform_name(name), cli, "{name}");
    }
}

#[test]
fn shell_words() {
    let cmds = words::split("aws kms x --a 'b c' \"d \\\"e\\\"\" f\\ g \\\n --h i # comment\naws two").unwrap();
    let texts: Vec<Vec<&str>> = cmds
        .iter()
        .map(|c| c.iter().map(|w| w.text.as_str()).collect())
        .collect();
    assert_eq!(
        texts,
        vec![
            vec!["aws", "kms", "x", "--a", "b c", "d \"e\"", "f g", "--h", "i"],
            vec!["aws", "two"]
        ]
    );
    assert_eq!(words::split("echo ''").unwrap()[0][1].text, "");
}

#[test]
fn shorthand_values() {
    assert_eq!(
        shorthand::parse("Name=KeyId,Value=abc").unwrap(),
        json!({"Name": "KeyId", "Value": "abc"})
    );
    assert_eq!(
        shorthand::parse("Key=a,Values=x,y").unwrap(),
        json!({"Key": "a", "Values": ["x", "y"]})
    );
    assert_eq!(
        shorthand::parse("a={b=1,c=[x,y]},d='q,r'").unwrap(),
        json!({"a": {"b": "1", "c": ["x", "y"]}, "d": "q,r"})
    );
    assert_eq!(shorthand::parse("a=x\\,y").unwrap(), json!({"a": "x,y"}));
    assert!(shorthand::parse("a=1,a=2")
        .unwrap_err()
        .0
        .starts_with("Second instance of key \"a\""));
}

#[test]
fn python_json() {
    assert_eq!(
        pyjson::dumps(&json!({"a": [], "b": {}, "c": [1, 2.5, "é\n"]})),
        "{\n    \"a\": [],\n    \"b\": {},\n    \"c\": [\n        1,\n        2.5,\n        \"é\\n\"\n    ]\n}"
    );
    for (f, s) in [
        (70.0, "70.0"),
        (1e16, "1e+16"),
        (1e-5, "1e-05"),
        (0.0001, "0.0001"),
        (123.456, "123.456"),
        (-2.5e-7, "-2.5e-07"),
    ] {
        assert_eq!(pyjson::float_repr(f), s);
    }
    assert_eq!(
        pyjson::loads("[1,]").unwrap_err().0,
        "Illegal trailing comma before end of array: line 1 column 3 (char 2)"
    );
    assert_eq!(
        pyjson::loads("").unwrap_err().0,
        "Expecting value: line 1 column 1 (char 0)"
    );
    assert_eq!(
        pyjson::loads("{\"a\" 1}").unwrap_err().0,
        "Expecting ':' delimiter: line 1 column 6 (char 5)"
    );
    assert_eq!(
        pyjson::loads("01").unwrap_err().0,
        "Extra data: line 1 column 2 (char 1)"
    );
    assert_eq!(
        pyjson::py_repr(&json!({"a": [true, null, "it's"]}), false),
        "{'a': [True, None, \"it's\"]}"
    );
}

#[test]
fn jmespath_expressions() {
    use crate::cli::jmespath::{compile, search};
    let data = json!({"Keys": [{"KeyId": "b", "N": 2}, {"KeyId": "a", "N": 1}], "M": {"z": 1, "y": 2}});
    let q = |e: &str| search(&compile(e).unwrap(), &data).unwrap();
    assert_eq!(q("Keys[*].KeyId"), json!(["b", "a"]));
    assert_eq!(q("Keys[?N > `1`].KeyId | [0]"), json!("b"));
    assert_eq!(q("sort_by(Keys, &KeyId)[].KeyId"), json!(["a", "b"]));
    assert_eq!(q("length(Keys)"), json!(2));
    assert_eq!(q("M.*"), json!([1, 2]));
    assert_eq!(q("keys(M)"), json!(["z", "y"]));
    assert_eq!(q("Keys[0].{Id: KeyId, n: N}"), json!({"Id": "b", "n": 2}));
    assert_eq!(q("Keys[-1].KeyId"), json!("a"));
    assert_eq!(q("Keys[::-1].N"), json!([1, 2]));
    assert_eq!(q("Keys[?KeyId == 'a'] | [0].N"), json!(1));
    assert_eq!(q("missing || 'x'"), json!("x"));
    assert!(compile("Keys[").is_err());
}

/// Expected strings produced by awscli's own TableFormatter/TextFormatter
/// (colour off) for the same data.
#[test]
fn table_and_text_match_awscli() {
    use crate::cli::{table, text};
    let status = json!({"KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab", "KeyRotationEnabled": true,
        "NextRotationDate": "2027-03-02T09:00:00+00:00", "RotationPeriodInDays": 365});
    assert_eq!(
        table::format("GetKeyRotationStatus", &status, 80),
        "------------------------------------------------------------------\n\
         |                      GetKeyRotationStatus                      |\n\
         +-----------------------+----------------------------------------+\n\
         |  KeyId                |  1234abcd-12ab-34cd-56ef-1234567890ab  |\n\
         |  KeyRotationEnabled   |  True                                  |\n\
         |  NextRotationDate     |  2027-03-02T09:00:00+00:00             |\n\
         |  RotationPeriodInDays |  365                                   |\n\
         +-----------------------+----------------------------------------+\n"
    );
    assert_eq!(
        text::format(&status),
        "1234abcd-12ab-34cd-56ef-1234567890ab\tTrue\t2027-03-02T09:00:00+00:00\t365\n"
    );
    let keys = json!({"Keys": [{"KeyId": "a1", "KeyArn": "arn:aws:kms:us-west-2:111122223333:key/a1"},
        {"KeyId": "b2", "KeyArn": "arn:aws:kms:us-west-2:111122223333:key/b2"}], "Tags": [{"K": "x", "V": [1, 2]}]});
    assert_eq!(
        table::format("ListKeys", &keys, 80),
        "----------------------------------------------------------\n\
         |                        ListKeys                        |\n\
         +--------------------------------------------------------+\n\
         ||                         Keys                         ||\n\
         |+---------------------------------------------+--------+|\n\
         ||                   KeyArn                    | KeyId  ||\n\
         |+---------------------------------------------+--------+|\n\
         ||  arn:aws:kms:us-west-2:111122223333:key/a1  |  a1    ||\n\
         ||  arn:aws:kms:us-west-2:111122223333:key/b2  |  b2    ||\n\
         |+---------------------------------------------+--------+|\n\
         ||                         Tags                         ||\n\
         |+------------------------------------------------------+|\n\
         ||                           K                          ||\n\
         |+------------------------------------------------------+|\n\
         ||  x                                                   ||\n\
         |+------------------------------------------------------+|\n\
         |||                          V                         |||\n\
         ||+----------------------------------------------------+||\n\
         |||  1                                                 |||\n\
         |||  2                                                 |||\n\
         ||+----------------------------------------------------+||\n"
    );
    assert_eq!(
        text::format(&keys),
        "KEYS\tarn:aws:kms:us-west-2:111122223333:key/a1\ta1\nKEYS\tarn:aws:kms:us-west-2:111122223333:key/b2\tb2\nTAGS\tx\nV\t1\nV\t2\n"
    );
}

/// The CLI is a shell over the model like the UI: no browser crates, no
/// wall clock (same rule as `tidy::the_model_stays_pure` for `src/sim`).
#[test]
fn the_cli_stays_pure() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/cli.rs")];
    let mut dirs = vec![root.join("src/cli")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).expect("readable").flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") && !p.ends_with("parsing.rs") {
                files.push(p);
            }
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).expect("utf-8");
        for word in [
            "yew::",
            "web_sys",
            "js_sys",
            "gloo",
            "wasm_bindgen",
            "Utc::now",
            "Local::now",
            "Instant::now",
            "SystemTime::now",
        ] {
            assert!(!text.contains(word), "{} uses {word}", file.display());
        }
    }
}
