//! The playground's Yew UI: a thin shell over the model. Components render
//! view-models computed by pure functions; every change to the world goes
//! through the reducer in `state`, which calls the model's request API.

pub mod app;
pub mod browser;
pub mod components;
pub mod console;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod js_api;
pub mod persist;
pub mod state;
pub mod undo;
pub mod url;
pub mod view;

/// Mounts the app into the page's `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
