//! The console's own state: what it has shown and the lines typed, shared by
//! the console panel and the JS API's `cli(line)` (which shows its commands
//! in the console too).

use std::cell::RefCell;
use std::rc::Rc;

use crate::cli::{self, CliOptions, CliOutput};
use crate::sim::World;

/// How many inputs the console keeps on screen and in its history.
pub const KEPT: usize = 200;

/// One input and what it printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub input: String,
    pub output: CliOutput,
}

/// The console's scrollback and input history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsoleLog {
    pub entries: Vec<Entry>,
    pub history: Vec<String>,
    /// How many lines have run (the view scrolls when this changes).
    pub runs: u64,
}

/// The shared console log.
pub type SharedConsole = Rc<RefCell<ConsoleLog>>;

/// The width the console formats tables for (characters).
const WIDTH: usize = 100;

/// Runs `line` against the world as the console does, and records it.
pub fn run(world: &mut World, console: &SharedConsole, line: &str) -> CliOutput {
    let output = cli::run_with(world, line, &CliOptions { terminal_width: WIDTH });
    let mut log = console.borrow_mut();
    log.runs += 1;
    if !line.trim().is_empty() && log.history.last().map(String::as_str) != Some(line) {
        log.history.push(line.to_owned());
    }
    if output.clear {
        log.entries.clear();
    } else {
        log.entries.push(Entry {
            input: line.to_owned(),
            output: output.clone(),
        });
    }
    let excess = log.entries.len().saturating_sub(KEPT);
    log.entries.drain(..excess);
    let excess = log.history.len().saturating_sub(KEPT);
    log.history.drain(..excess);
    output
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Settings;

    #[test]
    fn commands_are_recorded_and_clear_empties_the_screen() {
        let mut w = World::new(1, Settings::default());
        let console = SharedConsole::default();
        let out = run(&mut w, &console, "aws kms create-key");
        assert_eq!(out.exit_code, 0);
        assert!(out.stdout.contains("\"KeyMetadata\""));
        run(&mut w, &console, "aws kms nope");
        assert_eq!(console.borrow().entries.len(), 2);
        assert_eq!(console.borrow().entries[1].output.exit_code, 252);
        run(&mut w, &console, "clear");
        assert!(console.borrow().entries.is_empty());
        assert_eq!(
            console.borrow().history,
            ["aws kms create-key", "aws kms nope", "clear"]
        );
    }
}
