//! KMS: keys, aliases, tags, key material (generated or imported), rotation,
//! deletion, and the cryptographic operations.

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::{unsupported, AwsResult};

/// KMS's timers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {}

/// The KMS service of one account.
#[derive(Clone, Debug, Default)]
pub struct Kms {}

impl Kms {
    /// Creates the AWS managed keys every account has.
    pub(crate) fn bootstrap(&mut self, _ctx: &mut Ctx) {}

    pub(crate) fn handle(&mut self, op: &str, _p: Params, _ctx: &mut Ctx) -> AwsResult {
        Err(unsupported(ServiceName::Kms, op))
    }

    pub(crate) fn on_timer(&mut self, timer: Timer, _ctx: &mut Ctx) {
        match timer {}
    }
}
