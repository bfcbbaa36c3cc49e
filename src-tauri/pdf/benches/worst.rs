//! The worst programme the app accepts, exported as PDF and as Markdown: every limit
//! at its maximum (500 segments with 100,000 characters of notes each, 40 framing
//! items of 4,000, 12 guests and a presenter with 200-character names and
//! 300-character affiliations, a 500-character title, 300-character segment titles,
//! every segment quoting a framing item and naming the whole line-up), in Latin,
//! Arabic and Chinese. Budget (issue 11): each export ≤ 5 s and ≤ 500 MB.
//!
//! A bench binary rather than criterion: the figure that matters is one export in a
//! fresh process, wall time and peak memory, so each step is its own process.
//!
//! ```sh
//! cargo bench -p greenroom-pdf --bench worst -- create /tmp/worst.db
//! /usr/bin/time -v cargo bench -p greenroom-pdf --bench worst -- pdf /tmp/worst.db /tmp/worst.pdf
//! /usr/bin/time -v cargo bench -p greenroom-pdf --bench worst -- md /tmp/worst.db /tmp/worst.md
//! ```
//! (`/usr/bin/time` then measures cargo too; the binary prints its own VmHWM, or run
//! it directly: `target/release/deps/worst-* pdf …`.)

use std::time::Instant;

use greenroom_core::programme::segment::{SegmentInput, SegmentKind};
use greenroom_core::runsheet::markdown::render_markdown;
use greenroom_core::runsheet::sheet::RunSheet;
use greenroom_core::text::limits;
use greenroom_core::{store::files, PersonInput, ProgrammeInput, Status, Store};
use greenroom_pdf::{render_pdf, Paper};

/// Exactly `n` characters of `pattern` repeated.
fn chars(pattern: &str, n: usize) -> String {
    pattern.chars().cycle().take(n).collect()
}

const MIXED: &str = "Cue the map graphic, then the Doha studio. \
    الخريطة على الشاشة ثم الضيف في الاستوديو. 先播放地图，然后请演播室嘉宾回应停火问题。\n";

fn name(i: usize) -> String {
    let head = match i % 3 {
        0 => format!("Guest {i} Tarık Oğuzlu "),
        1 => format!("الضيف {i} هناء المصري "),
        _ => format!("嘉宾 {i} 王晓明 "),
    };
    format!(
        "{head}{}",
        chars("Abughaida-Zalmayev ", limits::NAME - head.chars().count())
    )
}

pub fn worst_programme() -> ProgrammeInput {
    let guests: Vec<String> = (1..=limits::GUESTS).map(name).collect();
    let presenter = name(0);
    let lineup: Vec<String> = std::iter::once(presenter.clone())
        .chain(guests.clone())
        .collect();
    ProgrammeInput {
        series: Some(chars("Inside Story الحلقة 特别节目 ", limits::SERIES)),
        title: chars(
            "Can the Gulf broker a ceasefire? هل تصمد الهدنة؟ 停火能持久吗？ ",
            limits::TITLE,
        ),
        framing: (0..limits::FRAMING_ITEMS)
            .map(|i| format!("{i}. {}", chars(MIXED, limits::FRAMING_ITEM - 4)))
            .collect(),
        presenter: Some(PersonInput {
            name: presenter,
            ..Default::default()
        }),
        guests: guests
            .iter()
            .map(|g| PersonInput {
                name: g.clone(),
                affiliation: Some(chars(
                    "Qatar University جامعة قطر 复旦大学 ",
                    limits::AFFILIATION,
                )),
                ..Default::default()
            })
            .collect(),
        air: Some("2025-05-16T19:30".into()),
        time_zone: Some("Asia/Qatar".into()),
        slot: Some("25m".into()),
        status: Status::Planned,
        notes: chars(MIXED, limits::NOTES),
        segments: Some(
            (0..limits::SEGMENTS)
                .map(|i| SegmentInput {
                    id: None,
                    kind: SegmentKind::ALL[i % SegmentKind::ALL.len()],
                    title: chars(&format!("Segment {i} — الجزء 部分 "), limits::SEGMENT_TITLE),
                    duration: "3s".into(),
                    people: lineup.clone(),
                    question: Some(1 + (i % limits::FRAMING_ITEMS) as u32),
                    notes: chars(MIXED, limits::NOTES),
                })
                .collect(),
        ),
    }
}

/// Peak resident memory of this process so far, from the kernel (`VmHWM`).
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}

fn main() {
    // `cargo bench` passes `--bench`; the steps are the other arguments.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    match (arg(0), arg(1), arg(2)) {
        (Some("create"), Some(db), None) => {
            let started = Instant::now();
            let mut store = Store::open(db).expect("open the database");
            let p = store
                .create_programme(&worst_programme())
                .expect("the worst programme is accepted");
            println!(
                "created {} ({} segments) in {:.1?}",
                p.id,
                p.segments.len(),
                started.elapsed()
            );
        }
        (Some(format @ ("pdf" | "md")), Some(db), Some(out)) => {
            let store = Store::open(db).expect("open the database");
            let id = store.list_programmes(&Default::default()).expect("list")[0].id;
            // What `greenroom export` and the window do: read, lay out, write.
            let started = Instant::now();
            let p = store.get_programme(id).expect("read the programme");
            let sheet = RunSheet::from_programme(&p);
            // As `export::render` does: the programme is not needed once its sheet is.
            drop(p);
            let bytes = if format == "pdf" {
                render_pdf(&sheet, Paper::A4).expect("render")
            } else {
                render_markdown(&sheet).into_bytes()
            };
            files::write_atomic(std::path::Path::new(out), &bytes).expect("write");
            println!(
                "{format}: {} bytes in {:.2?}, peak RSS {}",
                bytes.len(),
                started.elapsed(),
                peak_rss()
            );
        }
        _ => {
            eprintln!("usage: worst create DB | worst pdf DB OUT | worst md DB OUT");
            std::process::exit(2);
        }
    }
}
