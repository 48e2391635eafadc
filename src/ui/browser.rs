//! The few facts the UI reads from the browser: a monotonic clock for the
//! ticker, the preferred language and the local time zone's offset. This is
//! the only UI module that reads the environment; on a native target (tests)
//! every function returns a neutral value.

use crate::sim::SimTime;
use crate::ui::i18n::Lang;

/// Milliseconds from a monotonic clock (`performance.now()`).
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or(0.0)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// The language the browser prefers.
pub fn preferred_lang() -> Lang {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.navigator().language())
            .map(|tag| Lang::from_tag(&tag))
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Lang::En
    }
}

/// The browser zone's offset from UTC at instant `t`, in minutes east.
pub fn local_offset_minutes(t: SimTime) -> i32 {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.millis() as f64));
        -(date.get_timezone_offset() as i32)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = t;
        0
    }
}

/// A seed for randomness that only the UI uses (generating key material to
/// import): the journal records the result, so it need not be reproducible.
pub fn random_seed() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        let high = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        let low = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        (high << 32) | low
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0x5eed
    }
}

/// Copies `text` to the clipboard (best effort: the browser may refuse).
pub fn copy_to_clipboard(text: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = text;
}

/// Offers `bytes` as a file download named `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let array = js_sys::Uint8Array::from(bytes);
        let parts = js_sys::Array::of1(&array);
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(a) = document
            .and_then(|d| d.create_element("a").ok())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, bytes, mime);
}

/// Removes index.html's boot screen (shown while the WebAssembly loads), once
/// the app has rendered in its place.
pub fn remove_boot_screen() {
    #[cfg(target_arch = "wasm32")]
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}

/// Calls `f` whenever the page is hidden or left (`pagehide`, and
/// `visibilitychange` to hidden: the last moments a page is sure to run).
/// The listeners live as long as the page.
pub fn on_page_hide(f: impl Fn() + 'static) {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        use wasm_bindgen::{closure::Closure, JsCast};
        let f = std::rc::Rc::new(f);
        let on_hide = {
            let f = f.clone();
            Closure::<dyn Fn()>::new(move || f())
        };
        let on_visibility = Closure::<dyn Fn()>::new(move || {
            let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
            if hidden {
                f();
            }
        });
        let _ = window.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
        if let Some(document) = window.document() {
            let _ =
                document.add_event_listener_with_callback("visibilitychange", on_visibility.as_ref().unchecked_ref());
        }
        on_hide.forget();
        on_visibility.forget();
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = f;
}

/// Registers the service worker that caches the app for offline use (best
/// effort: browsers without service workers, or file:// pages, just skip it).
pub fn register_service_worker() {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let container = window.navigator().service_worker();
        let _ = container.register("./sw.js");
    }
}

/// On a panic, records its message for `static/recover.js` (which shows the
/// recovery dialog when the WebAssembly stops) and logs it. Set through Yew
/// so its renderer keeps this hook instead of installing its own.
pub fn install_panic_hook() {
    #[cfg(target_arch = "wasm32")]
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = format!("panicked: {info}");
        if let Some(window) = web_sys::window() {
            let _ = js_sys::Reflect::set(&window, &"__kmsPanic".into(), &message.clone().into());
        }
        web_sys::console::error_1(&message.into());
    }));
}
