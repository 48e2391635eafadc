//! The page header: the product's name, language and theme switches.

use yew::prelude::*;

use crate::ui::components::world_menu::WorldMenu;
use crate::ui::hooks::use_app;
use crate::ui::i18n::{tr, Lang, Msg};
use crate::ui::state::{Action, Theme};

#[component]
pub fn Header() -> Html {
    let app = use_app();
    let lang = app.ui.lang;
    let on_lang = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            app.dispatch(Action::SetLang(if value == "ja" { Lang::Ja } else { Lang::En }));
        })
    };
    let on_theme = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let theme = match e.target_unchecked_into::<web_sys::HtmlSelectElement>().value().as_str() {
                "light" => Theme::Light,
                "dark" => Theme::Dark,
                _ => Theme::System,
            };
            app.dispatch(Action::SetTheme(theme));
        })
    };
    let theme = app.ui.theme;
    html! {
        <header class="top-bar">
            <div class="brand">
                <svg class="brand-mark" viewBox="0 0 64 64" aria-hidden="true" width="22" height="22">
                    <circle cx="24" cy="32" r="11" fill="none" stroke="#ff9900" stroke-width="6" />
                    <path d="M35 32h20M47 32v9M53 32v6" stroke="#ff9900" stroke-width="6" stroke-linecap="round" />
                </svg>
                <h1>{ tr(lang, Msg::AppTitle) }</h1>
                <p class="tagline">{ tr(lang, Msg::AppTagline) }</p>
            </div>
            <div class="top-controls">
                <WorldMenu />
                <label>
                    <span>{ tr(lang, Msg::Language) }</span>
                    <select onchange={on_lang} data-testid="lang-select">
                        <option value="en" selected={lang == Lang::En}>{ "English" }</option>
                        <option value="ja" selected={lang == Lang::Ja}>{ "日本語" }</option>
                    </select>
                </label>
                <label>
                    <span>{ tr(lang, Msg::Theme) }</span>
                    <select onchange={on_theme} data-testid="theme-select">
                        <option value="system" selected={theme == Theme::System}>{ tr(lang, Msg::ThemeSystem) }</option>
                        <option value="light" selected={theme == Theme::Light}>{ tr(lang, Msg::ThemeLight) }</option>
                        <option value="dark" selected={theme == Theme::Dark}>{ tr(lang, Msg::ThemeDark) }</option>
                    </select>
                </label>
            </div>
        </header>
    }
}
