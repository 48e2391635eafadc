//! The world: one simulated AWS account in one Region, its clock, its
//! randomness, its services and the journal that reproduces it.

use std::collections::VecDeque;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::sim::ctx::{CallAudit, Ctx, Deadline, Effect};
use crate::sim::journal::JournalEntry;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::rng::SimRng;
use crate::sim::scheduler::Scheduler;
use crate::sim::time::{SimTime, DAY};
use crate::sim::{cloudtrail, cloudwatch, events, kinesis, kms, lambda, logs, sns, sqs};
use crate::sim::{AwsError, AwsResult};

/// How often AWS rotates the material of AWS managed keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ManagedKeyRotation {
    /// Every three years (1,095 days), as the seed document describes.
    #[default]
    ThreeYears,
    /// Every year (365 days), as AWS has done since May 2022.
    OneYear,
}

impl ManagedKeyRotation {
    pub fn days(self) -> i64 {
        match self {
            ManagedKeyRotation::ThreeYears => 1095,
            ManagedKeyRotation::OneYear => 365,
        }
    }
}

/// What a world is created with, besides its seed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// The simulated instant the world starts at.
    pub epoch: SimTime,
    pub account_id: String,
    pub region: String,
    pub managed_key_rotation: ManagedKeyRotation,
}

/// The default epoch: Monday 2 March 2026, 09:00 UTC.
pub const DEFAULT_EPOCH: SimTime = SimTime::from_millis(1_772_442_000_000);

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epoch: DEFAULT_EPOCH,
            account_id: "111122223333".into(),
            region: "us-west-2".into(),
            managed_key_rotation: ManagedKeyRotation::default(),
        }
    }
}

/// All modelled services.
#[derive(Clone, Debug, Default)]
pub struct Services {
    pub kms: kms::Kms,
    pub cloudwatch: cloudwatch::CloudWatch,
    pub sns: sns::Sns,
    pub events: events::EventBridge,
    pub logs: logs::Logs,
    pub cloudtrail: cloudtrail::CloudTrail,
    pub sqs: sqs::Sqs,
    pub kinesis: kinesis::Kinesis,
    pub lambda: lambda::Lambda,
}

/// One simulated account.
///
/// Usage contract:
/// - Time moves only through [`World::advance_to`] (or `advance_by`), which
///   processes every deadline due up to the target in time order (same
///   instant: see `scheduler::Phase`), then sets the clock to the target.
/// - Every request goes through [`World::call`] at the current time. A
///   request that fails for its input changes nothing; every other request
///   is journaled with its time, so `seed + settings + journal` rebuilds the
///   world byte for byte ([`World::replay`]).
/// - The world never reads a wall clock and draws all randomness from its
///   seeded generator.
#[derive(Clone, Debug)]
pub struct World {
    seed: u64,
    settings: Settings,
    now: SimTime,
    rng: SimRng,
    scheduler: Scheduler<Deadline>,
    journal: Vec<JournalEntry>,
    services: Services,
    audit: CallAudit,
    /// Every effect routed so far, for tests of how services reach each other.
    #[cfg(test)]
    pub(crate) routed: Vec<Effect>,
}

impl World {
    pub fn new(seed: u64, settings: Settings) -> World {
        let now = settings.epoch.clamp(SimTime::MIN, SimTime::MAX);
        let mut world = World {
            seed,
            rng: SimRng::from_seed(seed),
            settings,
            now,
            scheduler: Scheduler::default(),
            journal: Vec::new(),
            services: Services::default(),
            audit: CallAudit::default(),
            #[cfg(test)]
            routed: Vec::new(),
        };
        world.with_ctx(|services, ctx| {
            ctx.schedule(ctx.now.floor_to(DAY).plus(DAY), Deadline::Housekeeping);
            services.kms.bootstrap(ctx);
        });
        world
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn now(&self) -> SimTime {
        self.now
    }

    pub fn journal(&self) -> &[JournalEntry] {
        &self.journal
    }

    /// Read access to every service's state, for views.
    pub fn services(&self) -> &Services {
        &self.services
    }

    /// Mutable access to the services, for tests that configure one (e.g.
    /// CloudWatch's evaluator) before driving the world.
    #[cfg(test)]
    pub(crate) fn services_mut(&mut self) -> &mut Services {
        &mut self.services
    }

    /// Everything a request could change (services, clock, randomness,
    /// deadlines, journal) as text, for tests that a refused request changed
    /// nothing.
    #[cfg(test)]
    pub(crate) fn fingerprint(&self) -> String {
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            self.now, self.rng, self.scheduler, self.journal, self.services
        )
    }

    /// Chooses CloudWatch's alarm evaluator (benchmarks and differential
    /// checks; both give the same results). Choose before creating alarms.
    pub fn set_alarm_evaluator(&mut self, evaluator: cloudwatch::Evaluator) {
        self.services.cloudwatch.set_evaluator(evaluator);
    }

    /// The time of the next internal deadline, if any.
    pub fn next_deadline(&self) -> Option<SimTime> {
        self.scheduler.next_at()
    }

    /// Calls `operation` of `service` with `params` (a JSON object with AWS's
    /// member names) at the current simulated time.
    pub fn call(&mut self, service: &str, operation: &str, params: &Value) -> AwsResult {
        let Some(service_name) = ServiceName::parse(service) else {
            let valid: Vec<&str> = ServiceName::ALL.iter().map(|s| s.as_str()).collect();
            return Err(AwsError::input(
                "UnknownServiceException",
                format!("Unknown service '{service}'. Valid services: {}", valid.join(", ")),
            ));
        };
        let model = service_name.model();
        let Some(op) = model.operation(operation) else {
            return Err(unknown_operation(service_name, operation));
        };
        model.validate(op, params)?;
        let rng_before = self.rng.clone();
        self.audit = CallAudit::default();
        let result =
            self.with_ctx(|services, ctx| services.dispatch(service_name, operation, Params::new(params), ctx));
        if matches!(&result, Err(e) if e.input) {
            // Input errors change nothing; handlers check input before they
            // touch state, and the randomness they may have drawn is undone.
            self.rng = rng_before;
            return result;
        }
        let params = Arc::new(params.clone());
        self.journal.push(JournalEntry {
            at: self.now,
            service: service_name,
            operation: operation.to_owned(),
            params: Arc::clone(&params),
        });
        if let Some(mut record) = cloudtrail::Record::api_call_shared(service_name, operation, params, &result) {
            let audit = std::mem::take(&mut self.audit);
            record.resources = audit.resources;
            record.extra_request_parameters = audit.extra_request_parameters;
            self.with_ctx(|services, ctx| services.cloudtrail.record(record, ctx));
        }
        result
    }

    /// Runs a read-only operation (`Describe*`, `List*`, `Get*`, ...) for a
    /// view: same validation and the same JSON as [`World::call`], but not
    /// journaled, not recorded in CloudTrail, drawing no randomness and
    /// emitting nothing. The UI renders from this so that looking at the
    /// account never changes it. Other operations are refused.
    pub fn peek(&mut self, service: &str, operation: &str, params: &Value) -> AwsResult {
        let Some(service_name) = ServiceName::parse(service) else {
            return self.call(service, operation, params);
        };
        let model = service_name.model();
        let Some(op) = model.operation(operation) else {
            return Err(unknown_operation(service_name, operation));
        };
        if !cloudtrail::is_read_only(service_name, operation) || operation == "GetParametersForImport" {
            return Err(AwsError::input(
                "UnsupportedOperationException",
                format!("{operation} changes the account; it cannot be peeked."),
            ));
        }
        model.validate(op, params)?;
        let rng_before = self.rng.clone();
        let mut effects = VecDeque::new();
        let result = {
            let mut ctx = Ctx {
                now: self.now,
                rng: &mut self.rng,
                settings: &self.settings,
                scheduler: &mut self.scheduler,
                effects: &mut effects,
                audit: &mut self.audit,
            };
            self.services
                .dispatch(service_name, operation, Params::new(params), &mut ctx)
        };
        self.rng = rng_before;
        self.audit = CallAudit::default();
        result
    }

    /// Routes `effect` as if a service had emitted it (tests of one
    /// service's reaction to another's output).
    #[cfg(test)]
    pub(crate) fn inject(&mut self, effect: Effect) {
        self.with_ctx(|_, ctx| ctx.emit(effect));
    }

    /// Moves simulated time to `t`, processing every deadline due up to it.
    /// Moving backwards is refused (time only runs forward) and does nothing.
    pub fn advance_to(&mut self, t: SimTime) {
        let t = t.min(SimTime::MAX);
        if t <= self.now {
            return;
        }
        while let Some((at, deadline)) = self.scheduler.pop_due(t) {
            self.now = at;
            self.with_ctx(|services, ctx| services.on_deadline(deadline, ctx));
        }
        self.now = t;
    }

    pub fn advance_by(&mut self, ms: i64) {
        self.advance_to(self.now.plus(ms.max(0)));
    }

    /// Rebuilds a world from its seed, settings and journal, then moves it to
    /// `now`. Entries must be in time order; the first one that cannot be
    /// applied is reported with its index and nothing is returned.
    pub fn replay(seed: u64, settings: Settings, journal: &[JournalEntry], now: SimTime) -> Result<World, ReplayError> {
        let mut world = World::new(seed, settings);
        for (index, entry) in journal.iter().enumerate() {
            if entry.at < world.now {
                return Err(ReplayError {
                    index,
                    reason: "entries are not in time order".into(),
                });
            }
            world.advance_to(entry.at);
            if let Err(e) = world.call(entry.service.as_str(), &entry.operation, &entry.params) {
                if e.input {
                    return Err(ReplayError {
                        index,
                        reason: format!("{}: {}", e.code, e.message),
                    });
                }
            }
        }
        world.advance_to(now);
        Ok(world)
    }

    /// Runs `f` with the services and a context at the current time, then
    /// routes every effect it produced (and the effects those produce) in
    /// first-in first-out order.
    fn with_ctx<R>(&mut self, f: impl FnOnce(&mut Services, &mut Ctx) -> R) -> R {
        let mut effects = VecDeque::new();
        let result = {
            let mut ctx = Ctx {
                now: self.now,
                rng: &mut self.rng,
                settings: &self.settings,
                scheduler: &mut self.scheduler,
                effects: &mut effects,
                audit: &mut self.audit,
            };
            f(&mut self.services, &mut ctx)
        };
        while let Some(effect) = effects.pop_front() {
            #[cfg(test)]
            self.routed.push(effect.clone());
            let mut ctx = Ctx {
                now: self.now,
                rng: &mut self.rng,
                settings: &self.settings,
                scheduler: &mut self.scheduler,
                effects: &mut effects,
                audit: &mut self.audit,
            };
            self.services.route(effect, &mut ctx);
        }
        result
    }
}

/// Why a journal could not be replayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplayError {
    /// Zero-based position of the offending entry.
    pub index: usize,
    pub reason: String,
}

fn unknown_operation(service: ServiceName, operation: &str) -> AwsError {
    if service.is_query_protocol() {
        AwsError::input(
            "InvalidAction",
            format!("The action {operation} is not valid for this web service."),
        )
    } else {
        AwsError::input(
            "UnknownOperationException",
            format!(
                "The operation {operation} is not supported by the {} model of this playground.",
                service.as_str()
            ),
        )
    }
}

impl Services {
    fn dispatch(&mut self, service: ServiceName, op: &str, p: Params, ctx: &mut Ctx) -> AwsResult {
        match service {
            ServiceName::Kms => self.kms.handle(op, p, ctx),
            ServiceName::Cloudwatch => self.cloudwatch.handle(op, p, ctx),
            ServiceName::Sns => self.sns.handle(op, p, ctx),
            ServiceName::Events => self.events.handle(op, p, ctx),
            ServiceName::Logs => self.logs.handle(op, p, ctx),
            ServiceName::Cloudtrail => self.cloudtrail.handle(op, p, ctx),
            ServiceName::Sqs => self.sqs.handle(op, p, ctx),
            ServiceName::Kinesis => self.kinesis.handle(op, p, ctx),
            ServiceName::Lambda => self.lambda.handle(op, p, ctx),
        }
    }

    fn on_deadline(&mut self, deadline: Deadline, ctx: &mut Ctx) {
        match deadline {
            Deadline::Kms(timer) => self.kms.on_timer(timer, ctx),
            Deadline::Cloudwatch(timer) => self.cloudwatch.on_timer(timer, ctx),
            Deadline::Sns(timer) => self.sns.on_timer(timer, ctx),
            Deadline::Sqs(timer) => self.sqs.on_timer(timer, ctx),
            Deadline::Events(timer) => self.events.on_timer(timer, ctx),
            Deadline::Housekeeping => {
                self.cloudwatch.prune(ctx.now);
                self.logs.prune(ctx.now);
                self.cloudtrail.prune(ctx.now);
                self.events.prune(ctx.now);
                self.sns.prune(ctx.now);
                self.lambda.prune(ctx.now);
                self.kinesis.prune(ctx.now);
                ctx.schedule(ctx.now.plus(DAY), Deadline::Housekeeping);
            }
        }
    }

    fn route(&mut self, effect: Effect, ctx: &mut Ctx) {
        match effect {
            Effect::BusEvent {
                event,
                read_only_management,
            } => self.events.put_service_event(event, read_only_management, ctx),
            Effect::Trail(record) => self.cloudtrail.record(*record, ctx),
            Effect::SnsPublish {
                topic_arn,
                subject,
                message,
                message_structure,
            } => self
                .sns
                .publish_from_service(&topic_arn, subject, message, message_structure, ctx),
            Effect::SqsSend { queue_arn, body } => self.sqs.deliver(&queue_arn, body, ctx),
            Effect::LambdaInvoke { function_arn, payload } => self.lambda.invoke_async(&function_arn, payload, ctx),
            Effect::KinesisPut {
                stream_arn,
                data,
                partition_key,
            } => self.kinesis.deliver(&stream_arn, data, partition_key, ctx),
            Effect::Metric(update) => self.cloudwatch.apply(update, ctx),
            Effect::Log {
                group,
                stream,
                message,
                timestamp,
            } => self.logs.put_from_service(&group, &stream, message, timestamp, ctx),
        }
    }
}
