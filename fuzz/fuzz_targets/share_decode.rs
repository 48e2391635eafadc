//! Share links and world files: decode arbitrary text, then build the world
//! it describes. Anything accepted must re-encode to the same file.
#![no_main]

use kms_playground::share;
use kms_playground::sim::WorldFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = share::from_fragment(text);
    let Ok(file) = share::decode(text) else {
        return;
    };
    let again = share::decode(&share::encode(&file)).expect("an encoded file decodes");
    assert_eq!(again, file);
    if let Ok(world) = file.build() {
        let rebuilt = WorldFile::of(&world);
        assert_eq!(rebuilt.seed, file.seed);
        assert_eq!(
            WorldFile::parse(&rebuilt.to_json()).map(|f| f.journal.len()),
            Ok(rebuilt.journal.len())
        );
    }
});
