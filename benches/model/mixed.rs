//! (b) The mixed request workload: 10,000 requests through `World::call`,
//! the same sequence `benchmarks/moto_workload.py` sends to moto (keep the
//! two in step).
//!
//! Proportions, per 100 requests (a service that mostly uses its keys and
//! reports metrics, occasionally creates a key and reads a chart):
//!
//! | operation                 | share |
//! |---------------------------|------:|
//! | KMS CreateKey             |   1 % |
//! | KMS DescribeKey           |   9 % |
//! | KMS Encrypt               |  20 % |
//! | KMS Decrypt               |  20 % |
//! | KMS GenerateDataKey       |  15 % |
//! | CloudWatch PutMetricData  |  20 % |
//! | CloudWatch GetMetricData  |   2 % |
//! | EventBridge PutEvents     |  13 % |
//!
//! The 100 slots of a cycle are ordered by smooth weighted round-robin (so
//! the kinds interleave) and the cycle repeats 100 times. Request `n` uses
//! key `n % 10` of ten keys created beforehand; Decrypt decrypts one of ten
//! ciphertexts made beforehand; PutMetricData sends two datapoints (Latency
//! and Requests of service `svc{n % 5}`); GetMetricData reads an hour of
//! 1-minute Latency averages; PutEvents puts one entry against 20 rules
//! (4 sources × 5 pattern kinds: source only, source + detail-type,
//! numeric, prefix, anything-but + exists), each with an SQS target. The
//! simulated clock moves 1 second every 100 requests.

use criterion::{BatchSize, Criterion, Throughput};
use kms_playground::sim::time::{HOUR, SECOND};
use kms_playground::sim::World;
use serde_json::{json, Value};

use crate::support::{create_key, ok, rule_to_queue, world};

pub const REQUESTS: usize = 10_000;
pub const MIX: [(&str, &str, u32); 8] = [
    ("kms", "CreateKey", 1),
    ("kms", "DescribeKey", 9),
    ("kms", "Encrypt", 20),
    ("kms", "Decrypt", 20),
    ("kms", "GenerateDataKey", 15),
    ("cloudwatch", "PutMetricData", 20),
    ("cloudwatch", "GetMetricData", 2),
    ("events", "PutEvents", 13),
];
const KEYS: usize = 10;
const SOURCES: [&str; 4] = ["app.orders", "app.payments", "app.inventory", "app.users"];
const DETAIL_TYPES: [&str; 4] = ["Order Placed", "Payment Settled", "Stock Changed", "User Signed Up"];
const STATUSES: [&str; 5] = ["ok", "pending", "failed", "failover", "ok"];
const QUEUE: &str = "arn:aws:sqs:us-west-2:111122223333:bench-events";

/// The order of the operation kinds in one cycle of 100 requests (indices
/// into [`MIX`]), by smooth weighted round-robin: each slot adds every
/// weight to its kind's credit, picks the kind with the most credit (the
/// first on a tie) and takes the total weight off it.
pub fn cycle() -> Vec<usize> {
    let total: i64 = MIX.iter().map(|m| i64::from(m.2)).sum();
    let mut credit = [0i64; MIX.len()];
    (0..total)
        .map(|_| {
            for (c, m) in credit.iter_mut().zip(MIX) {
                *c += i64::from(m.2);
            }
            let mut pick = 0;
            for i in 1..MIX.len() {
                if credit[i] > credit[pick] {
                    pick = i;
                }
            }
            credit[pick] -= total;
            pick
        })
        .collect()
}

/// The 20 rules' patterns: for each source, five kinds of pattern.
pub fn patterns() -> Vec<Value> {
    let mut out = Vec::new();
    for (s, source) in SOURCES.iter().enumerate() {
        out.push(json!({"source": [source]}));
        out.push(json!({"source": [source], "detail-type": [DETAIL_TYPES[s]]}));
        out.push(json!({"source": [source], "detail": {"amount": [{"numeric": [">=", 250]}]}}));
        out.push(json!({"source": [source], "detail": {"status": [{"prefix": "fail"}]}}));
        out.push(json!({"source": [source], "detail": {"status": [{"anything-but": ["ok", "pending"]}], "region": [{"exists": true}]}}));
    }
    out
}

/// The account before the workload, and the requests.
pub struct Workload {
    pub world: World,
    pub requests: Vec<(&'static str, &'static str, Value)>,
}

pub fn prepare() -> Workload {
    let mut w = world();
    ok(&mut w, "sqs", "CreateQueue", json!({"QueueName": "bench-events"}));
    for (i, pattern) in patterns().iter().enumerate() {
        let name = format!("rule-{i:02}");
        rule_to_queue(&mut w, &name, pattern, QUEUE);
    }
    let keys: Vec<String> = (0..KEYS)
        .map(|i| create_key(&mut w, json!({"Description": format!("bench {i}")})))
        .collect();
    let ciphertexts: Vec<Value> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let plaintext = b64(format!("secret {i}").as_bytes());
            ok(&mut w, "kms", "Encrypt", json!({"KeyId": k, "Plaintext": plaintext}))["CiphertextBlob"].clone()
        })
        .collect();
    let start = w.now();
    let (from, until) = (start.plus(-HOUR).epoch_seconds(), start.plus(HOUR).epoch_seconds());
    let order = cycle();
    let requests = (0..REQUESTS)
        .map(|n| {
            let (service, op, _) = MIX[order[n % order.len()]];
            let key = &keys[n % KEYS];
            let svc = format!("svc{}", n % 5);
            let params = match op {
                "CreateKey" => json!({"Description": format!("bench key {n}")}),
                "DescribeKey" => json!({"KeyId": key}),
                "Encrypt" => json!({"KeyId": key, "Plaintext": b64(format!("payload {n}").as_bytes())}),
                "Decrypt" => json!({"CiphertextBlob": ciphertexts[n % KEYS]}),
                "GenerateDataKey" => json!({"KeyId": key, "KeySpec": "AES_256"}),
                "PutMetricData" => json!({"Namespace": "Bench/App", "MetricData": [
                    {"MetricName": "Latency", "Dimensions": [{"Name": "Service", "Value": svc}],
                     "Value": (n % 1000) as f64, "Unit": "Milliseconds"},
                    {"MetricName": "Requests", "Dimensions": [{"Name": "Service", "Value": svc}],
                     "Value": 1.0, "Unit": "Count"},
                ]}),
                "GetMetricData" => json!({
                    "MetricDataQueries": [{"Id": "latency", "MetricStat": {
                        "Metric": {"Namespace": "Bench/App", "MetricName": "Latency",
                                   "Dimensions": [{"Name": "Service", "Value": svc}]},
                        "Period": 60, "Stat": "Average"}}],
                    "StartTime": from, "EndTime": until,
                }),
                "PutEvents" => {
                    let s = n % SOURCES.len();
                    let detail = json!({"orderId": n, "amount": n % 500, "status": STATUSES[n % 5], "region": "us-west-2"});
                    json!({"Entries": [{"Source": SOURCES[s], "DetailType": DETAIL_TYPES[s], "Detail": detail.to_string()}]})
                }
                _ => unreachable!("every kind of MIX is built"),
            };
            (service, op, params)
        })
        .collect();
    Workload { world: w, requests }
}

fn b64(bytes: &[u8]) -> String {
    base64::Engine::encode(&base64::engine::general_purpose::STANDARD, bytes)
}

/// Sends every request, moving the clock 1 s every 100; returns how many
/// failed.
pub fn run(w: &mut World, requests: &[(&str, &str, Value)]) -> usize {
    let mut failed = 0;
    for (n, (service, op, params)) in requests.iter().enumerate() {
        if n % 100 == 99 {
            w.advance_by(SECOND);
        }
        failed += usize::from(std::hint::black_box(w.call(service, op, params)).is_err());
    }
    failed
}

pub fn bench(c: &mut Criterion) {
    let workload = prepare();
    {
        let mut w = workload.world.clone();
        let failed = run(&mut w, &workload.requests);
        assert_eq!(failed, 0, "every request of the workload succeeds");
        let s = w.services();
        eprintln!(
            "mixed: {} bus events, {} CloudTrail records kept, {} journal entries",
            s.events.bus_events().len(),
            s.cloudtrail.history().len(),
            w.journal().len()
        );
    }
    let mut g = c.benchmark_group("mixed");
    g.sample_size(10);
    g.throughput(Throughput::Elements(REQUESTS as u64));
    g.bench_function("10000_requests", |b| {
        b.iter_batched(
            || workload.world.clone(),
            |mut w| {
                run(&mut w, &workload.requests);
                w
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}
