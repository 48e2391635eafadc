//! The KMS keys table and a key's lifecycle, as rows.

use crate::sim::kms::key::{Key, KeyState, Origin};
use crate::sim::kms::Kms;
use crate::sim::SimTime;
use crate::ui::view::Tone;

/// One row of the keys table.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyRow {
    pub id: String,
    pub arn: String,
    pub aliases: Vec<String>,
    pub description: String,
    pub external: bool,
    pub spec: String,
    pub state: &'static str,
    pub tone: Tone,
    pub aws_managed: bool,
    /// When imported material expires (while it is present).
    pub expires: Option<SimTime>,
    /// When a key pending deletion is deleted.
    pub deletion: Option<SimTime>,
    /// The rotation period while automatic rotation is on.
    pub rotation_days: Option<i64>,
    pub next_rotation: Option<SimTime>,
    pub created: SimTime,
}

/// The tone of a key state, as the KMS console colours it.
pub fn state_tone(state: &KeyState) -> Tone {
    match state {
        KeyState::Enabled => Tone::Success,
        KeyState::Disabled => Tone::Stopped,
        KeyState::PendingImport => Tone::Pending,
        KeyState::PendingDeletion { .. } => Tone::Warning,
    }
}

fn row(kms: &Kms, key: &Key) -> KeyRow {
    let rotating = key.rotation.enabled && !matches!(key.state, KeyState::PendingDeletion { .. });
    KeyRow {
        id: key.id.clone(),
        arn: key.arn.clone(),
        aliases: kms.aliases_of(&key.id).map(str::to_owned).collect(),
        description: key.description.clone(),
        external: key.origin == Origin::External,
        spec: key.spec.name(),
        state: key.state.name(),
        tone: state_tone(&key.state),
        aws_managed: key.aws_managed,
        expires: key.current_material().and(key.valid_to()),
        deletion: match key.state {
            KeyState::PendingDeletion { deletion_date, .. } => Some(deletion_date),
            _ => None,
        },
        rotation_days: rotating.then_some(key.rotation.period_days),
        next_rotation: if rotating { key.rotation.next } else { None },
        created: key.creation_date,
    }
}

/// Customer managed keys (newest first) or AWS managed keys (by alias).
pub fn key_rows(kms: &Kms, aws_managed: bool) -> Vec<KeyRow> {
    let mut rows: Vec<KeyRow> = kms
        .keys()
        .filter(|k| k.aws_managed == aws_managed)
        .map(|k| row(kms, k))
        .collect();
    if aws_managed {
        rows.sort_by(|a, b| a.aliases.cmp(&b.aliases));
    } else {
        rows.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
    }
    rows
}

/// The first eight characters of a key id, as the UI abbreviates it.
pub fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::sim::time::DAY;
    use crate::sim::{Settings, World};

    #[test]
    fn rows_show_state_expiry_rotation_and_aliases() {
        let mut w = World::new(1, Settings::default());
        let id = w.call("kms", "CreateKey", &json!({})).unwrap()["KeyMetadata"]["KeyId"]
            .as_str()
            .unwrap()
            .to_owned();
        w.call(
            "kms",
            "CreateAlias",
            &json!({"AliasName": "alias/app", "TargetKeyId": id}),
        )
        .unwrap();
        w.call("kms", "EnableKeyRotation", &json!({"KeyId": id})).unwrap();
        w.advance_by(DAY);
        let ext = w.call("kms", "CreateKey", &json!({"Origin": "EXTERNAL"})).unwrap()["KeyMetadata"]["KeyId"]
            .as_str()
            .unwrap()
            .to_owned();
        w.call(
            "kms",
            "ScheduleKeyDeletion",
            &json!({"KeyId": ext, "PendingWindowInDays": 7}),
        )
        .unwrap();

        let rows = key_rows(&w.services().kms, false);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].id, ext, "newest first");
        assert_eq!(
            (rows[0].state, rows[0].tone, rows[0].external),
            ("PendingDeletion", Tone::Warning, true)
        );
        assert_eq!(rows[0].deletion, Some(w.now().plus(7 * DAY)));
        assert_eq!(rows[1].aliases, ["alias/app"]);
        assert_eq!(rows[1].rotation_days, Some(365));
        assert_eq!(key_rows(&w.services().kms, true).len(), 3);
        assert_eq!(short_id(&rows[1].id).len(), 8);
    }
}
