//! `src/search.rs`: `greenroom search`, as JSON and for people.

use super::{run, temp_db};

fn seed(db: &std::path::Path) -> String {
    run(
        db,
        &[
            "programme",
            "add",
            "--title",
            "Can Turkey broker peace in the Black Sea?",
            "--status",
            "aired",
            "--guest",
            "Tarık Oğuzlu – Antalya Bilim University",
            "--framing",
            "Ankara has hosted two rounds of talks.",
        ],
    )
    .ok()
    .trim()
    .to_string()
}

#[test]
fn json_lists_programmes_and_people() {
    let (_d, db) = temp_db();
    let id = seed(&db);
    let r = run(&db, &["search", "ankara", "--json"]).json();
    assert_eq!(r["programmes"][0]["id"], id.as_str());
    assert_eq!(
        r["programmes"][0]["snippet"],
        "Ankara has hosted two rounds of talks."
    );
    assert_eq!(r["people"].as_array().unwrap().len(), 0);
    let r = run(&db, &["search", "oguzlu", "--json"]).json();
    assert_eq!(r["people"][0]["name"], "Tarık Oğuzlu");
    assert_eq!(r["people"][0]["affiliation"], "Antalya Bilim University");
    assert_eq!(r["people"][0]["appearances"], 1);
}

#[test]
fn human_output_names_programmes_then_people() {
    let (_d, db) = temp_db();
    let id = seed(&db);
    // Matches the programme's title and the guest's billed affiliation.
    run(
        &db,
        &[
            "programme",
            "add",
            "--title",
            "Antalya talks",
            "--framing",
            "x",
        ],
    )
    .ok();
    let out = run(&db, &["search", "antalya"]).ok();
    let programmes = out.find("Programmes").unwrap();
    let people = out.find("People").unwrap();
    assert!(programmes < people, "{out}");
    assert!(out.contains("Antalya talks"), "{out}");
    assert!(
        out.contains("Tarık Oğuzlu – Antalya Bilim University (1 appearance)"),
        "{out}"
    );
    let out = run(&db, &["search", "black sea"]).ok();
    assert!(out.contains(&id), "{out}");
}

#[test]
fn nothing_found_and_query_syntax_are_not_errors() {
    let (_d, db) = temp_db();
    seed(&db);
    let out = run(&db, &["search", "zzz"]).ok();
    assert!(out.contains("No programmes or people match"), "{out}");
    for q in ["\"", "NEAR(a b)", "title:x", "-", "*"] {
        run(&db, &["search", q, "--json"]).json();
    }
}

#[test]
fn an_over_long_query_is_invalid_input() {
    let (_d, db) = temp_db();
    run(&db, &["search", &"x".repeat(201)]).fails(2, "query: is too long");
}
