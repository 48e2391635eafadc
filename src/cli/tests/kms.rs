//! KMS commands end to end, compared with the CLI's documented output shape.

use serde_json::Value;

use crate::cli::{run, CliOutput};
use crate::sim::{Settings, World};

pub(super) fn world() -> World {
    World::new(7, Settings::default())
}

pub(super) fn ok(world: &mut World, line: &str) -> String {
    let out = run(world, line);
    assert_eq!(out.exit_code, 0, "{line}\nstderr: {}", out.stderr);
    assert_eq!(out.stderr, "", "{line}");
    out.stdout
}

pub(super) fn json(world: &mut World, line: &str) -> Value {
    let text = ok(world, line);
    assert!(text.ends_with("}\n"), "{text}");
    serde_json::from_str(&text).expect("stdout is JSON")
}

pub(super) fn fail(world: &mut World, line: &str) -> CliOutput {
    let out = run(world, line);
    assert_ne!(out.exit_code, 0, "{line} should fail; stdout: {}", out.stdout);
    assert_eq!(out.stdout, "", "{line}");
    out
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn create_key_prints_key_metadata_with_iso_times() {
    let mut w = world();
    let text = ok(&mut w, "aws kms create-key");
    let v: Value = serde_json::from_str(&text).unwrap();
    let md = &v["KeyMetadata"];
    assert_eq!(md["AWSAccountId"], "111122223333");
    assert_eq!(md["CreationDate"], "2026-03-02T09:00:00+00:00");
    assert_eq!(md["KeyState"], "Enabled");
    assert_eq!(md["EncryptionAlgorithms"], serde_json::json!(["SYMMETRIC_DEFAULT"]));
    // json.dumps(indent=4): four-space indent, one list element per line.
    assert!(
        text.starts_with("{\n    \"KeyMetadata\": {\n        \"AWSAccountId\": \"111122223333\",\n"),
        "{text}"
    );
    assert!(
        text.contains("\"EncryptionAlgorithms\": [\n            \"SYMMETRIC_DEFAULT\"\n        ],"),
        "{text}"
    );
    assert_eq!(&keys(md)[..4], ["AWSAccountId", "KeyId", "Arn", "CreationDate"]);
}

#[test]
fn describe_and_list_keys() {
    let mut w = world();
    let id = json(&mut w, "aws kms create-key --description 'my key'")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let d = json(&mut w, &format!("aws kms describe-key --key-id {id}"));
    assert_eq!(d["KeyMetadata"]["Description"], "my key");
    let list = json(&mut w, "aws kms list-keys");
    // Auto-pagination drops Truncated/NextMarker.
    assert_eq!(keys(&list), ["Keys"]);
    let first = &list["Keys"][0];
    assert_eq!(keys(first), ["KeyId", "KeyArn"]);
    // --limit turns pagination off: the raw page, with Truncated.
    let page = json(&mut w, "aws kms list-keys --limit 1");
    assert!(page.get("Truncated").is_some(), "{page}");
}

#[test]
fn import_flow_and_deletion() {
    let mut w = world();
    let id = json(&mut w, "aws kms create-key --origin EXTERNAL")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let p = json(
        &mut w,
        &format!("aws kms get-parameters-for-import --key-id {id} --wrapping-algorithm RSAES_OAEP_SHA_256 --wrapping-key-spec RSA_2048"),
    );
    assert_eq!(keys(&p), ["KeyId", "ImportToken", "PublicKey", "ParametersValidTo"]);
    assert!(p["ParametersValidTo"].as_str().unwrap().ends_with("+00:00"));
    assert!(p["KeyId"]
        .as_str()
        .unwrap()
        .starts_with("arn:aws:kms:us-west-2:111122223333:key/"));
    let s = json(
        &mut w,
        &format!("aws kms schedule-key-deletion --key-id {id} --pending-window-in-days 15"),
    );
    assert_eq!(keys(&s), ["KeyId", "DeletionDate", "KeyState", "PendingWindowInDays"]);
    assert_eq!(s["DeletionDate"], "2026-03-17T09:00:00+00:00");
    assert_eq!(s["PendingWindowInDays"], 15);
    let c = json(&mut w, &format!("aws kms cancel-key-deletion --key-id {id}"));
    assert_eq!(keys(&c), ["KeyId"]);
}

#[test]
fn rotation_commands() {
    let mut w = world();
    let id = json(&mut w, "aws kms create-key")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    // Empty output prints nothing.
    assert_eq!(ok(&mut w, &format!("aws kms enable-key-rotation --key-id {id}")), "");
    let st = json(&mut w, &format!("aws kms get-key-rotation-status --key-id {id}"));
    assert_eq!(st["KeyRotationEnabled"], true);
    assert_eq!(st["NextRotationDate"], "2027-03-02T09:00:00+00:00");
    let r = json(&mut w, &format!("aws kms list-key-rotations --key-id {id}"));
    assert_eq!(keys(&r), ["Rotations"]);
    assert_eq!(ok(&mut w, &format!("aws kms disable-key-rotation --key-id {id}")), "");
}

#[test]
fn encrypt_takes_base64_blobs_and_raw_text_on_request() {
    let mut w = world();
    let id = json(&mut w, "aws kms create-key")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let e = json(&mut w, &format!("aws kms encrypt --key-id {id} --plaintext aGVsbG8="));
    let blob = e["CiphertextBlob"].as_str().unwrap().to_owned();
    let d = json(&mut w, &format!("aws kms decrypt --ciphertext-blob {blob}"));
    assert_eq!(d["Plaintext"], "aGVsbG8=");
    let e2 = json(
        &mut w,
        &format!("aws kms encrypt --key-id {id} --plaintext hello --cli-binary-format raw-in-base64-out"),
    );
    let d2 = json(
        &mut w,
        &format!(
            "aws kms decrypt --ciphertext-blob {}",
            e2["CiphertextBlob"].as_str().unwrap()
        ),
    );
    assert_eq!(d2["Plaintext"], "aGVsbG8=");
    let bad = fail(&mut w, &format!("aws kms encrypt --key-id {id} --plaintext hello"));
    assert_eq!(
        bad.stderr,
        "\naws: [ERROR]: An error occurred (ParamValidation): Invalid base64: \"hello\"\n"
    );
    assert_eq!(bad.exit_code, 252);
}

#[test]
fn service_errors_use_the_enhanced_format() {
    let mut w = world();
    let out = fail(
        &mut w,
        "aws kms describe-key --key-id 1234abcd-12ab-34cd-56ef-1234567890ab",
    );
    assert_eq!(
        out.stderr,
        "\naws: [ERROR]: An error occurred (NotFoundException) when calling the DescribeKey operation: \
         Key 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' does not exist\n"
    );
    assert_eq!(out.exit_code, 254);
    let json_err = fail(
        &mut w,
        "aws kms describe-key --key-id 1234abcd-12ab-34cd-56ef-1234567890ab --cli-error-format json",
    );
    assert!(
        json_err
            .stderr
            .starts_with("{\n    \"Code\": \"NotFoundException\",\n    \"Message\": "),
        "{}",
        json_err.stderr
    );
}

#[test]
fn query_text_and_table() {
    let mut w = world();
    let id = json(&mut w, "aws kms create-key --description demo")["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let q = ok(
        &mut w,
        &format!("aws kms describe-key --key-id {id} --query KeyMetadata.KeyState"),
    );
    assert_eq!(q, "\"Enabled\"\n");
    let kept = ok(
        &mut w,
        &format!("aws kms describe-key --key-id {id} --query 'KeyMetadata.{{S:KeyState,D:Description}}'"),
    );
    assert_eq!(kept, "{\n    \"S\": \"Enabled\",\n    \"D\": \"demo\"\n}\n");
    let t = ok(
        &mut w,
        &format!("aws kms describe-key --key-id {id} --query KeyMetadata.[KeyState,Enabled] --output text"),
    );
    assert_eq!(t, "Enabled\tTrue\n");
    let table = ok(
        &mut w,
        &format!("aws kms get-key-rotation-status --key-id {id} --output table"),
    );
    assert!(table.starts_with("---"), "{table}");
    assert!(table.contains("GetKeyRotationStatus"), "{table}");
}

#[test]
fn max_items_and_starting_token_page_through() {
    let mut w = world();
    for _ in 0..3 {
        ok(&mut w, "aws kms create-key");
    }
    let all = json(&mut w, "aws kms list-keys")["Keys"].as_array().unwrap().clone();
    assert!(all.len() >= 3);
    let first = json(&mut w, "aws kms list-keys --max-items 1 --page-size 2");
    assert_eq!(keys(&first), ["Keys", "NextToken"]);
    assert_eq!(first["Keys"][0], all[0]);
    let token = first["NextToken"].as_str().unwrap().to_owned();
    let rest = json(&mut w, &format!("aws kms list-keys --starting-token {token}"));
    assert_eq!(rest["Keys"].as_array().unwrap()[..], all[1..]);
    let raw = json(&mut w, "aws kms list-keys --no-paginate");
    assert_eq!(raw["Truncated"], false);
}
