//! People named in prose: "Rob Vale speaks to A, fellow at X; B – a historian; and C",
//! "Maria and a panel of experts look at …", "Today's panelists are political
//! consultant A, …", "guest host A, standing in for B". Only these phrases make
//! anyone a candidate, so a person merely quoted in an article is never one.

use std::sync::LazyLock;

use regex::Regex;

use super::candidates::{show_is_this, Candidate, Candidates, Evidence};
use super::person::{
    self, looks_like_name, split_billing, starts_with_name, word_kind, word_spans, Word,
};
use super::unseparated::{billing_before_listed_name, billing_before_name};
use crate::text::names::name_key;

/// A capitalised name of one to four words (particles inside).
const NAME: &str = r"\p{Lu}[\p{L}\p{M}'’\-.]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’\-.]*|al|el|bin|de|van|von|da|di|du|le|la|del|der|dos|das)){0,3}";

/// A presenter and what they do with the guests.
static HOST_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<host>{NAME})\s+(?:(?P<past>spoke to|spoke with|talked to|talked with|sat down with)|(?P<list>speaks to|speaks with|talks to|talks with|(?:is|was|will be|are|were)\s+joined\b[^.;:?!]{{0,40}}?\bby|brings together|gets the views of|goes head[- ]to[- ]head with|hosts|hears from|interviews|challenges|asks|questions|quizzes|meets|welcomes|chats with|catches up with|sits down with|is in conversation with|(?:discusses|presents|chairs|hosts|leads|moderates|examines|explores|considers|debates|investigates|looks at|talks|speaks|chats|returns)\b[^.;:?!]{{0,80}}?\bwith|puts\b[^.;:?!]*?\bto)|(?P<panel>and (?:a panel of|an expert panel|a panel|the panel|(?:her|his|their) (?:guests|panel)|guests|panell?ists)))\b"
    ))
    .unwrap()
});

/// A presenter named in passing: "hosted by Fiona Bruce", "tells host Steve Clemons",
/// "X presents the debate" (what X presents or introduces must be the show: "X
/// introduces her novel" is no host).
static PRESENTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?i:hosted|presented|chaired|moderated|fronted)\s+by|\b(?:[Hh]ost|[Pp]resenter|[Mm]oderator|[Aa]nchor)\b,?)\s+(?P<host>{NAME})|^(?P<named>{NAME}),\s+(?:the\s+)?(?:presenter|host|anchor|moderator)\s+of\b|^(?:[-•*]\s*)?(?P<credited>{NAME})\s+(?:[Hh]ost|[Pp]resenter|[Mm]oderator|[Aa]nchor)\s*$|\b(?i:the|our|your|today's|tonight's)\s+(?i:host|presenter|moderator|anchor)\s+(?:is|was)\s+(?P<is>{NAME})|(?P<chair>{NAME})\s+(?:is|was|will be)\s+in the chair\b|(?P<owns>{NAME})['’]s\s+(?:guests|panell?ists|panel)\s+(?:today\s+|tonight\s+|this week\s+)?(?:are|include|includes|were|will be)\b|^(?P<wonders>{NAME})\s+(?:asks|wonders|explores|examines|investigates)\s+(?:whether|why|how|what|if|who|where|when)\b|^(?P<presents>{NAME}),?\s+(?:presents|hosts|chairs|introduces|fronts)(?:\.?\s*$|\s+(?:\p{{Lu}}|[^.;:?!]{{0,40}}?\b(?:programme|program|show|debate|discussion|series|episode|edition|panel|podcast|conversation|questions|forum)\b))"
    ))
    .unwrap()
});

/// The show's name or blurb naming its host: "The Point with Liu Xin", "National
/// Debate With Madhavdas G, we …", "… the big issues of our time with Mehdi Hasan."
static SHOW_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<show>(?:\p{{Lu}}[\p{{L}}'’&+\-]*\s+){{1,6}})[Ww]ith|\bwith)\s+(?P<host>{NAME})\s*(?P<end>$|[.,;:!?”\)\]|–—-]|\s-)"
    ))
    .unwrap()
});

/// A guest's talk with the host: "She spoke with Foreign Affairs senior editor X on …".
static SPOKE_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Ss]he|[Hh]e|[Tt]hey) (?:spoke|speaks|talked|talks|sat down|sits down) (?:with|to) (?P<rest>[^.,;:!?]{3,160})")
        .unwrap()
});

/// "Joining Ada Finch this week are A and B": the presenter the guests join.
static JOINING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b[Jj]oining (?P<host>{NAME})(?:\s+(?:today|tonight|this week|on the panel|in the studio))?\s+(?:are|is|will be)\b:?"
    ))
    .unwrap()
});

/// Guests before the verb: "A, B and C joined Andy Zaltzman to …".
static JOINED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\s+(?:joined|join)\s+(?P<host>{NAME})\b")).unwrap());

/// A guest list announced in a sentence.
static PANEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:arguing|speaking) (?:for|in favou?r of|against) the motion (?:are|were|is|was)\b:?|",
        r"(?i)\bwitnesses\b[^.;:?!]{0,120}?\bfrom\b|",
        r"(?i)\b(?:(?:today's|tonight's|this week's|our|the|my|his|her|their)\s+)?",
        r"(?:guests|panell?ists|panel|contributors|speakers)(?:\s+(?:today|tonight|this week))?",
        r"\s+(?:are|include|includes|included|were|will be|(?:will )?consists? of|is made up of|comprises)\b:?",
        r"|\b(?:programme|program|show|episode|edition|debate|discussion|panel)\s+(?:will feature|features|will include|includes)\b:?",
        r"|\bwith (?:(?:our|the|her|his|their) )?(?:guests|panell?ists|panel)\b:?",
        r"|\bon the panel(?:\s+(?:today|tonight|this week))?\s+are\b",
        r"|^join\b|\bjoining (?:us|me|him|her|them|the (?:discussion|debate|conversation|panel|programme|program|show))(?:\s+(?:today|tonight|this week|in the studio))?\s+(?:are|is)\b:?",
        r"|\b(?i:we)(?:'re| are|'ll| will|’re|’ll)?(?: be)? (?:speak|speaking|talk|talking|joined|hear|hearing)(?: from| with| to| by)\b:?",
    ))
    .unwrap()
});

/// "guest host A", "A is guest host": who presents this episode in place of the usual
/// presenter.
static GUEST_HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:guest[- ](?:host|presenter|anchor|moderator))\s+(?P<host>{NAME})|(?P<is>{NAME})\s+(?:is|was|will be)\s+(?:(?:the|our|your|this week's|today's|tonight's)\s+)?(?i:guest[- ](?:host|presenter|anchor|moderator))\b"
    ))
    .unwrap()
});

/// "A, standing in for B", "Sitting in for B, A …".
static STANDING_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<before>{NAME}),?\s+(?:is\s+)?)?(?i:standing|sitting|filling)\s+in\s+for(?:\s+(?P<usual>{NAME})(?:,\s+(?P<after>{NAME}))?|\s*$)"
    ))
    .unwrap()
});

/// Candidates from the prose lines of the first listing: the first phrase that names
/// guests gives them; the first presenter phrase gives the presenter.
pub(super) fn gather<'a>(lines: impl Iterator<Item = &'a str>, c: &mut Candidates) {
    let mut guests_found = false;
    // Guests named by a panel phrase: "X challenges A. Joining the discussion are B
    // and C" names guests twice, "Our guests are A and B" once.
    let mut panel_found = false;
    let mut host_found = false;
    // Regexes are linear, but a pasted page can be one huge line.
    let all: Vec<&str> = lines.take(60).map(|l| &l[..floor_char(l, 4000)]).collect();
    for &line in &all {
        guest_host(line, c);
        // "She spoke with the show's producer X": who did this episode's interview
        // presents it, over the show's usual host.
        if let Some(host) = spoke_with(line) {
            if !c
                .presenters
                .iter()
                .any(|p| p.evidence == Evidence::GuestHost)
            {
                c.presenters
                    .push(Candidate::named(host, None, Evidence::GuestHost));
            }
        }
        if let Some(m) = HOST_VERB.captures(line) {
            let host = host_name(m.name("host").map_or("", |h| h.as_str()));
            let tail = &line[m.get(0).map_or(0, |g| g.end())..];
            // "X and panellists A and B discuss …": the panel named after the phrase.
            let named_panel = m
                .name("panel")
                .is_some_and(|p| p.as_str().ends_with("guests") || p.as_str().ends_with("ists"));
            let listed = if (m.name("list").is_some() || named_panel) && !guests_found {
                list(tail)
            } else {
                Vec::new()
            };
            // "X spoke with A": a report of a talk names its host; the guests it
            // names are left to the page's own list.
            let past = m.name("past").is_some() && !list(tail).is_empty();
            let is_host = !listed.is_empty() || m.name("panel").is_some() || past;
            if let (Some(host), true, false) = (host, is_host, host_found) {
                c.presenters
                    .push(Candidate::named(host, None, Evidence::Prose));
                host_found = true;
            }
            if !listed.is_empty() {
                c.guests.extend(listed);
                guests_found = true;
            }
        }
        if !guests_found {
            if let Some(m) = JOINING.captures(line) {
                let listed = list(&line[m.get(0).map_or(0, |g| g.end())..]);
                let host = m.name("host").and_then(|h| host_name(h.as_str()));
                if !listed.is_empty() {
                    if let (Some(host), false) = (host, host_found) {
                        c.presenters
                            .push(Candidate::named(host, None, Evidence::Prose));
                        host_found = true;
                    }
                    c.guests.extend(listed);
                    guests_found = true;
                }
            }
        }
        if !guests_found {
            // The list is what comes before the first " joined " in the line's opening.
            let at = line[..floor_char(line, 400)].find(" join");
            if let Some((m, at)) = at.and_then(|at| Some((JOINED.captures(&line[at..])?, at))) {
                let listed = list(&line[..at]);
                let host = m.name("host").and_then(|h| host_name(h.as_str()));
                if let (Some(host), false) = (host, listed.is_empty()) {
                    c.presenters
                        .push(Candidate::named(host, None, Evidence::Prose));
                    c.guests.extend(listed);
                    guests_found = true;
                }
            }
        }
        // Several panel sentences may share the guests ("arguing for the motion are …
        // arguing against it are …").
        let mut panel = false;
        for m in PANEL.find_iter(line).take(4) {
            if panel_found && !panel {
                break;
            }
            if earlier_episodes(&line[..m.start()]) {
                continue;
            }
            let mut listed = list(&line[m.end()..]);
            // "Join host X and guests A and B": the host is no guest.
            let mut hosts = Vec::new();
            listed.retain(|g| {
                let host = g.affiliation.as_deref().is_some_and(|a| {
                    matches!(
                        a.to_lowercase().as_str(),
                        "host" | "presenter" | "moderator" | "anchor" | "your host" | "our host"
                    )
                });
                if host {
                    hosts.push(g.name.clone());
                }
                !host
            });
            // "X explores the vote. Her guests are …": the host is the one the
            // sentence before is about.
            let owner = m.as_str().split(' ').next().unwrap_or("").to_lowercase();
            if hosts.is_empty() && matches!(owner.as_str(), "her" | "his" | "their") {
                hosts.extend(subject_before(&line[..m.start()]).map(str::to_string));
            }
            if !host_found && !listed.is_empty() {
                if let Some(h) = hosts.first() {
                    c.presenters
                        .push(Candidate::named(h, None, Evidence::Prose));
                    host_found = true;
                }
            }
            // "Witnesses … from New Harbour": one bare name after "from" is a place.
            let from = m.as_str().to_lowercase().starts_with("witnesses");
            if from && listed.len() == 1 && !billed(&listed[0]) {
                listed.clear();
            }
            listed.retain(|g| {
                let k = name_key(&g.name);
                !c.guests.iter().any(|o| name_key(&o.name) == k)
            });
            panel |= !listed.is_empty();
            c.guests.extend(listed);
        }
        guests_found |= panel;
        panel_found |= panel;
        if !host_found {
            if let Some(host) = PRESENTED.captures(line).and_then(|m| {
                let name = [
                    "host", "named", "credited", "is", "presents", "chair", "owns", "wonders",
                ]
                .iter()
                .find_map(|g| m.name(g))?;
                // "X, presenter of Radio Nord's morning show, says …": the host of
                // another show, unless the page names that show elsewhere.
                let billing = line[name.end()..].trim_start_matches([',', ' ']);
                let billing = billing.split(", ").next().unwrap_or(billing);
                if m.name("named").is_some() && !show_is_this(billing, &all) {
                    return None;
                }
                host_name(name.as_str())
            }) {
                c.presenters
                    .push(Candidate::named(host, None, Evidence::Prose));
                host_found = true;
            }
        }
    }
}

/// The host a show's name or blurb gives ("The Point with Liu Xin"), or a guest's
/// talk with them; for pages that name nobody in the episode. Never one of `guests`.
pub(super) fn blurb_host<'a>(
    lines: impl Iterator<Item = &'a str>,
    guests: &[Candidate],
) -> Option<Candidate> {
    let is_guest = |n: &str| {
        let k = name_key(n);
        guests.iter().any(|g| name_key(&g.name) == k)
    };
    let all: Vec<&str> = lines.take(60).map(|l| &l[..floor_char(l, 4000)]).collect();
    for &line in &all {
        for m in SHOW_WITH.captures_iter(line).take(8) {
            // "X is in Leeds with A": a place in a sentence, not a show's name.
            let placed = m.name("show").is_some_and(|s| {
                let before = line[..s.start()].trim_end();
                let last = before.rsplit(' ').next().unwrap_or("");
                s.as_str().split_whitespace().count() == 1
                    && ["in", "at", "from", "is", "was", "are", "were"].contains(&last)
            });
            let show_named = m
                .name("show")
                .is_some_and(|s| !conversation(s.as_str()) && !placed);
            // Without the show's name, only at the end of the blurb's sentence.
            // (The name may have taken the full stop.) A whole name there: "with China."
            // is no host.
            let host_stop = m.name("host").is_some_and(|h| h.as_str().ends_with('.'));
            let blurb_end = m.name("end").is_some_and(|e| {
                (e.as_str() == "." || (e.as_str().is_empty() && host_stop))
                    && line[e.end()..].trim().is_empty()
            });
            if !(show_named || blurb_end) {
                continue;
            }
            let at = m.get(0).map_or(0, |g| g.start());
            // "The minister discussed the budget with X.": a sentence with a verb
            // reports what happened; a blurb is a phrase ("Big questions, with X.").
            if !show_named && reports(sentence_before(line, at)) {
                continue;
            }
            if let Some(host) = m.name("host").and_then(|h| host_name(h.as_str())) {
                // A Title Case headline reads like a show's name ("Supper With Old
                // Neighbours"). A show names its host in full, and sets the name off
                // by a lower-case "with" ("The Point with Liu Xin"), or the page names
                // them again, or the name has an initial.
                let lower_with = m
                    .name("show")
                    .is_some_and(|s| line[s.end()..].starts_with('w'));
                let show_host = show_named
                    && looks_like_name(host, 2)
                    && (lower_with || named_again(&all, host) || has_initial(host));
                if !is_guest(host) && (show_host || (!show_named && looks_like_name(host, 2))) {
                    return Some(Candidate::named(host, None, Evidence::Prose));
                }
            }
        }
        if let Some(host) = spoke_with(line).filter(|h| !is_guest(h)) {
            return Some(Candidate::named(host, None, Evidence::Prose));
        }
    }
    None
}

/// The show's person a guest talked with: "She spoke with Foreign Affairs senior
/// editor X on …". The host is billed as one of the show's people; "She spoke with her
/// lawyer X" names someone else.
fn spoke_with(line: &str) -> Option<&str> {
    let m = SPOKE_WITH.captures(line)?;
    let rest = m.name("rest").map_or("", |r| r.as_str());
    let end = [" on ", " about ", " in ", " for "]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
    let said = rest[..end].trim();
    billing_before_name(said)
        .filter(|(_, billing)| billing.split_whitespace().any(media_role))
        .map(|(n, _)| n)
        .filter(|h| looks_like_name(h, 2))
}

/// A sentence's subject before its verb ("In this episode Ada Finch explores …"), the
/// last one in `before`.
static SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?P<host>{NAME})\s+\p{{Ll}}+s\b")).unwrap());

fn subject_before(before: &str) -> Option<&str> {
    let m = SUBJECT.captures_iter(before).take(8).last()?;
    host_name(m.name("host")?.as_str()).filter(|h| looks_like_name(h, 2))
}

/// "Previous guests included …", "Past panellists were …": another episode's people.
fn earlier_episodes(before: &str) -> bool {
    let last = before
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        last.as_str(),
        "previous"
            | "past"
            | "former"
            | "earlier"
            | "other"
            | "recent"
            | "regular"
            | "frequent"
            | "notable"
            | "celebrity"
            | "famous"
    )
}

fn billed(c: &Candidate) -> bool {
    c.affiliation.is_some() || c.honorific.is_some()
}

/// A job on a programme or a publication's staff.
fn media_role(w: &str) -> bool {
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    matches!(
        w.as_str(),
        "editor"
            | "host"
            | "presenter"
            | "anchor"
            | "correspondent"
            | "reporter"
            | "journalist"
            | "producer"
            | "interviewer"
            | "columnist"
            | "broadcaster"
    )
}

/// Whether `name` occurs more than once in `lines` (each already bounded).
fn named_again(lines: &[&str], name: &str) -> bool {
    lines
        .iter()
        .map(|l| l.matches(name).take(2).count())
        .sum::<usize>()
        > 1
}

fn has_initial(name: &str) -> bool {
    name.split_whitespace()
        .any(|w| word_kind(w) == Word::Initial)
}

/// The sentence of `line` that ends at `at`.
fn sentence_before(line: &str, at: usize) -> &str {
    let head = &line[..at];
    let start = [". ", "? ", "! "]
        .iter()
        .filter_map(|s| head.rfind(s).map(|k| k + 2))
        .max()
        .unwrap_or(0);
    &head[start..]
}

/// Whether a sentence reports an event rather than describing a show: a pronoun
/// opens it, or a finite verb is in it ("discussed", "has", "shares").
fn reports(sentence: &str) -> bool {
    const FINITE: &[&str] = &[
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "did",
        "does", "says", "said", "met", "meets", "spoke", "shares", "lives", "told",
    ];
    const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];
    let mut prev = "";
    for (n, w) in sentence.split_whitespace().enumerate() {
        let bare = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let past = bare.len() > 4
            && bare.ends_with("ed")
            && w.starts_with(char::is_lowercase)
            && !matches!(prev, "a" | "an" | "the");
        if (n == 0 && PRONOUNS.contains(&bare.as_str())) || FINITE.contains(&bare.as_str()) || past
        {
            return true;
        }
        prev = if w.starts_with(char::is_lowercase) {
            w
        } else {
            ""
        };
    }
    false
}

/// "An Interview with", "In Conversation with": the person is the guest.
fn conversation(show: &str) -> bool {
    let last = show.split_whitespace().last().unwrap_or("").to_lowercase();
    matches!(
        last.as_str(),
        "interview"
            | "interviews"
            | "conversation"
            | "conversations"
            | "chat"
            | "q&a"
            | "evening"
            | "audience"
            | "session"
            | "meeting"
            | "webinar"
            | "lunch"
            | "dinner"
            | "breakfast"
            | "ama"
    )
}

fn floor_char(s: &str, max: usize) -> usize {
    let mut at = max.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn guest_host(line: &str, c: &mut Candidates) {
    let lower = line.to_lowercase();
    let mut host = None;
    if lower.contains("guest") {
        host = GUEST_HOST
            .captures(line)
            .and_then(|m| m.name("host").or(m.name("is")));
    }
    if lower.contains(" in for") {
        if let Some(m) = STANDING_IN.captures(line) {
            host = host.or(m.name("before")).or(m.name("after"));
            if let Some(usual) = m.name("usual").and_then(|u| host_name(u.as_str())) {
                c.stood_in_for.push(usual.to_string());
            }
        }
    }
    if let Some(host) = host.and_then(|h| host_name(h.as_str())) {
        c.presenters
            .push(Candidate::named(host, None, Evidence::GuestHost));
    }
}

/// The name in a presenter phrase, without the sentence's first words ("This week
/// Rob Vale" → "Rob Vale"); a first name alone is kept as given.
fn host_name(s: &str) -> Option<&str> {
    let mut s = s.trim().trim_end_matches([',', '.']);
    // "From Radio Lakeside. Hannah Dorr": the name is in the last sentence; "Peter
    // Hale. The": in the first.
    if let Some(at) = s.rfind(". ") {
        let before = s[..at].rsplit(' ').next().unwrap_or("");
        // Not an initial's stop ("John Q. Public").
        if before.chars().count() > 1 {
            let after = &s[at + 2..];
            s = if looks_like_name(after, 1) && after.starts_with(char::is_uppercase) {
                after
            } else {
                &s[..at]
            };
        }
    }
    // "Norland Radio's Ada Finch": the outlet is no part of the name.
    if let Some(at) = s.rfind("'s ").or_else(|| s.rfind("’s ")) {
        let rest = &s[at..];
        s = rest[rest.find(' ').unwrap_or(0)..].trim_start();
    }
    // A capitalised particle starts a name ("Ben Bland", "Abu Bakr").
    let starts = |w: &str| {
        matches!(word_kind(w), Word::Unit | Word::Particle) && w.starts_with(char::is_uppercase)
    };
    while let Some((first, rest)) = s.split_once(' ') {
        if starts(first) {
            break;
        }
        s = rest;
    }
    (starts(s.split(' ').next().unwrap_or("")) && looks_like_name(s, 1)).then_some(s)
}

/// The guests in the sentence after a presenter phrase or a panel announcement.
pub(super) fn list(tail: &str) -> Vec<Candidate> {
    let mut tail = tail.trim_start_matches([':', ',', ' ']);
    // "… with panellists A, B and C", "X hosts, with guests A and B": the list's own
    // words before its first name.
    let bare = tail.strip_prefix("with ").unwrap_or(tail);
    let owner = ["her ", "his ", "their ", "our ", "the ", "a "]
        .iter()
        .find_map(|o| bare.strip_prefix(o))
        .unwrap_or(bare);
    for glue in [
        "guests",
        "panellists",
        "panelists",
        "panel",
        "contributors",
        "speakers",
    ] {
        if let Some(t) = owner.strip_prefix(glue) {
            if t.starts_with([' ', ':']) {
                tail = t.trim_start_matches([':', ' ']);
                // "… with a panel including A, B and C".
                for w in ["including ", "that includes ", "made up of "] {
                    tail = tail.strip_prefix(w).unwrap_or(tail);
                }
                break;
            }
        }
    }
    let end = match super::title::sentences(tail).first() {
        Some(&(0, b)) => b,
        _ => tail.len(),
    };
    let mut sentence = tail[..end].trim_end_matches(['.', '…', ' ']);
    // "Join A and B as they look at …": the list ends where the sentence goes on.
    for stop in [
        " as they ",
        " as she ",
        " as he ",
        " to discuss ",
        " to talk about ",
    ] {
        if let Some(at) = sentence.find(stop) {
            sentence = &sentence[..at];
        }
    }
    let mut out = Vec::new();
    // An item with nobody in it is the billing of the next: "the FT's correspondent,
    // Demetri Vale", "economist and former diplomat Ann Moe".
    let mut from: Option<usize> = None;
    for (a, b) in items(sentence) {
        let start = from.unwrap_or(a);
        match person_of_item(&sentence[start..b]) {
            Some(c) => {
                out.push(c);
                from = None;
            }
            // "A, senior fellow at X, and B": the billing of the guest before, unless
            // they have one already.
            None if from.is_none() && out.last().is_some_and(|c| c.affiliation.is_none()) => {
                let last = out.last_mut().expect("checked");
                last.affiliation = person::clean_affiliation(tidy(&sentence[a..b]));
            }
            None => from = Some(start),
        }
    }
    out
}

/// An item without the list's glue around it.
fn tidy(item: &str) -> &str {
    let item = item.trim().trim_end_matches(',').trim();
    let item = item.strip_suffix(" and").unwrap_or(item);
    item.trim_end_matches(',').trim()
}

fn person_of_item(item: &str) -> Option<Candidate> {
    let item = tidy(item)
        .trim_start_matches("and ")
        .trim_start_matches("guests ")
        .trim_start_matches("as well as ")
        .trim_start_matches("& ")
        .trim();
    let mut b = split_billing(item, true);
    // "…, and C, who explain the vote": a clause about them all, not C's billing.
    if b.affiliation.as_deref().is_some_and(|a| {
        ["who ", "whose ", "which "]
            .iter()
            .any(|w| a.starts_with(w))
    }) {
        b.affiliation = None;
    }
    // "Labour's Lucy Tang": the outlet or party before the name is the billing.
    let possessive = b
        .name
        .split(' ')
        .rev()
        .skip(1)
        .any(|w| w.ends_with("'s") || w.ends_with("’s"));
    // "Labour MP Ann Moe": a word in capitals before a name in mixed case.
    let words: Vec<&str> = b.name.split(' ').collect();
    let acronym = words.len() > 2
        && words[..words.len() - 2]
            .iter()
            .any(|w| w.chars().count() >= 2 && w.chars().all(char::is_uppercase))
        && words[words.len() - 1].chars().any(char::is_lowercase);
    // "Conservative Tom Wu": a party's adjective before a name is its billing.
    const PARTIES: &[&str] = &[
        "Conservative",
        "Labour",
        "Tory",
        "Liberal",
        "Democrat",
        "Democratic",
        "Republican",
        "Independent",
        "Nationalist",
        "Unionist",
    ];
    if let Some((party, rest)) = b.name.split_once(' ') {
        if PARTIES.contains(&party) && rest.contains(' ') && looks_like_name(rest, 2) {
            return Some(Candidate::named(
                rest,
                Some(party.to_string()),
                Evidence::Prose,
            ));
        }
    }
    if looks_like_name(b.name, 2) && !possessive && !acronym {
        return Some(Candidate::new(b, Evidence::Prose));
    }
    if let Some((name, affiliation)) = billing_before_listed_name(item) {
        return Some(Candidate::named(name, Some(affiliation), Evidence::Prose));
    }
    if let Some(name) = leading_name(item) {
        return Some(Candidate::named(name, None, Evidence::Prose));
    }
    // "Senior Editor Eric Columbus about the …": the billing before the name, prose after.
    let end = item
        .find(',')
        .unwrap_or(item.len())
        .min(lower_run_after_name(item));
    let (name, affiliation) = billing_before_name(&item[..end])?;
    Some(Candidate::named(name, Some(affiliation), Evidence::Prose))
}

/// A word for a group of people: after capitals it makes them a place or a body
/// ("Port Danby residents", "Ledger staff"), not a person.
fn group_noun(w: &str) -> bool {
    const GROUPS: &[&str] = &[
        "residents",
        "families",
        "people",
        "workers",
        "voters",
        "citizens",
        "students",
        "farmers",
        "refugees",
        "locals",
        "survivors",
        "officials",
        "staff",
        "villagers",
        "protesters",
        "fans",
        "supporters",
        "members",
        "leaders",
        "parents",
        "teachers",
        "doctors",
        "nurses",
        "patients",
        "children",
        "women",
        "men",
        "youth",
        "communities",
        "listeners",
        "viewers",
        "readers",
        "experts",
        "activists",
        "volunteers",
    ];
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    GROUPS.contains(&w)
}

/// Where the lower-case prose after the first capitalised run starts.
fn lower_run_after_name(item: &str) -> usize {
    let mut seen_capital = false;
    for (a, b) in word_spans(item) {
        let first = item[a..].chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            seen_capital = true;
        } else if seen_capital && first.is_lowercase() && word_kind(&item[a..b]) != Word::Particle {
            return a;
        }
    }
    item.len()
}

/// The name at the start of "Cy Moss about the vote": the sentence goes on in lower
/// case after it.
fn leading_name(item: &str) -> Option<&str> {
    let mut end = 0;
    for (a, b) in word_spans(item) {
        let w = &item[a..b];
        match word_kind(w) {
            Word::Unit | Word::Particle | Word::Initial if a < 80 => end = b,
            // "Port Danby residents": the capitals name a place a group is from.
            _ if group_noun(w) => return None,
            _ if w.starts_with(char::is_lowercase) => break,
            _ => return None,
        }
    }
    let name = &item[..end];
    (end > 0 && looks_like_name(name, 2)).then_some(name)
}

/// The items of a list: at semicolons when there are any, else at commas and "and",
/// a part that does not start with a name staying with the part before (as its
/// affiliation: "A, fellow at X, and B").
fn items(s: &str) -> Vec<(usize, usize)> {
    if s.contains(';') {
        let mut out = Vec::new();
        let mut at = 0;
        for part in s.split(';') {
            out.push((at, at + part.len()));
            at += part.len() + 1;
        }
        return out;
    }
    let mut cuts = vec![0];
    let mut at = 0;
    while let Some(k) = s[at..].find([',', ' ']) {
        let i = at + k;
        let next = if s[i..].starts_with(", and ") {
            i + 6
        } else if s[i..].starts_with(", ") {
            i + 2
        } else if s[i..].starts_with(" and ") {
            i + 5
        } else {
            at = i + 1;
            continue;
        };
        let rest = &s[next..];
        // "host A and guests B and C": the list's own word before a name.
        let rest = rest.strip_prefix("guests ").unwrap_or(rest);
        let whole = first_item(rest);
        // "… and Senior Editor Eric Columbus about the …": up to where the prose goes on.
        let item = &whole[..lower_run_after_name(whole).min(whole.len())];
        let appositive = ["the ", "a ", "an ", "our ", "their "]
            .iter()
            .any(|d| rest.starts_with(d));
        if (appositive && s[i..].starts_with(", "))
            || starts_with_name(rest)
            || leading_name(item).is_some()
            || billing_before_listed_name(item).is_some()
            // "… and the Professor of Law at Tide College Ann Moe".
            || billing_before_listed_name(whole).is_some()
        {
            cuts.push(next);
        }
        at = next;
    }
    (0..cuts.len())
        .map(|n| (cuts[n], cuts.get(n + 1).map_or(s.len(), |&d| d)))
        .collect()
}

/// Up to the next comma or " and ".
fn first_item(s: &str) -> &str {
    let end = [s.find(','), s.find(" and ")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(lines: &[&str]) -> Candidates {
        let mut c = Candidates::default();
        gather(lines.iter().copied(), &mut c);
        c
    }

    fn people(list: &[Candidate]) -> Vec<(String, Option<String>)> {
        list.iter()
            .map(|c| (c.name.clone(), c.affiliation.clone()))
            .collect()
    }

    fn p(n: &str, a: Option<&str>) -> (String, Option<String>) {
        (n.into(), a.map(Into::into))
    }

    #[test]
    fn a_presenter_speaks_to_guests_separated_by_semicolons() {
        let c = read(&[
            "Can the ferry links survive the strike?",
            "This week Odile Brun speaks to Kwame Asante, senior fellow at the Harbour \
             Institute; Lena Vos – a historian who has advised two governments; and Ravi \
             Menon – a retired merchant captain.",
        ]);
        assert_eq!(people(&c.presenters), [p("Odile Brun", None)]);
        assert_eq!(
            people(&c.guests),
            [
                p(
                    "Kwame Asante",
                    Some("senior fellow at the Harbour Institute")
                ),
                p(
                    "Lena Vos",
                    Some("a historian who has advised two governments")
                ),
                p("Ravi Menon", Some("a retired merchant captain")),
            ]
        );
    }

    #[test]
    fn commas_and_and_separate_guests_in_prose() {
        let c = read(&["Tom Arne is joined by Ines Marlow, an economist, and Piet de Wit."]);
        assert_eq!(people(&c.presenters), [p("Tom Arne", None)]);
        assert_eq!(
            people(&c.guests),
            [
                p("Ines Marlow", Some("an economist")),
                p("Piet de Wit", None)
            ]
        );
        let c = read(&["Ana Ruiz talks to Bo Lind and Cy Moss about the vote."]);
        assert_eq!(people(&c.guests), [p("Bo Lind", None), p("Cy Moss", None)]);
    }

    #[test]
    fn a_clause_about_all_the_guests_is_no_billing() {
        let c = read(&["Ana Ruiz talks to Bo Lind, Cy Moss, and Di Holm, who explain the vote."]);
        assert_eq!(
            people(&c.guests),
            [p("Bo Lind", None), p("Cy Moss", None), p("Di Holm", None)]
        );
    }

    #[test]
    fn a_presenter_by_first_name_and_a_panel() {
        let c = read(&["Rosa and a panel of experts look at the price of bread."]);
        assert_eq!(people(&c.presenters), [p("Rosa", None)]);
        assert!(c.guests.is_empty());
    }

    #[test]
    fn a_billing_item_joins_the_name_after_it() {
        let c = read(&[
            "Tove Lind is joined by economist and former diplomat Professor Ann Moe, the \
             Ledger's harbour correspondent, Per Dahl and Dr Siv Ek, a fellow with our Europe \
             programme.",
        ]);
        let got: Vec<_> = c
            .guests
            .iter()
            .map(|g| {
                (
                    g.honorific.as_deref(),
                    g.name.as_str(),
                    g.affiliation.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("Professor"),
                    "Ann Moe",
                    Some("economist and former diplomat")
                ),
                (None, "Per Dahl", Some("the Ledger's harbour correspondent")),
                (
                    Some("Dr"),
                    "Siv Ek",
                    Some("a fellow with our Europe programme")
                ),
            ]
        );
        assert_eq!(c.presenters[0].name, "Tove Lind");
    }

    #[test]
    fn billing_before_the_name_in_a_panel_sentence() {
        let c = read(&[
            "Tonight's panelists are union organiser Hal Brenner, the Daily Ledger's Mia \
             Torres, and Sol Weiss.",
        ]);
        assert_eq!(
            people(&c.guests),
            [
                p("Hal Brenner", Some("union organiser")),
                p("Mia Torres", Some("the Daily Ledger")),
                p("Sol Weiss", None),
            ]
        );
    }

    #[test]
    fn guests_after_with_guests_and_in_a_presenters_line() {
        let c = read(&[
            "We debate the law on this special with guests Ann Moe, a historian; Per Dahl, a \
             fellow at the Harbour Institute; and Siv Ek, a judge.",
        ]);
        let names: Vec<_> = c.guests.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Ann Moe", "Per Dahl", "Siv Ek"]);
        let c = read(&[
            "Dame Ola Berg. Arguing for the motion are Ann Moe and Per Dahl. Arguing against \
             the motion are Siv Ek and Bo Lind.",
        ]);
        let names: Vec<_> = c.guests.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Ann Moe", "Per Dahl", "Siv Ek", "Bo Lind"]);
    }

    #[test]
    fn a_guest_host_stands_in() {
        let c = read(&["With guest host Lia Park, standing in for Dev Rao."]);
        let hosts: Vec<_> = c
            .presenters
            .iter()
            .filter(|p| p.evidence == Evidence::GuestHost)
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(hosts, ["Lia Park"]);
        assert_eq!(c.stood_in_for, ["Dev Rao"]);
        let c = read(&["Sitting in for Dev Rao, Lia Park asks whether the law can hold."]);
        assert_eq!(c.presenters[0].name, "Lia Park");
        assert_eq!(c.stood_in_for, ["Dev Rao"]);
    }

    #[test]
    fn a_presenter_named_in_passing() {
        for line in [
            "Tonight's edition, hosted by Lia Park, comes from Tromsø.",
            "Lia Park tells host Ola Berg the law will pass.",
            "- Ola Berg Host",
            "The host is Lia Park, and the guests are new.",
        ] {
            let c = read(&[line]);
            assert!(
                c.presenters
                    .iter()
                    .any(|p| ["Lia Park", "Ola Berg"].contains(&p.name.as_str())),
                "{line}: {c:?}"
            );
        }
        // "Name, presenter of X" hosts when the page names X elsewhere too.
        let c = read(&[
            "Tonight on the Harbour Debate",
            "Ola Berg, presenter of the harbour debate",
        ]);
        assert_eq!(c.presenters[0].name, "Ola Berg");
        let c =
            read(&["Ola Berg, presenter of Radio Nord's morning show, says the cuts go too far."]);
        assert!(c.presenters.is_empty(), "{c:?}");
    }

    #[test]
    fn a_host_from_the_shows_name_or_blurb() {
        let host = |lines: &[&str], guests: &[Candidate]| {
            blurb_host(lines.iter().copied(), guests).map(|c| c.name)
        };
        assert_eq!(
            host(
                &["The Harbour Hour with Ola Berg – On the ferry strike"],
                &[]
            )
            .as_deref(),
            Some("Ola Berg")
        );
        assert_eq!(
            host(
                &["In today's Port Debate With Ravi K, we ask who pays."],
                &[]
            )
            .as_deref(),
            Some("Ravi K")
        );
        assert_eq!(
            host(&["Big questions of the week with Lia Park."], &[]).as_deref(),
            Some("Lia Park")
        );
        assert_eq!(
            host(
                &["Mia spoke with Ledger senior editor Per Dahl on Monday."],
                &[]
            ),
            None
        );
        assert_eq!(
            host(
                &["She spoke with Ledger senior editor Per Dahl on Monday."],
                &[]
            )
            .as_deref(),
            Some("Per Dahl")
        );
        // An interview with someone, a guest, and "with" inside a sentence are no host.
        assert_eq!(
            host(&["An Interview with Siv Ek, the port's new chief"], &[]),
            None
        );
        let siv = Candidate::named("Siv Ek", None, Evidence::Prose);
        assert_eq!(host(&["The Harbour Hour with Siv Ek"], &[siv]), None);
        assert_eq!(
            host(&["We discuss the strike with Siv Ek, an economist."], &[]),
            None
        );
    }

    #[test]
    fn a_billing_before_the_last_name_when_prose_follows() {
        let c = read(&[
            "Senior Editor Ola Berg speaks with Ledger Fellow Ann Moe and Senior Editor Per \
             Dahl about the vote in the port council.",
        ]);
        assert_eq!(
            people(&c.guests),
            [
                p("Ann Moe", Some("Ledger Fellow")),
                p("Per Dahl", Some("Senior Editor"))
            ]
        );
    }

    #[test]
    fn we_speak_with_guests() {
        for line in [
            "In this episode of the Harbour Hour we speak with Ann Moe, a port economist, and Per Dahl, an editor.",
            "We're joined by Ann Moe, a port economist, and Per Dahl, an editor.",
            "This week we hear from Ann Moe and Per Dahl.",
        ] {
            let c = read(&[line]);
            let names: Vec<_> = c.guests.iter().map(|g| g.name.as_str()).collect();
            assert_eq!(names, ["Ann Moe", "Per Dahl"], "{line}");
        }
    }

    #[test]
    fn a_programme_guides_presenter_and_witnesses() {
        let c = read(&[
            "Ola Berg, standing in for",
            "Dev Rao, chairs the debate. Witnesses face questions on the week's news from \
             Ann Moe, Per Dahl, Rabbi Siv Ek and Professor Bo Lind.",
        ]);
        let hosts: Vec<_> = c
            .presenters
            .iter()
            .filter(|p| p.evidence == Evidence::GuestHost)
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(hosts, ["Ola Berg"]);
        let names: Vec<_> = c.guests.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Ann Moe", "Per Dahl", "Siv Ek", "Bo Lind"]);
        let c = read(&["Lia Park presents the debate from Tromsø with Ann Moe and Per Dahl."]);
        assert_eq!(c.presenters[0].name, "Lia Park");
        assert_eq!(c.guests.len(), 2);
        let c = read(&["Lia Park chairs the opening debate of the season."]);
        assert_eq!(c.presenters[0].name, "Lia Park");
    }

    #[test]
    fn quoted_people_are_not_candidates() {
        let c = read(&[
            "\"We will not back down,\" said union leader Hal Brenner on Monday.",
            "Mia Torres, a minister, told reporters the talks had failed.",
        ]);
        assert!(c.guests.is_empty() && c.presenters.is_empty(), "{c:?}");
    }
}
