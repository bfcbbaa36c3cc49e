//! The series of a generated archive and the programmes they air: when, about what,
//! with whom, and in what running order.

use chrono::{Datelike, NaiveDate, TimeZone};
use chrono_tz::Tz;
use uuid::Uuid;

use super::cast::{Cast, Tenure};
use super::rng::{Rng, Weighted};
use super::topics::{self, Language, ARABIC, ENGLISH, RUSSIAN, TURKISH};
use super::{v7, DAY_MS};
use crate::programme::model::Status;
use crate::programme::segment::SegmentKind::{self, *};

pub(crate) struct Series {
    pub name: &'static str,
    lang: &'static Language,
    zone: &'static str,
    /// Local air times of its editions.
    editions: &'static [(u32, u32)],
    pub slot_seconds: u32,
    weight: f64,
    /// The part of the archive's span it is on air, as fractions of the span.
    on_air: (f64, f64),
    presenter_cultures: &'static [usize],
    pub format: &'static [(SegmentKind, &'static str, u32)],
}

/// Indices into `cultures::CULTURES`.
const ARAB: usize = 0;
const ARAB_SCRIPT: usize = 1;
const TURK: usize = 2;
const CYRILLIC: usize = 4;
const WESTERN: usize = 7;

pub(crate) const SERIES: &[Series] = &[
    Series {
        name: "Inside Story",
        lang: &ENGLISH,
        zone: "Asia/Qatar",
        editions: &[(19, 30), (23, 30)],
        slot_seconds: 1500,
        weight: 3.0,
        on_air: (0.0, 1.0),
        presenter_cultures: &[ARAB, WESTERN],
        format: &[
            (Intro, "The question tonight", 60),
            (GuestIntro, "Introduce the panel", 45),
            (Discussion, "First question", 390),
            (Video, "Report", 120),
            (Discussion, "Second question", 390),
            (Discussion, "Third question", 390),
            (Close, "Last word", 105),
        ],
    },
    Series {
        name: "ما وراء الخبر",
        lang: &ARABIC,
        zone: "Asia/Qatar",
        editions: &[(21, 5)],
        slot_seconds: 2700,
        weight: 2.5,
        on_air: (0.05, 1.0),
        presenter_cultures: &[ARAB_SCRIPT],
        format: &[
            (ColdOpen, "افتتاحية", 40),
            (Intro, "مقدمة الحلقة", 80),
            (GuestIntro, "تقديم الضيوف", 60),
            (Discussion, "المحور الأول", 660),
            (Break, "فاصل", 120),
            (Video, "تقرير", 150),
            (Discussion, "المحور الثاني", 660),
            (QuestionBlock, "أسئلة سريعة", 810),
            (Close, "ختام", 120),
        ],
    },
    Series {
        name: "The Panel Hour",
        lang: &ENGLISH,
        zone: "Europe/London",
        editions: &[(18, 0), (22, 0)],
        slot_seconds: 1500,
        weight: 1.5,
        on_air: (0.3, 1.0),
        presenter_cultures: &[WESTERN],
        // As shipped in migration 0002.
        format: &[
            (ColdOpen, "Cold open", 45),
            (Intro, "The question tonight", 75),
            (GuestIntro, "Introduce the panel", 60),
            (Video, "Report", 90),
            (Discussion, "First question", 420),
            (Discussion, "Second question", 420),
            (QuestionBlock, "Quick-fire round", 300),
            (Close, "Last word to each guest", 90),
        ],
    },
    Series {
        name: "Gündem Özel",
        lang: &TURKISH,
        zone: "Europe/Istanbul",
        editions: &[(20, 0), (23, 15)],
        slot_seconds: 3000,
        weight: 1.2,
        on_air: (0.4, 1.0),
        presenter_cultures: &[TURK],
        format: &[
            (Intro, "Açılış", 90),
            (GuestIntro, "Konuklar", 60),
            (Discussion, "Birinci bölüm", 900),
            (Break, "Reklam arası", 240),
            (Discussion, "İkinci bölüm", 900),
            (Video, "Dosya", 180),
            (Discussion, "Üçüncü bölüm", 510),
            (Close, "Kapanış", 120),
        ],
    },
    Series {
        name: "Точка зрения",
        lang: &RUSSIAN,
        zone: "Europe/Moscow",
        editions: &[(19, 0)],
        slot_seconds: 2400,
        weight: 1.0,
        on_air: (0.0, 0.75),
        presenter_cultures: &[CYRILLIC],
        format: &[
            (Intro, "Вступление", 60),
            (GuestIntro, "Гости студии", 60),
            (Discussion, "Первый вопрос", 720),
            (Video, "Сюжет", 150),
            (Discussion, "Второй вопрос", 720),
            (QuestionBlock, "Блиц", 510),
            (Close, "Итоги", 180),
        ],
    },
    Series {
        name: "World Roundtable",
        lang: &ENGLISH,
        zone: "America/New_York",
        editions: &[(12, 0), (17, 30), (21, 0)],
        slot_seconds: 3600,
        weight: 1.3,
        on_air: (0.15, 0.9),
        presenter_cultures: &[WESTERN, WESTERN, ARAB, 9],
        format: &[
            (ColdOpen, "Cold open", 60),
            (Intro, "Tonight's question", 90),
            (GuestIntro, "The roundtable", 90),
            (Discussion, "Opening round", 900),
            (Break, "Break", 180),
            (Video, "Explainer", 180),
            (Discussion, "Second round", 900),
            (Break, "Break", 180),
            (QuestionBlock, "Viewer questions", 840),
            (Close, "Final thoughts", 180),
        ],
    },
];

pub(crate) struct GenAppearance {
    pub id: Uuid,
    pub person: usize,
}

pub(crate) struct GenSegment {
    pub kind: SegmentKind,
    pub title: &'static str,
    pub duration_seconds: u32,
    /// 1-based framing item.
    pub question: Option<u32>,
    pub people: Vec<usize>,
}

pub(crate) struct GenProgramme {
    pub id: Uuid,
    pub series: &'static Series,
    pub title: String,
    pub air_at: Option<i64>,
    pub slot_seconds: u32,
    pub status: Status,
    pub notes: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub revision: i64,
    pub framing: Vec<String>,
    pub presenter: GenAppearance,
    /// Line-up order.
    pub guests: Vec<GenAppearance>,
    pub segments: Vec<GenSegment>,
}

impl Series {
    pub fn zone(&self) -> &'static str {
        self.zone
    }
}

/// The presenters of every series: one to three in turn over its years on air.
/// Returns the tenures (in `SERIES` order) and, per series, the range of them it owns.
pub(crate) fn tenures(
    rng: &mut Rng,
    span: (i64, i64),
) -> (Vec<Tenure>, Vec<std::ops::Range<usize>>) {
    let mut all = Vec::new();
    let mut owned = Vec::new();
    for s in SERIES {
        let (from, to) = on_air(s, span);
        let count = 1 + rng.below(3);
        let mut cuts: Vec<i64> = (1..count).map(|_| rng.between(from, to)).collect();
        cuts.sort_unstable();
        let start = all.len();
        let bounds: Vec<i64> = std::iter::once(from).chain(cuts).chain([to]).collect();
        for w in bounds.windows(2) {
            all.push(Tenure {
                culture: rng.pick(s.presenter_cultures),
                from: w[0],
                to: w[1],
            });
        }
        owned.push(start..all.len());
    }
    (all, owned)
}

fn on_air(s: &Series, (t0, t1): (i64, i64)) -> (i64, i64) {
    let len = (t1 - t0) as f64;
    (
        t0 + (s.on_air.0 * len) as i64,
        t0 + (s.on_air.1 * len) as i64,
    )
}

pub(crate) struct Planner {
    count: usize,
    next: usize,
    span: (i64, i64),
    as_of: i64,
    owned: Vec<std::ops::Range<usize>>,
}

impl Planner {
    pub(crate) fn new(
        count: usize,
        span: (i64, i64),
        as_of: i64,
        owned: Vec<std::ops::Range<usize>>,
    ) -> Self {
        Planner {
            count,
            next: 0,
            span,
            as_of,
            owned,
        }
    }

    /// The next programme, in order of the day it airs; `None` after the last.
    pub(crate) fn next(&mut self, rng: &mut Rng, cast: &mut Cast) -> Option<GenProgramme> {
        if self.next == self.count {
            return None;
        }
        let index = self.next;
        self.next += 1;
        let (t0, t1) = self.span;
        let nominal = t0 + ((index as f64 + 0.5) / self.count as f64 * (t1 - t0) as f64) as i64;
        let live: Vec<usize> = (0..SERIES.len())
            .filter(|&i| {
                let (from, to) = on_air(&SERIES[i], self.span);
                from <= nominal && nominal < to
            })
            .collect();
        let live = if live.is_empty() { vec![0] } else { live };
        let series_i = live[Weighted::new(live.iter().map(|&i| SERIES[i].weight)).draw(rng)];
        let series = &SERIES[series_i];
        let zone: Tz = series.zone.parse().unwrap_or(Tz::UTC);

        let undated = rng.chance(0.003);
        let air_at = air_time(nominal, series, zone, rng);
        let created_at = air_at - rng.between(3, 30) * DAY_MS - rng.between(0, 86_399) * 1000;
        let status = if undated {
            Status::Draft
        } else if air_at < self.as_of {
            match rng.unit() {
                x if x < 0.03 => Status::Cancelled,
                x if x < 0.045 => Status::Draft,
                x if x < 0.05 => Status::Planned,
                _ => Status::Aired,
            }
        } else {
            match rng.unit() {
                x if x < 0.5 => Status::Planned,
                x if x < 0.8 => Status::Confirmed,
                _ => Status::Draft,
            }
        };
        let updated_at = match status {
            Status::Aired => air_at + rng.between(1, 48) * 3_600_000,
            _ => created_at + rng.between(1, 72) * 3_600_000,
        };
        let id = v7(created_at, rng);

        let tenure = self.owned[series_i]
            .clone()
            .find(|&t| cast.people[t].career.1 > air_at)
            .unwrap_or(self.owned[series_i].end - 1);
        let presenter = GenAppearance {
            id: v7(created_at, rng),
            person: tenure,
        };
        let guest_count = if rng.chance(0.4) { 4 } else { 3 };
        let guests: Vec<GenAppearance> = cast
            .guests_for(rng, index, air_at, created_at, guest_count)
            .into_iter()
            .map(|person| GenAppearance {
                id: v7(created_at, rng),
                person,
            })
            .collect();

        let subject = topics::subject(series.lang, rng);
        let title = topics::title(series.lang, &subject, rng);
        let framing = topics::framing(series.lang, &subject, 2 + rng.below(3), rng);
        let names: Vec<&str> = guests
            .iter()
            .map(|g| cast.people[g.person].name.as_str())
            .collect();
        let year = chrono::DateTime::from_timestamp_millis(air_at).map_or(2000, |d| d.year());
        let notes = topics::notes(&subject, &names, year, rng);
        let slot_seconds = if rng.chance(0.03) {
            series.slot_seconds * 2
        } else {
            series.slot_seconds
        };
        let segments = running_order(series, tenure, &guests, framing.len(), slot_seconds, rng);
        Some(GenProgramme {
            id,
            series,
            title,
            air_at: (!undated).then_some(air_at),
            slot_seconds,
            status,
            notes,
            created_at,
            updated_at,
            revision: 1 + rng.below(4) as i64,
            framing,
            presenter,
            guests,
            segments,
        })
    }
}

/// An edition's local time on the day `nominal` falls on, in the series' zone.
fn air_time(nominal: i64, series: &Series, zone: Tz, rng: &mut Rng) -> i64 {
    let day: NaiveDate = zone.timestamp_millis_opt(nominal).single().map_or_else(
        || chrono::DateTime::UNIX_EPOCH.date_naive(),
        |d| d.date_naive(),
    );
    let (h, m) = rng.pick(series.editions);
    let local = day.and_hms_opt(h, m, 0).unwrap_or_default();
    // A time skipped by a clock change airs an hour later, as schedules do.
    zone.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or(nominal, |d| d.timestamp_millis())
}

/// The series' format with the line-up placed in it: the panel introduced and closing
/// together, each discussion on a framing question with one or two guests leading.
fn running_order(
    series: &Series,
    presenter: usize,
    guests: &[GenAppearance],
    questions: usize,
    slot_seconds: u32,
    rng: &mut Rng,
) -> Vec<GenSegment> {
    let everyone: Vec<usize> = guests.iter().map(|g| g.person).collect();
    let stretch = slot_seconds / series.slot_seconds;
    let mut discussion = 0usize;
    series
        .format
        .iter()
        .map(|&(kind, title, seconds)| {
            let mut duration_seconds = seconds * stretch;
            let (people, question) = match kind {
                GuestIntro | QuestionBlock | Close => (everyone.clone(), None),
                Intro => (vec![presenter], None),
                Discussion => {
                    discussion += 1;
                    if rng.chance(0.25) {
                        // Producers trim and stretch live.
                        let delta = 15 * rng.between(-6, 6);
                        duration_seconds = (i64::from(duration_seconds) + delta).max(60) as u32;
                    }
                    let lead = everyone[(discussion - 1) % everyone.len()];
                    let mut people = vec![lead];
                    if rng.chance(0.5) {
                        let other = everyone[discussion % everyone.len()];
                        if other != lead {
                            people.push(other);
                        }
                    }
                    let q = ((discussion - 1) % questions.max(1)) as u32 + 1;
                    (people, (questions > 0).then_some(q))
                }
                _ => (Vec::new(), None),
            };
            GenSegment {
                kind,
                title,
                duration_seconds,
                question,
                people,
            }
        })
        .collect()
}
