//! `window.kmsPlayground`: the JS API a docs page scripts the playground
//! with (README, "JS API"). Every function works on the live world the UI
//! shows and re-renders the UI, as if the user had acted.
//!
//! - `call(service, operation, params)` → response object; throws an `Error`
//!   whose `name` is the AWS error code and `message` its message.
//! - `cli(line)` → `{ stdout, stderr, exitCode }`, exactly what the console
//!   shows (the command appears in the console too).
//! - `advance(seconds)` → the new simulated time (ISO 8601).
//! - `now()` → the simulated time (ISO 8601).
//! - `reset({ seed, epoch })` → a fresh world.
//! - `events()` → every event delivered to the default bus, oldest first.
//! - `exportState()` → the world file (a JSON string);
//!   `importState(text)` replaces the world, or throws and changes nothing.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Reflect, JSON};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use yew::UseReducerDispatcher;

use crate::sim::time::SimTime;
use crate::sim::world::DEFAULT_EPOCH;
use crate::sim::{Settings, World, WorldFile};
use crate::ui::app::DEFAULT_SEED;
use crate::ui::console::{self, SharedConsole};
use crate::ui::state::{Action, AppState};
use crate::ui::undo::SharedHistory;

fn js_error(name: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    error.into()
}

fn to_js(value: &Value) -> JsValue {
    JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

fn from_js(value: &JsValue) -> Result<Value, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Object(Default::default()));
    }
    let text: String = JSON::stringify(value)
        .map_err(|_| js_error("SerializationException", "params are not JSON-serialisable"))?
        .into();
    serde_json::from_str(&text).map_err(|e| js_error("SerializationException", &e.to_string()))
}

/// Installs `window.kmsPlayground` and announces it with a
/// `kmsPlaygroundReady` event on `window`.
pub fn install(
    world: Rc<RefCell<World>>,
    console: SharedConsole,
    history: SharedHistory,
    dispatcher: UseReducerDispatcher<AppState>,
) {
    let Some(window) = web_sys::window() else { return };
    let api = Object::new();
    let changed = {
        let dispatcher = dispatcher.clone();
        move || dispatcher.dispatch(Action::WorldChanged)
    };

    let set = |name: &str, f: &Function| {
        let _ = Reflect::set(&api, &JsValue::from_str(name), f);
    };

    {
        let world = world.clone();
        let changed = changed.clone();
        let f = Closure::<dyn Fn(String, String, JsValue) -> Result<JsValue, JsValue>>::new(
            move |service: String, operation: String, params: JsValue| {
                let params = from_js(&params)?;
                history.borrow_mut().checkpoint(&world.borrow());
                let result = world.borrow_mut().call(&service, &operation, &params);
                changed();
                result.map(|v| to_js(&v)).map_err(|e| js_error(&e.code, &e.message))
            },
        );
        set("call", f.as_ref().unchecked_ref());
        f.forget();
    }
    {
        let world = world.clone();
        let changed = changed.clone();
        let f = Closure::<dyn Fn(f64) -> Result<JsValue, JsValue>>::new(move |seconds: f64| {
            if !seconds.is_finite() || seconds < 0.0 {
                return Err(js_error(
                    "ValidationException",
                    "advance(seconds) takes a non-negative number of seconds",
                ));
            }
            world.borrow_mut().advance_by((seconds * 1000.0).round() as i64);
            changed();
            Ok(JsValue::from_str(&world.borrow().now().iso_millis()))
        });
        set("advance", f.as_ref().unchecked_ref());
        f.forget();
    }
    {
        let world = world.clone();
        let changed = changed.clone();
        let f = Closure::<dyn Fn(String) -> JsValue>::new(move |line: String| {
            let out = console::run(&mut world.borrow_mut(), &console, &line);
            changed();
            let result = Object::new();
            let _ = Reflect::set(&result, &JsValue::from_str("stdout"), &JsValue::from_str(&out.stdout));
            let _ = Reflect::set(&result, &JsValue::from_str("stderr"), &JsValue::from_str(&out.stderr));
            let _ = Reflect::set(
                &result,
                &JsValue::from_str("exitCode"),
                &JsValue::from_f64(f64::from(out.exit_code)),
            );
            result.into()
        });
        set("cli", f.as_ref().unchecked_ref());
        f.forget();
    }
    {
        let world = world.clone();
        let f = Closure::<dyn Fn() -> JsValue>::new(move || JsValue::from_str(&world.borrow().now().iso_millis()));
        set("now", f.as_ref().unchecked_ref());
        f.forget();
    }
    {
        let world = world.clone();
        let changed = changed.clone();
        let f = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(move |options: JsValue| {
            let options = from_js(&options)?;
            let seed = match options.get("seed") {
                None | Some(Value::Null) => DEFAULT_SEED,
                Some(v) => v
                    .as_u64()
                    .ok_or_else(|| js_error("ValidationException", "seed must be a non-negative integer"))?,
            };
            let epoch = match options.get("epoch") {
                None | Some(Value::Null) => DEFAULT_EPOCH,
                Some(Value::String(s)) => SimTime::parse(s)
                    .ok_or_else(|| js_error("ValidationException", "epoch must be an ISO 8601 date-time"))?,
                Some(_) => return Err(js_error("ValidationException", "epoch must be an ISO 8601 date-time")),
            };
            *world.borrow_mut() = World::new(
                seed,
                Settings {
                    epoch,
                    ..Settings::default()
                },
            );
            changed();
            Ok(JsValue::UNDEFINED)
        });
        set("reset", f.as_ref().unchecked_ref());
        f.forget();
    }
    {
        let world = world.clone();
        let f = Closure::<dyn Fn() -> JsValue>::new(move || {
            to_js(&Value::Array(world.borrow().services().events.bus_events().to_vec()))
        });
        set("events", f.as_ref().unchecked_ref());
        f.forget();
    }
    {
        let world = world.clone();
        let f =
            Closure::<dyn Fn() -> JsValue>::new(move || JsValue::from_str(&WorldFile::of(&world.borrow()).to_json()));
        set("exportState", f.as_ref().unchecked_ref());
        f.forget();
    }
    {
        let world = world.clone();
        let f = Closure::<dyn Fn(String) -> Result<JsValue, JsValue>>::new(move |text: String| {
            let rebuilt = WorldFile::parse(&text)
                .and_then(|file| file.build())
                .map_err(|e| js_error("ImportError", &e.to_string()))?;
            *world.borrow_mut() = rebuilt;
            changed();
            Ok(JsValue::UNDEFINED)
        });
        set("importState", f.as_ref().unchecked_ref());
        f.forget();
    }
    {
        // Internal: the size of the WebAssembly memory in bytes, for the
        // browser benchmark (scripts/bench.sh browser).
        let f = Closure::<dyn Fn() -> JsValue>::new(|| {
            let memory = wasm_bindgen::memory();
            Reflect::get(&memory, &JsValue::from_str("buffer"))
                .and_then(|buffer| Reflect::get(&buffer, &JsValue::from_str("byteLength")))
                .unwrap_or(JsValue::UNDEFINED)
        });
        set("_memoryBytes", f.as_ref().unchecked_ref());
        f.forget();
    }
    {
        // Internal: lets the end-to-end tests check the recovery dialog.
        let f = Closure::<dyn Fn()>::new(|| panic!("panic requested by _panicForTesting()"));
        set("_panicForTesting", f.as_ref().unchecked_ref());
        f.forget();
    }
    let _ = Reflect::set(&window, &JsValue::from_str("kmsPlayground"), &api);
    if let Ok(event) = web_sys::Event::new("kmsPlaygroundReady") {
        let _ = window.dispatch_event(&event);
    }
}
