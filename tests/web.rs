//! In-browser unit tests (wasm-bindgen-test in headless Chromium): the model
//! and the UI where they meet the browser. Native `cargo test` skips this
//! file; `scripts/test.sh` runs it with `--target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use kms_playground::sim::time::DAY;
use kms_playground::sim::{Settings, World};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_point() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

/// The model runs in wasm without touching a wall clock or an OS RNG
/// (either would panic on wasm32-unknown-unknown).
#[wasm_bindgen_test]
fn the_model_runs_in_wasm() {
    let mut world = World::new(7, Settings::default());
    let start = world.now();
    world.advance_by(365 * DAY);
    assert_eq!(world.now().since(start), 365 * DAY);
}

/// The app mounts and shows the simulated clock at the default epoch.
#[wasm_bindgen_test]
async fn the_app_renders_the_simulated_clock() {
    let root = mount_point();
    yew::Renderer::<kms_playground::ui::app::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let clock = root
        .query_selector("[data-testid=sim-now]")
        .unwrap()
        .expect("the clock is rendered");
    assert_eq!(
        clock.get_attribute("datetime").as_deref(),
        Some("2026-03-02T09:00:00.000Z")
    );
}
