//! The KMS panel: customer managed and AWS managed keys, the "Create key"
//! action, and the selected key's details.

use yew::prelude::*;

use crate::ui::components::create_key_dialog::CreateKeyDialog;
use crate::ui::components::empty_state::EmptyState;
use crate::ui::components::key_details::KeyDetails;
use crate::ui::components::key_table::KeyTable;
use crate::ui::components::pagination::{page_count, Pagination, PAGE_SIZE};
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
    let page = use_state(|| 0_usize);
    let (rows, customer_count, managed_count) = {
        let world = app.world.borrow();
        let kms = &world.services().kms;
        let managed = kms.keys().filter(|k| k.aws_managed).count();
        let customer = kms.keys().count() - managed;
        (key_rows(kms, *managed_tab), customer, managed)
    };

    let open_create = {
        let creating = creating.clone();
        Callback::from(move |_| creating.set(true))
    };
    let close_create = {
        let creating = creating.clone();
        Callback::from(move |_| creating.set(false))
    };
    let created = {
        let (creating, selected, managed_tab, page) =
            (creating.clone(), selected.clone(), managed_tab.clone(), page.clone());
        Callback::from(move |id: String| {
            creating.set(false);
            managed_tab.set(false);
            page.set(0);
            selected.set(Some(id));
        })
    };
    // Stable across renders, so the table's rows can skip re-rendering.
    let on_select = {
        let selected = selected.setter();
        use_callback((), move |id: String, _| selected.set(Some(id)))
    };
    let tab = |managed: bool, label: Msg, count: usize| {
        let (managed_tab, page) = (managed_tab.clone(), page.clone());
        let active = *managed_tab == managed;
        html! {
            <button role="tab" class={classes!("tab", active.then_some("active"))} aria-selected={active.to_string()}
                onclick={Callback::from(move |_| {
                    managed_tab.set(managed);
                    page.set(0);
                })}
                data-testid={if managed { "tab-aws-managed" } else { "tab-customer-managed" }}>
                { format!("{} ({count})", tr(lang, label)) }
            </button>
        }
    };
    let actions = html! {
        <button class="btn btn-primary" onclick={open_create} data-testid="create-key">{ tr(lang, Msg::CreateKey) }</button>
    };
    // One page at a time, as the KMS console lists keys; a page that no
    // longer exists (keys were deleted) shows the last one.
    let no_rows = rows.is_empty();
    let pages = page_count(rows.len());
    let current_page = (*page).min(pages - 1);
    let page_rows: Vec<_> = rows
        .into_iter()
        .skip(current_page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();
    let on_page = {
        let page = page.setter();
        use_callback((), move |p: usize, _| page.set(p))
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
            if no_rows {
                <EmptyState text={tr(lang, Msg::EmptyKeys)} />
            } else {
                <KeyTable rows={page_rows} selected={(*selected).clone()} on_select={on_select} />
                <Pagination page={current_page} pages={pages} lang={lang} on_page={on_page} testid="keys-pages" />
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
