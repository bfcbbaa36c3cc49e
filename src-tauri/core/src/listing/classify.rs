//! Stage 2: each piece of text classified once. Page furniture and production credits
//! become junk; every other text piece gets its [`Fit`], how strongly it reads as one
//! person's billing line, so the stages after this never re-split a line to ask.

use std::sync::LazyLock;

use regex::Regex;

use super::cut::{Kind, Piece};
use super::junk::Junk;
use super::person::{self, split_billing, Sep};

/// How sure the caller already is that a line belongs to a guest list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Strictness {
    /// Under a "Guests:" label: any line that splits into a short name and an
    /// affiliation, or a name alone.
    Labelled,
    /// Right after the presenter, no label: a real name and an affiliation.
    AfterPresenter,
    /// No label and no presenter: as above, and only dashes, brackets or pipes, or a
    /// comma before a job title that does not go on as a sentence.
    Unlabelled,
}

/// At which strictness a text piece reads as a guest line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Fit {
    labelled: bool,
    after_presenter: bool,
    unlabelled: bool,
}

impl Fit {
    pub(super) fn allows(self, how: Strictness) -> bool {
        match how {
            Strictness::Labelled => self.labelled,
            Strictness::AfterPresenter => self.after_presenter,
            Strictness::Unlabelled => self.unlabelled,
        }
    }
}

/// A guest line is never longer than this unless a label says it holds a whole list.
const MAX_INFERRED_LINE: usize = 400;

/// Classifies every piece in place: credits and furniture become junk, text pieces
/// get their fit.
pub(super) fn classify(pieces: &mut [Piece]) {
    for p in pieces.iter_mut() {
        if p.kind != Kind::Text {
            continue;
        }
        // A credit cut out of a paragraph at its label ("… BBCCredit: …") runs to the
        // paragraph's end, however long.
        if is_credit(p.text) || (p.joined && CREDIT.is_match(p.text)) {
            p.kind = Kind::Junk(Junk::Soft);
        } else {
            p.fit = fit(p.text);
        }
    }
}

/// How `line` reads as a billing line, split once.
pub(super) fn fit(line: &str) -> Fit {
    // A billing line starts with its name (or a rank, or a list mark): prose in lower
    // case never is one.
    if line.starts_with(char::is_lowercase) {
        return Fit::default();
    }
    let b = split_billing(line, true);
    let short = line.len() <= MAX_INFERRED_LINE;
    match b.sep {
        None => Fit {
            labelled: person::looks_like_name(line, 2) || b.affiliation.is_some(),
            // "Jane Doe is a historian at …": a sentence about a guest.
            after_presenter: short && b.affiliation.is_some() && b.verb,
            unlabelled: false,
        },
        Some(sep) => {
            let words = b.name.split_whitespace().count();
            let labelled = (1..=8).contains(&words)
                && !b.name.contains(['?', '!'])
                && b.name
                    .trim_start_matches('(')
                    .starts_with(|c: char| c.is_alphabetic() && !c.is_lowercase())
                // "Session 2: …", "Now: what we found …", "Now, what we found …": a
                // colon or a comma follows a name only.
                && (!matches!(sep, Sep::Colon | Sep::Comma) || person::looks_like_name(b.name, 1));
            let real = short && b.affiliation.is_some() && person::looks_like_name(b.name, 2);
            // "Jane Doe, Senior Fellow at …": a comma bills a guest without a label
            // only when a job title opens the billing (prose goes on after a name).
            let comma_billed = sep == Sep::Comma
                && line.len() <= MAX_COMMA_LINE
                && b.affiliation
                    .as_deref()
                    .is_some_and(|a| role_opens(a) && !prose_goes_on(a));
            Fit {
                labelled,
                after_presenter: real,
                unlabelled: real
                    && (matches!(sep, Sep::Dash | Sep::Bracket | Sep::Pipe) || comma_billed),
            }
        }
    }
}

/// A "Name, billing" line without a label is never longer than this.
const MAX_COMMA_LINE: usize = 250;

/// Whether a job title comes in the first words of `billing` ("a senior fellow at …",
/// "Liberal MP for …", "Economics Editor, …"), so it reads as a billing, not prose.
/// A lone word ("Jo Roe, analyst") is too little to bill anyone without a label.
fn role_opens(billing: &str) -> bool {
    billing.split_whitespace().nth(1).is_some()
        && billing.split_whitespace().take(4).any(person::is_role)
}

/// Whether a sentence goes on after the billing ("a teacher in Seville, says her
/// pupils …", "the former minister, lost his seat"): a comma then a lower-case word
/// that is no job title or list glue, or a finite verb. A sentence about someone is
/// not a billing line.
fn prose_goes_on(billing: &str) -> bool {
    const GLUE: &[&str] = &[
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "at",
        "for",
        "in",
        "based",
        "formerly",
        "currently",
        "now",
        "also",
        "author",
        "co-author",
    ];
    const FINITE: &[&str] = &[
        "says", "said", "tells", "told", "is", "was", "were", "has", "had", "will", "would",
        "thinks", "believes", "warns", "explains", "argues",
    ];
    let after_comma = billing.split(", ").skip(1).any(|part| {
        let w = part.split_whitespace().next().unwrap_or("");
        // "scholar-in-residence": a job title in a compound.
        w.starts_with(char::is_lowercase)
            && !GLUE.contains(&w)
            && !w.split('-').any(person::is_role)
    });
    after_comma
        || billing.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            FINITE.contains(&w)
        })
}

/// Production credits, bylines, photo credits and prompts to follow or write to the
/// programme: never guests, never framing.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:",
        // "Producer: …", "Series editor – …"
        r"(?:series |executive |assistant |senior |digital |podcast |studio |sound |broadcast |output )?",
        r"(?:producers?|editors?|researchers?|reporters?|sound|sound engineers?|studio managers?|production(?: team| managers?| co-?ordinators?)?|music|theme music|mixing|engineers?|photos?|photographs?|photography|photographers?|pictures?|images?|illustrations?|camera|graphics|animation|credits?|directors?)",
        r"\s*(?:[:：]|[–—-]\s)",
        // "Produced by …", "Written by …"
        r"|(?:produced|edited|directed|written|reported|posted|photographed|illustrated|compiled|mixed|engineered|curated|researched)\s+by\b",
        r"|(?:with )?additional reporting\b|reporting by\b",
        // "(Photo: …)", "[File: Jane Doe/Reuters]", "… /Getty Images"
        r"|[(\[](?:file\s*)?(?:photo|photograph|picture|image|file|credit)s?\b",

        // Prompts: "Follow us on …", "Email the programme at …"
        r"|(?:follow|find|join|like|visit|email|e-mail|tweet|text|message|contact|get in touch with|write to|send|tell) (?:us|the (?:show|programme|program|podcast|team)|our|them)\b",
        r"|(?:have your say|share your (?:views|thoughts|stories?)|get in touch)\b",
        r")"
    ))
    .unwrap()
});

/// Whether `line` is a credit, byline or prompt (see [`CREDIT`]), or "By Jane Doe"
/// alone: a writer's byline.
pub(super) fn is_credit(line: &str) -> bool {
    if line.len() > 400 {
        return false;
    }
    if CREDIT.is_match(line) || agency_credit(line) || trailing_credit(line) {
        return true;
    }
    let by = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
        .or_else(|| line.strip_prefix("BY "));
    by.is_some_and(|rest| {
        let rest = rest.split([',', '|', '–', '—']).next().unwrap_or("");
        person::looks_like_name(rest.trim(), 2)
    })
}

/// A picture's credit or caption: "Photo: Jo Roe/Reuters", "Jo Roe / Getty Images",
/// "… (Photo: Jo Roe)".
pub(super) fn is_picture_credit(line: &str) -> bool {
    static PICTURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^[(\[]?(?:file\s*)?(?:photos?|photograph|pictures?|images?|credits?)\s*[:：]",
        )
        .unwrap()
    });
    line.len() <= 400 && (PICTURE.is_match(line) || agency_credit(line) || trailing_credit(line))
}

/// A caption ending in its credit: "Jane Doe, host of the show - Credit: BBC",
/// "… (Photo: Jo Bloggs)".
fn trailing_credit(line: &str) -> bool {
    let lower = line.to_lowercase();
    [
        "credit:",
        "credits:",
        "photo:",
        "picture:",
        "image:",
        "photograph:",
    ]
    .iter()
    .filter_map(|w| lower.rfind(w).map(|at| (at, w.len())))
    .any(|(at, len)| {
        let before = lower[..at].trim_end();
        let after = &lower[at + len..];
        at > 0
            && before.ends_with(['-', '–', '—', '|', '(', '[', '/', '.'])
            && after.trim().len() <= 60
    })
}

/// A caption ending in its picture agency: "… /Getty Images", "… | Reuters)".
fn agency_credit(line: &str) -> bool {
    const AGENCIES: &[&str] = &[
        "getty images",
        "getty",
        "afp",
        "reuters",
        "ap",
        "ap photo",
        "epa",
        "epa-efe",
        "anadolu",
        "anadolu agency",
        "shutterstock",
        "alamy",
        "pa",
        "pa images",
        "pa media",
        "pa wire",
        "bloomberg",
        "xinhua",
    ];
    let Some(at) = line.rfind(['/', '|']) else {
        return false;
    };
    let tail = line[at + 1..]
        .trim()
        .trim_end_matches(['.', ')', ']'])
        .trim()
        .to_lowercase();
    tail.len() <= 20 && AGENCIES.contains(&tail.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Strictness::*;

    #[test]
    fn guest_lines_by_strictness() {
        assert!(fit("Ines Marlow – analyst").allows(Unlabelled));
        // Without a label a comma bills only a job title of more than one word.
        assert!(!fit("Ines Marlow, analyst").allows(Unlabelled));
        assert!(!fit("Ines Marlow, from Kyiv").allows(Unlabelled));
        assert!(fit("Ines Marlow, analyst").allows(AfterPresenter));
        assert!(!fit("The result: an agreement").allows(AfterPresenter));
        assert!(!fit("Yet, diplomacy is not narrowing the gap.").allows(AfterPresenter));
        assert!(fit("Ines marlow – analyst").allows(Labelled));
        assert!(fit("Ines Marlow").allows(Labelled));
        assert!(!fit("Hashtags").allows(Labelled));
        assert!(!fit("Why now? – a question").allows(Labelled));
        assert!(fit("Ines Marlow: port economist").allows(Labelled));
        assert!(!fit("Session 2: the ports").allows(Labelled));
        assert!(!fit("Now, what we found is that little was done").allows(Labelled));
        assert!(!fit("With the strike over: what next?").allows(Labelled));
    }

    #[test]
    fn a_caption_ending_in_its_credit_is_furniture() {
        assert!(is_credit(
            "Ola Berg, presenter of the harbour debate - Credit: Ledger TV"
        ));
        assert!(is_credit("Mia Torres at the count (Photo: Per Dahl)"));
        assert!(!is_credit("Ola Berg – Director of Photo: Archive Trust"));
        assert!(!is_credit("Mia Torres – photographer"));
        // A picture's credit, unlike a production credit, may stand inside a list.
        assert!(is_picture_credit("Photo: Per Dahl/Reuters"));
        assert!(is_picture_credit("Siv Ek / Getty Images"));
        assert!(!is_picture_credit("Producer: Tom Vale"));
        assert!(!is_picture_credit(
            "Siv Ek – director of Photo: Archive Trust"
        ));
    }

    #[test]
    fn a_comma_bills_a_guest_without_a_label_when_a_job_title_opens_the_billing() {
        for line in [
            "• Hal Brenner, Shadow Minister for Ports",
            "Mia Torres, senior fellow at the Harbour Institute, former adviser to the mayor",
            "Ola Berg, Transport Editor, The Ledger",
        ] {
            assert!(fit(line).allows(Unlabelled), "{line}");
        }
        for line in [
            "Mia Torres, in Kyiv, said the talks had failed",
            "Hal Brenner, whose union called the strike, spoke first",
            "Ana Ruiz, a teacher in Seville, says her pupils walk an hour each way.",
            "Hal Brenner, the former port minister, lost his seat by 40 votes.",
        ] {
            assert!(!fit(line).allows(Unlabelled), "{line}");
        }
    }

    #[test]
    fn a_sentence_about_a_guest_is_a_guest_line_after_a_presenter() {
        assert!(fit("Ines Marlow is a port economist at the Baltic Institute.").allows(Labelled));
        assert!(
            fit("Ines Marlow is a port economist at the Baltic Institute.").allows(AfterPresenter)
        );
        assert!(!fit("The talks is a matter for the council.").allows(AfterPresenter));
    }

    #[test]
    fn credits_bylines_and_prompts_are_furniture() {
        for line in [
            "Producer: Tom Vale",
            "Series producer – Ann Ives",
            "Editor: Joe Quint",
            "Produced by Kit Marsh and Lu Chen",
            "Researcher: Abdi Noor",
            "Sound: Pia Lund",
            "Photo: Olu Ade/Reuters",
            "(Photo: Olu Ade)",
            "Members of the council meet in Accra [File: Olu Ade/AFP]",
            "Protesters march on Tuesday | Getty Images",
            "By Hal Brenner",
            "Written by Hal Brenner",
            "Follow us on Bluesky and Instagram",
            "Email the programme at desk@example.org",
            "Get in touch with your questions",
            "Additional reporting by Sam Oyelaran",
        ] {
            assert!(is_credit(line), "{line}");
        }
        for line in [
            "Editors of three papers say the law will chill reporting.",
            "Follow the money: who pays for the war?",
            "By the end of the year the deal may collapse.",
            "Producer prices rose again in May.",
            "Tom Vale – producer at Lakeside Films",
        ] {
            assert!(!is_credit(line), "{line}");
        }
    }
}
