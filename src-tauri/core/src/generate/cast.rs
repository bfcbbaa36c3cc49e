//! The people of a generated archive: a few presenters, regular guests whose bookings
//! follow a Zipf-like curve (a handful on hundreds of programmes), and one-off guests
//! who appear once. Each regular has a career: years in which they are booked, and
//! the affiliations they were billed with over it.

use uuid::Uuid;

use super::cultures::{self, Culture, CULTURES, EXPERTISE, HONORIFICS};
use super::rng::{Rng, Weighted};
use super::{v7, DAY_MS, YEAR_MS};

/// Share of guests (not presenters) who are booked once and never again.
const ONE_OFF_SHARE: f64 = 0.45;
/// Zipf exponent of regulars' booking weights; the offset flattens the very top so
/// the busiest guest has hundreds of appearances, not tens of thousands.
const ZIPF_S: f64 = 1.1;
const ZIPF_OFFSET_SHARE: f64 = 0.02;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Presenter,
    Regular,
    OneOff,
}

pub(crate) struct GenPerson {
    pub kind: Kind,
    pub name: String,
    pub honorific: Option<&'static str>,
    /// Fixed up front for presenters and regulars; a one-off's at first booking.
    pub id: Option<Uuid>,
    pub created_at: i64,
    pub career: (i64, i64),
    /// Billed affiliations with the instant each starts, oldest first; empty for presenters.
    pub affiliations: Vec<(i64, String)>,
    pub expertise: Vec<&'static str>,
    pub languages: Vec<&'static str>,
    pub city: Option<(&'static str, &'static str)>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl GenPerson {
    /// What they were billed as at `at`: the stage of their career it falls in.
    pub fn billed_at(&self, at: i64) -> Option<&str> {
        let i = self.affiliations.partition_point(|(from, _)| *from <= at);
        self.affiliations
            .get(i.saturating_sub(1))
            .map(|(_, a)| a.as_str())
    }

    /// Their affiliation now: the last of their career.
    pub fn current_affiliation(&self) -> Option<&str> {
        self.affiliations.last().map(|(_, a)| a.as_str())
    }
}

pub(crate) struct Cast {
    pub people: Vec<GenPerson>,
    regulars_by_year: Vec<(Vec<usize>, Weighted)>,
    all_regulars: Vec<usize>,
    one_offs: Vec<usize>,
    /// One-off k is due at programme `one_off_due[k]`.
    one_off_due: Vec<usize>,
    next_one_off: usize,
    span: (i64, i64),
}

/// A presenter's tenure on a series, and the culture their name comes from.
pub(crate) struct Tenure {
    pub culture: usize,
    pub from: i64,
    pub to: i64,
}

impl Cast {
    pub(crate) fn new(
        rng: &mut Rng,
        people: usize,
        programmes: usize,
        tenures: &[Tenure],
        span: (i64, i64),
    ) -> Self {
        let culture_pick = Weighted::new(CULTURES.iter().map(|c| c.weight));
        let mut out = Vec::with_capacity(people);
        for t in tenures {
            let c = &CULTURES[t.culture];
            let created = t.from - rng.between(30, 400) * DAY_MS;
            out.push(person(
                rng,
                c,
                Kind::Presenter,
                created,
                (t.from, t.to),
                Vec::new(),
            ));
        }
        let guests = people.saturating_sub(tenures.len());
        let one_off_count =
            ((guests as f64 * ONE_OFF_SHARE) as usize).min(guests.saturating_sub(8));
        let regular_count = guests - one_off_count;
        let offset = (regular_count as f64 * ZIPF_OFFSET_SHARE).max(0.5);
        let mut weights = Vec::with_capacity(regular_count);
        let (t0, t1) = span;
        let whole = (t1 - t0) as f64;
        for rank in 0..regular_count {
            let c = &CULTURES[culture_pick.draw(rng)];
            // The busiest guests have the longest careers.
            let reach = ((offset + 1.0) / (rank as f64 + offset + 1.0)).powf(0.35);
            let years = 1.0 + rng.unit() * 29.0 * reach;
            let len = ((years * YEAR_MS as f64) as i64).min(t1 - t0);
            let start = t0 - len / 2 + (rng.unit() * whole) as i64;
            let (from, to) = (start.max(t0), (start + len).min(t1));
            let stages = (1 + (years / 8.0) as usize + rng.below(2)).min(4);
            let mut cuts: Vec<i64> = (1..stages)
                .map(|_| rng.between(from, to.max(from)))
                .collect();
            cuts.sort_unstable();
            let mut affiliations: Vec<(i64, String)> = Vec::with_capacity(stages);
            for at in std::iter::once(i64::MIN).chain(cuts) {
                let mut a = cultures::affiliation(c, rng);
                if affiliations.last().is_some_and(|(_, prev)| *prev == a) {
                    a = cultures::affiliation(c, rng);
                }
                affiliations.push((at, a));
            }
            let created = from - rng.between(1, 120) * DAY_MS;
            let mut p = person(rng, c, Kind::Regular, created, (from, to), affiliations);
            p.id = Some(v7(created, rng));
            out.push(p);
            weights.push(1.0 / (rank as f64 + offset).powf(ZIPF_S));
        }
        let first_one_off = out.len();
        for _ in 0..one_off_count {
            let c = &CULTURES[culture_pick.draw(rng)];
            let affiliation = vec![(i64::MIN, cultures::affiliation(c, rng))];
            out.push(person(rng, c, Kind::OneOff, 0, (t0, t1), affiliation));
        }
        for p in out.iter_mut().filter(|p| p.kind == Kind::Presenter) {
            p.id = Some(v7(p.created_at, rng));
        }

        let regulars: Vec<usize> = (tenures.len()..first_one_off).collect();
        let years = ((t1 - t0) / YEAR_MS + 1) as usize;
        let regulars_by_year = (0..years)
            .map(|y| {
                let (y0, y1) = (t0 + y as i64 * YEAR_MS, t0 + (y as i64 + 1) * YEAR_MS);
                let active: Vec<usize> = regulars
                    .iter()
                    .copied()
                    .filter(|&i| out[i].career.0 < y1 && out[i].career.1 >= y0)
                    .collect();
                let w = Weighted::new(active.iter().map(|&i| weights[i - tenures.len()]));
                (active, w)
            })
            .collect();
        let one_offs: Vec<usize> = (first_one_off..out.len()).collect();
        let one_off_due = (0..one_offs.len())
            .map(|k| ((k as f64 + rng.unit()) * programmes as f64 / one_offs.len() as f64) as usize)
            .collect();
        Cast {
            people: out,
            regulars_by_year,
            all_regulars: regulars,
            one_offs,
            one_off_due,
            next_one_off: 0,
            span,
        }
    }

    /// `count` different guests for programme number `index`, airing at `at`:
    /// one-offs that are due first, the rest regulars active that year.
    pub(crate) fn guests_for(
        &mut self,
        rng: &mut Rng,
        index: usize,
        at: i64,
        created_at: i64,
        count: usize,
    ) -> Vec<usize> {
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        while chosen.len() < count
            && self.next_one_off < self.one_offs.len()
            && self.one_off_due[self.next_one_off] <= index
            // Leave room for regulars: most panels mix a known face with new ones.
            && chosen.len() + 1 < count
        {
            let p = self.one_offs[self.next_one_off];
            self.next_one_off += 1;
            let created = created_at - rng.between(0, 20) * DAY_MS - rng.between(0, 86_399) * 1000;
            let person = &mut self.people[p];
            person.created_at = created;
            person.career = (at, at);
            person.id = Some(v7(created, rng));
            chosen.push(p);
        }
        let year = ((at.clamp(self.span.0, self.span.1) - self.span.0) / YEAR_MS) as usize;
        let (active, weights) = &self.regulars_by_year[year.min(self.regulars_by_year.len() - 1)];
        let mut tries = 0;
        while chosen.len() < count {
            let p = if !weights.is_empty() && tries < 64 {
                active[weights.draw(rng)]
            } else {
                // A tiny cast: anyone not yet on the panel.
                self.all_regulars[rng.below(self.all_regulars.len())]
            };
            tries += 1;
            if !chosen.contains(&p) {
                chosen.push(p);
            }
        }
        chosen
    }

    /// Gives one-offs never booked an id, so every person can be written.
    pub(crate) fn settle_unbooked(&mut self, rng: &mut Rng) {
        let (t0, t1) = self.span;
        for &p in &self.one_offs[self.next_one_off..] {
            let created = rng.between(t0, t1);
            let person = &mut self.people[p];
            person.created_at = created;
            person.id = Some(v7(created, rng));
        }
    }
}

fn person(
    rng: &mut Rng,
    c: &'static Culture,
    kind: Kind,
    created_at: i64,
    career: (i64, i64),
    affiliations: Vec<(i64, String)>,
) -> GenPerson {
    let name = cultures::person_name(c, rng);
    let honorific = (kind != Kind::Presenter && rng.chance(0.12)).then(|| rng.pick(HONORIFICS));
    let expertise = (0..rng.below(4))
        .map(|_| rng.pick(EXPERTISE))
        .fold(Vec::new(), |mut v, t| {
            if !v.contains(&t) {
                v.push(t);
            }
            v
        });
    let languages =
        (0..1 + rng.below(2))
            .map(|_| rng.pick(c.languages))
            .fold(Vec::new(), |mut v, l| {
                if !v.contains(&l) {
                    v.push(l);
                }
                v
            });
    let city = rng.chance(0.7).then(|| rng.pick(c.cities));
    let (email, phone) = if rng.chance(0.3) {
        let local: String = crate::text::names::match_key(&name)
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(".");
        let local = if local.is_ascii() {
            local
        } else {
            format!("guest{}", rng.below(1_000_000))
        };
        (
            Some(format!("{local}@example.org")),
            // The range Ofcom keeps for drama: never a real number.
            Some(format!("+44 20 7946 0{:03}", rng.below(1000))),
        )
    } else {
        (None, None)
    };
    GenPerson {
        kind,
        name,
        honorific,
        id: None,
        created_at,
        career,
        affiliations,
        expertise,
        languages,
        city,
        email,
        phone,
    }
}
