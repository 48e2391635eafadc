//! View-models: pure functions from the world to what a panel shows, so
//! that components only map structs to markup and the logic is tested
//! natively.

pub mod alarms;
pub mod chart;
pub mod events;
pub mod json;
pub mod keys;
pub mod trail;

/// The status colours of the Cloudscape status indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Success,
    Error,
    Warning,
    Info,
    Stopped,
    Pending,
}

impl Tone {
    /// The CSS modifier (`status-success`, ...).
    pub fn class(self) -> &'static str {
        match self {
            Tone::Success => "status-success",
            Tone::Error => "status-error",
            Tone::Warning => "status-warning",
            Tone::Info => "status-info",
            Tone::Stopped => "status-stopped",
            Tone::Pending => "status-pending",
        }
    }
}
