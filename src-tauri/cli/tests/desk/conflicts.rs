//! `conflicts resolve --keep value`: a conflict resolved with a new value written by
//! the member resolving, which every member then holds.

use super::two_with_water;

#[test]
fn a_conflict_resolved_with_a_new_value_reaches_everyone() {
    let (_desk, ann, bo, id) = two_with_water();
    ann.edit(&id, &["--title", "Water: the talks"]);
    bo.edit(&id, &["--title", "Water: a ceasefire?"]);
    ann.sync();
    let s = bo.sync();
    assert_eq!(s["conflicts"], 1, "{s}");
    let open = bo.json(&["conflicts", "list", "--json"]);
    let conflict = open[0]["id"].as_str().unwrap().to_string();

    let resolve = |value: Option<&str>| {
        let mut args = vec!["conflicts", "resolve", &conflict, "--keep", "value"];
        args.extend(value.map(|v| ["--value", v]).into_iter().flatten());
        bo.run(&args)
    };
    resolve(None).fails(2, "value");
    resolve(Some("not json")).fails(2, "is not JSON");
    resolve(Some("42")).fails(2, "title");
    let said = resolve(Some("\"Water: talks and a ceasefire?\"")).ok();
    assert!(said.contains("(new)"), "{said}");
    assert_eq!(bo.show(&id)["title"], "Water: talks and a ceasefire?");
    assert!(bo
        .json(&["conflicts", "list", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    ann.sync();
    assert_eq!(ann.show(&id)["title"], "Water: talks and a ceasefire?");
    let history = ann.json(&["programme", "history", &id, "--json"]);
    assert!(
        history.to_string().contains("Bo"),
        "the resolution is Bo's revision: {history}"
    );
}
