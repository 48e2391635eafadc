//! `World::call` with arbitrary requests: the service and operation are
//! chosen from the models, the parameters are built from the operation's
//! input shape out of the fuzzer's bytes (with identifiers of resources that
//! exist, values the model allows and values it does not), or are arbitrary
//! JSON. Checked for every request: no panic, errors carry a code and a
//! message, an input error changes nothing; at the end, the journal replays
//! to the same world.
#![no_main]

use std::sync::OnceLock;

use kms_playground::sim::model::{ServiceModel, ShapeKind};
use kms_playground::sim::{ServiceName, Settings, World, WorldFile};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

/// Reads choices from the fuzzer's bytes; zeros once they run out.
struct Bytes<'a> {
    data: &'a [u8],
}

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (usize::from(self.byte()) << 8 | usize::from(self.byte())) % n
    }

    fn text(&mut self) -> String {
        let len = self.below(24);
        let take = len.min(self.data.len());
        let (head, rest) = self.data.split_at(take);
        self.data = rest;
        String::from_utf8_lossy(head).into_owned()
    }
}

/// A world holding a resource of every service, and the identifiers in it.
fn fixture() -> &'static (World, Vec<String>) {
    static FIXTURE: OnceLock<(World, Vec<String>)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let mut w = World::new(11, Settings::default());
        let mut pool = Vec::new();
        let steps: Vec<(&str, &str, Value)> = vec![
            ("kms", "CreateKey", json!({"Description": "fuzz"})),
            ("kms", "CreateKey", json!({"Origin": "EXTERNAL"})),
            (
                "kms",
                "CreateKey",
                json!({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}),
            ),
            ("sns", "CreateTopic", json!({"Name": "fuzz"})),
            ("sqs", "CreateQueue", json!({"QueueName": "fuzz"})),
            ("logs", "CreateLogGroup", json!({"logGroupName": "fuzz"})),
            (
                "logs",
                "CreateLogStream",
                json!({"logGroupName": "fuzz", "logStreamName": "s"}),
            ),
            (
                "events",
                "PutRule",
                json!({"Name": "fuzz", "EventPattern": "{\"source\":[\"aws.kms\"]}"}),
            ),
            (
                "kinesis",
                "CreateStream",
                json!({"StreamName": "fuzz", "ShardCount": 1}),
            ),
            (
                "cloudtrail",
                "CreateTrail",
                json!({"Name": "fuzz", "S3BucketName": "fuzz-bucket"}),
            ),
            (
                "cloudwatch",
                "PutMetricData",
                json!({"Namespace": "Fuzz", "MetricData": [{"MetricName": "M", "Value": 1.0}]}),
            ),
        ];
        for (service, op, params) in steps {
            if let Ok(out) = w.call(service, op, &params) {
                collect_strings(&out, &mut pool);
            }
        }
        for id in [
            "alias/fuzz",
            "alias/aws/ebs",
            "fuzz",
            "default",
            "s",
            "Fuzz",
            "M",
            "shardId-000000000000",
        ] {
            pool.push(id.to_owned());
        }
        (w, pool)
    })
}

fn collect_strings(v: &Value, pool: &mut Vec<String>) {
    match v {
        Value::String(s) if s.len() <= 2048 && pool.len() < 256 => pool.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| collect_strings(i, pool)),
        Value::Object(map) => map.values().for_each(|i| collect_strings(i, pool)),
        _ => {}
    }
}

const STRINGS: &[&str] = &[
    "",
    "a",
    "*",
    "alias/",
    "alias/aws/",
    "arn:aws:",
    "arn:aws:kms:us-west-2:111122223333:key/",
    "arn:aws:sns:us-west-2:111122223333:",
    "https://sqs.us-west-2.amazonaws.com/111122223333/",
    "{}",
    "[]",
    "{\"source\":[{\"prefix\":\"\"}]}",
    "{\"a\":[{\"numeric\":[\">\",0,\"<\",1e9]}]}",
    "rate(1 minute)",
    "cron(0/5 * * * ? *)",
    "AAAA",
    "é☃\u{0}",
    "-1",
    "1e400",
    "email",
    "sqs",
    "lambda",
    "learner@example.com",
    "[ERROR]",
    "{ $.a = 1 }",
    "ENCRYPT_DECRYPT",
];

const NUMBERS: &[f64] = &[
    0.0, 1.0, -1.0, 7.0, 30.0, 60.0, 61.0, 300.0, 3600.0, 86400.0, 1e308, -1e308, 0.5, 1e-300,
];
const INTEGERS: &[i64] = &[
    0,
    1,
    -1,
    2,
    7,
    10,
    30,
    60,
    1000,
    86400,
    i32::MAX as i64,
    i64::MAX,
    i64::MIN,
];

fn string(b: &mut Bytes, pool: &[String], enums: &[String]) -> Value {
    match b.byte() % 8 {
        0 | 1 if !enums.is_empty() => Value::String(enums[b.below(enums.len())].clone()),
        0..=3 if !pool.is_empty() => Value::String(pool[b.below(pool.len())].clone()),
        4 => Value::String(STRINGS[b.below(STRINGS.len())].to_owned()),
        5 => Value::String("x".repeat(b.below(5_000))),
        _ => Value::String(b.text()),
    }
}

fn value(model: &ServiceModel, shape_name: &str, b: &mut Bytes, pool: &[String], depth: usize) -> Value {
    let Some(shape) = model.shape(shape_name) else {
        return Value::Null;
    };
    // Now and then, a value of the wrong kind.
    if b.byte() == 255 {
        return arbitrary(b, 2);
    }
    match shape.kind {
        ShapeKind::Structure => {
            let mut map = Map::new();
            if depth < 6 {
                for (member, member_shape) in &shape.members {
                    let wanted = if shape.required.contains(member) { 7 } else { 2 };
                    if b.byte() % 8 < wanted {
                        map.insert(member.clone(), value(model, member_shape, b, pool, depth + 1));
                    }
                }
            }
            Value::Object(map)
        }
        ShapeKind::List => {
            let n = if depth < 6 { b.below(4) } else { 0 };
            let member = shape.member.clone().unwrap_or_default();
            Value::Array((0..n).map(|_| value(model, &member, b, pool, depth + 1)).collect())
        }
        ShapeKind::Map => {
            let n = if depth < 6 { b.below(3) } else { 0 };
            let key_shape = shape.key.clone().unwrap_or_default();
            let value_shape = shape.value.clone().unwrap_or_default();
            let mut map = Map::new();
            for _ in 0..n {
                let key = match value(model, &key_shape, b, pool, depth + 1) {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                map.insert(key, value(model, &value_shape, b, pool, depth + 1));
            }
            Value::Object(map)
        }
        ShapeKind::String => string(b, pool, &shape.enum_values),
        ShapeKind::Blob => match b.byte() % 3 {
            0 if !pool.is_empty() => Value::String(pool[b.below(pool.len())].clone()),
            1 => Value::String("AAAAAAAAAAAAAAAAAAAAAA==".into()),
            _ => {
                let text = b.text();
                Value::String(base64_encode(text.as_bytes()))
            }
        },
        ShapeKind::Integer | ShapeKind::Long => match b.byte() % 4 {
            0 => json!(shape.min.unwrap_or(0.0) as i64 + i64::from(b.byte() % 3) - 1),
            1 => json!(shape.max.unwrap_or(1e9) as i64 + i64::from(b.byte() % 3) - 1),
            _ => json!(INTEGERS[b.below(INTEGERS.len())]),
        },
        ShapeKind::Double => json!(NUMBERS[b.below(NUMBERS.len())]),
        ShapeKind::Boolean => json!(b.byte() % 2 == 0),
        ShapeKind::Timestamp => match b.byte() % 4 {
            0 => json!(1_772_442_000 + i64::from(b.byte() as i8) * 3600),
            1 => json!(INTEGERS[b.below(INTEGERS.len())]),
            2 => json!("2026-03-02T09:00:00Z"),
            _ => Value::String(b.text()),
        },
    }
}

fn arbitrary(b: &mut Bytes, depth: usize) -> Value {
    match b.byte() % 7 {
        0 => Value::Null,
        1 => json!(b.byte() % 2 == 0),
        2 => json!(INTEGERS[b.below(INTEGERS.len())]),
        3 => json!(NUMBERS[b.below(NUMBERS.len())]),
        4 => Value::String(b.text()),
        5 if depth > 0 => Value::Array((0..b.below(3)).map(|_| arbitrary(b, depth - 1)).collect()),
        _ if depth > 0 => {
            let mut map = Map::new();
            for _ in 0..b.below(3) {
                map.insert(b.text(), arbitrary(b, depth - 1));
            }
            Value::Object(map)
        }
        _ => Value::Null,
    }
}

fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &c)| acc | u32::from(c) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let (base, base_pool) = fixture();
    let mut world = base.clone();
    let mut pool = base_pool.clone();
    let mut b = Bytes { data };
    let steps = 1 + b.below(6);
    for _ in 0..steps {
        if b.byte() % 6 == 0 {
            const ADVANCES: &[i64] = &[1, 999, 60_000, 3_600_000, 86_400_000, 30 * 86_400_000, 400 * 86_400_000];
            world.advance_by(ADVANCES[b.below(ADVANCES.len())]);
            continue;
        }
        let service = ServiceName::ALL[b.below(ServiceName::ALL.len())];
        let model = service.model();
        let op = &model.operations[b.below(model.operations.len())];
        let params = match (b.byte() % 16, op.input.as_deref()) {
            (0, _) | (_, None) => arbitrary(&mut b, 3),
            (_, Some(input)) => value(model, input, &mut b, &pool, 0),
        };
        let journal = world.journal().len();
        let services_before = format!("{:?}", world.services());
        let deadline_before = world.next_deadline();
        match world.call(service.as_str(), &op.name, &params) {
            Ok(out) => collect_strings(&out, &mut pool),
            Err(e) => {
                // KMS's cryptographic failures carry no message, as AWS's.
                let silent = [
                    "InvalidCiphertextException",
                    "KMSInvalidSignatureException",
                    "KMSInvalidMacException",
                ];
                assert!(
                    !e.code.is_empty() && (!e.message.is_empty() || silent.contains(&e.code.as_str())),
                    "{e:?}"
                );
                if e.input {
                    assert_eq!(world.journal().len(), journal, "input error journaled: {e}");
                    assert_eq!(world.next_deadline(), deadline_before, "input error scheduled: {e}");
                    assert!(
                        format!("{:?}", world.services()) == services_before,
                        "input error changed the world: {} {} {params}: {e}",
                        service.as_str(),
                        op.name
                    );
                }
            }
        }
    }
    let file = WorldFile::of(&world);
    let rebuilt = file.build().expect("a world's own journal replays");
    assert!(
        format!("{:?}", rebuilt.services()) == format!("{:?}", world.services()),
        "replay differs"
    );
});
