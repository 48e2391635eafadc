//! Where the world lives between visits: the browser's storage (saved after
//! every change), share links (`#w=...`), and the world the app starts with.
//! Unreadable saved data is never dropped silently: the app says so, offers
//! the raw data as a download, and stops saving until the user agrees to
//! start fresh.

use crate::share;
use crate::sim::{Settings, World, WorldFile};

/// The storage key of the saved world.
pub const STORAGE_KEY: &str = "kms-playground:world";
/// Where the saved world goes when a shared link replaces it.
pub const PREVIOUS_KEY: &str = "kms-playground:previous";

/// Something the user should know about the world they were given.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The saved world could not be restored; `raw` is what was stored.
    Unrestorable { reason: String, raw: String },
    /// A shared link could not be opened.
    BadLink { reason: String },
    /// A shared link was opened (the previous world was kept aside).
    OpenedLink,
    /// `?scenario=` named no scenario.
    UnknownScenario { name: String },
}

/// How the app starts.
pub struct Startup {
    pub world: World,
    pub notice: Option<Notice>,
}

/// Chooses the starting world: a shared link, else the saved world, else a
/// fresh one. Pure over its inputs; the shell reads storage and the URL.
pub fn startup(fragment: &str, saved: Option<String>, seed: u64) -> Startup {
    let fresh = || World::new(seed, Settings::default());
    let mut notice = None;
    if let Some(link) = share::from_fragment(fragment) {
        match share::decode(link).and_then(|file| file.build()) {
            Ok(world) => {
                return Startup {
                    world,
                    notice: Some(Notice::OpenedLink),
                }
            }
            Err(e) => notice = Some(Notice::BadLink { reason: e.to_string() }),
        }
    }
    let Some(raw) = saved else {
        return Startup { world: fresh(), notice };
    };
    match share::decode(&raw).and_then(|file| file.build()) {
        Ok(world) => Startup { world, notice },
        Err(e) => Startup {
            world: fresh(),
            notice: Some(Notice::Unrestorable {
                reason: e.to_string(),
                raw,
            }),
        },
    }
}

/// The saved form of a world.
pub fn saved_form(world: &World) -> String {
    share::encode(&WorldFile::of(world))
}

/// Browser storage (localStorage), best effort: a full or disabled storage
/// only means the world is not kept.
pub mod storage {
    pub fn get(key: &str) -> Option<String> {
        #[cfg(target_arch = "wasm32")]
        {
            web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = key;
            None
        }
    }

    pub fn set(key: &str, value: &str) {
        #[cfg(target_arch = "wasm32")]
        if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
            let _ = storage.set_item(key, value);
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (key, value);
    }
}

/// The page's URL fragment and its address without it.
pub mod location {
    pub fn fragment() -> String {
        #[cfg(target_arch = "wasm32")]
        {
            web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            String::new()
        }
    }

    /// The page's address with `fragment` (without `#`) as its fragment.
    pub fn with_fragment(fragment: &str) -> String {
        #[cfg(target_arch = "wasm32")]
        {
            let href = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            let base = href.split('#').next().unwrap_or_default();
            format!("{base}#{fragment}")
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            format!("#{fragment}")
        }
    }

    /// Replaces the fragment without reloading or adding a history entry.
    pub fn replace_fragment(fragment: &str) {
        #[cfg(target_arch = "wasm32")]
        if let Some(window) = web_sys::window() {
            if let Ok(history) = window.history() {
                let url = with_fragment(fragment);
                let url = if fragment.is_empty() {
                    url.trim_end_matches('#').to_owned()
                } else {
                    url
                };
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = fragment;
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn saved_world() -> String {
        let mut w = World::new(3, Settings::default());
        w.call("kms", "CreateKey", &json!({})).unwrap();
        w.advance_by(1000);
        saved_form(&w)
    }

    #[test]
    fn a_saved_world_is_restored_with_its_time() {
        let s = startup("", Some(saved_world()), 1);
        assert!(s.notice.is_none());
        assert_eq!(s.world.journal().len(), 1);
        assert_eq!(s.world.now().since(crate::sim::world::DEFAULT_EPOCH), 1000);
    }

    #[test]
    fn unreadable_saved_data_is_kept_for_the_user() {
        let s = startup("", Some("z1.garbage".into()), 1);
        assert!(s.world.journal().is_empty());
        match s.notice {
            Some(Notice::Unrestorable { raw, .. }) => assert_eq!(raw, "z1.garbage"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_link_wins_over_saved_data_and_a_bad_link_says_why() {
        let link = format!("#w={}", saved_world());
        let s = startup(&link, None, 1);
        assert_eq!(s.notice, Some(Notice::OpenedLink));
        assert_eq!(s.world.journal().len(), 1);
        let s = startup("#w=z1.broken", Some(saved_world()), 1);
        assert!(matches!(s.notice, Some(Notice::BadLink { .. })));
        assert_eq!(s.world.journal().len(), 1, "falls back to the saved world");
    }
}
