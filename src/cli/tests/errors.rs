//! Bad input: each gives the CLI's message and exit code, and changes
//! nothing in the world.

use super::kms::{fail, world};
use crate::cli::errors::USAGE;
use crate::sim::WorldFile;

/// Runs a failing line and checks the world is byte for byte unchanged.
fn refused(line: &str) -> (String, i32) {
    let mut w = world();
    let before = WorldFile::of(&w).to_json();
    let out = fail(&mut w, line);
    assert_eq!(WorldFile::of(&w).to_json(), before, "{line} changed the world");
    assert!(w.journal().is_empty(), "{line} made a call");
    (out.stderr, out.exit_code)
}

fn usage(message: &str) -> String {
    format!("\naws: [ERROR]: An error occurred (ParamValidation): {message}\n\n{USAGE}")
}

#[test]
fn unknown_service_and_command() {
    assert_eq!(
        refused("aws kmz list-keys"),
        (usage("argument command: Found invalid choice 'kmz'\n"), 252)
    );
    assert_eq!(
        refused("aws kms describe-kye --key-id x"),
        (
            usage("argument operation: Found invalid choice 'describe-kye'\n\nMaybe you meant:\n  * describe-key"),
            252
        )
    );
    assert_eq!(
        refused("aws s3 ls"),
        (usage("argument command: Found invalid choice 's3'\n"), 252)
    );
    assert_eq!(
        refused("aws"),
        (usage("the following arguments are required: command"), 252)
    );
    assert_eq!(
        refused("aws kms"),
        (usage("the following arguments are required: operation"), 252)
    );
}

#[test]
fn unknown_option() {
    assert_eq!(
        refused("aws kms list-keys --foo 1"),
        (format!("\n{USAGE}\n\naws: [ERROR]: Unknown options: --foo, 1\n"), 252)
    );
}

#[test]
fn missing_required_and_missing_value() {
    assert_eq!(
        refused("aws kms schedule-key-deletion --pending-window-in-days 7"),
        (usage("the following arguments are required: --key-id"), 252)
    );
    assert_eq!(
        refused("aws kms get-parameters-for-import --key-id k"),
        (
            usage("the following arguments are required: --wrapping-algorithm, --wrapping-key-spec"),
            252
        )
    );
    assert_eq!(
        refused("aws kms describe-key --key-id"),
        (usage("argument --key-id: expected one argument"), 252)
    );
    let (legacy, _) = refused("aws kms describe-key --cli-error-format legacy");
    assert_eq!(
        legacy,
        format!("\naws: [ERROR]: the following arguments are required: --key-id\n\n{USAGE}")
    );
}

#[test]
fn wrong_types() {
    assert_eq!(
        refused("aws kms schedule-key-deletion --key-id k --pending-window-in-days seven"),
        (
            "\naws: [ERROR]: invalid literal for int() with base 10: 'seven'\n".into(),
            255
        )
    );
    assert_eq!(
        refused("aws kms schedule-key-deletion --key-id k --pending-window-in-days 0"),
        (
            "\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\n\
             Invalid value for parameter PendingWindowInDays, value: 0, valid min value: 1\n"
                .into(),
            252
        )
    );
    assert_eq!(
        refused(r#"aws kms create-key --cli-input-json '{"Description": 5, "Bogus": 1}'"#),
        (
            "\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\n\
             Unknown parameter in input: \"Bogus\", must be one of: Policy, Description, KeyUsage, \
             CustomerMasterKeySpec, KeySpec, Origin, CustomKeyStoreId, BypassPolicyLockoutSafetyCheck, Tags, \
             MultiRegion, XksKeyId\n\
             Invalid type for parameter Description, value: 5, type: <class 'int'>, valid types: <class 'str'>\n"
                .into(),
            252
        )
    );
}

#[test]
fn bad_json_and_bad_shorthand() {
    assert_eq!(
        refused(r#"aws events put-targets --rule r --targets '[{"Id":1'"#),
        (
            "\naws: [ERROR]: An error occurred (ParamValidation): Error parsing parameter '--targets': Invalid JSON: \
             Expecting ',' delimiter: line 1 column 9 (char 8)\nJSON received: [{\"Id\":1\n"
                .into(),
            252
        )
    );
    assert_eq!(
        refused("aws events put-targets --rule r --targets Id=1,Arn"),
        (
            "\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\n\
             Missing required parameter in Targets[0]: \"Arn\"\n\
             Invalid type for parameter Targets[0].Id, value: ['1', 'Arn'], type: <class 'list'>, valid types: <class 'str'>\n"
                .into(),
            252
        )
    );
    assert_eq!(
        refused(r#"aws events put-targets --rule r --targets 'Id=2,Arn=b,Input={"a":1}'"#),
        (
            "\naws: [ERROR]: An error occurred (ParamValidation): Error parsing parameter '--targets': \
             Expected: '=', received: '\"' for input:\nId=2,Arn=b,Input={\"a\":1}\n                  ^\n"
                .into(),
            252
        )
    );
    assert_eq!(
        refused("aws kms create-key --cli-input-json '{'"),
        (
            "\naws: [ERROR]: An error occurred (ParamValidation): Error parsing parameter '--cli-input-json': \
             Invalid JSON received: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\n"
                .into(),
            252
        )
    );
}

#[test]
fn files_do_not_exist_in_the_browser() {
    assert_eq!(
        refused("aws kms encrypt --key-id k --plaintext fileb://secret.bin"),
        (
            "\naws: [ERROR]: An error occurred (ParamValidation): Error parsing parameter '--plaintext': \
             Unable to load paramfile fileb://secret.bin: [Errno 2] No such file or directory: 'secret.bin'\n"
                .into(),
            252
        )
    );
}

#[test]
fn shell_errors() {
    let mut w = world();
    let out = fail(&mut w, "aws kms describe-key --key-id 'abc");
    assert_eq!(out.stderr, "bash: unexpected EOF while looking for matching `''\n");
    assert_eq!(out.exit_code, 2);
    assert!(w.journal().is_empty());
    let out = fail(&mut w, "aws kms list-keys | jq .");
    assert_eq!(out.exit_code, 2);
    let out = fail(&mut w, "kms list-keys");
    assert_eq!(
        (out.stderr.as_str(), out.exit_code),
        ("bash: kms: command not found\n", 127)
    );
    assert!(!crate::cli::is_complete("aws kms list-keys \\"));
    assert!(!crate::cli::is_complete("aws kms describe-key --key-id \"abc"));
    assert!(crate::cli::is_complete("aws kms list-keys"));
}

#[test]
fn other_regions_and_profiles() {
    assert_eq!(
        refused("aws kms list-keys --region us-east-1"),
        (
            "\naws: [ERROR]: Could not connect to the endpoint URL: \"https://kms.us-east-1.amazonaws.com/\"\n".into(),
            255
        )
    );
    assert_eq!(
        refused("aws kms list-keys --region 'bad region'"),
        (
            "\naws: [ERROR]: Provided region_name 'bad region' doesn't match a supported format.\n".into(),
            255
        )
    );
    assert_eq!(
        refused("aws kms list-keys --profile prod"),
        (
            "\naws: [ERROR]: The config profile (prod) could not be found\n".into(),
            255
        )
    );
    assert_eq!(
        refused("aws kms list-keys --output xml"),
        (usage("argument --output: Found invalid choice 'xml'\n"), 252)
    );
    assert!(refused("aws kms list-keys --query 'Keys[('")
        .0
        .contains("Bad value for --query Keys[("));
}
