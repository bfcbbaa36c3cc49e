//! Lines that come with a listing copied from a web page but belong to the page:
//! share buttons, comment prompts, hashtags, related-article blocks and their
//! timestamps. They never become framing or guests.
//!
//! Every test here is on a whole (trimmed) line, so a framing paragraph that merely
//! mentions "subscribe" or "4 hours" is never touched.

use std::sync::LazyLock;

use regex::Regex;

/// How a junk line bears on the lines around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Junk {
    /// Page furniture (share, advertisement, a date line); the listing may go on after it.
    Soft,
    /// The start of a list of other articles ("Related Articles", "an hour ago",
    /// "- Al Jazeera"): what came before it is not the next listing's title.
    Hard,
}

/// Whole lines, lower case, without trailing `:` `.` `…`.
#[rustfmt::skip]
const SOFT_LINES: &[&str] = &[
    "hashtags", "tags", "topics", "share", "share this", "share this article",
    "share article", "share this story", "share on facebook", "share on twitter",
    "share on x", "share on whatsapp", "share via email", "copy link", "link copied",
    "save", "save article", "saved", "print", "email", "facebook", "twitter", "x",
    "whatsapp", "telegram", "linkedin", "reddit", "instagram", "youtube", "tiktok",
    "advertisement", "advertising", "sponsored", "sponsored content", "ad",
    "scroll to continue", "advertisement - scroll to continue", "read more",
    "read more below", "continue reading", "show more", "see more", "load more",
    "view more", "more", "click here", "sign up", "sign in", "log in", "login",
    "register", "subscribe", "subscribe now", "newsletter", "comments", "comment",
    "no comments yet", "no comments", "be the first to comment", "leave a comment",
    "add a comment", "post a comment", "join the conversation", "show comments",
    "view comments", "try our ai features", "ask ai", "summarize", "summarise",
    "summary", "key takeaways", "listen", "listen to this article", "play", "pause",
    "watch", "watch now", "watch live", "live", "video", "audio", "skip to content",
    "skip to main content", "skip links", "menu", "search", "home", "back to top",
    "close", "cookie settings", "accept cookies", "accept", "reject", "manage cookies",
    "accept all", "episodes", "all episodes", "transcript", "follow", "follow us",
    "loading", "please wait", "report", "report this", "feedback", "just now",
    "yesterday", "today", "update", "updated", "breaking", "breaking news", "opinion",
    "analysis", "explainer", "features", "listen on spotify",
    "listen on apple podcasts",
    // site navigation
    "programmes", "programs", "shows", "news", "sport", "business", "economy", "world",
    "politics", "science", "technology", "culture", "climate", "investigations",
    "in pictures", "middle east", "africa", "asia", "europe", "us & canada",
    "latin america", "schedule", "about us", "contact", "contact us", "more shows",
];

/// Headings that open a block of other articles.
#[rustfmt::skip]
const HARD_LINES: &[&str] = &[
    "related", "related articles", "related stories", "related content", "related news",
    "related topics", "related videos", "related episodes", "recommended",
    "recommended for you", "recommended stories", "you may also like",
    "you might also like", "more stories", "more on this", "more on this story",
    "more episodes", "most read", "most popular", "most viewed", "trending",
    "trending now", "latest", "latest news", "latest stories", "top stories",
    "editor's picks", "editors' picks", "read next", "keep reading", "also read",
    "read also", "more from inside story", "more from the stream",
    "more from al jazeera",
];

/// Beginnings of junk lines (only tested on short lines).
#[rustfmt::skip]
const SOFT_PREFIXES: &[&str] = &[
    "click here", "sign up", "subscribe to", "subscribe for", "read more:",
    "read more ", "share on ", "share this", "follow us", "follow al jazeera",
    "advertisement", "published on", "published:", "updated on", "updated:",
    "last updated", "posted on", "posted:", "explore what ", "download the",
    "get the app", "listen to this", "watch the full", "watch:", "copyright", "©",
    "all rights reserved", "source:", "video duration", "duration:", "running time",
    "image:", "photo:", "credit:", "caption:", "file photo", "more from ",
];

/// Outlets and show names, lower case: a line that is only one of these is a byline,
/// a kicker or a "- Al Jazeera" attribution, never a title.
#[rustfmt::skip]
pub(super) const KNOWN_SITES: &[&str] = &[
    "al jazeera", "al jazeera english", "aljazeera", "aljazeera.com",
    "al jazeera staff", "inside story", "the stream", "upfront", "counting the cost",
    "the listening post", "listening post", "the bottom line", "witness", "101 east",
    "talk to al jazeera", "newshour", "newsfeed", "bbc", "bbc news",
    "bbc world service", "bbc radio 4", "bbc sounds", "bbc iplayer", "radio 4",
    "the world tonight", "newsnight", "question time", "any questions", "hardtalk",
    "the inquiry", "in our time", "cnn", "reuters", "associated press", "ap", "afp",
    "france 24", "dw", "dw news", "trt world", "sky news", "npr", "pbs newshour",
    "the daily", "daily8", "the guardian", "spotify", "apple podcasts",
    "google podcasts", "soundcloud", "podcast", "podcasts",
];

static RELATIVE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:updated|posted|published)\s+)?(?:an?|one|a few|\d+)\s+(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago$",
    )
    .unwrap()
});

/// A date as pages write it: "12 March 2024", "Aug 6, 2025", "2024-03-12", "12/03/24".
fn date_pattern() -> String {
    const MONTH: &str = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";
    format!(
        r"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    )
}

/// The line of each episode in a directory's list with its date and length ("Aug 6,
/// 2025 • 45min", "Thu, 14 Jun 2018 · 42:10", "Dec 09, 202124 min" run together),
/// over the episode's title or under its blurb.
static ENTRY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?{}\s*[•·|–—-]?\s*(?:\d+\s*(?:h|hr|hrs|hours?|m|min|mins|minutes?)\.?\s*)+$|^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?{}\s*[•·|–—-]\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?$",
        date_pattern(),
        date_pattern()
    ))
    .unwrap()
});

/// Whether `line` opens an episode in a directory's list (see [`ENTRY_DATE`]).
pub(super) fn is_entry_date(line: &str) -> bool {
    line.len() <= 60 && ENTRY_DATE.is_match(line.trim())
}

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let date = date_pattern();
    Regex::new(&format!(
        r"(?i)^(?:(?:published|updated|posted|aired|broadcast|first broadcast|first aired|recorded)(?:\s+on)?:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?{date}(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[a-z+0-9:]{{1,6}})?)?$"
    ))
    .unwrap()
});

static OTHER_SOFT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:",
        // hashtags
        r"(?:#[^\s#]+[\s,]*)+",
        // durations and reading times
        r"|\d{1,2}:\d{2}(?::\d{2})?",
        r"|\d+\s*(?:min|mins|minutes?)(?:\s+(?:read|listen|watch))?",
        r"|(?:episode|ep\.?|season|series|part)\s*\d+",
        // urls
        r"|(?:https?://|www\.)\S+",
        // counters
        r"|[\d.,]+k?\s+(?:comments?|shares?|views?|likes?|replies)",
        r"|(?:comments?|shares?|views?|likes?|replies)\s*(?:\(\s*[\d.,]+k?\s*\)|:?\s*[\d.,]+k?)",
        r")$"
    ))
    .unwrap()
});

/// Whether `line` is a heading over other articles ("Related episodes", "More
/// stories"), not a timestamp or an outlet's name.
pub(super) fn heads_other_articles(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let bare = lower.trim_end_matches([':', '.', '…', '!', ' ']);
    let bare = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    HARD_LINES.contains(&bare.as_str())
}

/// What kind of junk `line` (trimmed, one line) is, if any.
pub(super) fn classify(line: &str) -> Option<Junk> {
    // Junk lines are short; a long line is a paragraph whatever it contains. Only a
    // run of hashtags can be long.
    if line.len() > 300 {
        return OTHER_SOFT.is_match(line).then_some(Junk::Soft);
    }
    if !line.chars().any(char::is_alphanumeric) {
        return Some(Junk::Soft);
    }
    let lower = line.to_lowercase();
    let bare = lower.trim_end_matches([':', '.', '…', '!', ' ']);
    let bare = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    if HARD_LINES.contains(&bare.as_str()) || RELATIVE_TIME.is_match(&bare) {
        return Some(Junk::Hard);
    }
    if let Some(site) = bare.strip_prefix(['-', '–', '—', '•', '|']) {
        if is_known_site(site) {
            return Some(Junk::Hard);
        }
    }
    if SOFT_LINES.contains(&bare.as_str())
        || navigation(line)
        || is_known_site(&bare)
        || DATE_LINE.is_match(&bare)
        || ENTRY_DATE.is_match(&bare)
        || OTHER_SOFT.is_match(&bare)
        || (bare.len() <= 120 && SOFT_PREFIXES.iter().any(|p| bare.starts_with(p)))
    {
        return Some(Junk::Soft);
    }
    None
}

/// A site's menu or breadcrumbs: four or more short items between bars, or three
/// between arrows ("Home | Shows | Podcasts | About", "Home › Radio › Programmes"),
/// none of them a person's name. A title with its directory's details after a bar has
/// fewer items or a longer one; "Jane Doe | Fellow | Harbour Institute" is a guest.
fn navigation(line: &str) -> bool {
    let Some(bar) = ['|', '›', '»'].into_iter().find(|&c| line.contains(c)) else {
        return false;
    };
    let mut items = 0;
    for item in line.split(bar) {
        let words = item.split_whitespace().count();
        if !(1..=3).contains(&words)
            || item.contains(['?', ':'])
            || super::person::looks_like_name(item.trim(), 2)
        {
            return false;
        }
        items += 1;
    }
    items >= if bar == '|' { 4 } else { 3 }
}

/// Whether `text` is only the name of an outlet or show (any case, outer spaces ignored).
pub(super) fn is_known_site(text: &str) -> bool {
    let t = text.trim();
    t.len() <= 40 && KNOWN_SITES.iter().any(|s| s.eq_ignore_ascii_case(t))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    #[test]
    fn a_directorys_date_and_length_lines() {
        for line in [
            "Aug 6, 2025 • 45min",
            "Thu, 14 Jun 2018 · 42:10",
            "Dec 09, 202124 min",
            "3 March 2024 - 1 h 5 min",
        ] {
            assert!(is_entry_date(line), "{line}");
            assert_eq!(classify(line), Some(Junk::Soft), "{line}");
        }
        for line in [
            "Aug 6, 2025",
            "45 min",
            "Aug 6, 2025 • Who pays for the sea wall?",
        ] {
            assert!(!is_entry_date(line), "{line}");
        }
    }

    #[test]
    fn the_sample_pages_junk_is_junk() {
        for line in [
            "Hashtags",
            "Try Our AI Features",
            "Explore what Daily8 AI can do for you:",
            "Comments",
            "No comments yet...",
            "Al Jazeera",
            "#Gaza #Ukraine",
            "Share",
            "Advertisement",
            "Read more",
            "Published On 16 May 2025",
            "16 May 2025",
            "May 16, 2025 at 19:30 GMT",
            "Click here to watch the full episode",
            "Sign up for our newsletter",
            "Subscribe",
            "https://example.com/x",
            "25:10",
            "•",
            "Comments (3)",
            "Home | Shows | Podcasts | About",
            "Home › Radio › Programmes",
        ] {
            assert_eq!(classify(line), Some(Junk::Soft), "{line}");
        }
        for line in [
            "Related Articles",
            "an hour ago",
            "4 hours ago",
            "- Al Jazeera",
            "Most Read",
        ] {
            assert_eq!(classify(line), Some(Junk::Hard), "{line}");
        }
    }

    #[test]
    fn listing_lines_are_not_junk() {
        for line in [
            "Can the ferry talks end the strike?",
            "It took three months to get the union and the owners into the same room.",
            "Presenter: Dalia Aboud",
            "Guests:",
            "Oskar Lindqvist – Executive director at Baltic Democracy Initiative",
            "Subscribers to the deal say it will hold.",
            "Share prices fell sharply after the announcement?",
            "Four hours ago the talks collapsed.",
            "- Oskar Lindqvist",
            "Oskar Lindqvist | Fellow | Baltic Institute",
            "Why the ferries stopped | 40 min | 12 May",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }

    /// A literal that wraps in the source keeps its line break and indent, and a
    /// trimmed page line can never equal it: every entry must be one tidy line.
    pub(in crate::listing) fn assert_tidy(list: &str, entries: &[&str]) {
        for e in entries {
            let tidy = e.split_whitespace().collect::<Vec<_>>().join(" ");
            let tidy = if e.ends_with(' ') { tidy + " " } else { tidy };
            assert_eq!(*e, tidy, "{list}: {e:?} is not one line");
            assert_eq!(*e, e.to_lowercase(), "{list}: {e:?} is not lower case");
        }
    }

    /// How a page shows a phrase: each word capitalised.
    pub(in crate::listing) fn title_case(s: &str) -> String {
        s.split(' ')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            })
            .collect::<Vec<String>>()
            .join(" ")
    }

    #[test]
    fn every_listed_phrase_is_one_line_and_recognised() {
        assert_tidy("SOFT_LINES", SOFT_LINES);
        assert_tidy("HARD_LINES", HARD_LINES);
        assert_tidy("SOFT_PREFIXES", SOFT_PREFIXES);
        assert_tidy("KNOWN_SITES", KNOWN_SITES);
        for e in HARD_LINES {
            assert_eq!(classify(e), Some(Junk::Hard), "{e}");
            assert_eq!(classify(&title_case(e)), Some(Junk::Hard), "{e}");
        }
        for e in SOFT_LINES.iter().filter(|e| !HARD_LINES.contains(e)) {
            assert_eq!(classify(e), Some(Junk::Soft), "{e}");
            assert_eq!(
                classify(&format!("{}:", title_case(e))),
                Some(Junk::Soft),
                "{e}"
            );
        }
        for e in SOFT_PREFIXES {
            let line = format!("{}the rest of the line", title_case(e));
            assert_eq!(classify(&line), Some(Junk::Soft), "{line}");
        }
        for e in KNOWN_SITES {
            assert_eq!(classify(&title_case(e)), Some(Junk::Soft), "{e}");
            assert_eq!(classify(&format!("- {e}")), Some(Junk::Hard), "{e}");
        }
    }

    #[test]
    fn long_lines_are_only_junk_when_all_hashtags() {
        let tags = "#Gaza ".repeat(100);
        assert_eq!(classify(tags.trim()), Some(Junk::Soft));
        let para = "Share ".repeat(100);
        assert_eq!(classify(para.trim()), None);
    }
}
