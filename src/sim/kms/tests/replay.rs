//! Determinism: a journal of 1,000 mixed requests (KMS with CloudWatch,
//! SNS and EventBridge around it) spread over a simulated year, replayed,
//! gives byte-identical responses, ids, ciphertexts and events.

use rsa::pkcs8::DecodePublicKey;
use serde_json::{json, Value};

use super::support::*;
use crate::sim::params::b64;
use crate::sim::rng::SimRng;
use crate::sim::time::{DAY, HOUR};
use crate::sim::{World, WorldFile};

/// Drives `w` with `n` requests chosen by `driver` and returns the transcript
/// of every journaled request's response.
fn drive(w: &mut World, n: usize, driver: &mut SimRng) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut blobs: Vec<Value> = Vec::new();
    let mut transcript = Vec::new();
    let created = w.call("sns", "CreateTopic", &json!({"Name": "replay"}));
    transcript.push(format!("{created:?}"));
    let topic = created.unwrap()["TopicArn"].clone();
    for i in 0..n {
        // One request in four waits up to three days first: about a year in all.
        if driver.below(4) == 0 {
            w.advance_by(driver.below(72 * HOUR as u64) as i64);
        }
        let key = if keys.is_empty() {
            String::from("none")
        } else {
            keys[driver.below(keys.len() as u64) as usize].clone()
        };
        let mut service = "kms";
        let (op, params) = match driver.below(16) {
            0 => ("CreateKey", json!({"Description": format!("key {i}")})),
            1 => ("CreateKey", json!({"Origin": "EXTERNAL"})),
            2 | 3 => (
                "Encrypt",
                json!({"KeyId": key, "Plaintext": b64_of(&format!("message {i}")), "EncryptionContext": {"n": i.to_string()}}),
            ),
            4 if !blobs.is_empty() => ("Decrypt", blobs[driver.below(blobs.len() as u64) as usize].clone()),
            5 => ("GenerateDataKey", json!({"KeyId": key, "NumberOfBytes": 32})),
            6 => (
                "ScheduleKeyDeletion",
                json!({"KeyId": key, "PendingWindowInDays": 7 + driver.below(24)}),
            ),
            7 => ("CancelKeyDeletion", json!({"KeyId": key})),
            8 => (
                "EnableKeyRotation",
                json!({"KeyId": key, "RotationPeriodInDays": 90 + driver.below(300)}),
            ),
            9 => (
                if driver.below(2) == 0 {
                    "DisableKey"
                } else {
                    "EnableKey"
                },
                json!({"KeyId": key}),
            ),
            10 => {
                let got = w.call(
                    "kms",
                    "GetParametersForImport",
                    &json!({"KeyId": key, "WrappingAlgorithm": "RSAES_OAEP_SHA_256", "WrappingKeySpec": "RSA_2048"}),
                );
                transcript.push(format!("{got:?}"));
                let Ok(p) = got else { continue };
                let der = base64::Engine::decode(
                    &base64::engine::general_purpose::STANDARD,
                    p["PublicKey"].as_str().unwrap(),
                )
                .unwrap();
                let public = rsa::RsaPublicKey::from_public_key_der(&der).unwrap();
                let material = [(i % 3) as u8; 32];
                let wrapped = crate::sim::kms::wrap_material(&public, "RSAES_OAEP_SHA_256", &material, driver).unwrap();
                let valid_to = w.now().plus((1 + driver.below(60) as i64) * DAY);
                (
                    "ImportKeyMaterial",
                    json!({"KeyId": key, "ImportToken": p["ImportToken"], "EncryptedKeyMaterial": b64(&wrapped), "ValidTo": valid_to.iso_millis()}),
                )
            }
            11 => (
                "TagResource",
                json!({"KeyId": key, "Tags": [{"TagKey": "n", "TagValue": i.to_string()}]}),
            ),
            12 => {
                service = "cloudwatch";
                (
                    "PutMetricAlarm",
                    json!({"AlarmName": format!("expiry-{key}"), "Namespace": "AWS/KMS",
                           "MetricName": "SecondsUntilKeyMaterialExpiration", "Dimensions": [{"Name": "KeyId", "Value": key}],
                           "Statistic": "Minimum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 864000.0,
                           "ComparisonOperator": "LessThanOrEqualToThreshold", "AlarmActions": [topic]}),
                )
            }
            13 => {
                service = "cloudwatch";
                (
                    "PutMetricData",
                    json!({"Namespace": "App", "MetricData": [{"MetricName": "Latency", "Value": driver.below(500), "Unit": "Milliseconds"}]}),
                )
            }
            14 => {
                service = "events";
                if driver.below(2) == 0 {
                    (
                        "PutRule",
                        json!({"Name": format!("rule-{}", driver.below(5)), "EventPattern": r#"{"source":["aws.kms"]}"#}),
                    )
                } else {
                    (
                        "PutEvents",
                        json!({"Entries": [{"Source": "com.example", "DetailType": "Tick", "Detail": format!(r#"{{"n":{i}}}"#)}]}),
                    )
                }
            }
            _ => {
                service = "sns";
                ("Publish", json!({"TopicArn": topic, "Message": format!("message {i}")}))
            }
        };
        let journaled_before = w.journal().len();
        let got = w.call(service, op, &params);
        if let Ok(out) = &got {
            if op == "CreateKey" {
                keys.push(out["KeyMetadata"]["KeyId"].as_str().unwrap().to_owned());
            }
            if op == "Encrypt" {
                blobs.push(
                    json!({"CiphertextBlob": out["CiphertextBlob"], "EncryptionContext": params["EncryptionContext"]}),
                );
            }
        }
        if w.journal().len() > journaled_before {
            transcript.push(format!("{got:?}"));
        }
    }
    w.advance_by(365 * DAY);
    transcript
}

#[test]
fn replaying_the_journal_reproduces_every_response_byte_for_byte() {
    let mut w = world();
    let transcript = drive(&mut w, 1000, &mut SimRng::from_seed(5));
    // The requests themselves spread over about a year (then a quiet year).
    assert!(w.journal().last().unwrap().at.since(crate::sim::world::DEFAULT_EPOCH) > 300 * DAY);
    let services: std::collections::BTreeSet<String> =
        w.journal().iter().map(|e| e.service.as_str().to_owned()).collect();
    assert_eq!(services.len(), 4, "{services:?}");
    assert!(
        w.journal().len() > 500,
        "most requests reach the model: {}",
        w.journal().len()
    );

    // Replay the journal by hand, comparing every response.
    let mut replayed = World::new(w.seed(), w.settings().clone());
    let mut responses = Vec::new();
    for entry in w.journal() {
        replayed.advance_to(entry.at);
        responses.push(format!(
            "{:?}",
            replayed.call(entry.service.as_str(), &entry.operation, &entry.params)
        ));
    }
    replayed.advance_to(w.now());
    assert_eq!(responses.len(), transcript.len());
    for (i, (a, b)) in transcript.iter().zip(&responses).enumerate() {
        assert_eq!(a, b, "response {i} differs");
    }

    // And through the world file, as import and share links do.
    let file = WorldFile::of(&w).to_json();
    let rebuilt = WorldFile::parse(&file).unwrap().build().unwrap();
    assert_eq!(WorldFile::of(&rebuilt).to_json(), file);
    assert_eq!(rebuilt.services().events.bus_events(), w.services().events.bus_events());
    let trail = |w: &World| -> Vec<Value> {
        w.services()
            .cloudtrail
            .history()
            .map(|r| r.to_json(w.settings()))
            .collect()
    };
    assert_eq!(trail(&rebuilt), trail(&w));
    let describe = |w: &mut World| -> Vec<Value> {
        let ids: Vec<String> = w.services().kms.keys().map(|k| k.id.clone()).collect();
        ids.iter()
            .map(|id| w.peek("kms", "DescribeKey", &json!({"KeyId": id})).unwrap())
            .collect()
    };
    let mut rebuilt = rebuilt;
    assert_eq!(describe(&mut rebuilt), describe(&mut w));
}

#[test]
fn the_same_seed_gives_the_same_ids_and_another_seed_does_not() {
    let id = |seed| {
        let mut w = World::new(seed, crate::sim::Settings::default());
        ok(&mut w, "CreateKey", json!({}))["KeyMetadata"]["KeyId"].clone()
    };
    assert_eq!(id(1), id(1));
    assert_ne!(id(1), id(2));
}
