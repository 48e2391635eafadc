//! The KMS panel: customer managed and AWS managed keys, the "Create key"
//! action, and the selected key's details.

use yew::prelude::*;

use crate::ui::components::create_key_dialog::CreateKeyDialog;
use crate::ui::components::empty_state::EmptyState;
use crate::ui::components::key_details::KeyDetails;
use crate::ui::components::key_table::KeyTable;
use crate::ui::components::panel::Panel;
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Msg};
use crate::ui::view::keys::key_rows;

#[component]
pub fn KeysPanel() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let managed_tab = use_state(|| false);
    let creating = use_state(|| false);
    let selected = use_state(|| None::<String>);
    let rows = key_rows(&app.world.borrow().services().kms, *managed_tab);
    let customer_count = key_rows(&app.world.borrow().services().kms, false).len();
    let managed_count = key_rows(&app.world.borrow().services().kms, true).len();

    let open_create = {
        let creating = creating.clone();
        Callback::from(move |_| creating.set(true))
    };
    let close_create = {
        let creating = creating.clone();
        Callback::from(move |_| creating.set(false))
    };
    let created = {
        let (creating, selected, managed_tab) = (creating.clone(), selected.clone(), managed_tab.clone());
        Callback::from(move |id: String| {
            creating.set(false);
            managed_tab.set(false);
            selected.set(Some(id));
        })
    };
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |id: String| selected.set(Some(id)))
    };
    let tab = |managed: bool, label: Msg, count: usize| {
        let managed_tab = managed_tab.clone();
        let active = *managed_tab == managed;
        html! {
            <button role="tab" class={classes!("tab", active.then_some("active"))} aria-selected={active.to_string()}
                onclick={Callback::from(move |_| managed_tab.set(managed))}
                data-testid={if managed { "tab-aws-managed" } else { "tab-customer-managed" }}>
                { format!("{} ({count})", tr(lang, label)) }
            </button>
        }
    };
    let actions = html! {
        <button class="btn btn-primary" onclick={open_create} data-testid="create-key">{ tr(lang, Msg::CreateKey) }</button>
    };
    let selected_exists = selected
        .as_ref()
        .is_some_and(|id| app.world.borrow().services().kms.key(id).is_some());
    html! {
        <Panel id="keys" title={tr(lang, Msg::PanelKeys)} actions={actions}>
            <div class="tabs" role="tablist">
                { tab(false, Msg::KeysCustomerManaged, customer_count) }
                { tab(true, Msg::KeysAwsManaged, managed_count) }
            </div>
            if rows.is_empty() {
                <EmptyState text={tr(lang, Msg::EmptyKeys)} />
            } else {
                <KeyTable rows={rows} selected={(*selected).clone()} on_select={on_select} />
            }
            if selected_exists {
                <KeyDetails key_id={selected.as_ref().cloned().unwrap_or_default()} />
            }
            if *creating {
                <CreateKeyDialog on_close={close_create} on_created={created} />
            }
        </Panel>
    }
}
