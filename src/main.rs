//! The wasm entry point Trunk builds: installs the panic hook, then mounts
//! the playground.

fn main() {
    kms_playground::ui::browser::install_panic_hook();
    kms_playground::ui::start();
}
