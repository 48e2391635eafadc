//! Undo and redo. A world is its journal, so undoing is replaying the
//! journal up to a checkpoint (taken before each user action) and moving
//! time to where it was; redoing restores the world file set aside.

use std::cell::RefCell;
use std::rc::Rc;

use crate::sim::{SimTime, World, WorldFile};

/// How many steps can be undone.
pub const DEPTH: usize = 50;

/// A point to go back to: how long the journal was, and the time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Checkpoint {
    journal_len: usize,
    now: SimTime,
}

/// The undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Checkpoint>,
    redo: Vec<WorldFile>,
}

pub type SharedHistory = Rc<RefCell<History>>;

impl History {
    /// Remembers `world` as it is, before the user changes it.
    pub fn checkpoint(&mut self, world: &World) {
        let point = Checkpoint {
            journal_len: world.journal().len(),
            now: world.now(),
        };
        if self.undo.last() != Some(&point) {
            self.undo.push(point);
            if self.undo.len() > DEPTH {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The world before the last action, if there is one.
    pub fn undo(&mut self, world: &World) -> Option<World> {
        let point = self.undo.pop()?;
        let journal = world.journal().get(..point.journal_len)?;
        let previous = World::replay(world.seed(), world.settings().clone(), journal, point.now).ok()?;
        self.redo.push(WorldFile::of(world));
        Some(previous)
    }

    /// The world the last undo left, if there is one.
    pub fn redo(&mut self, world: &World) -> Option<World> {
        let file = self.redo.pop()?;
        let next = file.build().ok()?;
        self.undo.push(Checkpoint {
            journal_len: world.journal().len(),
            now: world.now(),
        });
        Some(next)
    }

    /// Forgets everything (a new world replaced the old one).
    pub fn clear(&mut self) {
        *self = History::default();
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::sim::time::DAY;
    use crate::sim::Settings;

    #[test]
    fn undo_goes_back_one_action_and_redo_forward() {
        let mut w = World::new(1, Settings::default());
        let mut h = History::default();
        h.checkpoint(&w);
        w.call("kms", "CreateKey", &json!({})).unwrap();
        h.checkpoint(&w);
        w.advance_by(DAY);
        let after = WorldFile::of(&w).to_json();
        let back = h.undo(&w).unwrap();
        assert_eq!(back.journal().len(), 1);
        assert_eq!(back.now(), w.now().plus(-DAY));
        let forward = h.redo(&back).unwrap();
        assert_eq!(WorldFile::of(&forward).to_json(), after);
        let first = h.undo(&forward).unwrap();
        let start = h.undo(&first).unwrap();
        assert!(start.journal().is_empty());
        assert!(h.undo(&start).is_none());
    }

    #[test]
    fn a_new_action_clears_redo() {
        let mut w = World::new(1, Settings::default());
        let mut h = History::default();
        h.checkpoint(&w);
        w.advance_by(DAY);
        let w2 = h.undo(&w).unwrap();
        assert!(h.can_redo());
        h.checkpoint(&w2);
        assert!(!h.can_redo());
    }
}
