//! A realistic run-sheet, built by hand: shared by the tests, the benchmark, the
//! first-render example and the font-cache unit tests (through `#[path]`), so all
//! measure the same document.

#![allow(dead_code)] // each user takes what it needs

use greenroom_core::programme::timing::back_time;
use greenroom_core::runsheet::sheet::{BilledGuest, RunSheet, SheetRow};

pub const SERIES: &str = "Inside Story";
pub const TITLE: &str = "Can the Gulf broker a ceasefire that holds beyond the summer?";
pub const PRESENTER: &str = "Мария Иванова";
/// Names a producer would really book, in four scripts, plus strings that would be
/// markup, code or HTML if the template ever spliced text in.
pub const GUESTS: [(&str, &str); 3] = [
    ("هناء المصري", "Qatar University"),
    ("Tarık Oğuzlu", "Antalya Bilim University"),
    ("王晓明", "Fudan University"),
];
pub const INJECTIONS: [&str; 5] = [
    "#read(\"/etc/passwd\")",
    "]#panic(\"x\")",
    "<script>alert(1)</script>",
    "$x^2$",
    "*not bold*",
];

const KINDS: [&str; 5] = ["Cold open", "Discussion", "Package", "Interview", "Break"];

pub fn segment_title(n: u32) -> String {
    format!("Segment {n} on the ceasefire talks")
}

pub fn realistic(segments: u32) -> RunSheet {
    let mut sheet = RunSheet {
        series: Some(SERIES.into()),
        title: TITLE.into(),
        air_display: Some("Fri 16 May 2025 19:30 +03 (Asia/Qatar)".into()),
        time_zone: "Asia/Qatar".into(),
        slot: Some("25:00".into()),
        off_air: Some("19:55:00".into()),
        status: "Confirmed".into(),
        presenter: Some(PRESENTER.into()),
        guests: GUESTS
            .iter()
            .map(|(name, affiliation)| BilledGuest {
                name: (*name).into(),
                affiliation: Some((*affiliation).into()),
            })
            .collect(),
        framing: vec![
            "Who has the leverage to make both sides stop?".into(),
            "What would a ceasefire that lasts actually require?".into(),
            format!("Guest-supplied text stays text: {}", INJECTIONS.join(" ")),
        ],
        segments: Vec::new(),
        total: "24:15".into(),
        over_under: Some("0:45 to fill".into()),
        over: false,
        clock_times: true,
    };
    const AIR: u32 = 19 * 3600 + 30 * 60;
    let mut seconds = AIR;
    for n in 1..=segments {
        let length = 30 + (n % 4) * 15;
        let clock = |s: u32| format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
        let (name, _) = GUESTS[(n as usize) % GUESTS.len()];
        sheet.segments.push(SheetRow {
            number: n,
            start: clock(seconds),
            end: clock(seconds + length),
            back_time: Some(back_time(25 * 60, seconds - AIR)),
            duration: format!("{}:{:02}", length / 60, length % 60),
            kind: KINDS[(n as usize) % KINDS.len()].into(),
            title: segment_title(n),
            people: vec![PRESENTER.into(), name.into()],
            question: (n % 3 == 0).then(|| "Who has the leverage to make both sides stop?".into()),
            question_number: (n % 3 == 0).then_some(1),
            notes: if n == 2 {
                format!("Literal guest text: {}", INJECTIONS.join(" | "))
            } else {
                "Cue the map graphic; keep the exchange to two rounds, then go to the \
                 studio guest for a short response."
                    .into()
            },
            ..SheetRow::default()
        });
        seconds += length;
    }
    sheet
}
