//! The UI's components, one per file. Panels read the shared state through
//! `use_app`; everything else takes plain props.

pub mod clock_bar;
pub mod empty_state;
pub mod header;
pub mod panel;
