//! CLI tests: run command lines against a fresh world and compare with what
//! the AWS CLI v2 prints.

mod end_to_end;
mod errors;
mod kms;
mod parsing;
mod services;
