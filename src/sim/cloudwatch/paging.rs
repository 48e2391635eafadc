//! Opaque pagination tokens. A token names where the next page starts
//! (stateless, so no token store grows) and a fingerprint of the request it
//! belongs to, so that a token from another request is refused as AWS
//! refuses unknown tokens.

use base64::Engine;

/// A token for `request` (a fingerprint source) resuming at `position`.
pub(crate) fn encode(request: &str, position: &str) -> String {
    let text = format!("{:016x}|{position}", fingerprint(request));
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// The position in `token`, if it is a token for `request`.
pub(crate) fn decode(request: &str, token: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(token).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (print, position) = text.split_once('|')?;
    (print == format!("{:016x}", fingerprint(request))).then(|| position.to_owned())
}

/// FNV-1a: a stable, platform-independent fingerprint.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_only_for_their_request() {
        let t = encode("req", "42");
        assert_eq!(decode("req", &t).as_deref(), Some("42"));
        assert_eq!(decode("other", &t), None);
        assert_eq!(decode("req", "garbage"), None);
    }
}
