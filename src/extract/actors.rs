//! Actors: people, organisations, armed groups, governments, international bodies, media.
//!
//! Dictionary first, rules second:
//! 1. the curated dictionary (`data/actors.tsv`, plus user files) is matched case-sensitively
//!    with one leftmost-longest automaton over every name and alias, on word boundaries;
//! 2. runs of capitalised words not in the dictionary are typed by cues: organisation head words
//!    ("… Authority", "University of …"), role words and titles before a name ("envoy Steve
//!    Witkoff", "Dr. Mona Haddad"), appositions and verbs of saying ("Samir Odeh, a volunteer";
//!    "said Hani Barakat"), and given names; titles, nationality words (kept as affiliation),
//!    possessives and a leading "the" are stripped;
//! 3. short mentions are linked to a full name of the same document ("Abu Shabab's" → Yasser
//!    Abu Shabab, "Ellis" → Jordan Ellis);
//! 4. a country that acts ("Egypt proposed …") is also a government actor.
//!
//! Places are not actors: a run of capitalised words that the recogniser found as a place is
//! not typed as an actor unless a person cue says otherwise.

use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, LazyLock, OnceLock};

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::{MentionKind, Toponym};
use crate::error::Error;
use crate::gazetteer::normalize::name_key;
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::text::{char_at, is_ascii_word_byte};

static BUNDLED_TSV: &str = include_str!("../../data/actors.tsv");

/// What sort of actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorType {
    /// A person.
    Person,
    /// An organisation (company, NGO, party, think tank).
    Organisation,
    /// An armed group or militia.
    ArmedGroup,
    /// A government, ministry, army or state agency.
    Government,
    /// An international body (UN agencies, ICRC, EU).
    International,
    /// A news organisation.
    Media,
}

impl ActorType {
    /// Parses the `type` column of the dictionary.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "person" => Self::Person,
            "organisation" | "organization" => Self::Organisation,
            "armed_group" => Self::ArmedGroup,
            "government" => Self::Government,
            "international" => Self::International,
            "media" => Self::Media,
            _ => return None,
        })
    }
}

/// One actor mention in a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    /// Byte offset in the document text.
    pub start: usize,
    /// Byte offset after the mention.
    pub end: usize,
    /// Dictionary id (`act:…`), or None for an actor found by rules only.
    pub actor_id: Option<String>,
    /// Canonical name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: ActorType,
    /// Affiliation (actor id or ISO2 country), when known.
    pub affiliation: Option<String>,
}

/// One dictionary entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// `act:…` id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Other surface forms.
    pub aliases: Vec<String>,
    /// Type.
    pub kind: ActorType,
    /// Parent actor id or ISO2 country.
    pub affiliation: Option<String>,
    /// Roles, as written in the file (`Title@FROM..TO`).
    pub roles: Vec<String>,
}

/// The actor dictionary: entries plus one automaton over all their names.
#[derive(Clone, Debug, Default)]
pub struct ActorDictionary {
    actors: Vec<Actor>,
    /// Pattern index → actor index.
    pattern_actor: Vec<usize>,
    automaton: Option<AhoCorasick>,
    /// Where a pattern can start: bit sets of the one-byte patterns and of the first two bytes
    /// of the longer ones (65,536 bits).
    starts: PatternStarts,
}

/// Bit sets of pattern beginnings, see `ActorDictionary::hits`: the one-byte patterns, the
/// first two bytes of every pattern (any second byte after a one-byte pattern), the two-byte
/// patterns, and the first three bytes of the longer ones. The pair-level facts are folded
/// into one table of 65,536 bytes, so that most positions cost one load.
#[derive(Clone, Debug)]
struct PatternStarts {
    one_byte: [u64; 4],
    /// Per first two bytes: [`NO_PATTERN`], [`PATTERN`] (a one- or two-byte pattern starts
    /// there), or [`CHECK_TRIPLE`] (only longer patterns share those bytes).
    pair_state: Box<[u8; 1 << 16]>,
    triples: FxHashSet<u32>,
}

impl Default for PatternStarts {
    fn default() -> Self {
        Self::new(std::iter::empty())
    }
}

const NO_PATTERN: u8 = 0;
const PATTERN: u8 = 1;
const CHECK_TRIPLE: u8 = 2;

fn bit(set: &[u64], i: usize) -> bool {
    set.get(i >> 6).is_some_and(|w| w & (1 << (i & 63)) != 0)
}

impl PatternStarts {
    fn new<'a>(patterns: impl Iterator<Item = &'a str>) -> Self {
        let mut one_byte = [0u64; 4];
        let mut pairs = vec![0u64; 1 << 10];
        let mut two_byte = vec![0u64; 1 << 10];
        let mut triples = FxHashSet::default();
        for p in patterns {
            match *p.as_bytes() {
                [] => {}
                [b] => {
                    one_byte[usize::from(b >> 6)] |= 1 << (b & 63);
                    for i in usize::from(b) << 8..(usize::from(b) + 1) << 8 {
                        pairs[i >> 6] |= 1 << (i & 63);
                    }
                }
                [a, b, ref rest @ ..] => {
                    let i = usize::from(a) << 8 | usize::from(b);
                    pairs[i >> 6] |= 1 << (i & 63);
                    match rest.first() {
                        None => two_byte[i >> 6] |= 1 << (i & 63),
                        Some(&c) => {
                            triples.insert((i as u32) << 8 | u32::from(c));
                        }
                    }
                }
            }
        }
        // (built on the heap: 64 KB is too much for the stack)
        let mut pair_state: Box<[u8; 1 << 16]> = vec![NO_PATTERN; 1 << 16]
            .into_boxed_slice()
            .try_into()
            .unwrap_or_else(|_| unreachable!("a vector of 65,536 bytes"));
        for (i, state) in pair_state.iter_mut().enumerate() {
            let a = i >> 8;
            *state = if !bit(&pairs, i) {
                NO_PATTERN
            } else if one_byte[a >> 6] & (1 << (a & 63)) != 0 || bit(&two_byte, i) {
                PATTERN
            } else {
                CHECK_TRIPLE
            };
        }
        Self {
            one_byte,
            pair_state,
            triples,
        }
    }

    /// The first position from `at` on where a pattern can start (`bytes.len()` if none):
    /// most positions are passed over with one table load per byte pair.
    fn next_from(&self, bytes: &[u8], at: usize) -> usize {
        let mut at = at;
        while at < bytes.len() {
            let skip = bytes[at..].windows(2).position(|w| {
                self.pair_state[usize::from(w[0]) << 8 | usize::from(w[1])] != NO_PATTERN
            });
            // no pair left: only the last byte, alone, may still start a one-byte pattern
            at = skip.map_or(bytes.len() - 1, |k| at + k);
            if self.at(bytes, at) {
                return at;
            }
            at += 1;
        }
        bytes.len()
    }

    /// Can a pattern start at `at`? One table load for most positions.
    #[inline]
    fn at(&self, bytes: &[u8], at: usize) -> bool {
        let a = bytes[at];
        let Some(&b) = bytes.get(at + 1) else {
            return self.one_byte[usize::from(a >> 6)] & (1 << (a & 63)) != 0;
        };
        let i = usize::from(a) << 8 | usize::from(b);
        match self.pair_state[i] {
            NO_PATTERN => false,
            PATTERN => true,
            _ => bytes
                .get(at + 2)
                .is_some_and(|&c| self.triples.contains(&((i as u32) << 8 | u32::from(c)))),
        }
    }
}

impl ActorDictionary {
    /// The bundled dictionary (`data/actors.tsv`), parsed and compiled once per process.
    pub fn bundled() -> Self {
        static BUNDLED: OnceLock<ActorDictionary> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                let mut d = Self::default();
                // The bundled file is checked by the tests; a bad row is skipped, not fatal.
                let _ = d.add_tsv(BUNDLED_TSV, Path::new("data/actors.tsv"));
                d.rebuild();
                d
            })
            .clone()
    }

    /// Adds the actors of a user file (same format as `data/actors.tsv`). A user entry with an
    /// id already present replaces it.
    pub fn extend_from_file(&mut self, path: &Path) -> crate::Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.add_tsv(&text, path)?;
        self.rebuild();
        Ok(())
    }

    /// The entries.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    fn add_tsv(&mut self, text: &str, path: &Path) -> crate::Result<()> {
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                return Err(Error::data(
                    path,
                    n + 1,
                    format!(
                        "expected at least 4 tab-separated columns, got {}",
                        cols.len()
                    ),
                ));
            }
            let kind = ActorType::parse(cols[3].trim()).ok_or_else(|| {
                Error::data(path, n + 1, format!("unknown actor type {:?}", cols[3]))
            })?;
            let nonempty = |s: Option<&&str>| {
                s.map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
            };
            let actor = Actor {
                id: cols[0].trim().to_owned(),
                name: cols[1].trim().to_owned(),
                aliases: cols[2]
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect(),
                kind,
                affiliation: nonempty(cols.get(4)),
                roles: cols
                    .get(5)
                    .map(|r| {
                        r.split(';')
                            .map(str::trim)
                            .filter(|r| !r.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default(),
            };
            if actor.id.is_empty() || actor.name.is_empty() {
                return Err(Error::data(path, n + 1, "empty id or name"));
            }
            if let Some(i) = self.actors.iter().position(|a| a.id == actor.id) {
                self.actors[i] = actor;
            } else {
                self.actors.push(actor);
            }
        }
        Ok(())
    }

    fn rebuild(&mut self) {
        let mut patterns: Vec<&str> = Vec::new();
        let mut pattern_actor = Vec::new();
        for (i, a) in self.actors.iter().enumerate() {
            for p in std::iter::once(&a.name).chain(&a.aliases) {
                patterns.push(p);
                pattern_actor.push(i);
            }
        }
        // Searches are anchored at the few positions where a pattern can start (see `hits`): a
        // DFA without failure transitions, quicker to build and to run than an unanchored one.
        self.automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .ok();
        self.starts = PatternStarts::new(patterns.iter().copied());
        self.pattern_actor = pattern_actor;
    }

    /// Dictionary hits on word boundaries: (byte range, actor index).
    fn hits(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut out = Vec::new();
        // The leftmost-longest matches, as an unanchored `find_iter` gives them: from `at`, the
        // first position where some pattern matches, and the longest match there. Only
        // positions holding a pattern's first two bytes are tried.
        let bytes = text.as_bytes();
        let mut at = 0;
        loop {
            at = self.starts.next_from(bytes, at);
            if at >= bytes.len() {
                break;
            }
            let input = Input::new(text)
                .span(at..text.len())
                .anchored(Anchored::Yes);
            let Some(m) = ac.try_find(input).ok().flatten() else {
                at += 1;
                continue;
            };
            let (s, e) = (m.start(), m.end());
            at = e.max(at + 1);
            // "Hamas-run" is a mention of Hamas.
            if !whole_words(text, s, e, true) {
                continue;
            }
            let idx = self.pattern_actor[m.pattern().as_usize()];
            // "Islamic Relief USA": a national branch keeps its parent's entry.
            let mut end = e;
            if self.actors[idx].kind != ActorType::Person {
                for suffix in [
                    " USA",
                    " UK",
                    " International",
                    " Worldwide",
                    " Canada",
                    " Australia",
                ] {
                    let rest = &text[e..];
                    if rest.starts_with(suffix)
                        && rest[suffix.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric())
                    {
                        end = e + suffix.len();
                        break;
                    }
                }
            }
            out.push((s..end, idx));
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Word lists for the rules.

/// Titles and role words that precede a person's name and are stripped from it.
const TITLES: &[&str] = &[
    "President",
    "Prime",
    "Minister",
    "Secretary",
    "Secretary-General",
    "Foreign",
    "Defense",
    "Defence",
    "Finance",
    "Interior",
    "State",
    "Deputy",
    "Vice",
    "Dr.",
    "Dr",
    "Rep",
    "Sen",
    "Gen",
    "Col",
    "Lt",
    "Maj",
    "Brig",
    "Mr",
    "Mrs",
    "Ms",
    "Prof",
    "Rep.",
    "Sen.",
    "Gen.",
    "Col.",
    "Lt.",
    "Maj.",
    "Brig.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Prof.",
    "Professor",
    "King",
    "Queen",
    "Prince",
    "Crown",
    "Emir",
    "Sheikh",
    "Mayor",
    "Governor",
    "Gov",
    "Sheriff",
    "Commissioner",
    "Councillor",
    "Councilman",
    "Councilwoman",
    "General",
    "Colonel",
    "Commander",
    "Chief",
    "Ambassador",
    "Envoy",
    "Special",
    "Senator",
    "Representative",
    "Judge",
    "Justice",
    "Pope",
    "Speaker",
    "Chancellor",
    "Director",
    "Director-General",
    "Spokesman",
    "Spokeswoman",
    "Lawmaker",
    "Coach",
    "Manager",
    "Captain",
    "Sergeant",
    "Officer",
    "Premier",
    "Opposition",
    "Leader",
    "Head",
    "Former",
    "Acting",
    "Interim",
    "Attorney",
    "US",
    "U.S.",
    "UN",
    "U.N.",
    "EU",
    "Hamas",
    "Israeli",
    "Strategic",
    "Affairs",
    "National",
    "Security",
    "Adviser",
    "Advisor",
    "Army",
    "Staff",
    "Military",
    "Intelligence",
];

/// Lowercase role words right before a name ("envoy Steve Witkoff").
const ROLE_WORDS: &[&str] = &[
    "fighter",
    "fighters",
    "gunman",
    "gunmen",
    "member",
    "members",
    "aide",
    "aides",
    "son",
    "brother",
    "father",
    "wife",
    "founder",
    "owner",
    "head",
    "physician",
    "doctor",
    "nurse",
    "teacher",
    "shopkeeper",
    "envoy",
    "envoys",
    "negotiator",
    "leader",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "commander",
    "director",
    "librarian",
    "organiser",
    "organizer",
    "midfielder",
    "striker",
    "defender",
    "goalkeeper",
    "manager",
    "coach",
    "lead",
    "official",
    "analyst",
    "lawmaker",
    "mayor",
    "governor",
    "adviser",
    "advisor",
    "ambassador",
    "head",
    "founder",
    "chairman",
    "chairwoman",
    "said",
    "says",
    "told",
    "added",
    "by",
    "colleague",
    "deputy",
    "general",
    "professor",
    "researcher",
    "economist",
    "secretary",
    "ministers",
    "premier",
    "journalist",
    "reporter",
    "correspondent",
    "activist",
    "lawyer",
    "judge",
    "senator",
    "rep.",
    "dr.",
    "militant",
    "commanders",
    "leaders",
    "negotiators",
    "officials",
];

/// Organisation head words (last word of the name) and the type they imply.
const ORG_HEADS: &[(&str, ActorType)] = &[
    ("Forces", ActorType::ArmedGroup),
    ("Brigades", ActorType::ArmedGroup),
    ("Brigade", ActorType::ArmedGroup),
    ("Battalion", ActorType::ArmedGroup),
    ("Battalions", ActorType::ArmedGroup),
    ("Militia", ActorType::ArmedGroup),
    ("Jihad", ActorType::ArmedGroup),
    ("Front", ActorType::ArmedGroup),
    ("Ministry", ActorType::Government),
    ("Department", ActorType::Government),
    ("Police", ActorType::Government),
    ("Army", ActorType::Government),
    ("Navy", ActorType::Government),
    ("Guard", ActorType::Government),
    ("Authority", ActorType::Government),
    ("Parliament", ActorType::Government),
    ("Cabinet", ActorType::Government),
    ("Government", ActorType::Government),
    ("Service", ActorType::Government),
    ("Directorate", ActorType::Government),
    ("Agency", ActorType::Organisation),
    ("Movement", ActorType::Organisation),
    ("Council", ActorType::Organisation),
    ("Committee", ActorType::Organisation),
    ("Party", ActorType::Organisation),
    ("Society", ActorType::Organisation),
    ("Organization", ActorType::Organisation),
    ("Organisation", ActorType::Organisation),
    ("Programme", ActorType::Organisation),
    ("Program", ActorType::Organisation),
    ("Fund", ActorType::Organisation),
    ("Union", ActorType::Organisation),
    ("Institute", ActorType::Organisation),
    ("University", ActorType::Organisation),
    ("College", ActorType::Organisation),
    ("Foundation", ActorType::Organisation),
    ("Center", ActorType::Organisation),
    ("Centre", ActorType::Organisation),
    ("Association", ActorType::Organisation),
    ("Federation", ActorType::Organisation),
    ("Commission", ActorType::Organisation),
    ("Crescent", ActorType::Organisation),
    ("Cross", ActorType::Organisation),
    ("Relief", ActorType::Organisation),
    ("Network", ActorType::Organisation),
    ("Coalition", ActorType::Organisation),
    ("Alliance", ActorType::Organisation),
    ("Initiative", ActorType::Organisation),
    ("Group", ActorType::Organisation),
    ("Company", ActorType::Organisation),
    ("Corporation", ActorType::Organisation),
    ("Bank", ActorType::Organisation),
    ("Court", ActorType::Organisation),
    ("Innovation", ActorType::Organisation),
    ("Technology", ActorType::Organisation),
    ("Framework", ActorType::Organisation),
    ("Democracies", ActorType::Organisation),
    ("Communications", ActorType::Organisation),
    // Sports clubs ("Manchester United", "Tottenham Hotspur").
    ("United", ActorType::Organisation),
    ("Hotspur", ActorType::Organisation),
    ("Rovers", ActorType::Organisation),
    ("Wanderers", ActorType::Organisation),
    ("Athletic", ActorType::Organisation),
    ("Albion", ActorType::Organisation),
    ("News", ActorType::Media),
    ("Digital", ActorType::Media),
    ("Times", ActorType::Media),
    ("Post", ActorType::Media),
    ("Television", ActorType::Media),
    ("Radio", ActorType::Media),
];

/// Words that end place names: a run ending in one is a place, not a person.
const PLACE_HEADS: &[&str] = &[
    "County",
    "Parish",
    "River",
    "Bay",
    "Street",
    "Road",
    "Square",
    "Island",
    "Islands",
    "Valley",
    "Strait",
    "Sea",
    "Gulf",
    "Canal",
    "Camp",
    "Crossing",
    "City",
    "Mountain",
    "Mountains",
    "Lake",
    "Palace",
    "Tower",
    "Hospital",
    "Airport",
    "Station",
    "Park",
    "Heights",
    "Province",
    "District",
    "State",
    "Corridor",
    "Coast",
    "Port",
    "Desert",
    "Capitol",
    "Strip",
    "Bank",
    "Peninsula",
    "Region",
    "Governorate",
    "Hill",
    "Hills",
    "Beach",
    "Avenue",
    "Bridge",
    "Mosque",
    "Church",
    "Stadium",
    "Hall",
    "Square",
    "Plaza",
    "Harbour",
    "Harbor",
    "Delta",
    "Ocean",
    "Border",
];

/// Last words of capitalised names that are neither people nor places ("Geneva Convention").
const NON_PERSON_HEADS: &[&str] = &[
    "Patrol",
    "Convention",
    "Conventions",
    "Agreement",
    "Accords",
    "Accord",
    "Treaty",
    "Plan",
    "Act",
    "Resolution",
    "Law",
    "Doctrine",
    "Summit",
    "Conference",
    "War",
    "Day",
    "Prize",
    "Award",
    "Cup",
    "League",
    "Games",
    "Festival",
    "Declaration",
    "Initiative",
    "Protocol",
    "Charter",
    "Report",
    "Index",
    "Street",
    "Mosque",
    "Church",
    // Places and businesses named like people ("Santa Ana Zoo", "Dublin Veterinary Clinic",
    // "Freeman Drive", "Percy French Hotel", "Augusta Herald").
    "Zoo",
    "Clinic",
    "Systems",
    "Drive",
    "Avenue",
    "Boulevard",
    "Creek",
    "Wilderness",
    "Hotel",
    "Inn",
    "Gardens",
    "Lagoon",
    "Cathedral",
    "Stadium",
    "Arena",
    "Herald",
    "Tribune",
    "Gazette",
    "Juniors",
    // "a Cleveland Republican": a party member of a place, not a name
    "Democrat",
    "Republican",
];

static TITLES_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| TITLES.iter().copied().collect());
static NOT_NAME_START_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| NOT_NAME_START.iter().copied().collect());
static ROLE_WORDS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| ROLE_WORDS.iter().copied().collect());
static PLACE_HEADS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| PLACE_HEADS.iter().copied().collect());
static NON_PERSON_HEADS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| NON_PERSON_HEADS.iter().copied().collect());

fn is_in(set: &FxHashSet<&'static str>, word: &str) -> bool {
    set.contains(word)
}

/// Lowercase words allowed inside a capitalised name ("University of Cambridge").
const CONNECTORS: &[&str] = &[
    "of", "the", "for", "and", "bin", "ibn", "bint", "al", "el", "de", "van", "von", "da", "du",
];

/// Name particles that make a two-word surname ("Abu Shabab", "Al Thani").
const PARTICLES: &[&str] = &[
    "Abu", "abu", "Al", "al", "El", "el", "bin", "Bin", "ibn", "Ibn", "Abdel", "Abdul", "Abd",
    "Ben", "van", "Van", "de", "De",
];

/// Sentence-initial words that are never the start of a name.
const NOT_NAME_START: &[&str] = &[
    "So",
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "With",
    "After",
    "Before",
    "Since",
    "During",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "As",
    "Under",
    "Over",
    "Inside",
    "Outside",
    "Despite",
    "Elsewhere",
    "Across",
    "Further",
    "Some",
    "Many",
    "Most",
    "Several",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "Our",
    "Their",
    "His",
    "Her",
    "Its",
    "Thousands",
    "Hundreds",
    "Dozens",
    "Residents",
    "Officials",
    "Diplomats",
    "Mediators",
    "Families",
    "Volunteers",
    "Doctors",
    "Farmers",
    "Analysts",
    "Visitors",
    "Aid",
    "Israeli",
    "Palestinian",
    "Egyptian",
    "Qatari",
    "American",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Thirteen",
    "One",
    "Two",
    "Every",
    "Nobody",
    "People",
    "Half",
    "Not",
    "What",
    "No",
    "Yes",
    "Reaction",
    "Shipping",
    "Insurers",
    "Legislators",
    "Transit",
    "Lawmakers",
    "Scientists",
    "Participants",
    "Ships",
    "Businesses",
    "Fishermen",
    "Crowds",
    "Buses",
    "Trucks",
    "Gazans",
    "Jordanian",
    "Lebanese",
    "Syrian",
    "Iranian",
    "Turkish",
    "Saudi",
    "Emirati",
];

// ---------------------------------------------------------------------------------------------
// Tokens and chunks.

#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
}

/// Words: runs of letters, digits, marks, inner apostrophes/hyphens/periods ("U.S.", "al-Hayya",
/// "Shuja'iyya"), with a trailing period kept for abbreviations handled by the caller.
fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = Vec::with_capacity(n / 6);
    let mut i = 0;
    while i < n {
        // Between words: only letters and digits start one.
        let start = i;
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if !is_ascii_word_byte(b) {
                continue;
            }
        } else {
            let (c, len) = char_at(text, i);
            i += len;
            if !c.is_alphanumeric() {
                continue;
            }
        }
        // In a word: letters and digits, and an apostrophe, hyphen or period before one.
        loop {
            while i < n && is_ascii_word_byte(bytes[i]) {
                i += 1;
            }
            if i >= n {
                break;
            }
            let (c, len) = char_at(text, i);
            if !c.is_ascii() && c.is_alphanumeric() {
                i += len;
                continue;
            }
            if matches!(c, '\'' | '’' | '-' | '.')
                && i + len < n
                && char_at(text, i + len).0.is_alphanumeric()
            {
                i += len;
                continue;
            }
            break;
        }
        out.push(Token { start, end: i });
    }
    out
}

#[inline]
fn is_capitalised(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii_uppercase() => true,
        Some(b'a' | b'e') => is_capitalised_slow(word),
        Some(b) if b.is_ascii() => false,
        Some(_) => is_capitalised_slow(word),
        None => false,
    }
}

/// [`is_capitalised`] past its one-byte answers.
fn is_capitalised_slow(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        // "al-Hayya", "el-Sisi"
        Some('a' | 'e') => {
            let rest = word.split_once('-').map(|x| x.1);
            (word.starts_with("al-")
                || word.starts_with("el-")
                || word.starts_with("ad-")
                || word.starts_with("as-"))
                && rest
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

/// A run of capitalised words.
#[derive(Clone, Debug)]
struct Chunk {
    /// Token index range.
    first: usize,
    last: usize,
}

fn chunks(text: &str, toks: &[Token]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = &text[toks[i].start..toks[i].end];
        if !is_capitalised(w) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while j < toks.len() {
            let gap = &text[toks[j - 1].end..toks[j].start];
            let prev = &text[toks[j - 1].start..toks[j - 1].end];
            // One space; or ". " after an initial or a title ("George W. Bush", "Dr. Mona").
            let joinable = gap == " "
                || (gap == ". "
                    && (prev.chars().count() == 1
                        || matches!(
                            prev,
                            "Dr" | "Rep"
                                | "Sen"
                                | "Gov"
                                | "Gen"
                                | "Mr"
                                | "Mrs"
                                | "Ms"
                                | "St"
                                | "Col"
                                | "Lt"
                                | "Prof"
                        )))
                || (gap == "' " && prev.ends_with('s'));
            if !joinable {
                break;
            }
            let w = &text[toks[j].start..toks[j].end];
            if is_capitalised(w) {
                last = j;
                j += 1;
            } else if CONNECTORS.contains(&w)
                && toks.get(j + 1).is_some_and(|t| {
                    is_capitalised(&text[t.start..t.end]) && &text[toks[j].end..t.start] == " "
                })
            {
                j += 1;
            } else {
                break;
            }
        }
        out.push(Chunk { first, last });
        i = last + 1;
    }
    out
}

/// The number of words (one to three) of a place's name opening `toks` right before a title:
/// "Texas Gov.", "Gaza City Mayor", "Manitoba Premier".
fn place_before_title(gaz: &Gazetteer, text: &str, toks: &[Token]) -> Option<usize> {
    (1..=3.min(toks.len().saturating_sub(1))).rev().find(|&n| {
        is_in(&TITLES_SET, token_text(text, &toks[n]))
            && !(0..n).any(|k| is_in(&TITLES_SET, token_text(text, &toks[k])))
            && !gaz
                .lookup(&name_key(&text[toks[0].start..toks[n - 1].end]))
                .is_empty()
    })
}

/// Whether `word` names a country, an admin-1 region or a city of 100,000 or more: a place
/// no person's name starts or ends with ("Manitoba's …", "Baseball Toronto").
fn names_notable_place(gaz: &Gazetteer, word: &str) -> bool {
    gaz.lookup(&name_key(word)).iter().any(|c| {
        let p = gaz.place(c.place);
        matches!(p.kind, PlaceKind::Country | PlaceKind::Admin1) || p.population >= 100_000
    })
}

/// A token's text.
fn token_text<'a>(text: &'a str, t: &Token) -> &'a str {
    &text[t.start..t.end]
}

fn strip_possessive(text: &str, t: Token) -> Token {
    let w = token_text(text, &t);
    for suffix in ["'s", "’s"] {
        if w.len() > suffix.len() + 1 && w.ends_with(suffix) {
            return Token {
                start: t.start,
                end: t.end - suffix.len(),
            };
        }
    }
    t
}

fn word_before(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end_matches([' ', ',']);
    let s = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[s..]
}

fn is_sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(' ');
    before.is_empty()
        || before.ends_with(['.', '!', '?', '\n', '"', '“', '—', ':', '('])
        || before.ends_with(" -")
}

/// How sure a cue makes a run of capitalised words a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Cue {
    /// No cue.
    None,
    /// A verb of saying next to it ("said Hani Barakat"), or a given name.
    Weak,
    /// A title or role word before it, or an apposition after it ("Samir Odeh, a volunteer").
    Strong,
}

/// The person cue around the byte range `s..e`.
fn person_cue(text: &str, s: usize, e: usize, had_title: bool) -> Cue {
    if had_title {
        return Cue::Strong;
    }
    let prev = word_before(text, s);
    let prev_l = prev.to_lowercase();
    if is_in(&ROLE_WORDS_SET, prev_l.as_str()) {
        return if matches!(prev_l.as_str(), "said" | "says" | "told" | "added" | "by") {
            Cue::Weak
        } else {
            Cue::Strong
        };
    }
    let after = &text[e..];
    let after = after
        .strip_prefix("'s")
        .or_else(|| after.strip_prefix("’s"))
        .unwrap_or(after);
    if let Some(rest) = after.strip_prefix(", ") {
        // apposition: "Samir Odeh, a volunteer", "Hani Barakat, 52,", "X, who"
        let next: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        if matches!(next.as_str(), "a" | "an" | "who" | "whose")
            || (!next.is_empty() && next.chars().all(|c| c.is_ascii_digit()))
        {
            return Cue::Strong;
        }
        // "X, the head of investigations", "X, Hamas's chief negotiator"
        if let Some(role) = rest.strip_prefix("the ") {
            let role: String = role.chars().take_while(|c| c.is_alphabetic()).collect();
            if is_in(&ROLE_WORDS_SET, role.to_lowercase().as_str()) {
                return Cue::Strong;
            }
        }
    }
    if [" said", " says", " told", " added"]
        .iter()
        .any(|v| after.starts_with(v))
    {
        return Cue::Weak;
    }
    Cue::None
}

/// What the recognised places can still veto about a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Check {
    /// A dictionary hit: kept.
    Dictionary,
    /// A rule organisation: dropped when a place covers it or ends it ("Israeli-occupied West
    /// Bank").
    Organisation,
    /// A rule person: with a weak cue, dropped when it overlaps a place.
    Person { weak: bool },
}

/// An actor candidate found without looking at the places.
#[derive(Clone, Debug)]
struct Candidate {
    mention: ActorMention,
    check: Check,
}

fn dict_mention(dict: &ActorDictionary, r: Range<usize>, idx: usize) -> ActorMention {
    let a = &dict.actors[idx];
    ActorMention {
        start: r.start,
        end: r.end,
        actor_id: Some(a.id.clone()),
        name: a.name.clone(),
        kind: a.kind,
        affiliation: a.affiliation.clone(),
    }
}

fn covered(ranges: &[Range<usize>], s: usize, e: usize) -> bool {
    ranges.iter().any(|r| r.start < e && s < r.end)
}

fn org_type(words: &[&str]) -> Option<ActorType> {
    static HEADS: LazyLock<FxHashMap<&'static str, ActorType>> =
        LazyLock::new(|| ORG_HEADS.iter().copied().collect());
    let n = words.len();
    if n < 2 {
        return None;
    }
    let head_of = |w: &str| HEADS.get(w).copied();
    // A head word anywhere after the first word ("Islamic Relief USA"), last one wins; or a
    // leading head with "of" ("University of Cambridge").
    let mut kind = words[1..].iter().rev().find_map(|w| head_of(w));
    if kind.is_none() && n >= 3 && words[1] == "of" {
        kind = head_of(words[0]);
    }
    // Heads that lead the name ("Bibliotheca Alexandrina").
    if kind.is_none()
        && matches!(
            words[0],
            "Bibliotheca" | "Banco" | "Universidad" | "Université"
        )
    {
        kind = Some(ActorType::Organisation);
    }
    let mut kind = kind?;
    if kind == ActorType::Organisation
        && matches!(words[0], "International" | "World" | "United" | "UN")
    {
        kind = ActorType::International;
    }
    Some(kind)
}

/// A given name, or a hyphenated pair of them that names no place ("Lin-Manuel",
/// "Jean-Pierre"; not "Saint-Denis").
fn is_given_name(given: &FxHashSet<Box<str>>, gaz: &Gazetteer, word: &str) -> bool {
    let lower = word.to_lowercase();
    given.contains(lower.as_str())
        || lower.contains('-')
            && lower.split('-').all(|part| given.contains(part))
            && gaz.lookup(&name_key(word)).is_empty()
}

/// The core: dictionary hits, then rules over the capitalised runs left. `toponyms` keeps place
/// names out of the rule-based actors.
fn detect(dict: &ActorDictionary, gaz: &Gazetteer, text: &str) -> Vec<Candidate> {
    let mut mentions: Vec<Candidate> = dict
        .hits(text)
        .into_iter()
        .map(|(r, i)| Candidate {
            mention: dict_mention(dict, r, i),
            check: Check::Dictionary,
        })
        .collect();
    let mut taken: Vec<Range<usize>> = mentions
        .iter()
        .map(|m| m.mention.start..m.mention.end)
        .collect();
    let demonym_country = |w: &str| {
        gaz.demonym(&name_key(w))
            .map(|p| gaz.place(p).country.to_string())
            .filter(|c| !c.is_empty())
    };
    let given = &gaz.lexicon().given_names;
    let common = &gaz.lexicon().common_words;

    let toks = tokens(text);
    for ch in chunks(text, &toks) {
        // Every rule needs two words; most runs are one capitalised word.
        if ch.first == ch.last {
            continue;
        }
        let mut last = ch.last;
        let mut end_tok = strip_possessive(text, toks[last]);
        while last > ch.first && CONNECTORS.contains(&token_text(text, &toks[last])) {
            last -= 1;
            end_tok = toks[last];
        }
        let e = end_tok.end;
        // Organisations: only function words are stripped from the front ("The", "In"); titles
        // and nationality words stay ("Norwegian Refugee Council").
        let mut org_first = ch.first;
        while org_first < last {
            let w = token_text(text, &toks[org_first]);
            if (is_in(&NOT_NAME_START_SET, w) && demonym_country(w).is_none())
                || CONNECTORS.contains(&w)
            {
                org_first += 1;
            } else {
                break;
            }
        }
        // "Egypt and the European Union": the part before "and" is a place, not part of the name.
        if let Some(k) = (org_first..last).find(|&k| token_text(text, &toks[k]) == "and") {
            let before = &text[toks[org_first].start..toks[k - 1].end.max(toks[org_first].end)];
            if k > org_first && !gaz.lookup(&name_key(before)).is_empty() {
                org_first = k + 1;
                while org_first < last && CONNECTORS.contains(&token_text(text, &toks[org_first])) {
                    org_first += 1;
                }
            }
        }
        let org_words: Vec<&str> = (org_first..last)
            .map(|k| token_text(text, &toks[k]))
            .chain(std::iter::once(token_text(text, &end_tok)))
            .collect();
        if let Some(kind) = org_type(&org_words) {
            let s = toks[org_first].start;
            // (A university is a place the gazetteer holds and an organisation too.)
            let place_only = gaz
                .lookup(&name_key(&text[s..e]))
                .iter()
                .any(|p| !gaz.is_university(p.place));
            if !covered(&taken, s, e) && !place_only {
                let affiliation = demonym_country(org_words[0]);
                let mention = ActorMention {
                    start: s,
                    end: e,
                    actor_id: None,
                    name: text[s..e].to_owned(),
                    kind,
                    affiliation,
                };
                mentions.push(Candidate {
                    mention,
                    check: Check::Organisation,
                });
                taken.push(s..e);
            }
            continue;
        }
        // People: titles, nationality words and function words are stripped from the front.
        let mut first = ch.first;
        let mut had_title = false;
        let mut affiliation: Option<String> = None;
        while first <= last {
            // "Texas Gov. Greg Abbott", "Chicago Mayor Brandon Johnson": a place before a title
            // is where the office is, not part of the name.
            if let Some(n) = place_before_title(gaz, text, &toks[first..last]) {
                had_title = true;
                first += n + 1;
                continue;
            }
            let w = token_text(text, &toks[first]);
            // "Manitoba's Opposition New Democrats", "London-based Christian …": a place's
            // possessive or an "X-based" word opens no name.
            let owner = token_text(text, &strip_possessive(text, toks[first]));
            let place_possessive =
                owner.len() < w.len() && first < last && names_notable_place(gaz, owner);
            if place_possessive || w.ends_with("-based") {
                first += 1;
                continue;
            }
            let title = is_in(&TITLES_SET, w);
            let demonym = demonym_country(w).filter(|_| first < last);
            if title
                || demonym.is_some()
                || is_in(&NOT_NAME_START_SET, w)
                || CONNECTORS.contains(&w)
            {
                if title
                    && !matches!(
                        w,
                        "Hamas"
                            | "UN"
                            | "U.N."
                            | "EU"
                            | "US"
                            | "U.S."
                            | "Israeli"
                            | "National"
                            | "State"
                            | "Security"
                    )
                {
                    had_title = true;
                }
                if demonym.is_some() {
                    affiliation = demonym;
                }
                first += 1;
                continue;
            }
            break;
        }
        if first > last {
            continue;
        }
        // "Rep. Dolores Finch of Sangamon County": a person's name stops at a connector.
        if let Some(k) = (first + 1..=last)
            .find(|&k| matches!(token_text(text, &toks[k]), "of" | "for" | "and" | "the"))
        {
            last = k - 1;
            end_tok = strip_possessive(text, toks[last]);
        }
        let e = end_tok.end;
        let s = toks[first].start;
        if covered(&taken, s, e) {
            continue;
        }
        let words: Vec<&str> = (first..last)
            .map(|k| token_text(text, &toks[k]))
            .chain(std::iter::once(token_text(text, &end_tok)))
            .collect();
        let n = words.len();
        let head = words[n - 1];
        // "the Portland Trail Blazers", "Manchester United": a team named after its town is an
        // organisation, whatever its words look like.
        if gaz
            .lexicon()
            .teams
            .contains_key(name_key(&text[s..e]).as_str())
        {
            mentions.push(Candidate {
                mention: ActorMention {
                    start: s,
                    end: e,
                    actor_id: None,
                    name: text[s..e].to_owned(),
                    kind: ActorType::Organisation,
                    affiliation,
                },
                check: Check::Organisation,
            });
            taken.push(s..e);
            continue;
        }
        if !(2..=4).contains(&n)
            || is_in(&PLACE_HEADS_SET, head)
            || words
                .iter()
                .any(|w| w.chars().all(|c| c.is_uppercase() || c == '.'))
        {
            continue;
        }
        if words.iter().any(|w| {
            is_in(&NOT_NAME_START_SET, w)
                || (CONNECTORS.contains(w)
                    && !matches!(*w, "bin" | "ibn" | "al" | "el" | "de" | "van" | "von"))
        }) {
            continue;
        }
        if is_in(&NON_PERSON_HEADS_SET, head) {
            continue;
        }
        // "Walker County Fair Queen", "Florida Highway Patrol", "Paris High School", "Georgia
        // Bureau of Investigation": an administrative, road or institution word makes it a
        // place's institution, not a person.
        if words[1..].iter().any(|w| {
            matches!(
                *w,
                "County"
                    | "City"
                    | "Township"
                    | "Parish"
                    | "Highway"
                    | "Department"
                    | "District"
                    | "School"
                    | "Library"
                    | "Hospital"
                    | "University"
                    | "College"
                    | "Center"
                    | "Centre"
                    | "State"
                    | "Division"
                    | "Legislature"
                    | "Board"
                    | "Bureau"
                    | "Association"
                    | "Council"
                    | "Commission"
                    | "Committee"
                    | "Authority"
                    | "Agency"
                    | "Office"
                    | "Court"
                    | "Assembly"
                    | "Senate"
                    | "Police"
                    | "Guard"
                    | "Museum"
                    | "Society"
                    | "Foundation"
                    | "Institute"
                    | "Academy"
                    | "Administration"
            )
        }) {
            continue;
        }
        let mut cue = person_cue(text, s, e, had_title);
        // A given name starts a name; at a sentence start only before a word that is not an
        // ordinary one ("Michael Nahum from …", not "Jordan Valley farmers …").
        if cue == Cue::None
            && is_given_name(given, gaz, words[0])
            && (!is_sentence_start(text, s) || !common.contains(words[1].to_lowercase().as_str()))
        {
            cue = Cue::Weak;
        }
        if cue == Cue::None {
            continue;
        }
        if !gaz.lookup(&name_key(&text[s..e])).is_empty() {
            continue;
        }
        // "South Koreans", "Long Islanders" are people of a place, not a person; "DeSmog
        // Canada", "Baseball Toronto" end in a country or a city, not a surname (a given name
        // first still makes a person of "Chris Jordan").
        if gaz.demonym(&name_key(&text[s..e])).is_some()
            || !is_given_name(given, gaz, words[0]) && names_notable_place(gaz, head)
        {
            continue;
        }
        let mention = ActorMention {
            start: s,
            end: e,
            actor_id: None,
            name: text[s..e].to_owned(),
            kind: ActorType::Person,
            affiliation,
        };
        mentions.push(Candidate {
            mention,
            check: Check::Person {
                weak: cue == Cue::Weak,
            },
        });
        taken.push(s..e);
    }
    mentions.sort_by_key(|m| m.mention.start);
    mentions
}

/// Links short mentions ("Netanyahu", "Abu Shabab's", "Ellis") to a full name found in the
/// same document.
fn link_short(text: &str, toponyms: &[Toponym], mentions: &mut Vec<ActorMention>) {
    let mut keys: FxHashMap<String, usize> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != ActorType::Person {
            continue;
        }
        let words: Vec<&str> = m.name.split(' ').collect();
        if words.len() < 2 {
            continue;
        }
        let lastw = words[words.len() - 1];
        if words.len() >= 3 && PARTICLES.contains(&words[words.len() - 2]) {
            keys.entry(format!("{} {}", words[words.len() - 2], lastw))
                .or_insert(i);
        }
        if lastw.chars().count() >= 3 && !PARTICLES.contains(&lastw) {
            keys.entry(lastw.to_owned()).or_insert(i);
        }
    }
    if keys.is_empty() {
        return;
    }
    let taken: Vec<Range<usize>> = mentions.iter().map(|m| m.start..m.end).collect();
    let mut new = Vec::new();
    for (key, &i) in &keys {
        for s in memchr::memmem::find_iter(text.as_bytes(), key.as_bytes()) {
            let e = s + key.len();
            if !whole_words(text, s, e, false)
                || covered(&taken, s, e)
                || toponyms.iter().any(|t| t.start < e && s < t.end)
            {
                continue;
            }
            let m = &mentions[i];
            new.push(ActorMention {
                start: s,
                end: e,
                actor_id: m.actor_id.clone(),
                name: m.name.clone(),
                kind: m.kind,
                affiliation: m.affiliation.clone(),
            });
        }
    }
    mentions.extend(new);
    mentions.sort_by_key(|m| m.start);
}

/// Verbs that make a country an actor when they follow its name ("Egypt proposed").
const ACTING_VERBS: &[&str] = &[
    "said",
    "says",
    "proposed",
    "proposes",
    "announced",
    "rejected",
    "welcomed",
    "agreed",
    "denied",
    "warned",
    "accused",
    "demanded",
    "insisted",
    "condemned",
    "offered",
    "pledged",
    "threatened",
    "called",
    "urged",
    "refused",
    "approved",
    "vetoed",
    "signed",
    "mediated",
    "hosted",
    "will",
    "has",
    "had",
    "would",
];

fn country_actors(
    gaz: &Gazetteer,
    text: &str,
    toponyms: &[Toponym],
    mentions: &mut Vec<ActorMention>,
) {
    let taken: Vec<Range<usize>> = mentions.iter().map(|m| m.start..m.end).collect();
    let mut new = Vec::new();
    for t in toponyms {
        if t.kind != MentionKind::Place || t.embedded || covered(&taken, t.start, t.end) {
            continue;
        }
        let Some(p) = t.place else { continue };
        let place = gaz.place(p);
        if place.kind.as_str() != "country" {
            continue;
        }
        let after = text[t.end..].trim_start_matches(' ');
        let verb: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        if !ACTING_VERBS.contains(&verb.as_str()) {
            continue;
        }
        // "has/had/will/would" only with a verb of saying or acting after it.
        if matches!(verb.as_str(), "will" | "has" | "had" | "would") {
            let rest = after[verb.len()..].trim_start();
            let v2: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            if !ACTING_VERBS.contains(&v2.as_str())
                && !matches!(
                    v2.as_str(),
                    "host" | "propose" | "send" | "act" | "consider" | "sent"
                )
            {
                continue;
            }
        }
        new.push(ActorMention {
            start: t.start,
            end: t.end,
            actor_id: None,
            name: place.name.to_string(),
            kind: ActorType::Government,
            affiliation: Some(place.country.to_string()),
        });
    }
    mentions.extend(new);
    mentions.sort_by_key(|m| m.start);
}

/// The actor candidates of one document, found once and used twice: their person names keep
/// places out of people's names before resolution, and the resolved places then veto rule-based
/// candidates that are really places ([`ActorScan::resolve`]).
#[derive(Clone, Debug)]
pub struct ActorScan {
    candidates: Vec<Candidate>,
}

/// Scans a document for actor candidates (dictionary hits and capitalised runs typed by cues).
pub fn scan(dict: &ActorDictionary, gaz: &Gazetteer, text: &str) -> ActorScan {
    ActorScan {
        candidates: detect(dict, gaz, text),
    }
}

impl ActorScan {
    /// Byte ranges of person names (dictionary hits and cued names), for the recogniser to drop place spans inside them ("Israel Katz", "Jordan
    /// Ellis", "Hassan Rashad").
    pub fn person_spans(&self) -> Vec<Range<usize>> {
        self.candidates
            .iter()
            .filter(|c| c.mention.kind == ActorType::Person)
            .map(|c| c.mention.start..c.mention.end)
            .collect()
    }

    /// Byte ranges of dictionary names of groups (armed groups, organisations, governments,
    /// bodies, media), for the recogniser to drop a small place read inside one ("al-Shabab"
    /// is not Shabab, a village in Iran).
    pub fn group_spans(&self) -> Vec<Range<usize>> {
        self.candidates
            .iter()
            .filter(|c| c.mention.kind != ActorType::Person && matches!(c.check, Check::Dictionary))
            .map(|c| c.mention.start..c.mention.end)
            .collect()
    }

    /// The actor mentions, sorted by start, given the document's place mentions: places veto
    /// rule-based candidates, short mentions are linked, countries that act are added.
    pub fn resolve(self, gaz: &Gazetteer, text: &str, toponyms: &[Toponym]) -> Vec<ActorMention> {
        // (A university is a place and an organisation at once: it vetoes nothing.)
        let places: Vec<&Toponym> = toponyms
            .iter()
            .filter(|t| !t.embedded && t.kind == MentionKind::Place)
            .filter(|t| t.place.is_none_or(|p| !gaz.is_university(p)))
            .collect();
        let mut mentions: Vec<ActorMention> = self
            .candidates
            .into_iter()
            .filter(|c| {
                let (s, e) = (c.mention.start, c.mention.end);
                match c.check {
                    Check::Dictionary | Check::Person { weak: false } => true,
                    Check::Person { weak: true } => {
                        !places.iter().any(|t| t.start < e && s < t.end)
                    }
                    // A place covers its end: "West Bank" in "Israeli-occupied West Bank".
                    Check::Organisation => !places.iter().any(|t| t.start < e && e <= t.end),
                }
            })
            .map(|c| c.mention)
            .collect();
        link_short(text, toponyms, &mut mentions);
        country_actors(gaz, text, toponyms, &mut mentions);
        mentions
    }
}

/// Finds actor mentions, sorted by start. `toponyms` are the document's place mentions: they
/// keep places out of the rule-based actors, and countries that act become government actors.
pub fn find_actors(
    dict: &ActorDictionary,
    gaz: &Gazetteer,
    text: &str,
    toponyms: &[Toponym],
) -> Vec<ActorMention> {
    scan(dict, gaz, text).resolve(gaz, text, toponyms)
}

/// Byte ranges of person names, see [`ActorScan::person_spans`].
pub fn person_spans(dict: &ActorDictionary, gaz: &Gazetteer, text: &str) -> Vec<Range<usize>> {
    scan(dict, gaz, text).person_spans()
}

/// A shared bundled dictionary, for callers that do not configure one.
pub fn bundled_shared() -> Arc<ActorDictionary> {
    static SHARED: OnceLock<Arc<ActorDictionary>> = OnceLock::new();
    SHARED
        .get_or_init(|| Arc::new(ActorDictionary::bundled()))
        .clone()
}

/// Is `text[s..e]` a whole run of words: no letter or digit (or hyphen) glued on before, and
/// none after — a hyphen after is allowed when `hyphen_after` ("Hamas-run").
fn whole_words(text: &str, s: usize, e: usize, hyphen_after: bool) -> bool {
    let before_ok = text[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric() && c != '-');
    let after_ok = text[e..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric() && (hyphen_after || c != '-'));
    before_ok && after_ok
}

#[cfg(test)]
mod speed_tests {
    use super::*;

    /// The char-by-char word splitter the byte scan replaced, kept to check that they agree.
    fn reference_tokens(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut prev_end = 0;
        let n = text.len();
        let mut i = 0;
        while i < n {
            let (c, len) = char_at(text, i);
            let word_char = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric()
            } || (matches!(c, '\'' | '’' | '-' | '.')
                && start.is_some()
                && i + len < n
                && char_at(text, i + len).0.is_alphanumeric());
            if word_char {
                if start.is_none() {
                    start = Some(i);
                }
                prev_end = i + len;
            } else if let Some(s) = start.take() {
                out.push((s, prev_end));
            }
            i += len;
        }
        if let Some(s) = start {
            out.push((s, prev_end));
        }
        out
    }

    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "Shuja'iyya and Be’eri, the U.S. and U.A.E. said; Israel's army (Gaza) — al-Mawasi.",
            "Mr. Smith went to St. Louis. Dr. Who? it's ISRAEL'S ‘quote’ e.g. x.y. A.B -x- 'a' .",
            "Türkiye, São Paulo, Kraków: Øresund n\u{0303}o ĐÀ NẴNG; 2025-10-09 3.5% U.S",
            "end with dot. U.S.' Gaza’s s' 's al-Qassam Brigades, UNRWA, al-Hayya.",
            "",
            "x",
            "é",
            "’a",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo/dispatches");
        for entry in std::fs::read_dir(demo).expect("demo corpus") {
            let path = entry.expect("entry").path();
            texts.push(std::fs::read_to_string(path).expect("text"));
        }
        texts
    }

    #[test]
    fn byte_scan_words_agree_with_char_scan() {
        for text in &texts() {
            let got: Vec<(usize, usize)> = tokens(text).iter().map(|t| (t.start, t.end)).collect();
            assert_eq!(got, reference_tokens(text), "{text:?}");
        }
    }

    #[test]
    fn capitalised_fast_path_agrees() {
        let slow = |word: &str| {
            let mut chars = word.chars();
            match chars.next() {
                Some(c) if c.is_uppercase() => true,
                Some('a' | 'e') => {
                    let rest = word.split_once('-').map(|x| x.1);
                    (word.starts_with("al-")
                        || word.starts_with("el-")
                        || word.starts_with("ad-")
                        || word.starts_with("as-"))
                        && rest
                            .and_then(|r| r.chars().next())
                            .is_some_and(char::is_uppercase)
                }
                _ => false,
            }
        };
        for text in &texts() {
            for t in tokens(text) {
                let w = &text[t.start..t.end];
                assert_eq!(is_capitalised(w), slow(w), "{w:?}");
            }
        }
    }

    #[test]
    fn filtered_hits_are_the_anchored_search_at_every_position() {
        let dict = ActorDictionary::bundled();
        let ac = dict.automaton.as_ref().expect("automaton");
        for text in &texts() {
            // every position tried, no start filter
            let bytes = text.as_bytes();
            let mut expected = Vec::new();
            let mut at = 0;
            while at < bytes.len() {
                let input = Input::new(text.as_str())
                    .span(at..text.len())
                    .anchored(Anchored::Yes);
                match ac.try_find(input).ok().flatten() {
                    Some(m) => {
                        expected.push((m.start(), m.end(), m.pattern().as_usize()));
                        at = m.end().max(at + 1);
                    }
                    None => at += 1,
                }
            }
            let mut got = Vec::new();
            let mut at = 0;
            while at < bytes.len() {
                if !dict.starts.at(bytes, at) {
                    at += 1;
                    continue;
                }
                let input = Input::new(text.as_str())
                    .span(at..text.len())
                    .anchored(Anchored::Yes);
                match ac.try_find(input).ok().flatten() {
                    Some(m) => {
                        got.push((m.start(), m.end(), m.pattern().as_usize()));
                        at = m.end().max(at + 1);
                    }
                    None => at += 1,
                }
            }
            assert_eq!(got, expected);
        }
    }
}
