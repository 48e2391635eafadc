//! Carrying a world outside the page: the share-link fragment, the saved
//! state in the browser's storage and exported files. All three hold a
//! world file (`sim::WorldFile`: seed, settings, journal, time); links and
//! storage compress it (raw DEFLATE) and encode it URL-safe. Decoding is
//! strict and bounded: a size limit before and after decompression, the
//! world file's own checks, and nothing is applied unless all of it is valid.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::sim::journal::MAX_FILE_BYTES;
use crate::sim::{ImportError, WorldFile};

/// The URL fragment key of a shared world: `#w=<data>`.
pub const LINK_KEY: &str = "w";
/// The longest encoded world accepted from a link or from storage.
pub const MAX_ENCODED_BYTES: usize = 2 * 1024 * 1024;
/// The prefix of the compressed form, with its format generation.
const PREFIX: &str = "z1.";

fn fail(message: impl Into<String>) -> ImportError {
    ImportError {
        entry: None,
        message: message.into(),
    }
}

/// A world file, compressed and URL-safe: `z1.<base64url(deflate(json))>`.
pub fn encode(file: &WorldFile) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(file.to_json().as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The world file in `text` (the compressed form, or plain JSON as an
/// exported file holds it). Nothing is built; see `WorldFile::build`.
pub fn decode(text: &str) -> Result<WorldFile, ImportError> {
    let text = text.trim();
    if text.starts_with('{') {
        return WorldFile::parse(text);
    }
    if text.len() > MAX_ENCODED_BYTES {
        return Err(fail(format!(
            "The shared world is {} bytes; the limit is {MAX_ENCODED_BYTES} bytes.",
            text.len()
        )));
    }
    let Some(data) = text.strip_prefix(PREFIX) else {
        return Err(fail("This is not a KMS Playground world (unknown encoding)."));
    };
    let compressed = URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|_| fail("The shared world is damaged (not valid base64url)."))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_FILE_BYTES)
        .map_err(|_| fail("The shared world is damaged or too large to decompress."))?;
    let json = String::from_utf8(json).map_err(|_| fail("The shared world is damaged (not UTF-8)."))?;
    WorldFile::parse(&json)
}

/// The shared world in a URL fragment (`#w=...`, possibly among other
/// `&`-separated entries), if there is one.
pub fn from_fragment(fragment: &str) -> Option<&str> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|part| part.strip_prefix(LINK_KEY)?.strip_prefix('='))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::sim::time::DAY;
    use crate::sim::{Settings, World};

    fn world() -> World {
        let mut w = World::new(9, Settings::default());
        let id = w.call("kms", "CreateKey", &json!({"Description": "shared"})).unwrap()["KeyMetadata"]["KeyId"].clone();
        w.call(
            "kms",
            "ScheduleKeyDeletion",
            &json!({"KeyId": id, "PendingWindowInDays": 7}),
        )
        .unwrap();
        w.advance_by(3 * DAY);
        w
    }

    #[test]
    fn a_link_round_trips_to_the_same_world() {
        let w = world();
        let file = WorldFile::of(&w);
        let link = encode(&file);
        assert!(
            link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
            "URL-safe: {link}"
        );
        let fragment = format!("#lang=ja&{LINK_KEY}={link}");
        let decoded = decode(from_fragment(&fragment).unwrap()).unwrap();
        assert_eq!(decoded, file);
        assert_eq!(WorldFile::of(&decoded.build().unwrap()).to_json(), file.to_json());
    }

    #[test]
    fn plain_json_files_decode_too() {
        let file = WorldFile::of(&world());
        assert_eq!(decode(&file.to_json()).unwrap(), file);
    }

    #[test]
    fn damaged_links_are_refused_with_a_reason() {
        for bad in ["", "z1.!!!", "z1.AAAA", "q9.abc", "{\"format\":\"other\"}"] {
            let e = decode(bad).unwrap_err();
            assert!(!e.message.is_empty(), "{bad}");
        }
        let link = encode(&WorldFile::of(&world()));
        let truncated = &link[..link.len() / 2];
        assert!(decode(truncated).is_err());
        let huge = "z1.".to_string() + &"A".repeat(MAX_ENCODED_BYTES);
        assert!(decode(&huge).unwrap_err().message.contains("limit"));
    }

    #[test]
    fn a_decompression_bomb_stops_at_the_limit() {
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_FILE_BYTES + 10], 9);
        let link = format!("z1.{}", URL_SAFE_NO_PAD.encode(bomb));
        assert!(decode(&link).unwrap_err().message.contains("too large"));
    }

    #[test]
    fn a_bad_journal_entry_is_reported_with_its_position() {
        let mut file = WorldFile::of(&world());
        file.journal[1].params = json!({"KeyId": 5}).into();
        let e = decode(&encode(&file)).unwrap().build().unwrap_err();
        assert_eq!(e.entry, Some(1));
        assert!(e.message.contains("SerializationException"), "{}", e.message);
    }
}
