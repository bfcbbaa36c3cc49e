//! The word lists the name heuristics rest on, kept apart from the logic so they can
//! be read and extended at a glance. All lower case, without dots.

/// Titles and ranks split off the front of a name, lower case without dots. Military
/// abbreviations (`BG`, `MG`, `LTG`) are the US Army's.
#[rustfmt::skip]
pub(super) const HONORIFICS: &[&str] = &[
    "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame",
    "lord", "lady", "baroness", "baron", "rev", "revd", "reverend", "fr", "father",
    "rabbi", "imam", "sheikh", "shaikh", "sheikha", "shaykh", "sayyid", "hon", "rt",
    "honourable", "honorable", "amb", "ambassador", "gen", "general", "lt", "lieut",
    "lieutenant", "maj", "major", "col", "colonel", "brig", "brigadier", "capt",
    "captain", "cdr", "cmdr", "commander", "adm", "admiral", "sgt", "sergeant", "bg",
    "mg", "ltg", "h.e", "senator", "sen", "rep", "judge", "justice", "cllr", "retired",
];

/// Words that are a rank only in front of another one ("Rear Adm.", "Vice Adm.").
#[rustfmt::skip]
pub(super) const RANK_PREFIXES: &[&str] = &[
    "rear", "vice", "the",
];

/// What "(Ret.)" may say.
#[rustfmt::skip]
pub(super) const RETIRED: &[&str] = &[
    "ret", "retd", "rtd", "retired",
];

/// Name particles: written lower case inside a name, or capitalised at its start,
/// they belong to the word after them ("Firas El Echi", "Mohammed bin Salman").
#[rustfmt::skip]
pub(super) const PARTICLES: &[&str] = &[
    "al", "el", "ul", "abu", "abou", "abd", "abdel", "abdul", "bin", "ibn", "ben",
    "bint", "van", "von", "der", "den", "de", "del", "della", "dos", "das", "du", "da",
    "di", "le", "la", "ter", "ten", "zu", "af", "y",
];

/// Words after a name, not part of who it is.
#[rustfmt::skip]
pub(super) const SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "obe", "mbe", "cbe", "kc", "qc", "mp",
];

/// Capitalised words that are not names: function words, listing labels, page
/// furniture, and the words organisations and job titles are made of. They stop the
/// guest splitter from taking "University of San Francisco Luigi" for a name. Common
/// surnames (Law, Post, Press, Head) are deliberately absent.
#[rustfmt::skip]
pub(super) const NOT_NAMES: &[&str] = &[
    // function words
    "the", "a", "an", "of", "and", "or", "for", "at", "in", "on", "to", "from", "by",
    "with", "about", "is", "are", "was", "were", "why", "how", "what", "who", "when",
    "where", "which", "will", "can", "does", "do", "did", "has", "have", "this", "that",
    "these", "those", "our", "your", "my", "their", "its", "it", "we", "you", "they",
    "he", "she", "i", "new", "not", "no", "yes", "but", "so", "if", "as", "now", "here",
    "today", "tonight", "meanwhile", "however", "also", "then", "there",
    // labels and page furniture
    "presenter", "presenters", "host", "hosts", "guest", "guests", "panel", "panelists",
    "panellists", "contributors", "moderator", "presented", "hosted", "published",
    "updated", "episode", "show", "podcast", "more", "read", "related", "articles",
    "comments", "share", "watch", "listen", "subscribe", "try", "explore", "features",
    "hashtags", "advertisement", "video", "live", "news", "latest", "top", "stories",
    // organisations and places-as-institutions
    "university", "universidad", "université", "universität", "institute",
    "institution", "center", "centre", "college", "school", "council", "foundation",
    "program", "programme", "initiative", "group", "forum", "studies", "affairs",
    "policy", "department", "ministry", "times", "network", "agency", "association",
    "society", "party", "office", "bank", "fund", "company", "commission", "committee",
    "organisation", "organization", "review", "journal", "magazine", "project",
    "campaign", "coalition", "alliance", "union", "league", "trust", "partners",
    "consulting", "associates", "services", "academy", "federation", "movement",
    "observatory", "unit", "court", "assembly", "parliament", "government", "army",
    "forces", "embassy", "nations", "states", "republic", "kingdom", "international",
    "statecraft", "media", "radio", "television", "tv", "channel", "research",
    "security", "defence", "defense", "democracy", "rights", "global", "national",
    "public", "strategic", "relations", "economics", "politics", "sciences", "european",
    "african", "american", "asian", "arab", "middle", "eastern", "western", "foreign",
    "peace", "crisis", "energy", "development", "institut", "inc", "ltd", "llc", "plc",
    "gmbh", "co", "corp", "corporation",
];

/// Job titles and the words around them: a name ends where one of these starts
/// ("Jane Doe Senior Fellow at …"), and they are never name words. Surnames that are
/// also titles (Major, King, Judge, Dean, Head, Bishop) are deliberately absent.
#[rustfmt::skip]
pub(super) const ROLES: &[&str] = &[
    "fellow", "senior", "director", "analyst", "editor", "correspondent", "journalist",
    "author", "former", "executive", "founder", "co-founder", "lecturer", "adviser",
    "advisor", "researcher", "member", "associate", "assistant", "visiting",
    "distinguished", "deputy", "spokesperson", "spokesman", "spokeswoman", "ceo",
    "chairman", "chairwoman", "chairperson", "chief", "professorial", "emeritus",
    "expert", "professor", "scholar", "resident", "columnist", "commentator",
    "consultant", "strategist", "economist", "historian", "scientist", "lawyer",
    "attorney", "campaigner", "activist", "writer", "broadcaster", "reporter",
    "producer", "officer", "minister", "secretary", "ambassador", "president",
    "vice-president", "governor", "representative", "coordinator", "co-ordinator",
    "manager", "head", "leader", "partner", "principal", "chancellor", "mp", "mep",
    "senator", "congressman", "congresswoman", "councillor", "mayor", "retired", "ex",
    "specialist", "policy", "political", "military", "security", "physician",
    "surgeon", "psychologist", "sociologist", "anthropologist", "diplomat", "envoy",
    "novelist", "poet", "comedian", "podcaster", "presenter", "host", "co-host",
    "contributor", "cto", "cfo", "vp", "trustee", "board", "staff", "lead",
    "programme", "program", "research", "independent", "freelance", "veteran",
    "commissioner", "official", "negotiator", "entrepreneur", "investor", "banker",
    "engineer", "architect", "curator", "critic", "biographer", "teacher", "student",
    "candidate", "managing", "philanthropist", "businessman", "businesswoman",
    "billionaire", "academic", "filmmaker", "artist", "musician", "actor", "actress",
    "postdoctoral",
];

/// Words that, just before a capitalised pair, make it someone mentioned in an
/// affiliation ("adviser to President Joe Biden"), not the next guest.
#[rustfmt::skip]
pub(super) const TITLE_BLOCKERS: &[&str] = &[
    "president", "minister", "secretary", "secretary-general", "king", "queen",
    "prince", "princess", "emir", "sultan", "pope", "chancellor", "governor", "mayor",
    "premier", "ayatollah", "leader", "tsar", "czar", "vice-president",
];

/// Lower-case words after which a capitalised pair continues a phrase ("fellow at
/// Chatham House") rather than starting a name.
#[rustfmt::skip]
pub(super) const CONNECTORS: &[&str] = &[
    "at", "of", "for", "the", "in", "on", "from", "to", "with", "and", "by", "a", "an",
    "as", "&", "und", "et", "under",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::junk::tests::{assert_tidy, title_case};
    use crate::listing::person::{is_honorific, is_retired, split_honorific, word_kind, Word};

    #[test]
    fn every_word_is_one_line_and_recognised() {
        for (name, list) in [
            ("HONORIFICS", HONORIFICS),
            ("RANK_PREFIXES", RANK_PREFIXES),
            ("RETIRED", RETIRED),
            ("PARTICLES", PARTICLES),
            ("SUFFIXES", SUFFIXES),
            ("NOT_NAMES", NOT_NAMES),
            ("ROLES", ROLES),
            ("TITLE_BLOCKERS", TITLE_BLOCKERS),
            ("CONNECTORS", CONNECTORS),
        ] {
            assert_tidy(name, list);
            for w in list {
                assert!(!w.contains(' '), "{name}: {w:?} is more than one word");
            }
        }
        for w in HONORIFICS {
            assert!(is_honorific(&format!("{}.", title_case(w))), "{w}");
        }
        for w in RANK_PREFIXES {
            let name = format!("{} Adm. Ann Lee", title_case(w));
            assert_eq!(split_honorific(&name).1, "Ann Lee", "{w}");
        }
        for w in RETIRED {
            assert!(is_retired(&format!("{}.", title_case(w))), "{w}");
            assert!(is_honorific(&format!("({})", title_case(w))), "{w}");
        }
        for w in PARTICLES {
            assert_eq!(word_kind(w), Word::Particle, "{w}");
        }
        for w in SUFFIXES {
            assert_eq!(word_kind(&w.to_uppercase()), Word::Suffix, "{w}");
        }
        for w in NOT_NAMES.iter().chain(ROLES) {
            assert_ne!(word_kind(&title_case(w)), Word::Unit, "{w}");
        }
    }
}
