//! A learner wraps key material by hand with the `openssl` commands of AWS's
//! guide ("Encrypt the key material") and imports it through the request
//! API. Needs the `openssl` command line, which every Debian machine has;
//! the test fails loudly where it is missing rather than passing unchecked.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;

use super::support::*;
use crate::sim::params::b64;
use crate::sim::rng::hex;
use crate::sim::time::DAY;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kms-playground-openssl-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[track_caller]
fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the `openssl` command line is needed by this test (apt-get install openssl)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The guide's `pkeyutl` command for RSAES_OAEP_SHA_256.
const PKEYUTL_OAEP_SHA256: [&str; 14] = [
    "pkeyutl",
    "-encrypt",
    "-in",
    "IN",
    "-out",
    "OUT",
    "-inkey",
    "PublicKey.bin",
    "-keyform",
    "DER",
    "-pubin",
    "-pkeyopt",
    "rsa_padding_mode:oaep",
    "-pkeyopt",
];

fn pkeyutl(dir: &Path, input: &str, output: &str) {
    let mut args: Vec<&str> = PKEYUTL_OAEP_SHA256.to_vec();
    args[3] = input;
    args[5] = output;
    args.extend(["rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"]);
    openssl(dir, &args);
}

fn import_wrapped_by_openssl(algorithm: &str) {
    let mut w = world();
    let (id, arn) = create(&mut w, json!({"Origin": "EXTERNAL"}));
    let params = ok(
        &mut w,
        "GetParametersForImport",
        json!({"KeyId": id, "WrappingAlgorithm": algorithm, "WrappingKeySpec": "RSA_2048"}),
    );
    let dir = scratch(algorithm);
    // Save the public key as the guide does, then decode it with openssl.
    std::fs::write(dir.join("PublicKey.b64"), params["PublicKey"].as_str().unwrap()).unwrap();
    openssl(
        &dir,
        &[
            "enc",
            "-d",
            "-base64",
            "-A",
            "-in",
            "PublicKey.b64",
            "-out",
            "PublicKey.bin",
        ],
    );
    openssl(&dir, &["rand", "-out", "PlaintextKeyMaterial.bin", "32"]);
    if algorithm == "RSAES_OAEP_SHA_256" {
        pkeyutl(&dir, "PlaintextKeyMaterial.bin", "EncryptedKeyMaterial.bin");
    } else {
        openssl(&dir, &["rand", "-out", "aes-key.bin", "32"]);
        let aes_key = hex(&std::fs::read(dir.join("aes-key.bin")).unwrap());
        openssl(
            &dir,
            &[
                "enc",
                "-id-aes256-wrap-pad",
                "-K",
                &aes_key,
                "-iv",
                "A65959A6",
                "-in",
                "PlaintextKeyMaterial.bin",
                "-out",
                "key-material-wrapped.bin",
            ],
        );
        pkeyutl(&dir, "aes-key.bin", "aes-key-wrapped.bin");
        let mut joined = std::fs::read(dir.join("aes-key-wrapped.bin")).unwrap();
        joined.extend(std::fs::read(dir.join("key-material-wrapped.bin")).unwrap());
        std::fs::write(dir.join("EncryptedKeyMaterial.bin"), joined).unwrap();
    }
    let wrapped = std::fs::read(dir.join("EncryptedKeyMaterial.bin")).unwrap();
    let valid_to = w.now().plus(30 * DAY);
    let out = ok(
        &mut w,
        "ImportKeyMaterial",
        json!({"KeyId": id, "ImportToken": params["ImportToken"], "EncryptedKeyMaterial": b64(&wrapped),
               "ExpirationModel": "KEY_MATERIAL_EXPIRES", "ValidTo": valid_to.iso_millis()}),
    );
    assert_eq!(out["KeyId"], arn);
    assert_eq!(state(&mut w, &id), "Enabled");
    let material = std::fs::read(dir.join("PlaintextKeyMaterial.bin")).unwrap();
    assert_eq!(out["KeyMaterialId"], crate::sim::kms::crypto::material_id(&material));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn material_wrapped_with_openssl_oaep_sha256_imports() {
    import_wrapped_by_openssl("RSAES_OAEP_SHA_256");
}

#[test]
fn material_wrapped_with_openssl_aes_key_wrap_imports() {
    import_wrapped_by_openssl("RSA_AES_KEY_WRAP_SHA_256");
}
