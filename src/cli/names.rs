//! Command and option names, derived from the service models the way the AWS
//! CLI derives them: botocore's `xform_name` turns `GetMetricData` into
//! `get-metric-data` and `KMSKeyArn` into `kms-key-arn`.

use std::sync::OnceLock;

use crate::sim::model::{Operation, ServiceModel};
use crate::sim::ServiceName;

/// botocore's `xform_name(name, '-')`.
pub(crate) fn xform_name(name: &str) -> String {
    if name.contains('-') {
        return name.to_owned();
    }
    static RES: OnceLock<[regex_lite::Regex; 3]> = OnceLock::new();
    let [special, first_cap, end_cap] = RES.get_or_init(|| {
        [
            regex_lite::Regex::new("[A-Z]{2,}s$").expect("static regex"),
            regex_lite::Regex::new("(.)([A-Z][a-z]+)").expect("static regex"),
            regex_lite::Regex::new("([a-z0-9])([A-Z])").expect("static regex"),
        ]
    });
    let mut name = name.to_owned();
    if let Some(m) = special.find(&name) {
        let matched = m.as_str().to_lowercase();
        name = format!("{}-{}", &name[..m.start()], matched);
    }
    let s1 = first_cap.replace_all(&name, "${1}-${2}");
    let mut out = end_cap.replace_all(&s1, "${1}-${2}").to_lowercase();
    for (old, new) in [("ipv-6", "ipv6"), ("s-3-resources", "s3-resources")] {
        if out.contains(old) {
            out = out.replace(old, new);
        }
    }
    out
}

/// The CLI's name of a service (`kms`, `cloudwatch`, ...).
pub(crate) fn service_names() -> impl Iterator<Item = &'static str> {
    ServiceName::ALL.iter().map(|s| s.as_str())
}

/// The commands of a service: (command name, operation), in the CLI's
/// (alphabetical) order.
pub(crate) fn commands(service: ServiceName) -> &'static [(String, &'static Operation)] {
    static TABLES: [OnceLock<Vec<(String, &'static Operation)>>; 9] = [const { OnceLock::new() }; 9];
    TABLES[service as usize].get_or_init(|| {
        let model: &'static ServiceModel = service.model();
        let mut table: Vec<(String, &'static Operation)> =
            model.operations.iter().map(|op| (xform_name(&op.name), op)).collect();
        table.sort_by(|a, b| a.0.cmp(&b.0));
        table
    })
}

/// The operation a command names.
pub(crate) fn operation(service: ServiceName, command: &str) -> Option<&'static Operation> {
    commands(service)
        .iter()
        .find(|(name, _)| name == command)
        .map(|(_, op)| *op)
}

/// Python's `difflib.get_close_matches(word, possibilities, n=3, cutoff)`,
/// which argparse uses for its "maybe you meant" list.
pub(crate) fn close_matches<'a>(word: &str, possibilities: impl Iterator<Item = &'a str>, cutoff: f64) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = possibilities
        .filter_map(|p| {
            let r = ratio(word, p);
            (r >= cutoff).then_some((r, p))
        })
        .collect();
    // difflib sorts by score, highest first; ties by the string, highest first.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| b.1.cmp(a.1)));
    scored.into_iter().take(3).map(|(_, p)| p).collect()
}

/// `SequenceMatcher(None, a, b).ratio()` without junk heuristics (the
/// strings here are short command names).
fn ratio(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    2.0 * matching_chars(&a, &b) as f64 / total as f64
}

fn matching_chars(a: &[char], b: &[char]) -> usize {
    // Longest common block, then recurse on both sides (Ratcliff/Obershelp).
    let (mut best_i, mut best_j, mut best_len) = (0, 0, 0);
    for i in 0..a.len() {
        for j in 0..b.len() {
            let mut k = 0;
            while i + k < a.len() && j + k < b.len() && a[i + k] == b[j + k] {
                k += 1;
            }
            if k > best_len {
                (best_i, best_j, best_len) = (i, j, k);
            }
        }
    }
    if best_len == 0 {
        return 0;
    }
    best_len
        + matching_chars(&a[..best_i], &b[..best_j])
        + matching_chars(&a[best_i + best_len..], &b[best_j + best_len..])
}
