//! KMS Playground: a deterministic model of an AWS account's KMS, CloudWatch,
//! SNS, CloudTrail/Logs and EventBridge (`sim`), the AWS CLI over it (`cli`),
//! how worlds travel in links and files (`share`), and the Yew app that lets
//! a person drive it through simulated time (`ui`).

pub mod cli;
pub mod scenario;
pub mod share;
pub mod sim;
pub mod ui;

#[cfg(test)]
mod tidy;
