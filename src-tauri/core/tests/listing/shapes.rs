//! `listing/` on generated listings, one family per shape issue 16 names: prose ("X
//! speaks to A; B; and C"), sentences in bullets under "To discuss:", billings with no
//! separator, a whole list flattened onto one line, profiles ("Who? …"), titles behind a
//! show's name, no title, the presenter by first name, credits and page furniture,
//! given names of several words and particles, other labels, several episodes, guest
//! hosts and traps (photo credits, quoted people, the post's writer). Every listing is
//! built from invented people and organisations by a seeded generator, with varied
//! separators, roles and page furniture around it, so the figures measure how far the
//! rules generalise rather than one phrase. Nothing here is taken from the corpus.
//! `cargo test -p greenroom-core --test listing shapes -- --nocapture` prints the
//! per-shape table.

use greenroom_core::listing::{parse_listing, ListingDraft};

use super::ratio;

/// Listings generated per shape.
const PER_SHAPE: usize = 24;

/// A seeded generator (fastrand's, pinned by Cargo.lock): the suite is the same on
/// every run.
struct Rng(fastrand::Rng);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0.usize(..n)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.0.u64(..100) < percent
    }
    /// `n` distinct items of `items`.
    fn distinct<'a>(&mut self, items: &[&'a str], n: usize) -> Vec<&'a str> {
        let mut pool: Vec<&str> = items.to_vec();
        let mut out = Vec::new();
        while out.len() < n && !pool.is_empty() {
            out.push(pool.swap_remove(self.below(pool.len())));
        }
        out
    }
}

const GUESTS: &[&str] = &[
    "Layla al-Hashimi",
    "Omar Farouk Haddad",
    "Youssef El Amrani",
    "Nour Abdel-Malek",
    "Hassan bin Rashid",
    "Fatima Zahra Benali",
    "Wang Lijun",
    "Chen Meiling",
    "Zhou Haoran",
    "Liang Xiaowen",
    "Carmen de la Fuente",
    "Luis García Márquez",
    "Ana Sofía Herrera",
    "Javier del Río",
    "Rosa María de la Cruz",
    "Chinedu Okafor",
    "Ngozi Adebayo-Williams",
    "Oluwaseun Balogun",
    "Aisha Bello",
    "Kwame Mensah",
    "Priya Raghunathan",
    "Arjun Mehta",
    "Kavita Subramaniam",
    "Rahul Dev Sharma",
    "Olena Kovalenko",
    "Dmitri Volkov",
    "Katarzyna Nowak",
    "Milan Petrović",
    "Pieter van der Berg",
    "Anneke van den Heuvel",
    "Ingrid de Vries",
    "Sarah Jane Collins",
    "Mary Ann O'Brien",
    "Jean-Paul Ndiaye",
    "Elena Popescu",
    "Yusuf Demir",
    "Tomasz Wiśniewski",
    "Nikos Papadakis",
];

const PRESENTERS: &[&str] = &[
    "Farah Nasser",
    "Ivan Petrenko",
    "Ananya Rao",
    "Karim Haddad",
    "Sofia Marquez",
    "Chidi Eze",
    "Liu Yang",
    "Helena Novak",
    "Tunde Bakare",
    "Marta Ortega",
];

/// Roles written in running text (lower case) and the organisations they are at.
const ROLES: &[&str] = &[
    "senior fellow",
    "professor of international law",
    "director of the energy programme",
    "former ambassador to Chile",
    "chief economist",
    "research fellow",
    "columnist",
    "associate professor of politics",
    "former minister of finance",
    "security analyst",
    "senior editor",
    "founder and chief executive",
    "lecturer in economics",
    "head of research",
];

const ORGS: &[&str] = &[
    "the Lakeside Forum",
    "the Gulf Institute",
    "Meridian University",
    "the Harbour Institute",
    "the Daily Courier",
    "Kestrel Analytics",
    "the Centre for Maritime Studies",
    "Northgate College",
    "the Asian Policy Network",
    "the Sahel Research Group",
    "the University of Port Danby",
    "Tidewatch International",
];

const QUESTIONS: &[&str] = &[
    "Can the grain corridor survive another winter?",
    "Is the ceasefire in the north about to collapse?",
    "Why are food prices still rising?",
    "What next for the coalition after the vote?",
    "Who pays for the flood defences?",
    "Can the central bank tame inflation without a recession?",
    "Will the port strike spread along the coast?",
    "How much longer can the currency hold?",
    "Is there a way out of the fuel crisis?",
    "What does the election result mean for the region?",
];

const FRAMING: &[&str] = &[
    "The talks collapsed on Tuesday after three weeks of negotiations.",
    "Prices have risen for the ninth month in a row, the statistics office says.",
    "The government insists the measures are temporary.",
    "Opposition parties have called for an inquiry.",
    "Thousands of workers have been idle since the start of the month.",
    "Aid agencies warn that supplies will run out within weeks.",
];

const SHOWS: &[&str] = &[
    "The Heat",
    "Counterpoint",
    "World Desk",
    "The Sunday Panel",
    "Crossfire Hour",
    "Open Question",
];

const FURNITURE_BEFORE: &[&str] = &[
    "Home | Shows | Podcasts | About",
    "Skip to content",
    "Menu",
    "Listen",
    "12 March 2024",
    "Episode 214",
    "45 min",
    "Play episode",
    "Subscribe",
];

const FURNITURE_AFTER: &[&str] = &[
    "Share this",
    "Facebook",
    "Twitter",
    "Download",
    "Related episodes",
    "More from this show",
    "Comments (3)",
    "© 2024 Harbour Radio",
    "Listen on Apple Podcasts",
];

const CREDITS: &[&str] = &[
    "Producer: Tanvir Ahmed",
    "Produced by Beatriz Soto and Kofi Asante",
    "Editor: Miriam Goldberg",
    "Researcher: Dong Wei",
    "Sound engineer: Pavel Horák",
    "Executive producer: Grace Nwosu",
    "Follow us on Instagram @theshow",
    "Share this episode",
    "Email us at panel@example.org",
];

/// Credit and trap names: never a guest.
const NOT_GUESTS: &[&str] = &[
    "Tanvir Ahmed",
    "Beatriz Soto",
    "Kofi Asante",
    "Miriam Goldberg",
    "Dong Wei",
    "Pavel Horák",
    "Grace Nwosu",
    "Halima Yusuf",
    "Bruno Costa",
    "Agnieszka Zając",
    "Rashid Karimov",
];

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            if ["of", "the", "to", "and", "at", "in", "for"].contains(&w) {
                w.to_string()
            } else {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An organisation without its article, capitalised ("Gulf Institute").
fn bare(org: &str) -> &str {
    org.strip_prefix("the ").unwrap_or(org)
}

type Guests = Vec<(String, Option<String>)>;

/// What a listing should parse to.
struct Case {
    text: String,
    title: String,
    presenter: Option<String>,
    guests: Vec<(String, Option<String>)>,
    more_episodes: bool,
}

/// A listing's parts before it is written out.
struct Parts {
    before: Vec<String>,
    body: Vec<String>,
    after: Vec<String>,
}

impl Parts {
    fn new(r: &mut Rng) -> Self {
        let (nb, na) = (r.below(3), r.below(4));
        let before = r
            .distinct(FURNITURE_BEFORE, nb)
            .into_iter()
            .map(String::from)
            .collect();
        let mut after: Vec<String> = r
            .distinct(FURNITURE_AFTER, na)
            .into_iter()
            .map(String::from)
            .collect();
        if r.chance(40) {
            after.push(r.pick(CREDITS).to_string());
        }
        Parts {
            before,
            body: Vec::new(),
            after,
        }
    }
    fn text(&self, blank_lines: bool) -> String {
        let sep = if blank_lines { "\n\n" } else { "\n" };
        let mut all = self.before.clone();
        all.extend(self.body.iter().cloned());
        all.extend(self.after.iter().cloned());
        all.join(sep)
    }
}

/// A guest's billing in running text and the affiliation it should give.
fn billing(r: &mut Rng) -> String {
    let role = r.pick(ROLES);
    let org = r.pick(ORGS);
    match r.below(3) {
        0 => format!("{role} at {org}"),
        1 => format!("{role} at {org}"),
        _ => format!("a {role} at {org}"),
    }
}

/// A title-case billing ("Senior Fellow at the Gulf Institute", "Columnist, Daily
/// Courier").
fn title_billing(r: &mut Rng) -> String {
    let role = title_case(r.pick(ROLES));
    let org = r.pick(ORGS);
    if r.chance(50) {
        format!("{role} at {org}")
    } else {
        format!("{role}, {}", bare(org))
    }
}

fn framing(r: &mut Rng) -> Vec<String> {
    {
        let n = 1 + r.below(2);
        r.distinct(FRAMING, n)
    }
    .into_iter()
    .map(String::from)
    .collect()
}

fn presenter_line(r: &mut Rng, p: &str) -> String {
    match r.below(5) {
        0 => format!("Presenter: {p}"),
        1 => format!("Presented by {p}"),
        2 => format!("Host: {p}"),
        3 => format!("Hosted by {p}"),
        _ => format!("Presenter – {p}"),
    }
}

fn dash(r: &mut Rng) -> &'static str {
    ["–", "—", "-", ":", ","][r.below(5)]
}

fn standard_guest_lines(r: &mut Rng, guests: &[(String, Option<String>)]) -> Vec<String> {
    let d = dash(r);
    guests
        .iter()
        .map(|(n, a)| match a {
            Some(a) if d == "," || d == ":" => format!("{n}{d} {a}"),
            Some(a) => format!("{n} {d} {a}"),
            None => n.clone(),
        })
        .collect()
}

/// The usual top of a listing into `parts`: a question for its title, framing lines and
/// the presenter's line; the title, the presenter and guests billed by `bill`.
fn opening(
    r: &mut Rng,
    parts: &mut Parts,
    bill: fn(&mut Rng) -> String,
) -> (&'static str, &'static str, Guests) {
    let title = r.pick(QUESTIONS);
    let p = r.pick(PRESENTERS);
    let guests = some_guests(r, bill);
    parts.body.push(title.to_string());
    parts.body.extend(framing(r));
    parts.body.push(presenter_line(r, p));
    (title, p, guests)
}

fn some_guests(r: &mut Rng, bill: fn(&mut Rng) -> String) -> Vec<(String, Option<String>)> {
    let n = 2 + r.below(3);
    r.distinct(GUESTS, n)
        .into_iter()
        .map(|g| (g.to_string(), Some(bill(r))))
        .collect()
}

fn case(
    parts: &Parts,
    blank: bool,
    title: &str,
    presenter: Option<&str>,
    guests: Vec<(String, Option<String>)>,
) -> Case {
    Case {
        text: parts.text(blank),
        title: title.to_string(),
        presenter: presenter.map(String::from),
        guests,
        more_episodes: false,
    }
}

fn join_list(r: &mut Rng, items: &[String], semicolons: bool) -> String {
    let mut s = String::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            let last = i + 1 == items.len();
            s.push_str(match (semicolons, last, items.len()) {
                (_, true, 2) => " and ",
                (true, true, _) => {
                    if r.chance(50) {
                        "; and "
                    } else {
                        "; "
                    }
                }
                (true, false, _) => "; ",
                (false, true, _) => ", and ",
                (false, false, _) => ", ",
            });
        }
        s.push_str(it);
    }
    s
}

/// Shape 1: "X speaks to A, billing; B – billing; and C, billing."
fn prose(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let title = r.pick(QUESTIONS);
    let p = r.pick(PRESENTERS);
    let guests = some_guests(r, billing);
    let semicolons = r.chance(70);
    let items: Vec<String> = guests
        .iter()
        .map(|(n, a)| {
            let a = a.as_deref().unwrap();
            if semicolons && r.chance(50) {
                format!("{n} – {a}")
            } else {
                format!("{n}, {a}")
            }
        })
        .collect();
    let list = join_list(r, &items, semicolons);
    let verb = r.pick(&[
        "speaks to",
        "talks to",
        "is joined by",
        "discusses the crisis with",
        "talks with",
    ]);
    parts.body.push(title.to_string());
    parts.body.extend(framing(r));
    let line = if r.chance(30) {
        format!("In this episode, {p} {verb} {list}.")
    } else {
        format!("{p} {verb} {list}.")
    };
    parts.body.push(line);
    case(&parts, r.chance(50), title, Some(p), guests)
}

/// Shape 2: Sentences in bullets under "To discuss:", "Joining us:" …
fn bullet_sentences(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let title = r.pick(QUESTIONS);
    let p = r.pick(PRESENTERS);
    let n = 2 + r.below(3);
    let names = r.distinct(GUESTS, n);
    let bullet = r.pick(&["- ", "• ", "* ", ""]);
    parts.body.push(title.to_string());
    parts.body.extend(framing(r));
    parts.body.push(presenter_line(r, p));
    parts.body.push(
        r.pick(&[
            "To discuss:",
            "Joining us:",
            "On the panel:",
            "In this episode:",
        ])
        .to_string(),
    );
    let mut guests = Vec::new();
    for name in names {
        let role = r.pick(ROLES);
        let org = r.pick(ORGS);
        let art = if role.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let art = if r.chance(50) { "the" } else { art };
        let (sentence, aff) = if r.chance(25) {
            (
                format!("{name} is {art} {role} at {org} and writes often on the region."),
                format!("{role} at {org}"),
            )
        } else {
            (
                format!("{name} is {art} {role} at {org}."),
                format!("{role} at {org}"),
            )
        };
        parts.body.push(format!("{bullet}{sentence}"));
        guests.push((name.to_string(), Some(aff)));
    }
    case(&parts, r.chance(50), title, Some(p), guests)
}

/// Shape 3: "Jane Doe Senior Resident Scholar at the Gulf Institute", one a line.
fn no_separator(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let (title, p, guests) = opening(r, &mut parts, title_billing);
    parts.body.push(
        r.pick(&["Guests:", "Panel:", "Our guests:", "Guests"])
            .to_string(),
    );
    for (n, a) in &guests {
        parts.body.push(format!("{n} {}", a.as_deref().unwrap()));
    }
    case(&parts, r.chance(30), title, Some(p), guests)
}

/// Shape 4: Every guest on one line: "Guests: A Adviser to … B Former naval officer …".
fn flattened(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let (title, p, guests) = opening(r, &mut parts, title_billing);
    let flat: Vec<String> = guests
        .iter()
        .map(|(n, a)| format!("{n} {}", a.as_deref().unwrap()))
        .collect();
    let label = r.pick(&["Guests:", "Panel:", "Guests"]);
    if r.chance(60) {
        parts.body.push(format!("{label} {}", flat.join(" ")));
    } else {
        parts.body.push(label.to_string());
        parts.body.push(flat.join(" "));
    }
    case(&parts, false, title, Some(p), guests)
}

/// Shape 5: Each guest's name alone on a line, then "Who? …" and a paragraph.
fn profiles(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let n = 2 + r.below(3);
    let names = r.distinct(GUESTS, n);
    parts.body.push(
        r.pick(&["Who is on the panel tonight?", "Meet tonight's panel"])
            .to_string(),
    );
    parts.body.extend(framing(r));
    let who = r.pick(&["Who?", "Who:"]);
    let mut guests = Vec::new();
    for name in names {
        let aff = title_case(r.pick(ROLES)) + " at " + r.pick(ORGS);
        parts.body.push(name.to_string());
        parts.body.push(format!("{who} {aff}"));
        parts.body.push(format!(
            "{} has worked on the question for two decades and has written three books \
             about it. Expect a firm line on spending.",
            name.split(' ').next().unwrap()
        ));
        guests.push((name.to_string(), Some(aff)));
    }
    case(&parts, true, "", None, guests)
}

/// Shape 6: The show's name in front of the title, or alone on the first line.
fn show_titles(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let title = r.pick(QUESTIONS);
    let show = r.pick(SHOWS);
    let p = r.pick(PRESENTERS);
    let guests = some_guests(r, billing);
    match r.below(3) {
        0 => parts.body.push(format!("{show}: {title}")),
        1 => parts.body.push(format!("{show} – {title}")),
        _ => {
            parts.before.clear();
            parts.body.push(show.to_string());
            parts.body.push(title.to_string());
        }
    }
    parts.body.extend(framing(r));
    parts.body.push(presenter_line(r, p));
    parts.body.push("Guests:".to_string());
    parts.body.extend(standard_guest_lines(r, &guests));
    case(&parts, r.chance(50), title, Some(p), guests)
}

/// Shape 7: No title at all: a draft with no title, never an error.
fn no_title(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    parts.before.retain(|l| !l.contains(' ') || l.contains('|'));
    let p = r.pick(PRESENTERS);
    let guests = some_guests(r, billing);
    parts.body.push(presenter_line(r, p));
    parts.body.push("Guests:".to_string());
    parts.body.extend(standard_guest_lines(r, &guests));
    case(&parts, r.chance(50), "", Some(p), guests)
}

/// Shape 8: The presenter by first name in the prose, named in full once elsewhere.
fn first_name_presenter(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let title = r.pick(QUESTIONS);
    let p = r.pick(PRESENTERS);
    let first = p.split(' ').next().unwrap();
    let show = r.pick(SHOWS);
    let guests = some_guests(r, billing);
    parts.body.push(title.to_string());
    parts.body.push(format!(
        "{first} and a panel of experts look at {}",
        r.pick(&[
            "the week's news.",
            "what the deal means for farmers.",
            "why the talks failed."
        ])
    ));
    parts.body.push("Guests:".to_string());
    parts.body.extend(standard_guest_lines(r, &guests));
    parts.after.push(match r.below(2) {
        0 => format!("About {show}: {p} hosts a weekly conversation on world affairs."),
        _ => format!("{show} with {p}"),
    });
    case(&parts, r.chance(50), title, Some(p), guests)
}

/// Shape 9: Credits and page furniture around a plain listing.
fn credits(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let (title, p, guests) = opening(r, &mut parts, billing);
    parts.body.push("Guests:".to_string());
    parts.body.extend(standard_guest_lines(r, &guests));
    for c in {
        let n = 2 + r.below(3);
        r.distinct(CREDITS, n)
    } {
        parts.body.push(c.to_string());
    }
    if r.chance(50) {
        parts.after.push("More episodes".to_string());
        parts.after.push("The price of bread | 40 min".to_string());
        parts
            .after
            .push("Inside the port strike | 38 min".to_string());
    }
    case(&parts, r.chance(50), title, Some(p), guests)
}

/// Shape 10: Given names of several words, particles and compound surnames, in lines
/// and in prose.
fn long_names(r: &mut Rng) -> Case {
    const LONG: &[&str] = &[
        "Sarah Jane Collins",
        "Juan Carlos de la Vega",
        "Maria José dos Santos",
        "Abdul Rahman al-Mansouri",
        "Pieter van der Merwe",
        "Mohammed bin Khalid Al Thani",
        "Anna-Lena Schmidt-Weber",
        "Rosa María de la Cruz",
        "Jan Willem van den Bosch",
        "Nguyen Thi Lan",
        "Oluwaseun Adekunle-Johnson",
        "Mary Ann O'Brien",
    ];
    let mut parts = Parts::new(r);
    let title = r.pick(QUESTIONS);
    let p = r.pick(PRESENTERS);
    let n = 2 + r.below(3);
    let guests: Vec<(String, Option<String>)> = r
        .distinct(LONG, n)
        .into_iter()
        .map(|g| (g.to_string(), Some(billing(r))))
        .collect();
    parts.body.push(title.to_string());
    parts.body.extend(framing(r));
    if r.chance(50) {
        parts.body.push(presenter_line(r, p));
        parts.body.push("Guests:".to_string());
        parts.body.extend(standard_guest_lines(r, &guests));
    } else {
        let items: Vec<String> = guests
            .iter()
            .map(|(n, a)| format!("{n}, {}", a.as_deref().unwrap()))
            .collect();
        let list = join_list(r, &items, true);
        parts.body.push(format!("{p} speaks to {list}."));
    }
    case(&parts, r.chance(50), title, Some(p), guests)
}

/// Shape 11: Other labels: "Contributors:" closing a paragraph then ". Name – role"
/// lines; "Today's panelists are role A, role B, and C"; "the Daily Courier's A";
/// names with no billing.
fn other_labels(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let title = r.pick(QUESTIONS);
    let p = r.pick(PRESENTERS);
    parts.body.push(title.to_string());
    let n = 2 + r.below(2);
    let names = r.distinct(GUESTS, n);
    let mut guests = Vec::new();
    match r.below(4) {
        0 => {
            parts.body.push(format!(
                "{} The panel asks what comes next. Contributors:",
                r.pick(FRAMING)
            ));
            for name in names {
                let a = billing(r);
                parts.body.push(format!(". {name} – {a}"));
                guests.push((name.to_string(), Some(a)));
            }
            return case(&parts, false, title, None, guests);
        }
        1 => {
            parts.body.extend(framing(r));
            parts.body.push(presenter_line(r, p));
            let mut items = Vec::new();
            for name in names {
                let role = r.pick(ROLES);
                let (item, aff) = if r.chance(50) {
                    (format!("{role} {name}"), role.to_string())
                } else {
                    let org = title_case(bare(r.pick(ORGS)));
                    let a = format!("the {} of {org}", title_case(role));
                    (format!("{a} {name}"), a)
                };
                items.push(item);
                guests.push((name.to_string(), Some(aff)));
            }
            parts.body.push(format!(
                "{} are {}.",
                r.pick(&[
                    "Today's panelists",
                    "Tonight's panellists",
                    "This week's guests"
                ]),
                join_list(r, &items, false)
            ));
        }
        2 => {
            parts.body.extend(framing(r));
            let mut items = Vec::new();
            for name in names {
                let org = title_case(bare(r.pick(ORGS)));
                items.push(format!("the {org}'s {name}"));
                guests.push((name.to_string(), Some(org)));
            }
            parts
                .body
                .push(format!("{p} is joined by {}.", join_list(r, &items, false)));
        }
        _ => {
            parts.body.extend(framing(r));
            parts.body.push(presenter_line(r, p));
            let list: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            parts.body.push(format!(
                "{} {}",
                r.pick(&["Guests:", "With:", "Panel:"]),
                join_list(r, &list, false).replace(", and ", " and ")
            ));
            guests = names.iter().map(|n| (n.to_string(), None)).collect();
        }
    }
    case(&parts, r.chance(50), title, Some(p), guests)
}

/// Shape 12: Several episodes on one page: the first whole, more reported.
fn episodes(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let titles = {
        let n = 2 + r.below(2);
        r.distinct(QUESTIONS, n)
    };
    let mut first: Option<(String, String, Guests)> = None;
    let mut used: Vec<&str> = Vec::new();
    for (i, t) in titles.iter().enumerate() {
        let p = r.pick(PRESENTERS);
        let pool: Vec<&str> = GUESTS
            .iter()
            .copied()
            .filter(|g| !used.contains(g))
            .collect();
        let names = {
            let n = 2 + r.below(2);
            r.distinct(&pool, n)
        };
        used.extend(&names);
        let guests: Vec<(String, Option<String>)> = names
            .iter()
            .map(|n| (n.to_string(), Some(billing(r))))
            .collect();
        if i > 0 {
            parts.body.push(format!("{} March 2024", 20 - i));
        }
        parts.body.push(t.to_string());
        parts.body.extend(framing(r));
        parts.body.push(presenter_line(r, p));
        parts.body.push("Guests:".to_string());
        parts.body.extend(standard_guest_lines(r, &guests));
        if first.is_none() {
            first = Some((t.to_string(), p.to_string(), guests));
        }
    }
    let (t, p, guests) = first.unwrap();
    let mut c = case(&parts, false, &t, Some(&p), guests);
    c.more_episodes = true;
    c
}

/// Shape 13: A guest host standing in for the usual presenter.
fn guest_host(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let title = r.pick(QUESTIONS);
    let ps = r.distinct(PRESENTERS, 2);
    let (g, h) = (ps[0], ps[1]);
    let guests = some_guests(r, billing);
    parts.body.push(title.to_string());
    parts.body.extend(framing(r));
    parts.body.push(match r.below(3) {
        0 => format!("With guest host {g}, standing in for {h}."),
        1 => format!("{g} is guest host this week, standing in for {h}."),
        _ => format!("Guest host {g} sits in for {h}."),
    });
    parts.body.push("Guests:".to_string());
    parts.body.extend(standard_guest_lines(r, &guests));
    case(&parts, r.chance(50), title, Some(g), guests)
}

/// Shape 14: Traps: a photo's credit, a person quoted in the article, the post's writer.
fn traps(r: &mut Rng) -> Case {
    let mut parts = Parts::new(r);
    let title = r.pick(QUESTIONS);
    let p = r.pick(PRESENTERS);
    let guests = some_guests(r, billing);
    let trap = r.pick(&NOT_GUESTS[7..]);
    parts.body.push(title.to_string());
    match r.below(3) {
        0 => parts.body.push(format!("By {trap}")),
        1 => parts
            .body
            .push(format!("Posted by {trap} on 12 March 2024")),
        _ => parts.body.push(format!("Photo: {trap}/Reuters")),
    }
    parts.body.push(format!(
        "\"We cannot wait any longer,\" said {}, a farmer near the border.",
        r.pick(&NOT_GUESTS[7..])
    ));
    parts.body.extend(framing(r));
    parts.body.push(presenter_line(r, p));
    parts.body.push("Guests:".to_string());
    parts.body.extend(standard_guest_lines(r, &guests));
    case(&parts, r.chance(50), title, Some(p), guests)
}

type Shape = (&'static str, fn(&mut Rng) -> Case, Floors);

/// Floors per shape, just under what the parser reaches (guest recall, guest
/// precision), so a change that generalises worse fails here. Raise them as the
/// parser improves. They are set on draws nobody tuned on: the mends of i16-fp were
/// made against the suite's first generator (splitmix64), and on fastrand's draws of
/// the same seeds prose, profiles and other labels fell from 0.90/1.00/0.98 to
/// 0.82/0.89/0.82 — what a shape's figure is worth once its cases are fixed.
#[derive(Clone, Copy)]
struct Floors {
    recall: f64,
    precision: f64,
}

const fn fl(recall: f64, precision: f64) -> Floors {
    Floors { recall, precision }
}

const SHAPES: &[Shape] = &[
    ("1 prose", prose, fl(0.98, 0.98)),
    ("2 bullet sentences", bullet_sentences, fl(0.98, 0.98)),
    ("3 no separator", no_separator, fl(0.98, 0.98)),
    ("4 flattened", flattened, fl(0.91, 0.92)),
    ("5 profiles", profiles, fl(0.98, 0.98)),
    ("6 show in title", show_titles, fl(0.95, 0.97)),
    ("7 no title", no_title, fl(0.98, 0.98)),
    ("8 first-name host", first_name_presenter, fl(0.98, 0.98)),
    ("9 credits", credits, fl(0.98, 0.98)),
    ("10 long names", long_names, fl(0.98, 0.98)),
    ("11 other labels", other_labels, fl(0.93, 0.96)),
    ("12 episodes", episodes, fl(0.98, 0.98)),
    ("13 guest host", guest_host, fl(0.98, 0.98)),
    ("14 traps", traps, fl(0.98, 0.98)),
];

#[derive(Default)]
struct Tally {
    cases: usize,
    expected: usize,
    parsed: usize,
    hits: usize,
    billed: usize,
    presenters: usize,
    titles: usize,
    more: usize,
    more_wanted: usize,
    /// Credits and trap people taken as guests: always a failure.
    trapped: usize,
}

/// An affiliation compared loosely: case, a leading article and a closing full stop
/// aside.
fn same_billing(a: Option<&str>, b: Option<&str>) -> bool {
    fn norm(s: &str) -> String {
        let s = s.trim().trim_end_matches('.').to_lowercase();
        let s = ["a ", "an ", "the "]
            .iter()
            .find_map(|a| s.strip_prefix(a))
            .unwrap_or(&s)
            .to_string();
        s
    }
    match (a, b) {
        (Some(a), Some(b)) => norm(a) == norm(b),
        (None, None) => true,
        _ => false,
    }
}

fn score(c: &Case, d: &ListingDraft, t: &mut Tally, misses: &mut Vec<String>) {
    t.cases += 1;
    t.expected += c.guests.len();
    t.parsed += d.guests.len();
    let mut ok = d.guests.len() == c.guests.len();
    for (name, aff) in &c.guests {
        match d.guests.iter().find(|g| &g.name == name) {
            Some(g) => {
                t.hits += 1;
                if same_billing(g.affiliation.as_deref(), aff.as_deref()) {
                    t.billed += 1;
                } else {
                    ok = false;
                }
            }
            None => ok = false,
        }
    }
    for g in &d.guests {
        if NOT_GUESTS.contains(&g.name.as_str()) {
            t.trapped += 1;
            ok = false;
        }
    }
    let presenter = d.presenter.as_ref().map(|p| p.name.as_str());
    if presenter == c.presenter.as_deref() {
        t.presenters += 1;
    } else {
        ok = false;
    }
    if d.title == c.title {
        t.titles += 1;
    } else {
        ok = false;
    }
    if c.more_episodes {
        t.more_wanted += 1;
        if !d.other_listings.is_empty() {
            t.more += 1;
        }
    }
    if !ok {
        let got: Vec<(&str, Option<&str>)> = d
            .guests
            .iter()
            .map(|g| (g.name.as_str(), g.affiliation.as_deref()))
            .collect();
        misses.push(format!(
            "----\n{}\n  title {:?} want {:?}\n  presenter {presenter:?} want {:?}\n  got  {got:?}\n  want {:?}",
            c.text, d.title, c.title, c.presenter, c.guests
        ));
    }
}

#[test]
fn shapes_of_billing_generalise() {
    let verbose = std::env::var("SHAPES_MISSES").ok();
    let mut failed = Vec::new();
    println!(
        "{:<20} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8} {:>6}",
        "shape", "cases", "guest R", "guest P", "billing", "present", "title", "more"
    );
    let mut all = Tally::default();
    for (i, (name, make, floors)) in SHAPES.iter().enumerate() {
        let mut r = Rng(fastrand::Rng::with_seed(0x5EED_0000 + i as u64));
        let mut t = Tally::default();
        let mut misses = Vec::new();
        for _ in 0..PER_SHAPE {
            let c = make(&mut r);
            let d = parse_listing(&c.text);
            score(&c, &d, &mut t, &mut misses);
            score(&c, &d, &mut all, &mut Vec::new());
        }
        let (recall, precision) = (ratio(t.hits, t.expected), ratio(t.hits, t.parsed));
        println!(
            "{:<20} {:>5} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>6}",
            name,
            t.cases,
            recall,
            precision,
            ratio(t.billed, t.hits),
            ratio(t.presenters, t.cases),
            ratio(t.titles, t.cases),
            if t.more_wanted > 0 {
                format!("{}/{}", t.more, t.more_wanted)
            } else {
                "-".to_string()
            }
        );
        if verbose.as_deref().is_some_and(|v| name.starts_with(v)) {
            for m in &misses {
                println!("{m}");
            }
        }
        if t.trapped > 0 {
            failed.push(format!(
                "{name}: {} credits or traps taken as guests",
                t.trapped
            ));
        }
        if recall < floors.recall {
            failed.push(format!(
                "{name}: guest recall {recall:.2} < {}",
                floors.recall
            ));
        }
        if precision < floors.precision {
            failed.push(format!(
                "{name}: guest precision {precision:.2} < {}",
                floors.precision
            ));
        }
    }
    println!(
        "{:<20} {:>5} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2}",
        "all",
        all.cases,
        ratio(all.hits, all.expected),
        ratio(all.hits, all.parsed),
        ratio(all.billed, all.hits),
        ratio(all.presenters, all.cases),
        ratio(all.titles, all.cases)
    );
    assert!(failed.is_empty(), "{failed:#?}");
}
