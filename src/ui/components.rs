//! The UI's components, one per file. Panels read the shared state through
//! `use_app`; everything else takes plain props.

pub mod alarms_view;
pub mod clock_bar;
pub mod cloudtrail_panel;
pub mod cloudwatch_panel;
pub mod console_panel;
pub mod create_alarm_dialog;
pub mod create_key_dialog;
pub mod crypto_dialog;
pub mod empty_state;
pub mod error_alert;
pub mod event_stream;
pub mod events_panel;
pub mod explanation_view;
pub mod header;
pub mod import_dialog;
pub mod json_view;
pub mod key_actions;
pub mod key_details;
pub mod key_table;
pub mod keys_panel;
pub mod line_chart;
pub mod mailbox;
pub mod metrics_view;
pub mod modal;
pub mod notice_banner;
pub mod notifications_panel;
pub mod panel;
pub mod pattern_tester;
pub mod rotation_dialog;
pub mod rules_list;
pub mod schedule_deletion_dialog;
pub mod status;
pub mod targets_view;
pub mod world_menu;
