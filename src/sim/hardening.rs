//! Hardening tests: no input breaks the model.

mod regressions;
