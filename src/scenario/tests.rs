//! Every built-in scenario can be completed by following its own steps, and
//! none is done before the learner starts.

use super::*;

#[test]
fn every_scenario_completes_by_its_own_steps() {
    for scenario in all() {
        let mut world = scenario
            .start(2026)
            .unwrap_or_else(|e| panic!("{}: setup failed: {e}", scenario.id));
        assert!(
            !scenario.is_done(&mut world, 0),
            "{}: the first step is done before it is taken",
            scenario.id
        );
        for (i, step) in scenario.steps.iter().enumerate() {
            scenario
                .do_step(&mut world, i)
                .unwrap_or_else(|e| panic!("{} step {}: {e}", scenario.id, i + 1));
            assert!(
                scenario.is_done(&mut world, i),
                "{} step {} ({}) is not done after doing it",
                scenario.id,
                i + 1,
                step.title.en
            );
        }
    }
}

#[test]
fn texts_exist_in_both_languages_and_ids_are_unique() {
    let scenarios = all();
    let mut ids: Vec<&str> = scenarios.iter().map(|s| s.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), scenarios.len());
    for s in &scenarios {
        for text in std::iter::once(&s.title)
            .chain([&s.summary])
            .chain(s.steps.iter().flat_map(|st| [&st.title, &st.body]))
        {
            assert!(
                !text.en.trim().is_empty() && !text.ja.trim().is_empty(),
                "{}: missing text",
                s.id
            );
        }
    }
}

#[test]
fn durations() {
    assert_eq!(parse_duration("90s"), Some(90_000));
    assert_eq!(parse_duration("2d"), Some(2 * DAY));
    assert_eq!(parse_duration("x"), None);
}
