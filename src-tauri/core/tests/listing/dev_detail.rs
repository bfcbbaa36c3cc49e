//! The dev half of the corpus in detail, for whoever tunes the parser: every dev
//! listing's guests, presenter and title as parsed beside its label. Held-out files
//! are never read here. `cargo test -p greenroom-core --test listing dev_detail --
//! --ignored --nocapture`

use greenroom_core::listing::parse_listing;
use serde_json::Value;

use super::txt_files;

#[test]
#[ignore = "a printout for tuning, not a check"]
fn dev_detail() {
    for set in ["aj", "wide"] {
        for txt in txt_files(&format!("tests/corpus/{set}")) {
            let name = txt.file_name().unwrap().to_string_lossy().to_string();
            let number: u32 = name[..2].parse().unwrap();
            if number.is_multiple_of(2) {
                continue;
            }
            let text = std::fs::read_to_string(&txt).unwrap();
            let want: Value =
                serde_json::from_str(&std::fs::read_to_string(txt.with_extension("json")).unwrap())
                    .unwrap();
            let d = parse_listing(&text);
            println!("== {set}/{name}");
            println!("  title  {:?}\n  want   {}", d.title, want["title"]);
            println!(
                "  pres   {:?}\n  want   {}",
                d.presenter.as_ref().map(|p| &p.name),
                want["presenter"]
            );
            let all: Vec<&str> = d.presenters.iter().map(|p| p.name.as_str()).collect();
            println!("  all    {all:?}");
            for g in &d.guests {
                println!("  got    {} | {:?}", g.name, g.affiliation);
            }
            for g in want["guests"].as_array().unwrap() {
                println!("  want   {} | {}", g["name"], g["affiliation"]);
            }
        }
    }
}

/// One listing parsed, for whoever tunes the parser on an invented text:
/// `LISTING=path cargo test -p greenroom-core --test listing one_listing -- --ignored
/// --nocapture`.
#[test]
#[ignore = "a printout for tuning, not a check"]
fn one_listing() {
    let Ok(path) = std::env::var("LISTING") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let d = parse_listing(&text);
    println!("  title  {:?}  series {:?}", d.title, d.series);
    let all: Vec<&str> = d.presenters.iter().map(|p| p.name.as_str()).collect();
    println!("  pres   {all:?}");
    for g in &d.guests {
        println!(
            "  guest  {:?} {} | {:?}",
            g.honorific, g.name, g.affiliation
        );
    }
    println!("  more   {:?}", d.other_listings);
}
