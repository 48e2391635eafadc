//! A hello-world Yew app: one component with a counter. The browser
//! benchmark loads it and the playground the same way and compares their
//! first render and time to interactive.

use yew::prelude::*;

#[function_component]
fn App() -> Html {
    let count = use_state(|| 0);
    let onclick = {
        let count = count.clone();
        move |_| count.set(*count + 1)
    };
    html! {
        <main data-testid="app-ready">
            <h1>{ "Hello, world" }</h1>
            <button {onclick}>{ format!("Clicked {} times", *count) }</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
