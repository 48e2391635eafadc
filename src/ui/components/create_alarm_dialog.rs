//! "Create alarm", following the console's steps: the metric and its
//! statistic and period, the condition and threshold, datapoints to alarm
//! (M out of N) and missing-data treatment, the notification (an existing
//! SNS topic or a new one with email addresses), then the name.

use serde_json::{json, Value};
use yew::prelude::*;

use crate::sim::cloudwatch::MetricId;
use crate::sim::AwsError;
use crate::ui::components::error_alert::ErrorAlert;
use crate::ui::components::metrics_view::metric_label;
use crate::ui::components::modal::Modal;
use crate::ui::hooks::{call, use_app};
use crate::ui::i18n::{tr, Msg};

#[derive(Properties, PartialEq)]
pub struct CreateAlarmDialogProps {
    pub metric: Option<MetricId>,
    pub on_close: Callback<()>,
    /// Called with the new alarm's name.
    pub on_created: Callback<String>,
}

/// The form's fields, with the console's (and the seed's) defaults.
#[derive(Clone, Debug, PartialEq)]
struct Form {
    metric: usize,
    statistic: String,
    period: String,
    comparison: String,
    threshold: String,
    m: String,
    n: String,
    missing: String,
    notify: String,
    topic: String,
    new_topic: String,
    emails: String,
    name: String,
    description: String,
}

impl Form {
    /// The seed's alarm for the KMS expiry metric; CloudWatch's usual
    /// defaults otherwise.
    fn for_metric(index: usize, metric: Option<&MetricId>) -> Form {
        let kms = metric.is_some_and(|m| m.name == "SecondsUntilKeyMaterialExpiration");
        Form {
            metric: index,
            statistic: if kms { "Minimum" } else { "Average" }.into(),
            period: if kms { "60" } else { "300" }.into(),
            comparison: if kms {
                "LessThanOrEqualToThreshold"
            } else {
                "GreaterThanThreshold"
            }
            .into(),
            threshold: if kms { "864000" } else { "0" }.into(),
            m: "1".into(),
            n: "1".into(),
            missing: "missing".into(),
            notify: "new".into(),
            topic: String::new(),
            new_topic: if kms { "KMSAlert" } else { "AlarmNotifications" }.into(),
            emails: "learner@example.com".into(),
            name: if kms {
                "KeyMaterialExpiresSoon".into()
            } else {
                metric.map(|m| format!("{}-alarm", m.name)).unwrap_or_default()
            },
            description: String::new(),
        }
    }
}

fn number(text: &str) -> Value {
    text.trim()
        .parse::<i64>()
        .map(Value::from)
        .or_else(|_| text.trim().parse::<f64>().map(Value::from))
        .unwrap_or_else(|_| json!(text.trim()))
}

#[component]
pub fn CreateAlarmDialog(props: &CreateAlarmDialogProps) -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let now = app.now();
    let metrics: Vec<MetricId> = app
        .world
        .borrow()
        .services()
        .cloudwatch
        .metrics(now)
        .into_iter()
        .map(|m| m.id)
        .collect();
    let topics: Vec<String> = app
        .world
        .borrow()
        .services()
        .sns
        .topics()
        .map(|t| t.arn.clone())
        .collect();
    let initial = props
        .metric
        .as_ref()
        .and_then(|m| metrics.iter().position(|x| x == m))
        .unwrap_or(0);
    let form = {
        let first = metrics.get(initial).cloned();
        use_state(move || Form::for_metric(initial, first.as_ref()))
    };
    let error = use_state(|| None::<AwsError>);
    let world_kms = app.world.borrow().services().kms.clone();
    let alias = |key_id: &str| world_kms.aliases_of(key_id).next().map(str::to_owned);

    let field = |f: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            f(&mut next, value);
            form.set(next);
        })
    };
    let select = |f: fn(&mut Form, String)| {
        field(f).reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())
    };
    let text = |f: fn(&mut Form, String)| {
        field(f).reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
    };
    let on_metric = {
        let (form, metrics) = (form.clone(), metrics.clone());
        Callback::from(move |e: Event| {
            let index = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value()
                .parse()
                .unwrap_or(0);
            form.set(Form::for_metric(index, metrics.get(index)));
        })
    };
    let submit = {
        let (app, form, error, metrics, on_created) = (
            app.clone(),
            form.clone(),
            error.clone(),
            metrics.clone(),
            props.on_created.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let f = (*form).clone();
            let Some(metric) = metrics.get(f.metric) else { return };
            let mut actions = Vec::new();
            match f.notify.as_str() {
                "existing" if !f.topic.is_empty() => actions.push(f.topic.clone()),
                "new" => {
                    let topic = match call(&app, "sns", "CreateTopic", json!({"Name": f.new_topic.trim()})) {
                        Ok(out) => out["TopicArn"].as_str().unwrap_or_default().to_owned(),
                        Err(e) => return error.set(Some(e)),
                    };
                    for email in f.emails.split(',').map(str::trim).filter(|e| !e.is_empty()) {
                        let params = json!({"TopicArn": topic, "Protocol": "email", "Endpoint": email});
                        if let Err(e) = call(&app, "sns", "Subscribe", params) {
                            return error.set(Some(e));
                        }
                    }
                    actions.push(topic);
                }
                _ => {}
            }
            let dimensions: Vec<Value> = metric
                .dimensions
                .iter()
                .map(|(n, v)| json!({"Name": n, "Value": v}))
                .collect();
            let mut params = json!({
                "AlarmName": f.name.trim(),
                "Namespace": metric.namespace,
                "MetricName": metric.name,
                "Dimensions": dimensions,
                "Statistic": f.statistic,
                "Period": number(&f.period),
                "EvaluationPeriods": number(&f.n),
                "DatapointsToAlarm": number(&f.m),
                "Threshold": number(&f.threshold),
                "ComparisonOperator": f.comparison,
                "TreatMissingData": f.missing,
                "AlarmActions": actions,
            });
            if !f.description.trim().is_empty() {
                params["AlarmDescription"] = json!(f.description.trim());
            }
            match call(&app, "cloudwatch", "PutMetricAlarm", params) {
                Ok(_) => on_created.emit(f.name.trim().to_owned()),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let f = (*form).clone();
    let footer = html! {
        <>
            <button class="btn btn-link" type="button" onclick={props.on_close.reform(|_| ())}>{ tr(lang, Msg::Cancel) }</button>
            <button class="btn btn-primary" type="submit" form="create-alarm-form" disabled={metrics.is_empty()} data-testid="create-alarm-submit">{ tr(lang, Msg::CreateAlarm) }</button>
        </>
    };
    let option = |value: &str, label: &str, current: &str| html! { <option value={value.to_owned()} selected={value == current}>{ label.to_owned() }</option> };
    html! {
        <Modal id="create-alarm-dialog" title={tr(lang, Msg::CreateAlarm)} on_close={props.on_close.clone()} footer={footer}>
            <form id="create-alarm-form" class="form" onsubmit={submit} novalidate=true>
                if metrics.is_empty() {
                    <p>{ tr(lang, Msg::NoMetrics) }</p>
                } else {
                    <label class="field">
                        <span class="field-label">{ tr(lang, Msg::MetricLabel) }</span>
                        <select onchange={on_metric} data-testid="alarm-metric">
                            { for metrics.iter().enumerate().map(|(i, m)| html! {
                                <option value={i.to_string()} selected={i == f.metric}>{ format!("{} · {}", m.namespace, metric_label(m, alias)) }</option>
                            }) }
                        </select>
                    </label>
                }
                <div class="field-row">
                    <label class="field">
                        <span class="field-label">{ tr(lang, Msg::Statistic) }</span>
                        <select onchange={select(|f, v| f.statistic = v)} data-testid="alarm-statistic">
                            { for ["Minimum", "Maximum", "Average", "Sum", "SampleCount"].iter().map(|s| option(s, s, &f.statistic)) }
                        </select>
                    </label>
                    <label class="field">
                        <span class="field-label">{ tr(lang, Msg::Period) }</span>
                        <select onchange={select(|f, v| f.period = v)} data-testid="alarm-period">
                            { for [("60", "1 min"), ("300", "5 min"), ("900", "15 min"), ("3600", "1 h"), ("86400", "1 d")].iter().map(|(v, l)| option(v, l, &f.period)) }
                        </select>
                    </label>
                </div>
                <div class="field-row">
                    <label class="field">
                        <span class="field-label">{ tr(lang, Msg::ComparisonLabel) }</span>
                        <select onchange={select(|f, v| f.comparison = v)} data-testid="alarm-comparison">
                            { for [("GreaterThanThreshold", "> (GreaterThanThreshold)"), ("GreaterThanOrEqualToThreshold", ">= (GreaterThanOrEqualToThreshold)"),
                                   ("LessThanThreshold", "< (LessThanThreshold)"), ("LessThanOrEqualToThreshold", "<= (LessThanOrEqualToThreshold)")]
                                .iter().map(|(v, l)| option(v, l, &f.comparison)) }
                        </select>
                    </label>
                    <label class="field">
                        <span class="field-label">{ tr(lang, Msg::Threshold) }</span>
                        <input type="text" inputmode="decimal" value={f.threshold.clone()} oninput={text(|f, v| f.threshold = v)} data-testid="alarm-threshold" />
                    </label>
                </div>
                <div class="field-row">
                    <label class="field">
                        <span class="field-label">{ tr(lang, Msg::DatapointsToAlarm) }</span>
                        <span class="inline">
                            <input type="text" inputmode="numeric" class="short" value={f.m.clone()} oninput={text(|f, v| f.m = v)} aria-label="M" data-testid="alarm-m" />
                            { format!(" {} ", tr(lang, Msg::OutOf)) }
                            <input type="text" inputmode="numeric" class="short" value={f.n.clone()} oninput={text(|f, v| f.n = v)} aria-label="N" data-testid="alarm-n" />
                        </span>
                    </label>
                    <label class="field">
                        <span class="field-label">{ tr(lang, Msg::MissingTreatment) }</span>
                        <select onchange={select(|f, v| f.missing = v)} data-testid="alarm-missing">
                            { option("missing", tr(lang, Msg::MissingMissing), &f.missing) }
                            { option("notBreaching", tr(lang, Msg::MissingNotBreaching), &f.missing) }
                            { option("breaching", tr(lang, Msg::MissingBreaching), &f.missing) }
                            { option("ignore", tr(lang, Msg::MissingIgnore), &f.missing) }
                        </select>
                    </label>
                </div>
                <fieldset class="field">
                    <legend class="field-label">{ tr(lang, Msg::Notification) }</legend>
                    <select onchange={select(|f, v| f.notify = v)} data-testid="alarm-notify" aria-label={tr(lang, Msg::Notification)}>
                        { option("new", tr(lang, Msg::NewTopic), &f.notify) }
                        if !topics.is_empty() { { option("existing", tr(lang, Msg::ExistingTopic), &f.notify) } }
                        { option("none", tr(lang, Msg::NoNotification), &f.notify) }
                    </select>
                    if f.notify == "existing" {
                        <select onchange={select(|f, v| f.topic = v)} data-testid="alarm-topic" aria-label={tr(lang, Msg::ExistingTopic)}>
                            <option value="" selected={f.topic.is_empty()}>{ "—" }</option>
                            { for topics.iter().map(|t| option(t, t, &f.topic)) }
                        </select>
                    }
                    if f.notify == "new" {
                        <label class="field">
                            <span class="field-hint">{ tr(lang, Msg::TopicName) }</span>
                            <input type="text" value={f.new_topic.clone()} oninput={text(|f, v| f.new_topic = v)} data-testid="alarm-new-topic" />
                        </label>
                        <label class="field">
                            <span class="field-hint">{ tr(lang, Msg::EmailEndpoints) }</span>
                            <input type="text" value={f.emails.clone()} oninput={text(|f, v| f.emails = v)} data-testid="alarm-emails" />
                        </label>
                    }
                </fieldset>
                <label class="field">
                    <span class="field-label">{ tr(lang, Msg::AlarmName) }</span>
                    <input type="text" value={f.name.clone()} oninput={text(|f, v| f.name = v)} data-testid="alarm-name" />
                </label>
                <label class="field">
                    <span class="field-label">{ tr(lang, Msg::AlarmDescription) }</span>
                    <input type="text" value={f.description.clone()} oninput={text(|f, v| f.description = v)} data-testid="alarm-description" />
                </label>
                <ErrorAlert error={(*error).clone()} />
            </form>
        </Modal>
    }
}
