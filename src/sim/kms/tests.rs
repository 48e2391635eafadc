//! KMS scenario tests through the request API.

mod crypto_ops;
mod import;
mod lifecycle;
mod metrics_year;
mod openssl;
mod replay;
mod rotation;
mod state_table;
mod support;
mod validation;
