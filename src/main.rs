//! The wasm entry point Trunk builds: mounts the playground.

fn main() {
    kms_playground::ui::start();
}
