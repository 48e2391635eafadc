//! Cloudscape-style pagination: previous, the page numbers, next. Tables
//! show one page at a time, as the AWS consoles do, which also keeps a
//! hundred-row table from being laid out and painted on every tick.

use yew::prelude::*;

use crate::ui::i18n::{tr, trf, Lang, Msg};

#[derive(Properties, PartialEq)]
pub struct PaginationProps {
    /// The page shown, from 0.
    pub page: usize,
    pub pages: usize,
    pub lang: Lang,
    pub on_page: Callback<usize>,
    /// Prefix of the `data-testid`s (`<prefix>-prev`, `<prefix>-page-2`, ...).
    pub testid: AttrValue,
}

/// How many rows a paginated table shows.
pub const PAGE_SIZE: usize = 20;

/// The number of pages `rows` rows fill (at least one).
pub fn page_count(rows: usize) -> usize {
    rows.div_ceil(PAGE_SIZE).max(1)
}

#[component]
pub fn Pagination(props: &PaginationProps) -> Html {
    if props.pages <= 1 {
        return html! {};
    }
    let lang = props.lang;
    let go = |page: usize| props.on_page.reform(move |_: MouseEvent| page);
    let last = props.pages - 1;
    html! {
        <nav class="pagination" aria-label={tr(lang, Msg::Pagination)}>
            <button class="btn-icon" disabled={props.page == 0} onclick={go(props.page.saturating_sub(1))}
                aria-label={tr(lang, Msg::PreviousPage)} data-testid={format!("{}-prev", props.testid)}>{ "‹" }</button>
            { for (0..props.pages).map(|p| html! {
                <button class={classes!("page", (p == props.page).then_some("current"))} onclick={go(p)}
                    aria-label={trf(lang, Msg::PageNumber, p + 1)} aria-current={(p == props.page).then_some("page")}
                    data-testid={format!("{}-page-{}", props.testid, p + 1)}>{ p + 1 }</button>
            }) }
            <button class="btn-icon" disabled={props.page >= last} onclick={go((props.page + 1).min(last))}
                aria-label={tr(lang, Msg::NextPage)} data-testid={format!("{}-next", props.testid)}>{ "›" }</button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_page_size_rows_and_there_is_always_one() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(PAGE_SIZE), 1);
        assert_eq!(page_count(PAGE_SIZE + 1), 2);
        assert_eq!(page_count(100), 5);
    }
}
