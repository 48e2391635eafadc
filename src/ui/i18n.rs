//! Every string the UI shows, in English and Japanese, from one catalogue.
//! A message is a variant of [`Msg`]; [`tr`] looks it up. The catalogue's
//! test fails if any message lacks a translation.

use serde::{Deserialize, Serialize};

/// The UI's languages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// The language for a BCP 47 tag such as `navigator.language` gives
    /// (`ja`, `ja-JP` → Japanese; anything else → English).
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

macro_rules! catalogue {
    ($($key:ident => $en:literal, $ja:literal;)*) => {
        /// A UI message.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key,)* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];
        }

        /// The message in `lang`.
        pub fn tr(lang: Lang, msg: Msg) -> &'static str {
            match (msg, lang) {
                $((Msg::$key, Lang::En) => $en, (Msg::$key, Lang::Ja) => $ja,)*
            }
        }
    };
}

catalogue! {
    AppTitle => "KMS Playground", "KMS Playground";
    AppTagline => "A simulated AWS account: KMS, CloudWatch, SNS, CloudTrail and EventBridge, driven through time.",
        "シミュレーションされた AWS アカウント: KMS、CloudWatch、SNS、CloudTrail、EventBridge を時間を進めて体験できます。";
    ClockLabel => "Simulated time", "シミュレーション時刻";
    Play => "Play", "再生";
    Pause => "Pause", "一時停止";
    Speed => "Speed", "速度";
    SpeedRealTime => "1×", "1×";
    SpeedMinute => "60× (1 min/s)", "60×（1 分/秒）";
    SpeedHour => "1 hour/s", "1 時間/秒";
    SpeedDay => "1 day/s", "1 日/秒";
    SpeedWeek => "1 week/s", "1 週間/秒";
    AdvanceHour => "+1 h", "+1 時間";
    AdvanceDay => "+1 d", "+1 日";
    AdvanceTenDays => "+10 d", "+10 日";
    AdvanceThirtyDays => "+30 d", "+30 日";
    AdvanceBy => "Advance simulated time by", "シミュレーション時刻を進める:";
    JumpToDate => "Jump to", "日時へ移動";
    JumpGo => "Go", "移動";
    NextDeadline => "Next", "次の予定";
    NoDeadline => "Nothing scheduled", "予定なし";
    PanelKeys => "KMS keys", "KMS キー";
    PanelCloudWatch => "CloudWatch", "CloudWatch";
    PanelEvents => "EventBridge events", "EventBridge イベント";
    PanelNotifications => "Notifications", "通知";
    PanelCloudTrail => "CloudTrail", "CloudTrail";
    PanelConsole => "CLI console", "CLI コンソール";
    EmptyKeys => "No customer managed keys yet.", "カスタマー管理型キーはまだありません。";
    EmptyMetrics => "No metrics yet. Import key material with an expiry to see SecondsUntilKeyMaterialExpiration.",
        "メトリクスはまだありません。有効期限付きでキーマテリアルをインポートすると SecondsUntilKeyMaterialExpiration が表示されます。";
    EmptyEvents => "No events on the default bus yet.", "デフォルトバスにイベントはまだありません。";
    EmptyMail => "The mailbox is empty.", "メールボックスは空です。";
    EmptyTrail => "No API activity yet.", "API アクティビティはまだありません。";
    EmptyConsole => "Type an AWS CLI command, e.g. aws kms list-keys", "AWS CLI コマンドを入力してください（例: aws kms list-keys）";
    Language => "Language", "言語";
    Theme => "Theme", "テーマ";
    ThemeSystem => "System", "システム";
    ThemeLight => "Light", "ライト";
    ThemeDark => "Dark", "ダーク";
    TimeZone => "Time zone", "タイムゾーン";
    Loading => "Starting the simulated account…", "シミュレーション環境を起動しています…";
    FastForwarding => "Fast-forwarding", "早送り中";
    KeysCustomerManaged => "Customer managed keys", "カスタマー管理型のキー";
    KeysAwsManaged => "AWS managed keys", "AWS マネージド型キー";
    Pagination => "Pages", "ページ";
    PreviousPage => "Previous page", "前のページ";
    NextPage => "Next page", "次のページ";
    PageNumber => "Page {}", "{} ページ目";
    ColAliases => "Aliases", "エイリアス";
    ColKeyId => "Key ID", "キー ID";
    ColStatus => "Status", "ステータス";
    ColOrigin => "Origin", "オリジン";
    ColType => "Type", "タイプ";
    ColLifecycle => "Next lifecycle event", "次のライフサイクルイベント";
    LifecycleExpires => "Material expires", "マテリアル失効";
    LifecycleDeleted => "Deleted", "削除";
    LifecycleRotates => "Rotates", "ローテーション";
    LifecycleNone => "—", "—";
    ColKeySpec => "Key spec", "キー仕様";
    ColExpires => "Material expires", "マテリアルの有効期限";
    ColRotation => "Automatic rotation", "自動ローテーション";
    ColDeletion => "Deletion date", "削除日";
    RotationOff => "Off", "無効";
    RotationEvery => "Every {} days", "{} 日ごと";
    Never => "—", "—";
    CreateKey => "Create key", "キーを作成";
    CreateKeyTitle => "Create a KMS key", "KMS キーを作成";
    KeyType => "Key type", "キーのタイプ";
    KeyTypeSymmetric => "Symmetric (encrypt and decrypt)", "対称（暗号化と復号）";
    KeyTypeRsaEncrypt => "Asymmetric RSA (encrypt and decrypt)", "非対称 RSA（暗号化と復号）";
    KeyTypeRsaSign => "Asymmetric RSA (sign and verify)", "非対称 RSA（署名と検証）";
    KeyTypeHmac => "HMAC (generate and verify MAC)", "HMAC（MAC の生成と検証）";
    KeyMaterialOrigin => "Key material origin", "キーマテリアルのオリジン";
    OriginKms => "KMS — AWS KMS generates the key material", "KMS — AWS KMS がキーマテリアルを生成";
    OriginExternal => "External — import your own key material", "外部 — 独自のキーマテリアルをインポート";
    AliasLabel => "Alias (optional)", "エイリアス（オプション）";
    DescriptionLabel => "Description (optional)", "説明（オプション）";
    Cancel => "Cancel", "キャンセル";
    Create => "Create", "作成";
    Close => "Close", "閉じる";
    KeyDetails => "Key details", "キーの詳細";
    InUntil => "in {}", "あと {}";
    Selected => "Selected", "選択中";
    KeyActions => "Key actions", "キーのアクション";
    ActionEnable => "Enable", "有効化";
    ActionDisable => "Disable", "無効化";
    ActionScheduleDeletion => "Schedule key deletion", "キーの削除をスケジュール";
    ActionCancelDeletion => "Cancel key deletion", "キーの削除をキャンセル";
    ActionImport => "Import key material", "キーマテリアルをインポート";
    ActionDeleteMaterial => "Delete key material", "キーマテリアルを削除";
    ActionRotation => "Key rotation", "キーのローテーション";
    ActionEncrypt => "Encrypt / decrypt", "暗号化 / 復号";
    WaitingPeriod => "Waiting period (7–30 days)", "待機期間（7～30 日）";
    DeletionWarning => "After the waiting period, KMS deletes the key, its key material and its aliases. Data encrypted under it can no longer be decrypted. Until then you can cancel the deletion.",
        "待機期間が過ぎると、KMS はキー、キーマテリアル、エイリアスを削除します。このキーで暗号化されたデータは復号できなくなります。それまでは削除をキャンセルできます。";
    DeletionConfirm => "Confirm that you want to schedule this key for deletion", "このキーの削除をスケジュールすることを確認します";
    Schedule => "Schedule deletion", "削除をスケジュール";
    WrappingAlgorithm => "Wrapping algorithm", "ラッピングアルゴリズム";
    WrappingKeySpec => "Wrapping key spec", "ラッピングキーの仕様";
    GetParameters => "Download wrapping public key and import token", "ラッピング用パブリックキーとインポートトークンをダウンロード";
    PublicKey => "Wrapping public key (base64 DER)", "ラッピング用パブリックキー（base64 DER）";
    ImportToken => "Import token (base64)", "インポートトークン（base64）";
    ParametersValidTo => "Valid until", "有効期限";
    Copy => "Copy", "コピー";
    Download => "Download", "ダウンロード";
    OpensslIntro => "To wrap your own key material by hand, run these commands (from the AWS KMS guide), then paste the base64 output below.",
        "独自のキーマテリアルを手動でラップするには、次のコマンド（AWS KMS ガイドより）を実行し、base64 出力を下に貼り付けます。";
    MaterialSource => "Key material", "キーマテリアル";
    GenerateForMe => "Generate 256-bit key material and wrap it for me in the browser", "256 ビットのキーマテリアルをブラウザで生成してラップする";
    PasteWrapped => "Paste key material I wrapped myself (base64)", "自分でラップしたキーマテリアルを貼り付ける（base64）";
    EncryptedMaterial => "Encrypted key material (base64)", "暗号化されたキーマテリアル（base64）";
    Expiration => "Expiration", "有効期限";
    ExpiresAt => "Key material expires", "キーマテリアルに有効期限を設定する";
    DoesNotExpire => "Key material does not expire", "キーマテリアルに有効期限を設定しない";
    ValidTo => "Expires at (ValidTo)", "有効期限（ValidTo）";
    Import => "Import", "インポート";
    RotationEnabledLabel => "Rotate this key automatically", "このキーを自動的にローテーションする";
    RotationPeriod => "Rotation period (90–2560 days)", "ローテーション期間（90～2560 日）";
    Save => "Save", "保存";
    RotateNow => "Rotate now (on demand)", "今すぐローテーション（オンデマンド）";
    RotationHistory => "Rotation history", "ローテーション履歴";
    NoRotations => "No rotations yet.", "ローテーションはまだありません。";
    NextRotation => "Next rotation", "次回のローテーション";
    Plaintext => "Plaintext", "プレーンテキスト";
    Ciphertext => "Ciphertext (base64)", "暗号文（base64）";
    EncryptionContext => "Encryption context (key=value per line, optional)", "暗号化コンテキスト（1 行に key=value、オプション）";
    EncryptAction => "Encrypt", "暗号化";
    DecryptAction => "Decrypt", "復号";
    Result => "Result", "結果";
    Done => "Done", "完了";
    JumpToNext => "Jump to next", "次の予定へ";
    DeadlineExpires => "key {} material expires", "キー {} のマテリアルが失効";
    DeadlineDeleted => "key {} is deleted", "キー {} が削除される";
    DeadlineRotates => "key {} rotates", "キー {} がローテーション";
    TabEventStream => "Event stream", "イベントストリーム";
    TabRules => "Rules", "ルール";
    TabSandbox => "Pattern tester", "パターンのテスト";
    AllDetailTypes => "All detail types", "すべての detail-type";
    FilterDetailType => "Filter by detail-type", "detail-type で絞り込み";
    MatchedRules => "Matched rules", "一致したルール";
    NoRuleMatched => "No rule matched this event.", "このイベントに一致したルールはありません。";
    DeliveredTo => "delivered to", "配信先";
    DeliveryFailed => "failed", "失敗";
    NoRules => "No rules yet. Create one with the CLI (aws events put-rule) or the scenarios.", "ルールはまだありません。CLI（aws events put-rule）またはシナリオで作成できます。";
    ColName => "Name", "名前";
    ColState => "State", "状態";
    ColPattern => "Event pattern / schedule", "イベントパターン / スケジュール";
    ColTargets => "Targets", "ターゲット";
    SampleEvent => "Sample event", "サンプルイベント";
    EventJson => "Event (JSON)", "イベント（JSON）";
    EventPattern => "Event pattern (JSON)", "イベントパターン（JSON）";
    TestPattern => "Test pattern", "パターンをテスト";
    PatternMatches => "The event matches the pattern.", "イベントはパターンに一致します。";
    PatternNoMatch => "The event does not match the pattern.", "イベントはパターンに一致しません。";
    InvalidEventJson => "The event is not valid JSON", "イベントが有効な JSON ではありません";
    BusEventsSelect => "Event from the stream", "ストリームのイベント";
    ExplainAgainst => "Why did it (not) match?", "一致した（しなかった）理由";
    TabMailbox => "Mailbox", "メールボックス";
    TabQueues => "SQS queues", "SQS キュー";
    TabFunctions => "Lambda", "Lambda";
    TabStreams => "Kinesis", "Kinesis";
    TabSubscriptions => "SNS subscriptions", "SNS サブスクリプション";
    MailFrom => "From", "差出人";
    MailTo => "To", "宛先";
    ConfirmSubscription => "Confirm subscription", "サブスクリプションを確認";
    SubscriptionConfirmed => "Subscription confirmed!", "サブスクリプションが確認されました！";
    NoQueues => "No SQS queues yet.", "SQS キューはまだありません。";
    NoFunctions => "No Lambda functions yet.", "Lambda 関数はまだありません。";
    NoStreams => "No Kinesis streams yet.", "Kinesis ストリームはまだありません。";
    NoSubscriptions => "No SNS topics or subscriptions yet.", "SNS トピックやサブスクリプションはまだありません。";
    MessagesAvailable => "available", "利用可能";
    MessagesInFlight => "in flight", "処理中";
    NoMessages => "No messages.", "メッセージはありません。";
    NoInvocations => "No invocations yet.", "呼び出しはまだありません。";
    NoRecords => "No records.", "レコードはありません。";
    Received => "received", "受信回数";
    ColTopic => "Topic", "トピック";
    ColProtocol => "Protocol", "プロトコル";
    ColEndpoint => "Endpoint", "エンドポイント";
    Pending => "Pending confirmation", "確認待ち";
    Confirmed => "Confirmed", "確認済み";
    ColEventTime => "Event time", "イベント時刻";
    ColEventName => "Event name", "イベント名";
    ColEventSource => "Event source", "イベントソース";
    ColUser => "User name", "ユーザー名";
    ColResource => "Resource", "リソース";
    ColError => "Error code", "エラーコード";
    FilterEventName => "Event name", "イベント名";
    FilterResource => "Resource name contains", "リソース名を含む";
    ErrorsOnly => "Errors only", "エラーのみ";
    TrailRetentionNote => "Event history keeps 90 days of management events.", "イベント履歴には 90 日分の管理イベントが保持されます。";
    Share => "Share link", "共有リンク";
    LinkCopied => "Link copied: anyone who opens it gets this exact account.", "リンクをコピーしました。開いた人はまったく同じアカウントを得られます。";
    Export => "Export", "エクスポート";
    ImportWorld => "Import", "インポート";
    Reset => "Reset", "リセット";
    ResetTitle => "Reset the playground?", "プレイグラウンドをリセットしますか？";
    ResetBody => "This deletes every key, alarm, topic, rule and event, and starts a fresh account at the default date. Export first if you want to keep this one.",
        "すべてのキー、アラーム、トピック、ルール、イベントを削除し、既定の日付で新しいアカウントを開始します。残したい場合は先にエクスポートしてください。";
    ResetConfirm => "Reset", "リセットする";
    Unrestorable => "Your saved playground could not be restored", "保存されたプレイグラウンドを復元できませんでした";
    UnrestorableHelp => "Nothing has been deleted. Download the saved data to keep it; the playground will not save over it until you choose to start fresh.",
        "何も削除されていません。保存データをダウンロードして保管できます。新しく始めることを選ぶまで、上書き保存はされません。";
    DownloadSaved => "Download saved data", "保存データをダウンロード";
    StartFresh => "Start fresh", "新しく始める";
    BadLink => "The shared link could not be opened", "共有リンクを開けませんでした";
    OpenedLink => "You opened a shared playground. Your previous one was kept as a backup in this browser.", "共有されたプレイグラウンドを開きました。以前のものはこのブラウザにバックアップとして保存されています。";
    Dismiss => "Dismiss", "閉じる";
    ImportFailed => "The file could not be imported", "ファイルをインポートできませんでした";
    WorldMenu => "Playground", "プレイグラウンド";
    ConsoleInput => "AWS CLI command", "AWS CLI コマンド";
    ConsoleHint => "Enter runs · Shift+Enter or \\ continues · ↑/↓ history · Tab completes · try: help", "Enter で実行 · Shift+Enter または \\ で継続 · ↑/↓ で履歴 · Tab で補完 · 例: help";
    ConsoleOutput => "Console output", "コンソール出力";
    Run => "Run", "実行";
    Suggestions => "Suggestions", "候補";
    TabMetrics => "Metrics", "メトリクス";
    TabAlarms => "Alarms", "アラーム";
    CreateAlarm => "Create alarm", "アラームの作成";
    Statistic => "Statistic", "統計";
    Period => "Period", "期間";
    TimeRange => "Time range", "時間範囲";
    PeriodAuto => "Auto", "自動";
    NoData => "No data in this time range.", "この時間範囲にはデータがありません。";
    NoAlarms => "No alarms yet. Create one on a metric: for example KeyMaterialExpiresSoon on SecondsUntilKeyMaterialExpiration.",
        "アラームはまだありません。メトリクスに作成してください（例: SecondsUntilKeyMaterialExpiration に KeyMaterialExpiresSoon）。";
    ColAlarmName => "Name", "名前";
    ColConditions => "Conditions", "条件";
    ColActions => "Actions", "アクション";
    ActionsOn => "Actions enabled", "アクション有効";
    ActionsOff => "Actions disabled", "アクション無効";
    Condition => "{} {} {} for {} datapoints within {}", "{} {} {}（{} 内の {} データポイント）";
    Threshold => "Threshold", "しきい値";
    EvaluationWindow => "Evaluation window (oldest → newest)", "評価範囲（古い → 新しい）";
    Breaching => "breaching", "しきい値超過";
    NotBreaching => "not breaching", "正常";
    Missing => "missing", "欠落";
    WhyState => "Why is it {}?", "なぜ {} なのか";
    StateTimeline => "State timeline", "状態の履歴";
    ExplainEnough => "{} of the {} most recent datapoints breach the threshold; {} are needed for ALARM, so the alarm is {}.",
        "直近 {} 件中 {} 件のデータポイントがしきい値を超えています（ALARM には {} 件必要）。そのためアラームは {} です。";
    ExplainFilled => "Only {} of {} datapoints were received; the missing ones count as {} (TreatMissingData = {}), so the alarm is {}.",
        "{} 件中 {} 件のデータポイントしか受信していません。欠落分は {} として扱われ（TreatMissingData = {}）、アラームは {} です。";
    ExplainAllFilled => "No datapoints in the last {} periods; TreatMissingData = {} counts them as {}, so the alarm is {}.",
        "直近 {} 期間にデータポイントがありません。TreatMissingData = {} により {} として扱われ、アラームは {} です。";
    ExplainUnknown => "No datapoints in the last {} periods and TreatMissingData = missing, so the alarm is INSUFFICIENT_DATA.",
        "直近 {} 期間にデータポイントがなく、TreatMissingData = missing のため、アラームは INSUFFICIENT_DATA です。";
    ExplainIgnored => "No datapoints in the last {} periods and TreatMissingData = ignore, so the alarm keeps its state ({}).",
        "直近 {} 期間にデータポイントがなく、TreatMissingData = ignore のため、アラームは状態（{}）を維持します。";
    ExplainAvailable => "Only {} of {} datapoints were received and are evaluated alone: {} breach; {} are needed for ALARM, so the alarm is {}.",
        "{} 件中 {} 件のデータポイントのみを評価します。{} 件が超過（ALARM には {} 件必要）。そのためアラームは {} です。";
    ExplainPremature => "Every datapoint received breaches and the oldest is at least {} periods old, so the alarm goes to ALARM without waiting for more data.",
        "受信したデータポイントはすべて超過しており、最も古いものが {} 期間以上前のため、追加データを待たずに ALARM になります。";
    ExplainNotYet => "Every datapoint received breaches, but they are too few and too recent to alarm yet, so the alarm keeps its state ({}).",
        "受信したデータポイントはすべて超過していますが、数が少なく新しすぎるため、アラームは状態（{}）を維持します。";
    AlarmName => "Alarm name", "アラーム名";
    AlarmDescription => "Alarm description (optional)", "アラームの説明（オプション）";
    MetricLabel => "Metric", "メトリクス";
    ComparisonLabel => "Whenever the metric is…", "メトリクスが次の場合…";
    DatapointsToAlarm => "Datapoints to alarm", "アラームを実行するデータポイント";
    OutOf => "out of", "/";
    MissingTreatment => "Missing data treatment", "欠落データの処理";
    MissingMissing => "Treat missing data as missing", "欠落データを見つかりませんとして処理";
    MissingNotBreaching => "Treat missing data as good (not breaching threshold)", "欠落データを適正（しきい値を超えていない）として処理";
    MissingBreaching => "Treat missing data as bad (breaching threshold)", "欠落データを不正（しきい値を超えている）として処理";
    MissingIgnore => "Ignore (maintain the alarm state)", "無視（アラーム状態を維持する）";
    Notification => "Notification: when in ALARM, send a message to an SNS topic", "通知: ALARM 状態のとき SNS トピックにメッセージを送信";
    NoNotification => "No notification", "通知なし";
    ExistingTopic => "Existing topic", "既存のトピック";
    NewTopic => "Create a new topic", "新しいトピックの作成";
    TopicName => "Topic name", "トピック名";
    EmailEndpoints => "Email endpoints that will receive the notification (comma-separated)", "通知を受信する E メールエンドポイント（カンマ区切り）";
    NoMetrics => "Choose a metric first: there are no metrics yet.", "まずメトリクスを選んでください（まだメトリクスがありません）。";
    PerKeyMetrics => "Per-Key Metrics", "キーごとのメトリクス";
    Scenarios => "Scenarios", "シナリオ";
    Undo => "Undo", "元に戻す";
    Redo => "Redo", "やり直す";
    ScenariosTitle => "Guided scenarios", "ガイド付きシナリオ";
    ScenariosIntro => "Each scenario starts a fresh account and guides you step by step. Your current account is replaced (export it first to keep it).",
        "各シナリオは新しいアカウントで始まり、手順ごとに案内します。現在のアカウントは置き換えられます（残したい場合は先にエクスポートしてください）。";
    StartScenario => "Start", "開始";
    StepOf => "Step {} of {}", "ステップ {} / {}";
    StepDone => "Done", "完了";
    StepWaiting => "Waiting for you", "操作待ち";
    DoItForMe => "Do this step for me", "このステップを実行する";
    NextStep => "Next step", "次のステップ";
    PreviousStep => "Back", "戻る";
    ExitScenario => "Exit scenario", "シナリオを終了";
    RunInConsole => "Run in console", "コンソールで実行";
    ScenarioComplete => "Scenario complete — well done!", "シナリオ完了 — お疲れさまでした！";
    Commands => "Commands", "コマンド";
    UnknownScenario => "There is no scenario named", "次の名前のシナリオはありません";
}

/// A message with its `{}` placeholders replaced by `values`, in order.
pub fn trs(lang: Lang, msg: Msg, values: &[String]) -> String {
    let mut out = tr(lang, msg).to_owned();
    for v in values {
        out = out.replacen("{}", v, 1);
    }
    out
}

/// A message with its `{}` placeholder replaced by `value`.
pub fn trf(lang: Lang, msg: Msg, value: impl std::fmt::Display) -> String {
    tr(lang, msg).replacen("{}", &value.to_string(), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        for &msg in Msg::ALL {
            for lang in [Lang::En, Lang::Ja] {
                assert!(!tr(lang, msg).trim().is_empty(), "{msg:?} has no {lang:?} text");
            }
        }
    }

    #[test]
    fn language_follows_the_browser_tag() {
        assert_eq!(Lang::from_tag("ja-JP"), Lang::Ja);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::En);
    }
}
