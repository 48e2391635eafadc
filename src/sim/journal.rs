//! The journal and the world file. A world is `seed + settings + journal`:
//! every request that reached a service, with the simulated time it was made
//! at. The world file (export, import, share links, saved state) is exactly
//! that plus the current time, with a format version.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::sim::model::ServiceName;
use crate::sim::time::SimTime;
use crate::sim::world::{Settings, World};

/// One journaled request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub at: SimTime,
    pub service: ServiceName,
    pub operation: String,
    /// The request's parameters, shared with the call's CloudTrail record
    /// (one copy per request instead of two).
    pub params: Arc<Value>,
}

/// The `format` member of every world file.
pub const FORMAT: &str = "kms-playground-world";
/// The current world-file version. Version 1 is the first; older versions
/// are migrated in [`WorldFile::parse`].
pub const VERSION: u32 = 1;
/// The largest world file accepted (import, share link, saved state).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// The most journal entries a world file may hold.
pub const MAX_ENTRIES: usize = 200_000;

/// A serialised world.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorldFile {
    pub format: String,
    pub version: u32,
    pub seed: u64,
    pub settings: Settings,
    pub now: SimTime,
    pub journal: Vec<JournalEntry>,
}

/// Why a world file was refused. Nothing is applied when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// The journal entry at fault (zero-based), if one is.
    pub entry: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.entry {
            Some(i) => write!(f, "journal entry {} (#{}): {}", i, i + 1, self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl WorldFile {
    pub fn of(world: &World) -> WorldFile {
        WorldFile {
            format: FORMAT.into(),
            version: VERSION,
            seed: world.seed(),
            settings: world.settings().clone(),
            now: world.now(),
            journal: world.journal().to_vec(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a world file always serialises")
    }

    /// Parses and checks a world file without applying it.
    pub fn parse(text: &str) -> Result<WorldFile, ImportError> {
        let fail = |message: String| ImportError { entry: None, message };
        if text.len() > MAX_FILE_BYTES {
            return Err(fail(format!(
                "The world file is {} bytes; the limit is {} bytes.",
                text.len(),
                MAX_FILE_BYTES
            )));
        }
        let raw: Value =
            serde_json::from_str(text).map_err(|e| fail(format!("The world file is not valid JSON: {e}")))?;
        if raw.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(fail(format!(
                "This is not a KMS Playground world file (expected \"format\": \"{FORMAT}\")."
            )));
        }
        let version = raw.get("version").and_then(Value::as_u64).unwrap_or(0);
        if version == 0 || version > u64::from(VERSION) {
            return Err(fail(format!(
                "World file version {version} is not supported (this playground reads versions 1 to {VERSION})."
            )));
        }
        if let Some(entries) = raw.get("journal").and_then(Value::as_array) {
            if entries.len() > MAX_ENTRIES {
                return Err(fail(format!(
                    "The journal has {} entries; the limit is {MAX_ENTRIES}.",
                    entries.len()
                )));
            }
            for (i, entry) in entries.iter().enumerate() {
                serde_json::from_value::<JournalEntry>(entry.clone()).map_err(|e| ImportError {
                    entry: Some(i),
                    message: e.to_string(),
                })?;
            }
        }
        let file: WorldFile =
            serde_json::from_value(raw).map_err(|e| fail(format!("The world file is malformed: {e}")))?;
        let mut last = file.settings.epoch;
        for (i, entry) in file.journal.iter().enumerate() {
            if entry.at < last {
                return Err(ImportError {
                    entry: Some(i),
                    message: "entries are not in time order".into(),
                });
            }
            last = entry.at;
        }
        if file.now < last {
            return Err(fail("\"now\" is earlier than the last journal entry.".into()));
        }
        Ok(file)
    }

    /// Rebuilds the world this file describes; refuses it whole if any entry
    /// is not a valid request.
    pub fn build(&self) -> Result<World, ImportError> {
        World::replay(self.seed, self.settings.clone(), &self.journal, self.now).map_err(|e| ImportError {
            entry: Some(e.index),
            message: e.reason,
        })
    }
}
