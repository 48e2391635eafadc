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
