//! CLI tests: run command lines against a fresh world and compare with what
//! the AWS CLI v2 prints.

mod errors;
mod kms;
mod parsing;
mod services;
