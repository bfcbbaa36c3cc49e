//! Stage 3: the people a listing may name, each with the evidence for them. Sources
//! are independent: the layout's labelled and inferred blocks, prose ("X speaks to A,
//! B and C"), and profiles ("Name" then "Who? …"). The draft chooses among them.

use super::guests;
use super::layout::{Found, GuestsFound};
use super::person::{self, split_billing, Billing};
use super::{appositive, bios, profiles, prose, MAX_GUESTS};

/// Why a candidate is thought to be a presenter or a guest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Evidence {
    /// Under a guest label ("Guests:", "To discuss:", "On the panel:").
    Labelled,
    /// A billing line right after the presenter, no label.
    AfterPresenter,
    /// Billing lines with neither label nor presenter.
    Unlabelled,
    /// After a presenter label.
    PresenterLabel,
    /// "guest host X", "X, standing in for Y": who presents this episode.
    GuestHost,
    /// Prose: "X speaks to A, B and C", "Today's panelists are …".
    Prose,
    /// A name alone on its line, then "Who? …".
    Profile,
    /// A billing in apposition in prose: "Jane Doe, a fellow at X, explains …". Taken
    /// only when no other reading names guests.
    Appositive,
}

impl Evidence {
    fn weight(self) -> u32 {
        match self {
            Evidence::GuestHost => 10,
            Evidence::Labelled | Evidence::PresenterLabel => 8,
            Evidence::AfterPresenter | Evidence::Profile => 6,
            Evidence::Unlabelled => 5,
            Evidence::Prose => 4,
            Evidence::Appositive => 2,
        }
    }

    /// Candidates of one family come from one reading of the text; the draft never
    /// mixes guests of two families.
    pub(super) fn family(self) -> u8 {
        match self {
            Evidence::Labelled | Evidence::AfterPresenter | Evidence::Unlabelled => 0,
            Evidence::Profile => 1,
            Evidence::Prose => 2,
            Evidence::PresenterLabel | Evidence::GuestHost => 3,
            Evidence::Appositive => FALLBACK_FAMILY,
        }
    }
}

/// "(Nicky) Morgan" → "Nicky Morgan": the brackets a peer's given name is written in.
fn unbracket(name: &str) -> String {
    match name.strip_prefix('(').and_then(|r| r.split_once(") ")) {
        Some((given, surname)) if !given.contains(['(', ')']) => format!("{given} {surname}"),
        _ => name.to_string(),
    }
}

/// The family of the fallback reading, chosen only when no other names guests.
pub(super) const FALLBACK_FAMILY: u8 = 4;

/// A person as the text bills them, not yet bounded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Candidate {
    pub honorific: Option<String>,
    pub name: String,
    pub affiliation: Option<String>,
    pub evidence: Evidence,
}

impl Candidate {
    pub(super) fn new(b: Billing, evidence: Evidence) -> Candidate {
        Candidate {
            honorific: b.honorific,
            name: unbracket(b.name),
            affiliation: b.affiliation,
            evidence,
        }
    }

    pub(super) fn named(name: &str, affiliation: Option<String>, evidence: Evidence) -> Self {
        let b = split_billing(name, false);
        Candidate {
            honorific: b.honorific,
            name: b.name.to_string(),
            affiliation,
            evidence,
        }
    }

    /// How much the draft trusts this candidate.
    pub(super) fn score(&self) -> u32 {
        let billed = u32::from(self.affiliation.is_some());
        let named = u32::from(person::looks_like_name(&self.name, 2));
        self.evidence.weight() * 2 + billed + named
    }
}

/// Everyone the first listing may name.
#[derive(Debug, Default)]
pub(super) struct Candidates {
    pub presenters: Vec<Candidate>,
    /// Presenters a guest host stands in for this time.
    pub stood_in_for: Vec<String>,
    pub guests: Vec<Candidate>,
    /// A layout guest line held several guests and was cut at their names.
    pub flattened: bool,
}

pub(super) fn gather(found: &Found) -> Candidates {
    let mut c = Candidates::default();
    for text in &found.presenters {
        for item in super::draft::presenter_items(text) {
            c.presenters.push(Candidate::new(
                split_billing(item, true),
                Evidence::PresenterLabel,
            ));
        }
    }
    from_layout(found, &mut c);
    // A presenter label's line may go on in prose ("Chaired by X. Arguing for the
    // motion are A, B and C.").
    // In the order of the text: a presenter's line holding the panel ("Chaired by X.
    // Arguing for the motion are …") comes before a later episode's lines.
    let mut prose_lines: Vec<&str> = found
        .pre
        .iter()
        .chain(&found.post)
        .chain(&found.presenters)
        .copied()
        .collect();
    // Every line is a slice of the one text, so its address is its place in it.
    prose_lines.sort_by_key(|l| l.as_ptr() as usize);
    let prose_lines = prose_lines.into_iter();
    profiles::gather(&found.pre, &mut c.guests);
    prose::gather(prose_lines, &mut c);
    if c.guests.is_empty() {
        let lines = found.pre.iter().chain(&found.post).copied();
        appositive::gather(lines, &c.presenters, &mut c.guests);
    }
    if !c.presenters.iter().any(|p| p.evidence != Evidence::Prose) {
        // The lines after the guests may name the presenter; they give no guests.
        let mut after = Candidates::default();
        prose::gather(found.after.iter().copied(), &mut after);
        c.presenters.extend(after.presenters);
        c.stood_in_for.extend(after.stood_in_for);
    }
    let lines = found
        .pre
        .iter()
        .chain(&found.post)
        .chain(&found.after)
        .copied();
    if c.presenters.is_empty() {
        // Nobody presents in the episode's text: the show's name or blurb may say.
        c.presenters
            .extend(prose::blurb_host(lines.clone(), &c.guests));
    }
    if c.presenters.is_empty() && !found.header.is_empty() {
        // A directory's header about the show: "Hosted by X, Show is …".
        let mut show = Candidates::default();
        prose::gather(found.header.iter().copied(), &mut show);
        c.presenters.extend(show.presenters);
        if c.presenters.is_empty() {
            c.presenters
                .extend(prose::blurb_host(found.header.iter().copied(), &c.guests));
        }
    }
    bios::fill(lines, &mut c.guests);
    for g in &mut c.guests {
        // A billing read from prose ends where its sentence goes on about the guest.
        if matches!(g.evidence, Evidence::Prose | Evidence::Appositive) {
            if let Some(a) = g.affiliation.as_mut() {
                let cut = bios::without_clause(a).len();
                a.truncate(cut);
            }
        }
    }
    c
}

/// Each guest line of the layout's block cut into people.
fn from_layout(found: &Found, c: &mut Candidates) {
    let evidence = match found.how {
        GuestsFound::No => return,
        GuestsFound::Labelled => Evidence::Labelled,
        GuestsFound::AfterPresenter => Evidence::AfterPresenter,
        GuestsFound::Unlabelled => Evidence::Unlabelled,
    };
    let mut n = 0;
    for line in &found.guests {
        if evidence == Evidence::Unlabelled {
            // "Jane Doe, presenter of the show" in a block with no label: the host.
            let b = split_billing(line.text, true);
            let hosts_this = |a: &str| bills_a_presenter(a) && show_is_this(a, &found.pre);
            if b.affiliation.as_deref().is_some_and(hosts_this) {
                c.presenters.push(Candidate::new(b, Evidence::Prose));
                continue;
            }
        }
        let listed = line
            .affiliation
            .is_none()
            .then(|| prose_list(line.text))
            .flatten();
        if let Some(listed) = listed {
            // "Guests: A, analyst, and B, diplomat": a list in prose after the label.
            n += listed.len();
            for mut g in listed {
                g.evidence = evidence;
                c.guests.push(g);
            }
        } else if let Some(a) = line.affiliation {
            let mut b = split_billing(line.text, true);
            b.affiliation = Some(a.to_string());
            c.guests.push(Candidate::new(b, evidence));
            n += 1;
        } else {
            let mut chunks = Vec::new();
            guests::chunks(line.text, line.flatten, MAX_GUESTS, &mut chunks);
            c.flattened |= chunks.len() > 1;
            for chunk in &chunks {
                c.guests
                    .push(Candidate::new(split_billing(chunk, true), evidence));
            }
            n += chunks.len();
        }
        if n > MAX_GUESTS {
            break;
        }
    }
}

/// The people of a guest line written as a sentence's list, each billed after a comma
/// ("A, analyst at X, and B, former diplomat"): only when the line joins its last
/// item with ", and" and every item read is a name with a billing.
fn prose_list(text: &str) -> Option<Vec<Candidate>> {
    if text.len() > 600 || !text.contains(", and ") {
        return None;
    }
    let listed = super::prose::list(text);
    (listed.len() >= 2
        && listed
            .iter()
            .all(|g| g.affiliation.is_some() && person::looks_like_name(&g.name, 2)))
    .then_some(listed)
}

/// A billing that makes its person the programme's presenter: "presenter of …",
/// "the host", "host and producer".
fn bills_a_presenter(billing: &str) -> bool {
    let lower = billing.to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    ["presenter", "host", "anchor", "moderator"]
        .iter()
        .any(|w| {
            lower
                .strip_prefix(w)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',']))
        })
}

/// Whether the show a "presenter of X" billing names is this one: the page names X
/// elsewhere too ("Who's on Question Time tonight?" over "A, presenter of the BBC's
/// Question Time"). A guest who presents another show is a guest. A bare "the host"
/// names no show and is this one.
pub(super) fn show_is_this(billing: &str, lines: &[&str]) -> bool {
    let lower = billing.to_lowercase();
    let Some((_, show)) = lower.split_once(" of ") else {
        return true;
    };
    let show = show.strip_prefix("the ").unwrap_or(show);
    // "the BBC's Question Time": the outlet is not the show's name.
    let show = match show.split_once("'s ").or_else(|| show.split_once("’s ")) {
        Some((owner, name)) if !owner.contains(' ') => name,
        _ => show,
    };
    let show = show.trim();
    !show.is_empty()
        && lines
            .iter()
            .filter(|l| !l.to_lowercase().contains(&lower))
            .any(|l| l.to_lowercase().contains(show))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peers_given_name_in_brackets() {
        let c = Candidate::new(
            split_billing("Baroness (Ola) Berg – Conservative peer", true),
            Evidence::Labelled,
        );
        assert_eq!(
            (
                c.honorific.as_deref(),
                c.name.as_str(),
                c.affiliation.as_deref()
            ),
            (Some("Baroness"), "Ola Berg", Some("Conservative peer"))
        );
        assert!(
            crate::listing::classify::fit("Lord (Per) Dahl – crossbench peer")
                .allows(crate::listing::classify::Strictness::Labelled)
        );
    }

    #[test]
    fn a_billing_as_presenter_makes_the_host() {
        assert!(bills_a_presenter("presenter of the harbour debate"));
        assert!(bills_a_presenter("The host, Ledger FM"));
        assert!(bills_a_presenter("host"));
        assert!(!bills_a_presenter("hostage negotiator"));
        assert!(!bills_a_presenter("former host of a rival show"));
    }
}
