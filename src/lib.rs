//! KMS Playground: a deterministic model of an AWS account's KMS, CloudWatch,
//! SNS, CloudTrail/Logs and EventBridge (`sim`), and the Yew app that lets a
//! person drive it through simulated time (`ui`).

pub mod cli;
pub mod sim;
pub mod ui;

#[cfg(test)]
mod tidy;
