//! Hardening tests: no input breaks the model. A bad-input matrix derived
//! from every operation's input shape in AWS's models (`matrix`), property
//! tests of the world's invariants (`properties`), the caps that keep every
//! service's memory bounded (`limits`), and regression tests for what these
//! and the fuzzers (`fuzz/`) found. `fixture` builds the world they run
//! against: one that holds resources of every service, so that "not found"
//! and "wrong state" paths are exercised as well.

mod cases;
mod fixture;
mod limits;
mod matrix;
mod properties;
mod regressions;
