//! The AWS CLI console: arbitrary command lines on a fresh world must never
//! panic, and whatever they do must replay.
#![no_main]

use std::sync::OnceLock;

use kms_playground::cli;
use kms_playground::sim::{Settings, World, WorldFile};
use libfuzzer_sys::fuzz_target;

fn fresh() -> World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| World::new(7, Settings::default())).clone()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut world = fresh();
    // Lines starting with "aws " are common in practice; give the fuzzer
    // both the raw text and the text as an aws command.
    let _ = cli::run(&mut world, text);
    let prefixed = format!("aws {text}");
    let _ = cli::run(&mut world, &prefixed);
    let file = WorldFile::of(&world);
    let rebuilt = file.build().expect("a world's own journal replays");
    assert_eq!(format!("{:?}", rebuilt.services()), format!("{:?}", world.services()));
});
