//! Recognition: which spans of text name places.
//!
//! Gazetteer-driven spotting (leftmost-longest over word n-grams, exact keys then loose keys),
//! then context rules: capitalisation, sentence starts and headlines, person names ("George
//! Washington", "Jordan Peterson"), organisation names embedding a place ("Israel Defense
//! Forces"), ordinary words that are also place names ("Reading", "Mobile"), acronyms, and names
//! that are not in the gazetteer but that context marks as places ("X refugee camp",
//! "Y Street", "the town of Z").

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::ExtractOptions;
use super::facts::{Fact, Facts};
use crate::corpus::Document;
use crate::gazetteer::normalize::{
    ASCII_KEY_BYTE, is_article, name_key, push_loose_word_with, push_word_key,
};
use crate::gazetteer::{Gazetteer, Origin, PlaceId, PlaceKind, Posting};
use crate::text::{Gap, Token, tokenize};

/// What a recognised span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanKind {
    /// A gazetteer name.
    Place,
    /// A demonym.
    Demonym,
    /// A name context marks as a place, not in the gazetteer.
    Unknown,
}

/// How well a name matched a candidate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cand {
    /// The place.
    pub place: PlaceId,
    /// Name-match quality: 1 primary name, 0.7 alternate name, 0.3 loose (transliteration) match.
    pub quality: f32,
}

/// A recognised span with its gazetteer candidates.
// Each flag is one independent fact the resolver reads; no two of them make a state machine.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug)]
pub struct Span {
    /// Byte start.
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// Kind.
    pub kind: SpanKind,
    /// Candidates.
    pub cands: Vec<Cand>,
    /// Inside an organisation name.
    pub embedded: bool,
    /// Candidates of an explicit qualifier ("Rafah, Egypt" → Egypt).
    pub qualifiers: Vec<PlaceId>,
    /// The normalised key (one sense per document is kept per key).
    pub key: String,
    /// Capitalisation gave no evidence (sentence start, headline, all caps).
    pub weak_caps: bool,
    /// The span is a dateline ("CAIRO —").
    pub dateline: bool,
    /// A location cue precedes it ("in", "near", "outside"…).
    pub cue: bool,
    /// A word after it says it is a country or region ("the New York border").
    pub area_hint: bool,
    /// A member of a list with a plural head ("Cooke, Grayson and Love counties"): its
    /// candidates come from that head, and gold spans over it take them.
    pub listed: bool,
    /// Not in the gazetteer as a whole; the candidates are those of a place named inside it
    /// ("Colorado State University" → Colorado, "West Surrey" → Surrey).
    pub part: bool,
    /// Its place-ness is settled outside the recogniser (a gold span, a name the context marks
    /// as a place): resolution may rank its candidates but never drops it.
    pub given: bool,
    /// The kind a lowercase head after the name gives it ("Idlib province", "Washington
    /// state"): candidates of that kind are the unit itself.
    pub head_kind: Option<PlaceKind>,
    /// The head is "province", which is a first-level unit in some countries and a
    /// second-level one in others (the Philippines, Italy, Spain): both kinds fit.
    pub province_head: bool,
    /// The home town of the sports team whose name it opens ("Portland Trail Blazers"): the
    /// name means that town here and wherever else the document uses it.
    pub team: Option<PlaceId>,
}

impl Span {
    /// A span whose place-ness is already settled (gold spans, context-marked names): no
    /// capitalisation doubts, treated as if cued.
    fn given(start: usize, end: usize, kind: SpanKind, cands: Vec<Cand>, key: String) -> Self {
        Self {
            start,
            end,
            kind,
            cands,
            embedded: false,
            qualifiers: Vec::new(),
            key,
            weak_caps: false,
            dateline: false,
            cue: true,
            area_hint: false,
            listed: false,
            part: false,
            given: true,
            head_kind: None,
            province_head: false,
            team: None,
        }
    }

    /// Whether a place of kind `kind` is the unit a lowercase head after the name says it is.
    pub fn head_fits(&self, kind: PlaceKind) -> bool {
        self.head_kind == Some(kind) || self.province_head && kind == PlaceKind::Admin2
    }
}

/// Quality of a match through an alternate name that spells the place's own name another way
/// ("Sloviansk" for Slovyansk): below the own name (1.0), above other alternate names (0.7).
const SPELLING_QUALITY: f32 = 0.9;

/// Words before a name that say "a place follows".
const LOCATION_CUES: &[&str] = &[
    "in", "near", "at", "from", "outside", "around", "across", "into", "toward", "towards", "via",
    "inside",
];

/// How far from a big city a place its possessive names may lie ("Washington's Dulles
/// Airport", 40 km out).
const NEAR_CITY_KM: f64 = 100.0;

/// Heads of street and square names ("Hamra Street").
const STREET_HEADS: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "boulevard",
    "blvd",
    "lane",
    "drive",
    "highway",
    "hwy",
    "freeway",
    "parkway",
    "plaza",
    "square",
    "gate",
];

/// Heads of natural features named "X of Y" ("Cape of Good Hope", "Bay of Biscay"): when the
/// gazetteer lacks the whole, the Y inside is not the place meant.
const FEATURE_OF_HEADS: &[&str] = &[
    "cape", "bay", "isle", "gulf", "strait", "straits", "sea", "bight", "firth", "lake",
];

/// Whether a name key reads "Gulf of …", "Cape of …" (see [`FEATURE_OF_HEADS`]).
pub(crate) fn is_feature_of(key: &str) -> bool {
    key.split_once(" of ")
        .is_some_and(|(head, _)| FEATURE_OF_HEADS.contains(&head))
}

/// Words, besides [`PLACE_HEADS`], that make a name the name of a site that stands somewhere
/// ("British International School", "SM Mall of Asia").
const SITE_WORDS: &[&str] = &[
    "school", "academy", "college", "mall", "hotel", "centre", "center", "museum", "library",
    "club", "delta", "zoo",
];

/// Whether a name key ends in the head of a town's street ("Fitzwilliam Place", "London
/// Road"): a [`STREET_HEADS`] word other than a highway's, which runs between towns, or a
/// head English streets add ("Place", "Terrace", "Crescent").
pub(crate) fn names_a_street(key: &str) -> bool {
    key.contains(' ')
        && key.rsplit(' ').next().is_some_and(|w| {
            STREET_HEADS.contains(&w)
                && !matches!(w, "highway" | "hwy" | "freeway" | "parkway" | "gate")
                || matches!(w, "place" | "terrace" | "crescent")
        })
}

/// Whether a name key holds a word naming a site ([`PLACE_HEADS`], [`SITE_WORDS`]).
pub(crate) fn names_a_site(key: &str) -> bool {
    key.split(' ')
        .any(|w| PLACE_HEADS_SET.contains(w) || SITE_WORDS.contains(&w))
}

/// Capitalised words after a place name that make the whole the name of an agreement or a
/// body of law ("Oslo Accords", "Geneva Conventions", "Paris Agreement", "Kyoto Protocol"): the
/// place is where it was signed, not where the story happens.
const AGREEMENT_HEADS: &[&str] = &[
    "accord",
    "accords",
    "agreement",
    "agreements",
    "convention",
    "conventions",
    "protocol",
    "protocols",
];

/// Lowercase words allowed inside a multi-word name.
const CONNECTORS: &[&str] = &[
    "of", "de", "del", "della", "la", "le", "les", "du", "des", "da", "do", "dos", "das", "di",
    "al", "el", "ash", "as", "ad", "an", "ar", "at", "az", "ed", "en", "es", "et", "ez", "bin",
    "ibn", "on", "upon", "the", "and", "y", "sur", "am", "im", "der", "den", "van", "von", "aux",
    "en", "i",
];

/// Lowercase words that may follow a name to make a longer gazetteer name ("Kerem Shalom
/// crossing"); the span itself stops before them.
const LOWER_HEADS: &[&str] = &[
    "crossing",
    "axis",
    "route",
    "road",
    "camp",
    "corridor",
    "governorate",
    "district",
    "neighbourhood",
    "neighborhood",
    "refugee",
    "border",
    "checkpoint",
    "hospital",
    "valley",
    "river",
    "strip",
    "port",
    "airport",
    // "Ofer prison", "Nevatim air base", "Ofer military prison"
    "prison",
    "air",
    "base",
    "airbase",
    "military",
];

/// Capitalised words that end a place name not in the gazetteer ("Press Street"), besides
/// [`STREET_HEADS`].
/// Heads of natural features and townships whose names are often ordinary words written
/// mid-sentence ("Snake Island", "Flat Creek", "Red River", "Sand Creek Township"). Not
/// institutions ("Community Hospital", "Catholic Church"), whose ordinary-word names are
/// rarely places.
const WATER_AND_LAND_HEADS: &[&str] = &[
    "island",
    "islands",
    "valley",
    "river",
    "creek",
    "lake",
    "harbor",
    "harbour",
    "township",
    "canyon",
    "peninsula",
];

/// Heads of natural features commonly named after a place ("Swat Valley", "Judean Hills"
/// after Judea is not one of them: only the name itself counts).
const NAMED_FEATURE_HEADS: &[&str] = &[
    "valley",
    "mountains",
    "hills",
    "desert",
    "plateau",
    "basin",
    "gorge",
    "plains",
];

const PLACE_HEADS: &[&str] = &[
    "bridge",
    "park",
    "river",
    "creek",
    "lake",
    "mountain",
    "mountains",
    "mount",
    "valley",
    "county",
    "parish",
    "township",
    "province",
    "governorate",
    "district",
    "camp",
    "crossing",
    "corridor",
    "airport",
    "station",
    "harbor",
    "harbour",
    "port",
    "beach",
    "island",
    "islands",
    "bay",
    "canyon",
    "forest",
    "desert",
    "peninsula",
    "neighbourhood",
    "neighborhood",
    "quarter",
    "hills",
    "heights",
    "springs",
    "falls",
    "gulf",
    "sea",
    "strait",
    "canal",
    "mosque",
    "cathedral",
    "church",
    "hospital",
    "hotel",
    "stadium",
    "market",
    "roundabout",
    "junction",
    "village",
    "town",
    "city",
];

/// Lowercase words after a name that mark it as a place ("Nur Shams camp").
const LOWER_PLACE_CUES: &[&str] = &[
    "camp",
    "refugee",
    "crossing",
    "neighbourhood",
    "neighborhood",
    "district",
    "governorate",
    "village",
    "town",
    "area",
    "suburb",
    "checkpoint",
    "corridor",
    "junction",
    "roundabout",
    "county",
];

/// Lowercase words for the people of a place, after its name: "a Concord resident".
const RESIDENT_NOUNS: &[&str] = &[
    "resident",
    "residents",
    "native",
    "natives",
    "man",
    "woman",
    "men",
    "women",
    "couple",
    "teen",
    "teenager",
    "boy",
    "girl",
    "homeowner",
    "homeowners",
    "voters",
    "mayor",
];

/// "the town of X"-style cues (lowercase word before "of").
const OF_CUES: &[&str] = &[
    "town",
    "city",
    "village",
    "suburb",
    "neighbourhood",
    "neighborhood",
    "district",
    "province",
    "governorate",
    "region",
    "outskirts",
    "port",
    "camp",
    // "the villages of Beita and Nabi Saleh"
    "towns",
    "cities",
    "villages",
    "suburbs",
    "neighbourhoods",
    "neighborhoods",
    "districts",
    "provinces",
    "governorates",
    "regions",
    "ports",
    "camps",
    // "the settlement of Ariel", "the kibbutz of Be'eri", "the island of Crete"
    "settlement",
    "settlements",
    "kibbutz",
    "moshav",
    "hamlet",
    "hamlets",
    "municipality",
    "borough",
    "township",
    "island",
    "enclave",
];

/// Capitalised words after a name that make it part of an organisation's name.
const ORG_HEADS: &[&str] = &[
    "forces",
    "force",
    "army",
    "navy",
    "ministry",
    "government",
    "university",
    "college",
    "institute",
    "school",
    "times",
    "post",
    "herald",
    "journal",
    "tribune",
    "gazette",
    "news",
    "press",
    "daily",
    "party",
    "authority",
    "council",
    "bank",
    "airlines",
    "airways",
    "police",
    "department",
    "dept",
    "agency",
    "foundation",
    "company",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "group",
    "brigades",
    "brigade",
    "movement",
    "front",
    "committee",
    "commission",
    "court",
    "club",
    "fc",
    "united",
    "rangers",
    "association",
    "society",
    "federation",
    "league",
    "union",
    "chamber",
    "office",
    "service",
    "services",
    "guard",
    "corps",
    "command",
    "fund",
    "trust",
    "board",
    "assembly",
    "parliament",
    "senate",
    "congress",
    "embassy",
    "consulate",
    "mission",
    "exchange",
    "telecom",
    "petroleum",
    "railways",
    "railroad",
    "crescent",
    "bureau",
    "division",
    "legislature",
    "administration",
    "directorate",
    "academy",
    "museum",
    "cross",
    "health",
    "symphony",
    "orchestra",
    "observer",
    "examiner",
    "chronicle",
    "star",
    "sun",
    "globe",
    "register",
    "review",
    "magazine",
    "radio",
    "tv",
    "television",
    "broadcasting",
    "network",
    "cup",
    "open",
    "marathon",
    "festival",
    "fire",
    "sheriff",
    "sheriffs",
    "jail",
    "prison",
    "zoo",
    "museum",
    "library",
    "center",
    "centre",
    "hall",
    "church",
    "diocese",
    "schools",
    "district",
    "county",
    "sheriff’s",
    "declaration",
    "accords",
    "convention",
    "conventions",
    "accord",
    "agreement",
    "treaty",
    "protocol",
    "conference",
    "summit",
    "process",
    "talks",
    "plan",
];

/// Capitalised words before "of X" that make X part of an organisation's name.
const ORG_OF_HEADS: &[&str] = &[
    "university",
    "bank",
    "government",
    "ministry",
    "minister",
    "institute",
    "college",
    "museum",
    "republic",
    "kingdom",
    "emirate",
    "state",
    "secretary",
    "president",
    "king",
    "queen",
    "prince",
    "duke",
    "archbishop",
    "bishop",
    "mayor",
    "governor",
    "embassy",
    "department",
    "council",
    "church",
    "diocese",
    "chamber",
    "court",
    "port",
    "siege",
    "battle",
    "treaty",
    "school",
    // "The Times of Israel", "Voice of America", "League of Arab States"
    "times",
    "voice",
    "academy",
    "society",
    "federation",
    "association",
    "league",
    "organization",
    "organisation",
    "commission",
];

/// Titles before a person's name.
const TITLES: &[&str] = &[
    // police, military and council ranks as news abbreviates them ("Const. Kwesi Millington")
    "govs",
    "const",
    "cpl",
    "det",
    "insp",
    "supt",
    "cmdr",
    "adm",
    "maj",
    "brig",
    "pte",
    "cllr",
    "atty",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "president",
    "gen",
    "general",
    "sen",
    "sens",
    "reps",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "lt",
    "col",
    "capt",
    "sgt",
    "prof",
    "professor",
    "judge",
    "justice",
    "rev",
    "reverend",
    "father",
    "sister",
    "brother",
    "sir",
    "dame",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "mayor",
    "minister",
    "secretary",
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "officer",
    "detective",
    "coach",
    "chief",
    "ambassador",
    "envoy",
    "commander",
    "lieutenant",
    "colonel",
    "sergeant",
    "captain",
    "emir",
    "sheikh",
    "shaikh",
    "imam",
    "rabbi",
    "deputy",
    "councilman",
    "councilwoman",
    "commissioner",
    "sheriff",
    "trooper",
    "pastor",
    "st",
    "saint",
    "uncle",
    "aunt",
    "cousin",
    "mother",
    "grandmother",
    "grandfather",
    "dear",
];

/// Arabic, Hebrew and Persian given names news writes often (the Census list is US-centred).
const EXTRA_GIVEN: &[&str] = &[
    "mohammed", "muhammad", "mohammad", "mohamed", "ahmed", "ahmad", "ali", "hassan", "hasan",
    "hussein", "husain", "khalil", "yasser", "yasir", "yahya", "ismail", "ibrahim", "omar", "umar",
    "mahmoud", "mustafa", "mostafa", "khaled", "khalid", "abdel", "abdul", "abdullah", "abdallah",
    "said", "salah", "youssef", "yousef", "yusuf", "tariq", "tarek", "hamza", "karim", "nabil",
    "walid", "fadi", "rami", "sami", "samir", "majed", "majid", "ayman", "osama", "usama", "ziad",
    "ziyad", "naim", "nizar", "marwan", "mousa", "musa", "moussa", "jamal", "raed", "raad",
    "ashraf", "ghassan", "hossam", "husam", "shawqi", "yoav", "benny", "itamar", "bezalel",
    "gideon", "yair", "naftali", "avigdor", "herzi", "eyal", "avi", "moshe", "yitzhak", "yossi",
    "shlomo", "masoud", "abbas", "hakan", "recep", "tamim", "nawaf", "naji", "faisal", "fahd",
    "sultan", "hamad", "zayed", "badr", "hisham", "issam", "wael", "bassem", "basem", "mahmud",
    "emad", "imad", "fatima", "aisha", "layla", "leila", "noor", "nour", "huda", "mariam",
    "maryam", "rania", "yasmin", "amira",
];

/// Days and months: never place names alone (part of `STOP_SET`), and "Ras Isa on Tuesday" is
/// no one name.
const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Capitalised words that are never place names on their own, whatever the gazetteer says.
const STOP: &[&str] = &[
    "god",
    "allah",
    "christmas",
    "easter",
    "ramadan",
    "eid",
    "congress",
    "parliament",
    "senate",
    "president",
    "republican",
    "republicans",
    "democrat",
    "democrats",
    "democratic",
    "islamic",
    "jewish",
    "christian",
    "muslim",
    "catholic",
    // Faiths and peoples with no country of their own ("Igbo leaders", "Sikh temple"), whose
    // names a few towns also bear.
    "sikh",
    "sikhs",
    "hindu",
    "hindus",
    "buddhist",
    "buddhists",
    "druze",
    "sunni",
    "sunnis",
    "shia",
    "shiite",
    "shiites",
    "alawite",
    "alawites",
    "yazidi",
    "yazidis",
    "igbo",
    "yoruba",
    "hausa",
    "fulani",
    "tutsi",
    "tutsis",
    "hutu",
    "hutus",
    "pashtun",
    "pashtuns",
    "baloch",
    "uyghur",
    "uyghurs",
    "rohingya",
    "hmong",
    "bedouin",
    "bedouins",
    // Words that name no place alone: "Olympic organizers", "Region 1", "Pacific Coast
    // Federation", "Metro Nashville police", "Snake Island" (Iceland's own name is "Ísland").
    "olympic",
    "olympics",
    "region",
    "coast",
    "metro",
    "island",
    // Makers and brands the world knows better than the towns that share their names
    // ("a 1992 Toyota Corolla", "the parent company behind Zara").
    "toyota",
    "honda",
    "nissan",
    "subaru",
    "mazda",
    "hyundai",
    "kia",
    "lexus",
    "mercedes",
    "volkswagen",
    "porsche",
    "nokia",
    "zara",
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "university",
    "college",
    "school",
    "street",
    "road",
    "hospital",
    "church",
    "city",
    "state",
    "police",
    "army",
    "court",
    "mr",
    "mrs",
    "ms",
    "dr",
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "with",
    "from",
    "as",
    "is",
    "it",
    "he",
    "she",
    "we",
    "they",
    "i",
    "you",
    "his",
    "her",
    "our",
    "their",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "then",
    "when",
    "where",
    "who",
    "what",
    "why",
    "how",
    "if",
    "so",
    "not",
    "no",
    "yes",
    "all",
    "said",
    "says",
    "after",
    "before",
    "during",
    "while",
    "since",
    "until",
    "about",
    "more",
    "most",
    "some",
    "many",
    "one",
    "two",
    "three",
    "first",
    "last",
    "new",
    "old",
    "people",
    "officials",
    "today",
    "tomorrow",
    "yesterday",
    "internet",
    "earth",
    "moon",
    "sun",
    "hamas",
    "hezbollah",
    "fatah",
    "union",
    "independence",
    "liberty",
    "victory",
    "unity",
    "freedom",
    "hope",
    "peace",
    "reform",
    "progress",
    "justice",
    "faith",
    "mission",
    "national",
    "international",
    "federal",
    "global",
    "world",
    "royal",
    "grand",
    "great",
    "little",
    "big",
    "upper",
    "lower",
    "middle",
    "mid",
    "inner",
    "outer",
    "greater",
    "young",
    "english",
    "arabic",
    "hebrew",
    "reuters",
    "ap",
    "afp",
    "bbc",
    "cnn",
    "nbc",
    "cbs",
    "abc",
    "fox",
    "ok",
    "tv",
    "un",
    "nato",
    "opec",
    "idf",
    "pa",
    "plo",
    "isis",
    "covid",
    "sars",
    "aids",
    "hiv",
    "ceo",
    "cto",
    "cia",
    "fbi",
    "nsa",
    "gop",
    "dc",
    "centre",
    "center",
];

// Word lists as hash sets, built once.
/// Month abbreviations ("Nov. 13"): never places, not even after a comma ("CAIRO, Nov. 6").
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

static STOP_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    STOP.iter()
        .chain(CALENDAR_WORDS)
        .chain(MONTH_ABBREVIATIONS)
        .copied()
        .collect()
});
static ORG_HEADS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| ORG_HEADS.iter().copied().collect());
static TITLES_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| TITLES.iter().copied().collect());
static CONNECTORS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| CONNECTORS.iter().copied().collect());
static PLACE_HEADS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STREET_HEADS.iter().chain(PLACE_HEADS).copied().collect());
static LOWER_HEADS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| LOWER_HEADS.iter().copied().collect());
static LOWER_PLACE_CUES_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| LOWER_PLACE_CUES.iter().copied().collect());
static OF_CUES_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| OF_CUES.iter().copied().collect());
static ORG_OF_HEADS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| ORG_OF_HEADS.iter().copied().collect());
static LOCATION_CUES_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| LOCATION_CUES.iter().copied().collect());
static EXTRA_GIVEN_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| EXTRA_GIVEN.iter().copied().collect());

/// Recognises place and demonym spans in a document.
pub fn recognize(
    gaz: &Gazetteer,
    facts: &Facts,
    doc: &Document,
    opts: &ExtractOptions,
) -> Vec<Span> {
    /// Documents up to this size are tokenised once and the tokens kept for both passes;
    /// larger ones are tokenised per pass so memory stays bounded by a passage.
    const KEEP_TOKENS_UP_TO: usize = 4 << 20;
    let tokenize_passage = |passage: &std::ops::Range<usize>| {
        let mut tokens = tokenize(&doc.text[passage.clone()]);
        for t in &mut tokens {
            t.start += passage.start;
            t.end += passage.start;
        }
        let keys = WordKeys::new(&doc.text, &tokens);
        Passage { tokens, keys }
    };
    let kept: Vec<Passage> = if doc.text.len() <= KEEP_TOKENS_UP_TO {
        doc.passages.iter().map(tokenize_passage).collect()
    } else {
        Vec::new()
    };
    let mut spans = Vec::new();
    let mut ctx = Ctx::new(gaz, facts);
    ctx.person_surnames = if kept.is_empty() {
        person_surnames(&ctx, &doc.text, doc.passages.iter().map(tokenize_passage))
    } else {
        person_surnames(&ctx, &doc.text, kept.iter())
    };
    let mut scratch = Scratch::default();
    // A dateline opens the first passage, or the one after a headline standing alone
    // ("Headline\n\nKYIV, Ukraine — …").
    let headline_alone = doc.passages.first().is_some_and(|p| {
        doc.title
            .as_deref()
            .is_some_and(|t| doc.text[p.clone()].trim() == t.trim())
    });
    let opening = usize::from(headline_alone);
    for (pi, passage) in doc.passages.iter().enumerate() {
        let owned;
        let p = if let Some(p) = kept.get(pi) {
            p
        } else {
            owned = tokenize_passage(passage);
            &owned
        };
        let mut found = ctx.passage(&doc.text, p, opts, pi <= opening, &mut scratch);
        spans.append(&mut found);
    }
    confirm_weak_spans(&mut spans, &doc.text, facts, gaz.lexicon());
    spans
}

/// One passage's tokens and their exact word keys.
struct Passage {
    tokens: Vec<Token>,
    keys: WordKeys,
}

/// The exact key of every token of a passage ([`push_word_key`]), in one buffer.
struct WordKeys {
    buf: String,
    /// Where each key starts in `buf`, then where the last one ends (one more than tokens).
    bounds: Vec<u32>,
}

impl WordKeys {
    fn new(text: &str, tokens: &[Token]) -> Self {
        let mut buf: Vec<u8> = Vec::with_capacity(tokens.last().map_or(0, |t| t.end) / 2);
        let mut bounds = Vec::with_capacity(tokens.len() + 1);
        bounds.push(0);
        let bytes = text.as_bytes();
        let mut scratch = String::new();
        for t in tokens {
            let word = &bytes[t.start..t.end];
            let mark = buf.len();
            buf.reserve(word.len());
            // `push_word_key` on ASCII: the letters and digits, lowercased
            let mut ascii = true;
            for &b in word {
                match ASCII_KEY_BYTE[usize::from(b)] {
                    0 => {}
                    0xFF => {
                        ascii = false;
                        break;
                    }
                    k => buf.push(k),
                }
            }
            if !ascii {
                buf.truncate(mark);
                scratch.clear();
                push_word_key(t.text(text), &mut scratch);
                buf.extend_from_slice(scratch.as_bytes());
            }
            bounds.push(buf.len() as u32);
        }
        // Whole chars only were pushed, so this always holds.
        let buf = String::from_utf8(buf)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Self { buf, bounds }
    }

    /// The key of token `i`.
    #[inline]
    fn get(&self, i: usize) -> &str {
        &self.buf[self.bounds[i] as usize..self.bounds[i + 1] as usize]
    }

    /// The key of token `i`, None past the end.
    fn try_get(&self, i: usize) -> Option<&str> {
        (i + 1 < self.bounds.len()).then(|| self.get(i))
    }
}

/// Buffers reused across the lookups of a document.
#[derive(Default)]
struct Scratch {
    key: String,
    loose: String,
    tmp: String,
    /// Loose forms of the current passage's word keys, computed when first needed.
    loose_words: LooseWords,
}

/// The loose form ([`push_loose_word_with`]) of each word key of a passage, computed on demand.
#[derive(Default)]
struct LooseWords {
    buf: String,
    /// `(start, end)` in `buf` per token; `start == u32::MAX` until computed.
    spans: Vec<(u32, u32)>,
}

impl LooseWords {
    fn reset(&mut self, tokens: usize) {
        self.buf.clear();
        self.spans.clear();
        self.spans.resize(tokens, (u32::MAX, 0));
    }

    /// The loose form of token `i`'s key `key`.
    fn get(&mut self, i: usize, key: &str, tmp: &mut String) -> &str {
        let (mut s, mut e) = self.spans[i];
        if s == u32::MAX {
            s = self.buf.len() as u32;
            push_loose_word_with(key, &mut self.buf, tmp);
            e = self.buf.len() as u32;
            self.spans[i] = (s, e);
        }
        &self.buf[s as usize..e as usize]
    }
}

/// Surnames the document uses in full person names ("Sarah Johnson", "Mr. Barr"), so that a
/// later bare "Johnson" is not taken for Johnson City or Johnson, Vermont.
fn person_surnames<P: std::borrow::Borrow<Passage>>(
    ctx: &Ctx<'_>,
    text: &str,
    passages: impl Iterator<Item = P>,
) -> FxHashSet<String> {
    let lex = ctx.gaz.lexicon();
    let mut out = FxHashSet::default();
    for p in passages {
        let p = p.borrow();
        for (i, w) in p.tokens.windows(2).enumerate() {
            let (mut a, b) = (w[0], w[1]);
            let mut a_key = p.keys.get(i);
            let mut initial = false;
            // "Matthew D. Flores": look past a middle initial.
            if i > 0
                && a.end - a.start == 1
                && a.has(Token::CAP)
                && b.gap == Gap::Stop
                && p.tokens[i - 1].has(Token::CAP)
            {
                a = p.tokens[i - 1];
                a_key = p.keys.get(i - 1);
                initial = true;
            }
            if !(a.has(Token::CAP) && b.has(Token::CAP)) || b.has(Token::UPPER) {
                continue;
            }
            // "Mr. Smith" — not "…in Shelby. Montana offered…", nor "…for Municipal Court
            // Judge. Columbus attorney…" (a title written out takes no stop).
            let titled = b.gap == Gap::Stop
                && text[a.end..b.start].trim() == "."
                && ABBREVIATED_TITLES.contains(&a_key);
            if b.gap != Gap::Space && !titled && !initial {
                continue;
            }
            let b_key = p.keys.get(i + 1);
            // "Che Adams", "Seergeoh Villanueva": a first name the lexicon lacks, written
            // mid-sentence, that is no place, word or people either.
            let unknown_first = || {
                a.caps_informative()
                    && !initial
                    && a_key.len() > 1
                    && !STOP_SET.contains(&a_key)
                    && !lex.common_words.contains(a_key)
                    && ctx.gaz.max_words_from(a_key) == 0
                    && ctx.gaz.demonym(a_key).is_none()
            };
            let opener = ctx.is_given(a_key) || TITLES_SET.contains(&a_key);
            if (opener || b.gap == Gap::Space && unknown_first()) && lex.surnames.contains(b_key) {
                out.insert(b_key.to_owned());
            }
        }
        // "Sandberg reiterated", "said Keith", "Nelson himself": a person's name, where the
        // lexicon knows it as one.
        for (i, t) in p.tokens.iter().enumerate() {
            if !t.has(Token::CAP) || t.has(Token::UPPER) {
                continue;
            }
            // "officials in Geneva said" is the place.
            if i > 0 && {
                let prev = p.keys.get(i - 1);
                LOCATION_CUES_SET.contains(&prev) || matches!(prev, "of" | "the")
            } {
                continue;
            }
            // "said Keith." — not "told Springfield residents".
            let clause_ends = p.tokens.get(i + 1).is_none_or(|n| n.gap != Gap::Space);
            let before = i > 0
                && t.gap == Gap::Space
                && !p.tokens[i - 1].has(Token::CAP)
                && SPEECH_VERBS.contains(&p.keys.get(i - 1))
                && clause_ends;
            let after = lowercase_word_after(&p.tokens, &p.keys, i, |k| {
                SPEECH_VERBS.contains(&k) || matches!(k, "himself" | "herself")
            });
            // The neighbours first: the lexicon look-ups are the costly part.
            let key = p.keys.get(i);
            // ("Residents of Zeitoun and Shujaiya said": a list goes on the last name.)
            let listed = i > 0 && matches!(p.keys.get(i - 1), "and" | "or");
            if (before || after)
                && (lex.surnames.contains(key)
                    || ctx.is_given(key)
                    || !listed && only_small_towns(ctx, key))
            {
                out.insert(key.to_owned());
            }
        }
    }
    out
}

/// Whether every place of this name is a town of under 20,000 people from `GeoNames` (not a
/// curated neighbourhood): "Malinao said", "Payette added" are people, where "Beijing said"
/// and "Tamil Nadu said" are governments.
fn only_small_towns(ctx: &Ctx<'_>, key: &str) -> bool {
    let places = ctx.gaz.lookup(key);
    !places.is_empty()
        && places.iter().all(|p| {
            let f = &ctx.facts[p.place];
            matches!(f.kind, PlaceKind::City | PlaceKind::Locality)
                && f.origin == Origin::GeoNames
                && !f.capital
                && f.population < 20_000
        })
}

/// Whether the word after token `i`, one space on, is a lowercase word `pred` accepts ("…
/// Keith said", "Nelson himself").
fn lowercase_word_after(
    tokens: &[Token],
    keys: &WordKeys,
    i: usize,
    pred: impl Fn(&str) -> bool,
) -> bool {
    tokens
        .get(i + 1)
        .is_some_and(|n| n.gap == Gap::Space && !n.has(Token::CAP) && pred(keys.get(i + 1)))
}

/// Singular nouns that, after "the" and a region, make an epithet for one country: "the Gulf
/// state", "the Caribbean nation".
const EPITHET_HEADS: &[&str] = &[
    "state",
    "country",
    "nation",
    "kingdom",
    "emirate",
    "monarchy",
    "sultanate",
    "republic",
];

/// Verbs of saying next to a bare name mark a person.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "explained",
    "recalled",
    "reiterated",
    "wrote",
    "noted",
    "stated",
    "asked",
    "replied",
    "insisted",
    "acknowledged",
    "admitted",
];

/// Verbs, besides [`SPEECH_VERBS`], whose subject is an institution: "the Kremlin denied".
const INSTITUTION_VERBS: &[&str] = &[
    "announced",
    "declined",
    "denied",
    "confirmed",
    "warned",
    "urged",
    "rejected",
    "responded",
    "claimed",
    "insisted",
];

/// Lowercase nouns for the people of an institution: "White House aides", "Pentagon officials".
const STAFF_NOUNS: &[&str] = &[
    "aide",
    "aides",
    "staff",
    "staffer",
    "staffers",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "press",
    "correspondent",
    "chief",
    "official",
    "officials",
    "counsel",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "lawyer",
    "lawyers",
    "budget",
];

/// "Zaporizhzhia, Kherson, Odesa and Kramatorsk": from token `j` on, a comma and capitalised
/// words run to an "and" or "or" and one more capitalised word, as the tail of a list does
/// ("Austin, Texas, Mayor Steve Adler said" runs into a lowercase word first).
fn list_runs_on(tokens: &[Token], keys: &WordKeys, j: usize) -> bool {
    if tokens
        .get(j)
        .is_none_or(|t| t.gap != Gap::Comma || !t.has(Token::CAP))
    {
        return false;
    }
    for k in j + 1..tokens.len().min(j + 8) {
        let t = tokens[k];
        if t.has(Token::CAP) && matches!(t.gap, Gap::Space | Gap::Comma | Gap::Hyphen) {
            continue;
        }
        return matches!(t.gap, Gap::Space | Gap::Comma) && last_item_follows(tokens, keys, k);
    }
    false
}

/// Token `x` exists, is capitalised and follows a space: the next word of a name.
fn cap_after_space(tokens: &[Token], x: usize) -> bool {
    tokens
        .get(x)
        .is_some_and(|t| t.gap == Gap::Space && t.has(Token::CAP))
}

/// "National Park", "State Forest", "National Wildlife Refuge": how many capitalised tokens
/// from `k` on make the tail of a protected area's name, if they do.
fn park_tail(tokens: &[Token], keys: &WordKeys, k: usize) -> Option<usize> {
    let cap = |x: usize| cap_after_space(tokens, x);
    if !cap(k) || !cap(k + 1) {
        return None;
    }
    let heads: &[&str] = match keys.get(k) {
        "national" => &[
            "park",
            "forest",
            "monument",
            "seashore",
            "lakeshore",
            "preserve",
            "memorial",
            "battlefield",
            "wildlife",
            "recreation",
        ],
        "state" => &["park", "forest", "beach"],
        "international" => &["airport"],
        _ => return None,
    };
    if !heads.contains(&keys.get(k + 1)) {
        return None;
    }
    // "National Wildlife Refuge", "National Recreation Area"
    let third = matches!(keys.get(k + 1), "wildlife" | "recreation") && cap(k + 2);
    Some(if third { 3 } else { 2 })
}

/// Token `k` is "and" or "or" and a capitalised name follows, maybe after "the" ("and
/// Kramatorsk", "and the Nur Shams camp"): the last item of a list.
fn last_item_follows(tokens: &[Token], keys: &WordKeys, k: usize) -> bool {
    let cap_at = |x: usize| cap_after_space(tokens, x);
    matches!(keys.try_get(k), Some("and" | "or"))
        && (cap_at(k + 1) || keys.try_get(k + 1) == Some("the") && cap_at(k + 2))
}

/// "the town of Beit Lahia", "the village of Qatanna", "outskirts of Khuza'a": a lowercase
/// place word and "of" right before token `i`.
fn of_cue_before(tokens: &[Token], keys: &WordKeys, i: usize) -> bool {
    i >= 2
        && keys.get(i - 1) == "of"
        && !tokens[i - 1].has(Token::CAP)
        && !tokens[i - 2].has(Token::CAP)
        && OF_CUES_SET.contains(&keys.get(i - 2))
}

/// Whether token `head` opens a feature named "X of Y" ("Cape of Good Hope", "Gulf of
/// Alaska"): a capitalised [`FEATURE_OF_HEADS`] word, "of", then a capitalised word.
fn feature_of_at(tokens: &[Token], keys: &WordKeys, head: usize) -> bool {
    tokens[head].has(Token::CAP)
        && FEATURE_OF_HEADS.contains(&keys.get(head))
        && keys.try_get(head + 1) == Some("of")
        && tokens.get(head + 2).is_some_and(|n| {
            n.has(Token::CAP) && n.gap == Gap::Space && tokens[head + 1].gap == Gap::Space
        })
}

/// Whether a capitalised organisation head ("University", "School") directly continues the
/// name at one of the token positions in `range`.
fn org_head_in(tokens: &[Token], keys: &WordKeys, range: std::ops::Range<usize>) -> bool {
    range.take_while(|&j| j < tokens.len()).any(|j| {
        tokens[j].gap == Gap::Space
            && tokens[j].has(Token::CAP)
            && ORG_HEADS_SET.contains(&keys.get(j))
    })
}

/// Spans given from outside (gold spans): candidates looked up for each.
pub fn spans_for(
    gaz: &Gazetteer,
    facts: &Facts,
    text: &str,
    ranges: &[(usize, usize)],
) -> Vec<Span> {
    ranges
        .iter()
        .map(|&(start, end)| {
            let surface = text.get(start..end).unwrap_or_default();
            let mut key = name_key(surface);
            if key.starts_with("the ") {
                key.drain(.."the ".len());
            }
            // possessive "Israel's"
            if key.ends_with('s') && (surface.ends_with("'s") || surface.ends_with("’s")) {
                key.pop();
            }
            // "the OAS in Washington", "the CHU in Montpellier": two or three capitals the
            // gazetteer does not list as such are an acronym, not a hamlet named Oas or Chũ.
            let acronym = (2..=3).contains(&surface.chars().count())
                && surface
                    .chars()
                    .all(|c| c.is_alphabetic() && c.is_uppercase())
                && !gaz.lookup(&key).iter().any(|p| p.has(Posting::ACRONYM));
            if acronym {
                return Span::given(start, end, SpanKind::Unknown, Vec::new(), key);
            }
            let (kind, cands) = lookup_any(gaz, facts, &key, surface);
            if kind == SpanKind::Unknown {
                if let Some(cands) = part_lookup(gaz, facts, surface) {
                    let mut span = Span::given(start, end, SpanKind::Place, cands, key);
                    span.part = true;
                    return span;
                }
            }
            Span::given(start, end, kind, cands, key)
        })
        .collect()
}

/// The candidates of the longest (then leftmost) place named inside a multi-word name the
/// gazetteer lacks: "Colorado State University" → Colorado, "West Surrey" → Surrey. Ordinary
/// words ("Royal Street", "Whole Foods") are not taken for places; exact names only.
fn part_lookup(gaz: &Gazetteer, facts: &Facts, surface: &str) -> Option<Vec<Cand>> {
    let words: Vec<&str> = surface.split_whitespace().collect();
    let lex = gaz.lexicon();
    let mut adjective = None;
    for len in (1..words.len()).rev() {
        // Of the places named by parts this long, the first country, state or city named by
        // its own name: "Nazi Germany" is Germany, not a hamlet with "Nazi" among its
        // alternate names.
        let mut best: Option<(bool, Vec<Cand>)> = None;
        for first in 0..=words.len() - len {
            let sub = words[first..first + len].join(" ");
            let sub = sub.trim_matches(|c: char| !c.is_alphanumeric());
            if !sub.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let key = name_key(sub);
            // ("US Federal Reserve": two capitals are a country's code.)
            let code = key.len() == 2 && sub.chars().all(|c| c.is_ascii_uppercase());
            if key.len() < 3 && !code || STOP_SET.contains(key.as_str()) {
                continue;
            }
            let (kind, cands) = own_name_lookup(gaz, facts, &key, sub);
            // "European Commission", "Japanese embassy": the adjective's place.
            if !matches!(kind, SpanKind::Place | SpanKind::Demonym) || cands.is_empty() {
                continue;
            }
            let is_strong = |c: &Cand| {
                let f = &facts[c.place];
                matches!(f.kind, PlaceKind::Country | PlaceKind::Admin1) || f.population >= 100_000
            };
            let strong = cands.iter().any(is_strong);
            if len == 1 && lex.common_words.contains(key.as_str()) && !strong {
                continue;
            }
            // A place named outright beats an adjective ("British Embassy Tokyo").
            if kind == SpanKind::Demonym {
                adjective.get_or_insert(cands);
                continue;
            }
            // (By its own name, and no ordinary word: not "Valley" in "Thames Valley".)
            let notable = !lex.common_words.contains(key.as_str())
                && cands.iter().any(|c| c.quality >= 1.0 && is_strong(c));
            if best.as_ref().is_none_or(|(b, _)| notable && !*b) {
                best = Some((notable, cands));
            }
        }
        if let Some((_, cands)) = best {
            return Some(cands);
        }
    }
    adjective
}

/// [`lookup_any`], keeping only places under their own or an alternate name (no loose
/// spelling match): for names found inside a longer name.
fn own_name_lookup(
    gaz: &Gazetteer,
    facts: &Facts,
    key: &str,
    surface: &str,
) -> (SpanKind, Vec<Cand>) {
    let (kind, mut cands) = lookup_any(gaz, facts, key, surface);
    cands.retain(|c| c.quality >= 0.7);
    (kind, cands)
}

/// Gives spans from outside what the recogniser learnt about the same stretch of text: the
/// qualifier that follows it ("Paris, Texas") and whether it opens a dateline.
pub fn adopt_context(given: &mut [Span], found: &[Span]) {
    let by_range: FxHashMap<(usize, usize), &Span> =
        found.iter().map(|s| ((s.start, s.end), s)).collect();
    for span in given {
        if let Some(f) = by_range.get(&(span.start, span.end)) {
            span.qualifiers.clone_from(&f.qualifiers);
            span.dateline = f.dateline;
            span.area_hint = f.area_hint;
            span.team = f.team;
            if f.listed {
                span.kind = f.kind;
                span.cands.clone_from(&f.cands);
                span.key.clone_from(&f.key);
            }
        }
    }
}

fn lookup_any(gaz: &Gazetteer, facts: &Facts, key: &str, surface: &str) -> (SpanKind, Vec<Cand>) {
    let upper = surface
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let postings = gaz.lookup(key);
    // (As in the recogniser: "WA" is Washington or Western Australia, not Wa, Ghana.)
    let abbreviation = upper
        && key.len() <= 4
        && !surface.contains('.')
        && postings.iter().any(|p| p.has(Posting::ACRONYM));
    let exact: Vec<Cand> = postings
        .iter()
        .filter(|p| !abbreviation || p.has(Posting::ACRONYM))
        .filter(|p| !p.has(Posting::ACRONYM) || upper)
        .map(|p| Cand {
            place: p.place,
            quality: if p.has(Posting::PRIMARY) { 1.0 } else { 0.7 },
        })
        .collect();
    // "Platte Co.", "Tewksbury Twp.": the abbreviated head of a county or township.
    if exact.is_empty() {
        let expanded = [
            (" co", " county"),
            (" cnty", " county"),
            (" twp", " township"),
        ]
        .iter()
        .find_map(|(abbr, full)| key.strip_suffix(abbr).map(|stem| format!("{stem}{full}")));
        if let Some(expanded) = expanded {
            let (kind, cands) = lookup_any(gaz, facts, &expanded, surface);
            if kind == SpanKind::Place {
                return (kind, cands);
            }
        }
        // "Sokoto State", "Oaxaca State": the state of that name.
        if let Some(stem) = key.strip_suffix(" state") {
            let states: Vec<Cand> = gaz
                .lookup(stem)
                .iter()
                .filter(|p| facts[p.place].kind == PlaceKind::Admin1)
                .map(|p| Cand {
                    place: p.place,
                    quality: 1.0,
                })
                .collect();
            if !states.is_empty() {
                return (SpanKind::Place, states);
            }
        }
    }
    let demonym = gaz.demonym(key);
    // "Canadian", "German": a demonym beats a small town of that name.
    if let Some(place) = demonym {
        if exact.iter().all(|c| facts[c.place].prior < 3.0) {
            return (
                SpanKind::Demonym,
                vec![Cand {
                    place,
                    quality: 1.0,
                }],
            );
        }
    }
    if !exact.is_empty() {
        return (SpanKind::Place, exact);
    }
    let loose: Vec<Cand> = gaz
        .lookup_loose(&crate::gazetteer::normalize::loose_key(key))
        .iter()
        .filter(|p| !p.has(Posting::ACRONYM) && !p.has(Posting::QUALIFIER_ONLY))
        .map(|p| Cand {
            place: p.place,
            quality: 0.3,
        })
        .collect();
    if !loose.is_empty() {
        return (SpanKind::Place, loose);
    }
    (SpanKind::Unknown, Vec::new())
}

struct Ctx<'g> {
    gaz: &'g Gazetteer,
    facts: &'g Facts,
    /// Surnames of people named in the document.
    person_surnames: FxHashSet<String>,
}

/// A place or demonym match at a token: token range and candidates.
struct Hit {
    last: usize,
    /// Token index after the last token used for lookup (may include a lowercase head).
    kind: SpanKind,
    cands: Vec<Cand>,
    key: String,
}

impl<'g> Ctx<'g> {
    fn new(gaz: &'g Gazetteer, facts: &'g Facts) -> Self {
        Self {
            gaz,
            facts,
            person_surnames: FxHashSet::default(),
        }
    }

    /// Whether `key` names a sizeable town or larger (by its own name) and is no ordinary word
    /// or personal name.
    fn sizeable_proper_place(&self, key: &str) -> bool {
        let lex = self.gaz.lexicon();
        !lex.common_words.contains(key)
            && !self.is_given(key)
            && !lex.surnames.contains(key)
            && self.gaz.lookup(key).iter().any(|p| {
                p.has(Posting::PRIMARY)
                    && !p.has(Posting::ACRONYM)
                    && self.facts[p.place].prior >= 3.0
            })
    }

    /// Whether a first-level unit among `cands` contains the most prominent city among them:
    /// "the Donetsk region" is the oblast around Donetsk ("the Charlotte region" is not a
    /// Caribbean parish).
    fn unit_around_best_city(&self, cands: &[Cand]) -> bool {
        cands
            .iter()
            .filter(|c| self.facts[c.place].kind == PlaceKind::City)
            .max_by(|a, b| {
                self.facts[a.place]
                    .prior
                    .total_cmp(&self.facts[b.place].prior)
            })
            .is_some_and(|top| {
                cands.iter().any(|c| {
                    self.facts[c.place].kind == PlaceKind::Admin1
                        && self.gaz.contains(c.place, top.place)
                })
            })
    }

    fn is_given(&self, key: &str) -> bool {
        // Census given names include a few function words ("In", "An", "So", "My") that open
        // sentences far more often than they name anyone: "In Springfield, …".
        const FUNCTION_WORDS: [&str; 8] = ["in", "an", "so", "my", "at", "on", "by", "to"];
        (self.gaz.lexicon().given_names.contains(key) || EXTRA_GIVEN_SET.contains(key))
            && !FUNCTION_WORDS.contains(&key)
    }

    /// "Linda Harper of Prospect", "a man, 45, of Waldo": a person's name or age and "of"
    /// right before token `i` say where that person lives.
    fn person_of_before(&self, text: &str, tokens: &[Token], keys: &WordKeys, i: usize) -> bool {
        if i < 2 || keys.get(i - 1) != "of" || tokens[i - 1].has(Token::CAP) {
            return false;
        }
        let age = text[..tokens[i - 1].start]
            .trim_end()
            .strip_suffix(',')
            .is_some_and(|s| {
                let rest = s.trim_end_matches(|c: char| c.is_ascii_digit());
                (1..=3).contains(&(s.len() - rest.len())) && rest.trim_end().ends_with(',')
            });
        let named = i >= 3
            && tokens[i - 2].has(Token::CAP)
            && tokens[i - 2].gap == Gap::Space
            && tokens[i - 3].has(Token::CAP)
            && self.is_given(keys.get(i - 3))
            && self.gaz.lexicon().surnames.contains(keys.get(i - 2))
            // ("German Chambers of Commerce" is no one.)
            && !matches!(keys.get(i - 2), "chamber" | "chambers")
            && !ORG_HEADS_SET.contains(&keys.get(i - 2));
        age || named
    }

    fn passage(
        &self,
        text: &str,
        passage: &Passage,
        opts: &ExtractOptions,
        first_passage: bool,
        scratch: &mut Scratch,
    ) -> Vec<Span> {
        let tokens = passage.tokens.as_slice();
        let keys = &passage.keys;
        scratch.loose_words.reset(tokens.len());
        let mut out: Vec<Span> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            let starts_name = t.has(Token::CAP) || t.has(Token::UPPER);
            let article_start = !starts_name
                && is_article(keys.get(i))
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| n.gap == Gap::Hyphen && n.has(Token::CAP));
            if !(starts_name || article_start) || t.has(Token::DIGIT) {
                i += 1;
                continue;
            }
            // "As Gaza burned", "At El-Arish": an English word that is also a transliterated
            // article opens the sentence; the name starts after it.
            if matches!(keys.get(i), "as" | "at" | "an")
                && !t.has(Token::UPPER)
                && tokens.get(i + 1).is_some_and(|n| n.gap == Gap::Space)
            {
                i += 1;
                continue;
            }
            let after_comma_place = t.gap == Gap::Comma
                && out.last().is_some_and(|s| {
                    s.kind == SpanKind::Place && i > 0 && s.end == tokens[i - 1].end
                });
            // "Sen. Bob Casey, D-Pa.": a party letter and a state's abbreviation.
            let party = i >= 1
                && t.gap == Gap::Hyphen
                && matches!(
                    &text[tokens[i - 1].start..tokens[i - 1].end],
                    "D" | "R" | "I"
                );
            let qualifier_ok = after_comma_place || party;
            let place = self.match_place(text, tokens, keys, i, qualifier_ok, scratch);
            let demonym = if opts.demonyms {
                self.match_demonym(tokens, keys, i, &mut scratch.key)
            } else {
                None
            };
            // A demonym beats a same-named small town ("German" → Germany, not San Germán);
            // a longer match wins otherwise, a place on ties.
            let weak = |h: &Hit| h.cands.iter().all(|c| self.facts[c.place].prior < 3.0);
            let hit = match (place, demonym) {
                (Some(p), Some(d)) => Some(if d.last > p.last || (d.last == p.last && weak(&p)) {
                    d
                } else {
                    p
                }),
                (p, d) => p.or(d),
            };
            let Some(hit) = hit else {
                i += 1;
                continue;
            };
            let last = hit.last;
            // "Khan Younis's Nasser Hospital": the possessive closes a place's name.
            let after_place_possessive = i > 0
                && tokens[i - 1].has(Token::POSSESSIVE)
                && out.last().is_some_and(|s| s.end == tokens[i - 1].end);
            // "near Nabatieh and Tyre": the next item of a pair whose first is a place.
            let after_listed_place = i >= 2
                && tokens[i].gap == Gap::Space
                && tokens[i - 1].gap == Gap::Space
                && matches!(keys.get(i - 1), "and" | "or")
                && out.last().is_some_and(|s| {
                    s.end == tokens[i - 2].end && s.kind == SpanKind::Place
                })
                // (Not "McDonald and Barry": a surname read as a town vouches for nothing.)
                && !self.gaz.lexicon().surnames.contains(keys.get(i - 2))
                && !self.is_given(keys.get(i - 2));
            // "Yosemite National Park": not National Park, New Jersey, but the tail of a
            // park's name; nor is "Rocky Mountain National Park" Mountain, Wisconsin's park.
            // The capitalised-run pass finds the whole name.
            let run_goes_back = i > 0
                && tokens[i].gap == Gap::Space
                && tokens[i - 1].has(Token::CAP)
                && !tokens[i - 1].has(Token::POSSESSIVE)
                && !matches!(keys.get(i - 1), "the" | "a" | "an")
                // (a stop word only where its capital says something: "the Muslim Quarter")
                && (tokens[i - 1].caps_informative() || !STOP_SET.contains(&keys.get(i - 1)));
            // "Glacier National Park": the tail after the hit makes a park's name of any word.
            let tail_after =
                park_tail(tokens, keys, last + 1).filter(|_| hit.kind == SpanKind::Place);
            // ("Lakeshore" in "National Lakeshore" is no Lake Shore either.)
            let inside_tail = (i.saturating_sub(2)..i)
                .any(|k| park_tail(tokens, keys, k).is_some_and(|n| k + n > last));
            // "Swat Valley", "Davy Crockett National Forest": a place's head after a
            // capitalised word is the end of a longer name, not Valley (in Wales) or Forest (in
            // Guernsey).
            let head_of_longer = run_goes_back
                && i == last
                && hit.kind == SpanKind::Place
                && PLACE_HEADS_SET.contains(keys.get(i));
            if inside_tail
                || head_of_longer
                || run_goes_back
                    && (park_tail(tokens, keys, i).is_some_and(|n| i + n - 1 == last)
                        || tail_after.is_some())
            {
                i = last + 1;
                continue;
            }
            // "the Houston Rockets": a team's name opens with its town, whatever the words
            // after it would otherwise say.
            let team = if hit.kind == SpanKind::Place {
                self.team_home(tokens, keys, last, &hit.key, &hit.cands)
            } else {
                None
            };
            let verdict = if team.is_some() {
                Verdict::Keep { embedded: true }
            } else if tail_after.is_some() {
                Verdict::Keep { embedded: false }
            } else {
                self.judge(
                    text,
                    tokens,
                    keys,
                    i,
                    &hit,
                    qualifier_ok,
                    first_passage,
                    after_place_possessive,
                    after_listed_place,
                )
            };
            match verdict {
                Verdict::Keep { embedded } => {
                    if embedded && !opts.embedded {
                        i = last + 1;
                        continue;
                    }
                    let weak_caps = (i..=last)
                        .all(|j| !tokens[j].caps_informative() || !tokens[j].has(Token::CAP));
                    let mut resume = last + 1;
                    // "St. John's": a name indexed with its possessive "s" takes the "'s" in.
                    let end = if tokens[last].has(Token::POSSESSIVE)
                        && hit.key.rsplit(' ').next().and_then(|w| w.strip_suffix('s'))
                            == Some(keys.get(last))
                    {
                        text[tokens[last].end..]
                            .char_indices()
                            .nth(2)
                            .map_or(text.len(), |(k, _)| tokens[last].end + k)
                    } else {
                        tokens[last].end
                    };
                    let mut span = Span {
                        start: tokens[i].start,
                        end,
                        kind: hit.kind,
                        cands: hit.cands,
                        embedded,
                        qualifiers: Vec::new(),
                        key: hit.key,
                        weak_caps,
                        dateline: first_passage
                            && (i == 0 && tokens[i].has(Token::UPPER)
                                || opens_dateline(tokens, i, last)),
                        // "in Maliki's ability": the cue governs what follows the possessive.
                        // "the village of Qatanna" is a cue as strong.
                        cue: i > 0
                            && (LOCATION_CUES_SET.contains(&keys.get(i - 1))
                                || of_cue_before(tokens, keys, i))
                            && !tokens[last].has(Token::POSSESSIVE),
                        area_hint: false,
                        listed: false,
                        part: false,
                        given: false,
                        head_kind: None,
                        province_head: false,
                        team,
                    };
                    // "the Cumberland River", "the Kanawha Valley": a river or another natural
                    // feature the gazetteer lacks, named after a place, is placed through that
                    // place, as a part (a far namesake gives way to the story's focus), not read
                    // as the place itself. So is a hotel ("the Roosevelt Hotel").
                    if hit.kind == SpanKind::Place
                        && !embedded
                        && tokens.get(last + 1).is_some_and(|n| {
                            n.gap == Gap::Space
                                && n.has(Token::CAP)
                                && !n.has(Token::UPPER)
                                && (matches!(
                                    keys.get(last + 1),
                                    "river" | "creek" | "islands" | "hotel"
                                ) || NAMED_FEATURE_HEADS.contains(&keys.get(last + 1)))
                        })
                        && !tokens
                            .get(last + 2)
                            .is_some_and(|n| n.gap == Gap::Space && n.has(Token::CAP))
                    {
                        span.end = tokens[last + 1].end;
                        span.key.push(' ');
                        span.key.push_str(keys.get(last + 1));
                        // (A valley or hills named after a place stand for it: "the Las Vegas
                        // Valley" is Las Vegas, as the story's context reads it.)
                        span.part = !NAMED_FEATURE_HEADS.contains(&keys.get(last + 1));
                        resume = last + 2;
                    } else if let Some(n) = tail_after.filter(|_| !embedded) {
                        // "Zion National Park", "Big Bend National Park": a park named after a
                        // place is no reading of that name (Zion is also Jerusalem); a name the
                        // gazetteer lacks, unless a possessive says where it lies.
                        span.end = tokens[last + n].end;
                        for k in last + 1..=last + n {
                            span.key.push(' ');
                            span.key.push_str(keys.get(k));
                        }
                        // ("Vancouver International Airport" serves Vancouver: it is placed
                        // through the town, as a part.)
                        if keys.get(last + n) != "airport" {
                            span.cands.clear();
                        }
                        span.part = true;
                        resume = last + n + 1;
                    } else if hit.kind == SpanKind::Place
                        && !embedded
                        && i > 0
                        && keys.get(i - 1) == "river"
                        && tokens[i - 1].has(Token::CAP)
                        && tokens[i].gap == Gap::Space
                        && out.last().is_none_or(|s| s.end <= tokens[i - 1].start)
                    {
                        // "the River Severn", "River Taff": the British order. A river the
                        // gazetteer has under the inner name is that river; otherwise the name
                        // is placed through the place inside it, as a part (not Severn,
                        // Maryland, in a story about Gloucestershire).
                        span.start = tokens[i - 1].start;
                        span.key.push_str(" river");
                        let river = |c: &Cand| self.gaz.place(c.place).feature == "H.STM";
                        if span.cands.iter().any(river) {
                            span.cands.retain(river);
                        } else {
                            span.part = true;
                        }
                    }
                    // "Okinawa's Ishigaki", "Florida's Big Bend": a country's or a region's
                    // possessive says where the name lies. A name with no reading there is one
                    // the gazetteer lacks (Frankfort, Kentucky, is also "Big Bend"): it is
                    // placed through the region, as a part.
                    // (Not "Hungary's Viktor Orbán": a given name, or a name running on into
                    // another capitalised word but a place's head, is a person's.)
                    if after_place_possessive
                        && tokens[i].gap == Gap::Space
                        && span.kind == SpanKind::Place
                        && !embedded
                        && (resume > last + 1 || !self.is_given(keys.get(i)))
                        && (!cap_after_space(tokens, resume)
                            || PLACE_HEADS_SET.contains(keys.get(resume)))
                    {
                        // The possessor's readings that pass a test.
                        let possessor = |keep: &dyn Fn(&Fact) -> bool| -> Vec<PlaceId> {
                            out.last()
                                .map(|prev| {
                                    prev.cands
                                        .iter()
                                        .map(|c| c.place)
                                        .filter(|&p| keep(&self.facts[p]))
                                        .collect()
                                })
                                .unwrap_or_default()
                        };
                        let areas = possessor(&|f| {
                            matches!(
                                f.kind,
                                PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Admin2
                            )
                        });
                        // (A big city's possessive, "Washington's Dulles Airport", holds what
                        // lies close to it.)
                        let big_cities =
                            possessor(&|f| f.kind == PlaceKind::City && f.population >= 100_000);
                        // ("Israel's Gaza Strip", "Russia's war in Ukraine": a country, a
                        // region or a big city by its own name is a place in its own right.)
                        let own_standing = span.cands.iter().any(|c| {
                            let f = &self.facts[c.place];
                            c.quality >= 1.0
                                && (matches!(f.kind, PlaceKind::Country | PlaceKind::Admin1)
                                    || f.population >= 100_000)
                        });
                        // (A feature, a region, a site the supplement files by country only,
                        // and a border site filed under no country, "Egypt's Rafah crossing",
                        // may lie there.)
                        let inside = span.cands.iter().any(|c| {
                            areas
                                .iter()
                                .any(|&a| self.facts.may_lie_in(self.gaz, a, c.place))
                        });
                        let near_city = span.cands.iter().any(|c| {
                            big_cities
                                .iter()
                                .any(|&b| self.facts.km_apart(b, c.place) < NEAR_CITY_KM)
                        });
                        if !areas.is_empty() && !near_city && (inside || !own_standing) {
                            if !inside {
                                span.cands = areas
                                    .iter()
                                    .map(|&place| Cand {
                                        place,
                                        quality: 1.0,
                                    })
                                    .collect();
                                span.part = true;
                            }
                            span.qualifiers.extend(areas);
                        }
                    }
                    // "Washington state", "Idlib province", "Jackson county": a lowercase
                    // head after the name says which kind of place it is.
                    if let Some(kind) = tokens
                        .get(last + 1)
                        .filter(|n| n.gap == Gap::Space && !n.has(Token::CAP))
                        .and_then(|_| match keys.get(last + 1) {
                            "state" | "province" | "governorate" | "oblast" | "prefecture" => {
                                Some(PlaceKind::Admin1)
                            }
                            "region" if self.unit_around_best_city(&span.cands) => {
                                Some(PlaceKind::Admin1)
                            }
                            "county" | "parish" => Some(PlaceKind::Admin2),
                            _ => None,
                        })
                    {
                        // The name is that unit itself, not a town inside it ("Idlib province"
                        // is not Idlib city).
                        span.head_kind = Some(kind);
                        span.province_head = keys.get(last + 1) == "province";
                        let units: Vec<PlaceId> = span
                            .cands
                            .iter()
                            .map(|c| c.place)
                            .filter(|&p| span.head_fits(self.facts[p].kind))
                            .collect();
                        span.qualifiers.extend(units);
                    } else if tokens.get(last + 1).is_some_and(|n| {
                        n.gap == Gap::Space && n.has(Token::CAP) && keys.get(last + 1) == "state"
                    }) && !tokens
                        .get(last + 2)
                        .is_some_and(|n| n.gap == Gap::Space && n.has(Token::CAP))
                    {
                        // "Sokoto State", "Oaxaca State": the state, named as its country
                        // writes it. (Not "Ohio State University"; nor in the US at all, where
                        // "Mississippi State" and "Colorado State" are universities and their
                        // teams.)
                        let states: Vec<PlaceId> = span
                            .cands
                            .iter()
                            .map(|c| c.place)
                            .filter(|&p| {
                                self.facts[p].kind == PlaceKind::Admin1
                                    && self.gaz.place(p).country != "US"
                            })
                            .collect();
                        if !states.is_empty() {
                            span.qualifiers.extend(states);
                            span.head_kind = Some(PlaceKind::Admin1);
                            span.end = tokens[last + 1].end;
                        }
                    }
                    // "the New York border": a line between states or countries.
                    span.area_hint = tokens.get(last + 1).is_some_and(|n| {
                        n.gap == Gap::Space
                            && !n.has(Token::CAP)
                            && matches!(keys.get(last + 1), "border" | "borders")
                    });
                    // "the Middle East, US Central Command said": a name that runs on into
                    // more capitalised words starts a new phrase; it qualifies nothing.
                    // ("Parkland, Florida The controversy…": a function word starts a sentence
                    // whose full stop went missing.)
                    let runs_on = tokens.get(last + 1).is_some_and(|n| {
                        n.gap == Gap::Space
                            && n.has(Token::CAP)
                            && !matches!(
                                keys.get(last + 1),
                                "the"
                                    | "a"
                                    | "an"
                                    | "this"
                                    | "that"
                                    | "it"
                                    | "he"
                                    | "she"
                                    | "they"
                                    | "we"
                                    | "but"
                                    | "and"
                                    | "in"
                                    | "on"
                                    | "at"
                            )
                    });
                    if after_comma_place && span.kind == SpanKind::Place && !runs_on {
                        // "Alexandria, Louisiana": the second name qualifies the first.
                        let areas: Vec<PlaceId> = span
                            .cands
                            .iter()
                            .map(|c| c.place)
                            .filter(|&p| self.facts[p].kind.is_area())
                            .collect();
                        // "Cleveland, Columbus, Dayton": a name with no area reading is the
                        // next item of a list, not a qualifier.
                        // "Jenin, Tulkarem, Nablus and Qalqilya": nor is an area, inside a
                        // list of three or more, that contains no reading of the name before it.
                        let n = out.len();
                        let in_list = n >= 2
                            && text[out[n - 2].end..out[n - 1].start].trim() == ","
                            || tokens.get(last + 1).is_some_and(|t| t.gap == Gap::Space)
                                && last_item_follows(tokens, keys, last + 1)
                            || list_runs_on(tokens, keys, last + 1);
                        // (By its own name: "Washington, New York and Boston" is a list,
                        // though a New York town has "Washington" among its other names.)
                        // (Nor "Venezuela, Cuba and Norway", though a Cuban town is called
                        // Venezuela: a country's name qualified picks a region of that name, not
                        // a town.)
                        let contains_prev = out.last().is_some_and(|prev| {
                            let country = prev.cands.iter().any(|c| {
                                c.quality >= 1.0 && self.facts[c.place].kind == PlaceKind::Country
                            });
                            prev.cands.iter().any(|c| {
                                c.quality >= 1.0
                                    && (!country || self.facts[c.place].kind.is_area())
                                    && areas.iter().any(|&a| self.gaz.contains(a, c.place))
                            })
                        });
                        // "Tel Aviv, Jerusalem and …": a big city by its own name, whose areas
                        // hold no reading of the name before it, is the next item too.
                        let big_city = span.cands.iter().any(|c| {
                            let f = &self.facts[c.place];
                            c.quality >= 1.0 && f.kind == PlaceKind::City && f.population >= 100_000
                        });
                        let listed = in_list || big_city;
                        if !areas.is_empty() && (contains_prev || !listed) {
                            if let Some(prev) = out.last_mut() {
                                prev.qualifiers.extend(areas);
                            }
                            span.cands.retain(|c| self.facts[c.place].kind.is_area());
                        }
                    }
                    if !span.cands.is_empty() {
                        out.push(span);
                    } else if resume > last + 1 {
                        // a park's name with no reading: unresolved, like any name the
                        // gazetteer lacks
                        out.push(Span::given(
                            span.start,
                            span.end,
                            SpanKind::Unknown,
                            Vec::new(),
                            span.key,
                        ));
                    }
                    i = resume;
                }
                Verdict::SkipTo(next) => {
                    log::trace!(
                        "not a place: {:?}",
                        &text[tokens[i].start..tokens[last].end]
                    );
                    i = next.max(i + 1);
                }
            }
        }
        self.plural_heads(text, tokens, keys, &mut out);
        self.street_corners(text, tokens, keys, &mut out);
        if opts.unresolved {
            road_numbers(text, tokens, keys, &mut out);
            self.context_marked(text, tokens, keys, &mut out);
        }
        out.sort_by_key(|s| s.start);
        out
    }

    /// "Cooke, Grayson and Love counties", "Jackson and Barrow counties", "the North West and
    /// Limpopo provinces": each name in a list before a plural head is a place of that kind,
    /// looked up as "Cooke County" (a county) or as the region itself. Replaces whatever the
    /// word-by-word pass made of those names.
    fn plural_heads(&self, text: &str, tokens: &[Token], keys: &WordKeys, out: &mut Vec<Span>) {
        for (j, head) in tokens.iter().enumerate() {
            if head.has(Token::CAP) || head.gap != Gap::Space || j < 3 {
                continue;
            }
            // (A list of regions may be macro-regions too: "the Sahel and Maghreb regions".)
            let streets = matches!(keys.get(j), "streets" | "avenues" | "boulevards");
            let (suffix, kind, or_kind) = match keys.get(j) {
                _ if streets => (None, PlaceKind::Locality, None),
                "counties" => (Some("county"), PlaceKind::Admin2, None),
                "parishes" => (Some("parish"), PlaceKind::Admin2, None),
                "rivers" => (Some("river"), PlaceKind::Physical, None),
                // (A Philippine or Italian province is a second-level unit.)
                "provinces" => (None, PlaceKind::Admin1, Some(PlaceKind::Admin2)),
                "states" | "governorates" | "oblasts" | "prefectures" => {
                    (None, PlaceKind::Admin1, None)
                }
                "regions" => (None, PlaceKind::Admin1, Some(PlaceKind::Region)),
                _ => continue,
            };
            // Members, last first: runs of capitalised words separated by commas, "and", "or".
            let mut members: Vec<(usize, usize)> = Vec::new();
            let mut k = j - 1;
            let mut closed = false;
            loop {
                if !tokens[k].has(Token::CAP) || tokens[k].has(Token::DIGIT) {
                    break;
                }
                let m = cap_run_start(tokens, k);
                members.push((m, k));
                if m == 0 {
                    break;
                }
                if tokens[m].gap == Gap::Comma {
                    k = m - 1;
                } else if m >= 2
                    && tokens[m].gap == Gap::Space
                    && matches!(keys.get(m - 1), "and" | "or")
                    && !tokens[m - 1].has(Token::CAP)
                {
                    k = m - 2;
                    closed = true;
                } else {
                    break;
                }
            }
            if !closed || members.len() < 2 {
                continue;
            }
            if streets {
                self.street_list(text, tokens, keys, &members, false, out);
                continue;
            }
            for &(m, k) in &members {
                // Drop leading words the run swallowed ("Small Hitchcock").
                let found = (m..=k).find_map(|start| {
                    let mut key = (start..=k)
                        .map(|x| keys.get(x))
                        .collect::<Vec<_>>()
                        .join(" ");
                    if let Some(suffix) = suffix {
                        key.push(' ');
                        key.push_str(suffix);
                    }
                    let surface = &text[tokens[start].start..tokens[k].end];
                    let (span_kind, mut cands) = lookup_any(self.gaz, self.facts, &key, surface);
                    cands.retain(|c| {
                        let k = self.facts[c.place].kind;
                        k == kind || Some(k) == or_kind
                    });
                    (span_kind == SpanKind::Place && !cands.is_empty())
                        .then_some((start, key, cands))
                });
                let Some((start, key, cands)) = found else {
                    // "the Lamone and Savio rivers": a river the gazetteer lacks is still a
                    // river, not the town of Savio.
                    if kind == PlaceKind::Physical {
                        // (Not "The" opening the sentence.)
                        let m = (m..k).find(|&x| keys.get(x) != "the").unwrap_or(k);
                        push_listed_unknown(text, tokens[m].start, tokens[k].end, out);
                    }
                    continue;
                };
                let (from, to) = (tokens[start].start, tokens[k].end);
                out.retain(|s| s.end <= from || s.start >= to);
                let mut span = Span::given(from, to, SpanKind::Place, cands, key);
                span.listed = true;
                out.push(span);
            }
        }
    }

    /// "the Chartres/Franklin intersection", "at the corner of Main and Broad": names that meet
    /// at a corner are streets (handed to [`Self::street_list`]), not Chartres in France or a
    /// Franklin somewhere.
    fn street_corners(&self, text: &str, tokens: &[Token], keys: &WordKeys, out: &mut Vec<Span>) {
        // A run of one to three capitalised words ending or starting at a token, as (first,
        // last).
        let run_back = |k: usize| (cap_run_start(tokens, k), k);
        let run_ahead = |m: usize| {
            let mut k = m;
            while k + 1 < tokens.len()
                && k - m < 2
                && tokens[k + 1].gap == Gap::Space
                && tokens[k + 1].has(Token::CAP)
            {
                k += 1;
            }
            (m, k)
        };
        let name = |t: &Token| t.has(Token::CAP) && !t.has(Token::DIGIT);
        // Whether a slash joins token `b` to the one before it ("Chartres/Franklin").
        let slash = |b: usize| {
            tokens[b].gap == Gap::Other && text[tokens[b - 1].end..tokens[b].start].trim() == "/"
        };
        // Whether "and" or "&" joins token `a` to the one after the conjunction.
        let and = |a: usize| {
            a + 2 < tokens.len()
                && matches!(keys.get(a + 1), "and" | "&")
                && !tokens[a + 1].has(Token::CAP)
                && tokens[a + 2].gap == Gap::Space
        };
        for (j, head) in tokens.iter().enumerate() {
            if head.has(Token::CAP)
                || !matches!(keys.get(j), "intersection" | "intersections" | "corner")
            {
                continue;
            }
            let mut members: Vec<(usize, usize)> = Vec::new();
            if keys.get(j) != "corner" && j >= 3 && head.gap == Gap::Space && name(&tokens[j - 1]) {
                // "the Chartres/Franklin intersection", "the Royal and Press intersection"
                let second = run_back(j - 1);
                let (m, _) = second;
                if m >= 1 && slash(m) && name(&tokens[m - 1]) {
                    members.extend([run_back(m - 1), second]);
                } else if m >= 3
                    && tokens[m].gap == Gap::Space
                    && matches!(keys.get(m - 1), "and" | "&")
                    && name(&tokens[m - 2])
                {
                    members.extend([run_back(m - 2), second]);
                }
            } else if j + 2 < tokens.len()
                && keys.get(j + 1) == "of"
                && tokens[j + 2].gap == Gap::Space
                && name(&tokens[j + 2])
            {
                // "the intersection of Main and Broad", "the corner of Royal/Frenchmen"
                let first = run_ahead(j + 2);
                let (_, k) = first;
                if k + 1 < tokens.len() && slash(k + 1) && name(&tokens[k + 1]) {
                    members.extend([first, run_ahead(k + 1)]);
                } else if and(k) && name(&tokens[k + 2]) {
                    members.extend([first, run_ahead(k + 2)]);
                }
            }
            // ("the intersection of Woodfield and Martingale roads": the list before a plural
            // head is left to the rules for those; "Delmar Street" is already a street.)
            let plural_after = members.last().is_some_and(|&(_, k)| {
                matches!(keys.try_get(k + 1), Some("roads" | "streets" | "avenues"))
            });
            members.retain(|&(_, k)| !STREET_HEADS.contains(&keys.get(k)));
            if !plural_after && !members.is_empty() {
                self.street_list(text, tokens, keys, &members, true, out);
            }
        }
    }

    /// "State and Hubbard streets", "Bourbon and Dauphine streets": each member of the list is
    /// a street the gazetteer lacks, not the town Hubbard, Ohio. (Not "Texas and Oklahoma
    /// streets": a list naming a state, a country or a big city is of those places. Streets
    /// that meet at a `corner` are named after states and cities often enough, "the corner of
    /// Washington and Lincoln"; only a country or a macro-region there says otherwise.)
    fn street_list(
        &self,
        text: &str,
        tokens: &[Token],
        keys: &WordKeys,
        members: &[(usize, usize)],
        corner: bool,
        out: &mut Vec<Span>,
    ) {
        let notable = |m: usize, k: usize| {
            let surface = &text[tokens[m].start..tokens[k].end];
            let key = (m..=k).map(|x| keys.get(x)).collect::<Vec<_>>().join(" ");
            lookup_any(self.gaz, self.facts, &key, surface)
                .1
                .iter()
                .any(|c| {
                    let f = &self.facts[c.place];
                    if corner {
                        matches!(
                            f.kind,
                            PlaceKind::Country | PlaceKind::Continent | PlaceKind::Region
                        )
                    } else {
                        f.kind.is_area() || f.population >= 100_000
                    }
                })
        };
        if members.iter().any(|&(m, k)| notable(m, k)) {
            return;
        }
        for &(m, k) in members {
            // ("between First and Herman streets": a numbered street is no name.)
            if m == k && ORDINAL_WORDS.contains(&keys.get(m)) {
                continue;
            }
            push_listed_unknown(text, tokens[m].start, tokens[k].end, out);
        }
    }

    /// Longest gazetteer match starting at token `i`.
    fn match_place(
        &self,
        text: &str,
        tokens: &[Token],
        keys: &WordKeys,
        i: usize,
        after_comma: bool,
        scratch: &mut Scratch,
    ) -> Option<Hit> {
        let first_key = keys.get(i);
        if first_key.is_empty() {
            return None;
        }
        let Scratch {
            key,
            loose,
            tmp,
            loose_words,
        } = scratch;
        let exact_max = self.gaz.max_words_from(first_key);
        let loose_first = if is_article(first_key) {
            keys.try_get(i + 1).map(|k| (i + 1, k))
        } else {
            Some((i, first_key))
        };
        let loose_first_max = loose_first
            .map(|(n, k)| (n, self.gaz.max_loose_words_from(loose_words.get(n, k, tmp))));
        let loose_possible = loose_first_max.is_some_and(|(_, m)| m > 0);
        if exact_max == 0 && !loose_possible {
            return None;
        }
        // Keys longer (in words) than the longest indexed key with their first word cannot
        // match: those look-ups are skipped (each is a cache miss in a large table).
        let mut loose_n = 0usize;
        let mut loose_max = 0usize;
        let max_words = 8usize;
        key.clear();
        loose.clear();
        let mut best: Option<Hit> = None;
        let mut last_capped = i;
        let mut initial = false;
        for j in i..tokens.len().min(i + max_words) {
            let tj = tokens[j];
            if j > i {
                let prev = tokens[j - 1];
                // "St. Louis", and an initial before an abbreviation: "W. Va." (keyed as the
                // "W.Va." it abbreviates)
                let dot = tj.gap == Gap::Stop && text[prev.end..tj.start].trim() == ".";
                initial = dot && prev.end - prev.start == 1 && prev.has(Token::CAP);
                let joinable = matches!(tj.gap, Gap::Space | Gap::Hyphen)
                    || dot && (["st", "mt", "ft"].contains(&keys.get(j - 1)) || initial);
                if !joinable {
                    // "St. John's, N.L.", "near St. Mary's.": a possessive that ends the run
                    // closes a name indexed with it, when there is one.
                    if prev.has(Token::POSSESSIVE) {
                        if let Some(hit) = self.possessive_whole(j - 1, key) {
                            best = Some(hit);
                        }
                    }
                    break;
                }
                if prev.has(Token::POSSESSIVE) {
                    if let Some(hit) = self.possessive_name(tokens, keys, j, key) {
                        best = Some(hit);
                    }
                    break;
                }
            }
            let kj = keys.get(j);
            if kj.is_empty() {
                break;
            }
            let capped = tj.has(Token::CAP) || tj.has(Token::UPPER) || tj.has(Token::DIGIT);
            let lower_head = !capped && j > i && LOWER_HEADS_SET.contains(&kj);
            // A lowercase word inside a hyphenated compound: "Mar-a-Lago".
            let in_compound = j > i
                && tj.gap == Gap::Hyphen
                && tokens.get(j + 1).is_some_and(|n| n.gap == Gap::Hyphen);
            if !capped && !lower_head && !in_compound && !CONNECTORS_SET.contains(&kj) {
                break;
            }
            if j > i && !initial {
                key.push(' ');
            }
            key.push_str(kj);
            if !(is_article(kj) && j + 1 < tokens.len()) || loose.is_empty() && j == i {
                // loose keys drop articles except a final one
                if !is_article(kj) {
                    if !loose.is_empty() {
                        loose.push(' ');
                    }
                    let lw = loose_words.get(j, kj, tmp);
                    if loose_n == 0 {
                        loose_max = match loose_first_max {
                            Some((n, m)) if n == j => m,
                            _ => self.gaz.max_loose_words_from(lw),
                        };
                    }
                    loose_n += 1;
                    loose.push_str(lw);
                }
            }
            if !(capped || lower_head) {
                continue;
            }
            // the span ends at the last capitalised word: "the Shati refugee camp" → "Shati"
            if capped {
                last_capped = j;
            }
            let last_cap = last_capped;
            let exact = if j - i < exact_max {
                self.gaz.lookup(key)
            } else {
                &[]
            };
            let single_upper = j == i && tj.has(Token::UPPER);
            // "in S.C. today", "the S.C. Highway Patrol": capital initials, each with its
            // stop, are no ordinary word; they name the state wherever they stand (but not
            // after a number: "500 B.C.").
            let cued_dotted = j == i
                && tj.has(Token::DOTTED)
                && (tj.has(Token::UPPER) && (i == 0 || !tokens[i - 1].has(Token::DIGIT))
                    || i > 0 && LOCATION_CUES_SET.contains(&keys.get(i - 1)));
            // "avoiding Ind. tax", "Mass. legislators put off debate": a state's abbreviation
            // whose stop the sentence runs on past (a lowercase word follows) is no sentence
            // end, so no word either.
            let runs_on_past_stop = j == i
                && tj.has(Token::CAP)
                && !tj.has(Token::UPPER)
                && text[tj.end..].starts_with(". ")
                && tokens.get(j + 1).is_some_and(|n| {
                    n.gap == Gap::Stop && !n.has(Token::CAP) && !n.has(Token::DIGIT)
                });
            // An alternate name that spells a place's own name another way ("Sloviansk" for
            // Slovyansk, not for Nikopol, which merely lists it): the loose index holds the own
            // names of places in transliterated regions, flagged primary. Looked up once, and
            // only when some match is through an alternate name.
            let own_spellings: &[Posting] =
                if loose.is_empty() || exact.iter().all(|p| p.has(Posting::PRIMARY)) {
                    &[]
                } else {
                    self.gaz.lookup_loose(loose)
                };
            // "Wastewater in WA": capitals the gazetteer holds as an abbreviation are that, not
            // a town spelt the same (Wa, Ghana).
            let abbreviation = single_upper
                && !tj.has(Token::DOTTED)
                && key.len() <= 4
                && exact.iter().any(|p| p.has(Posting::ACRONYM));
            let usable: Vec<Cand> = exact
                .iter()
                .filter(|p| !abbreviation || p.has(Posting::ACRONYM))
                .filter(|p| {
                    (!p.has(Posting::ACRONYM) || single_upper || (tj.has(Token::DOTTED) && j == i))
                        && (!p.has(Posting::QUALIFIER_ONLY)
                            || after_comma
                            || cued_dotted
                            || runs_on_past_stop && self.facts[p.place].kind == PlaceKind::Admin1)
                })
                .map(|p| Cand {
                    place: p.place,
                    quality: if p.has(Posting::PRIMARY) {
                        1.0
                    } else if own_spellings
                        .iter()
                        .any(|o| o.place == p.place && o.has(Posting::PRIMARY))
                    {
                        SPELLING_QUALITY
                    } else {
                        0.7
                    },
                })
                .collect();
            if !usable.is_empty() {
                let mut cands = usable;
                // Only hamlets under this exact spelling: a well-known place spelt another way
                // ("Douma" for Duma, Syria) is a candidate too; so is the city a region under
                // this spelling is named after ("Deir al-Balah" for Dayr al Balah).
                if !loose.is_empty()
                    && loose_n <= loose_max
                    && cands.iter().all(|c| {
                        let p = &self.facts[c.place];
                        p.prior < 2.0 || matches!(p.kind, PlaceKind::Admin1 | PlaceKind::Admin2)
                    })
                {
                    for p in self.gaz.lookup_loose(loose) {
                        let pl = &self.facts[p.place];
                        if pl.population >= 20_000 && !cands.iter().any(|c| c.place == p.place) {
                            cands.push(Cand {
                                place: p.place,
                                quality: 0.6,
                            });
                        }
                    }
                }
                best = Some(Hit {
                    last: last_cap,
                    kind: SpanKind::Place,
                    cands,
                    key: key.clone(),
                });
                continue;
            }
            // (An article adds nothing to the loose key: "RAFAH AS TALKS STALL" ends at RAFAH.)
            if !loose.is_empty()
                && loose_n <= loose_max
                && (j > i || loose.len() >= 4)
                && !is_article(kj)
            {
                let lp = self.gaz.lookup_loose(loose);
                if !lp.is_empty() && best.as_ref().is_none_or(|b| b.last < last_cap) {
                    let cands = lp
                        .iter()
                        .filter(|p| !p.has(Posting::QUALIFIER_ONLY) && !p.has(Posting::ACRONYM))
                        // a spelling variant of a hamlet is more likely something else,
                        // unless the variant spells a name of two words or more ("Kfar Aza")
                        .filter(|p| {
                            let pl = &self.facts[p.place];
                            loose_n >= 2
                                || pl.kind.is_area()
                                || pl.population >= 5_000
                                || matches!(
                                    pl.origin,
                                    crate::gazetteer::Origin::Supplement
                                        | crate::gazetteer::Origin::User
                                )
                        })
                        .map(|p| Cand {
                            place: p.place,
                            quality: 0.3,
                        })
                        .collect::<Vec<_>>();
                    if !cands.is_empty() {
                        best = Some(Hit {
                            last: last_cap,
                            kind: SpanKind::Place,
                            cands,
                            key: key.clone(),
                        });
                    }
                }
            }
        }
        best
    }

    /// "Martha's Vineyard", "St. Mary's County", "King's Lynn": a name whose words run on
    /// past a possessive. `key` holds the key of the words up to the possessive one (keyed
    /// without its "'s"); the gazetteer keys the name with it ("marthas vineyard"). The
    /// longest such name of up to three more capitalised words from token `j`, if any.
    fn possessive_name(
        &self,
        tokens: &[Token],
        keys: &WordKeys,
        j: usize,
        key: &str,
    ) -> Option<Hit> {
        let mut name = format!("{key}s");
        // Only as many more words as the longest indexed name with that first word allows
        // ("Israel's Gaza war" looks nothing up: no indexed name starts "israels").
        let words = key.split(' ').count();
        let longest = match key.split_once(' ') {
            Some((first, _)) => self.gaz.max_words_from(first),
            None => self.gaz.max_words_from(&name),
        };
        let mut found = None;
        for m in j..tokens
            .len()
            .min(j + 3)
            .min((j + longest).saturating_sub(words))
        {
            let t = tokens[m];
            if t.gap != Gap::Space
                || !t.has(Token::CAP)
                || (m > j && tokens[m - 1].has(Token::POSSESSIVE))
            {
                break;
            }
            name.push(' ');
            name.push_str(keys.get(m));
            let cands = self.named_cands(&name);
            if !cands.is_empty() {
                found = Some(Hit {
                    last: m,
                    kind: SpanKind::Place,
                    cands,
                    key: name.clone(),
                });
            }
        }
        found
    }

    /// The places indexed under the whole name `key` (no acronym, no qualifier-only form),
    /// by their own name (1.0) or another (0.7).
    fn named_cands(&self, key: &str) -> Vec<Cand> {
        self.gaz
            .lookup(key)
            .iter()
            .filter(|p| !p.has(Posting::QUALIFIER_ONLY) && !p.has(Posting::ACRONYM))
            .map(|p| Cand {
                place: p.place,
                quality: if p.has(Posting::PRIMARY) { 1.0 } else { 0.7 },
            })
            .collect()
    }

    /// The place indexed under `key` with its possessive "s" ("st johns"), as a hit ending at
    /// token `last`: a name of two words or more, by its primary name ("Jordan's" is not the
    /// village of Jordans, nor "Israel's" anything but a possessive).
    fn possessive_whole(&self, last: usize, key: &str) -> Option<Hit> {
        if !key.contains(' ') {
            return None;
        }
        let name = format!("{key}s");
        let cands = self.named_cands(&name);
        if !cands.iter().any(|c| c.quality >= 1.0) {
            return None;
        }
        Some(Hit {
            last,
            kind: SpanKind::Place,
            cands,
            key: name,
        })
    }

    // `j` walks `tokens` and `keys` together.
    #[allow(clippy::needless_range_loop)]
    fn match_demonym(
        &self,
        tokens: &[Token],
        keys: &WordKeys,
        i: usize,
        key: &mut String,
    ) -> Option<Hit> {
        let max = self.gaz.max_demonym_words_from(keys.get(i));
        if max == 0 {
            return None;
        }
        key.clear();
        let mut best = None;
        for j in i..tokens.len().min(i + max) {
            if j > i && !matches!(tokens[j].gap, Gap::Space | Gap::Hyphen) {
                break;
            }
            if !tokens[j].has(Token::CAP) {
                break;
            }
            if j > i {
                key.push(' ');
            }
            key.push_str(keys.get(j));
            if let Some(place) = self.gaz.demonym(key) {
                best = Some(Hit {
                    last: j,
                    kind: SpanKind::Demonym,
                    cands: vec![Cand {
                        place,
                        quality: 1.0,
                    }],
                    key: key.clone(),
                });
            }
        }
        best
    }

    /// Decides whether a match is a place mention.
    #[allow(
        clippy::too_many_arguments,
        clippy::fn_params_excessive_bools,
        clippy::similar_names
    )]
    fn judge(
        &self,
        text: &str,
        tokens: &[Token],
        keys: &WordKeys,
        i: usize,
        hit: &Hit,
        after_comma: bool,
        first_passage: bool,
        after_place_possessive: bool,
        after_listed_place: bool,
    ) -> Verdict {
        let last = hit.last;
        let t = tokens[i];
        let single = i == last;
        let key0 = keys.get(i);
        let lex = self.gaz.lexicon();
        // "the Cape of Good Hope" is not Good Hope, Texas (the context pass reports the whole
        // as a name the gazetteer lacks).
        // Nor is "Gulf" alone in "the Gulf of Alaska".
        if i >= 2 && t.gap == Gap::Space && feature_of_at(tokens, keys, i - 2)
            || single && feature_of_at(tokens, keys, i)
        {
            return Verdict::SkipTo(last + 1);
        }
        // "The River Ouse rose": "The River" is a nickname of New Brunswick, New Jersey, not
        // the start of this name. An article and ordinary words that only an alternate name
        // links to are no name; the name may start after the article.
        if !single
            && matches!(key0, "the" | "a" | "an")
            && hit.cands.iter().all(|c| c.quality < 1.0)
            && (i + 1..=last).all(|k| lex.is_ordinary(keys.get(k)))
        {
            return Verdict::SkipTo(i + 1);
        }
        // "Ninoy Aquino International Airport", "Davy Crockett National Forest": a name inside
        // a capitalised run that ends in a park's or an airport's tail is part of that name.
        // ("Utah's Zion National Park": a possessive ends the place's name.)
        if !tokens[last].has(Token::POSSESSIVE)
            && (last + 1..=last + 3).any(|k| {
                (last + 1..=k).all(|x| cap_after_space(tokens, x))
                    && park_tail(tokens, keys, k).is_some()
            })
        {
            return Verdict::SkipTo(last + 1);
        }
        // "near Farmers Park": an ordinary word that only towns' alternate names spell ("Farmers"
        // for Weston, Massachusetts) is the word. (Not an abbreviation: "US", "Ill.", "Wash.".)
        if single
            && hit.kind == SpanKind::Place
            && !t.has(Token::UPPER)
            && key0.len() >= 5
            && !text[t.end..].starts_with('.')
            && lex.is_ordinary(key0)
            && hit.cands.iter().all(|c| c.quality < 1.0)
        {
            return Verdict::SkipTo(last + 1);
        }
        // "U.S. Sens. Robert C. Byrd": an abbreviated title before a name is no town (Sens,
        // France).
        if single
            && key0 != "st"
            && ABBREVIATED_TITLES.contains(&key0)
            && tokens.get(i + 1).is_some_and(|n| {
                n.gap == Gap::Stop && n.has(Token::CAP) && text[t.end..n.start].trim() == "."
            })
        {
            return Verdict::SkipTo(last + 1);
        }
        // "Ras Isa", "Jabal Mohsen", "Bab al-Tabbaneh": a word after an Arabic topographic
        // prefix, or before an Arabic article, is part of a longer name the gazetteer lacks —
        // not Isa in Japan or al-Bab in Syria.
        if single && hit.kind == SpanKind::Place && inside_arabic_name(tokens, keys, i) {
            return Verdict::SkipTo(last + 1);
        }
        // "Wadi Derna", "Jabal Amel": a topographic prefix before a capitalised word opens a
        // name the gazetteer lacks; it is not Wādi in India.
        if single
            && hit.kind == SpanKind::Place
            && ARABIC_NAME_PREFIXES.contains(&key0)
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.gap == Gap::Space && n.has(Token::CAP))
        {
            return Verdict::SkipTo(last + 1);
        }
        // "Mar-a-Lago" is not El Lago, Texas: the tail of a hyphenated compound the gazetteer
        // lacks is no place of its own.
        if single
            && i >= 2
            && t.gap == Gap::Hyphen
            && tokens[i - 1].gap == Gap::Hyphen
            && !tokens[i - 1].has(Token::CAP)
            && tokens[i - 2].has(Token::CAP)
        {
            return Verdict::SkipTo(last + 1);
        }
        // "Hamra Street", "Salah al-Din Road": a street named after a place is the street (the
        // context pass reports it as a name the gazetteer lacks).
        // Areas keep their name: "Florida Highway 50", "Otter Tail County Road 12"; but not
        // before "Gate": "the Brandenburg Gate" is a landmark in Berlin, not the state.
        if hit.kind == SpanKind::Place
            && tokens.get(last + 1).is_some_and(|n| {
                n.gap == Gap::Space
                    && n.has(Token::CAP)
                    && STREET_HEADS.contains(&keys.get(last + 1))
                    && (keys.get(last + 1) == "gate"
                        || !hit.cands.iter().any(|c| self.facts[c.place].kind.is_area()))
            })
        {
            return Verdict::SkipTo(last + 1);
        }
        // "the Pacific Coast Highway": nor a road whose name runs on one word past the place
        // (but "Harare's Third Street" is in Harare).
        if hit.kind == SpanKind::Place
            && !tokens[last].has(Token::POSSESSIVE)
            && cap_after_space(tokens, last + 1)
            && !STREET_HEADS.contains(&keys.get(last + 1))
            && cap_after_space(tokens, last + 2)
            && matches!(
                keys.get(last + 2),
                "street"
                    | "road"
                    | "avenue"
                    | "boulevard"
                    | "lane"
                    | "drive"
                    | "highway"
                    | "freeway"
                    | "parkway"
            )
        {
            return Verdict::SkipTo(last + 1);
        }
        // "the Nuba Mountains" are not Nuba, a West Bank village: a range or desert is named
        // for no small town (the context pass reports it as a name the gazetteer lacks).
        if hit.kind == SpanKind::Place
            && hit.cands.iter().all(|c| {
                let p = &self.facts[c.place];
                !p.kind.is_area() && p.population < 50_000
            })
            && tokens.get(last + 1).is_some_and(|n| {
                n.gap == Gap::Space
                    && n.has(Token::CAP)
                    && matches!(
                        keys.get(last + 1),
                        "mountains" | "hills" | "desert" | "range"
                    )
            })
        {
            return Verdict::SkipTo(last + 1);
        }
        // "The Gulf state has provided $1.3 billion", "the Pacific nation": a region naming the
        // kind of a country spoken of is an epithet for that country, not a place of its own.
        if hit.kind == SpanKind::Place
            && (i > 0 && keys.get(i - 1) == "the" || key0 == "the" && !single)
            && hit.cands.iter().any(|c| {
                matches!(
                    self.facts[c.place].kind,
                    PlaceKind::Region | PlaceKind::Physical | PlaceKind::Continent
                )
            })
            && !hit
                .cands
                .iter()
                .any(|c| self.facts[c.place].kind == PlaceKind::Country)
            && lowercase_word_after(tokens, keys, last, |k| EPITHET_HEADS.contains(&k))
        {
            return Verdict::SkipTo(last + 1);
        }
        // "the Baltic states": the countries by a sea, not the sea.
        if hit.kind == SpanKind::Place
            && lowercase_word_after(tokens, keys, last, |k| matches!(k, "states" | "republics"))
            && !hit.cands.iter().any(|c| {
                matches!(
                    self.facts[c.place].kind,
                    PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Region
                )
            })
            && hit.cands.iter().any(|c| {
                self.facts[c.place].kind == PlaceKind::Physical
                    && matches!(self.gaz.place(c.place).feature, "H.SEA" | "H.OCN")
            })
        {
            return Verdict::SkipTo(last + 1);
        }
        // "the French Broad River": an adjective opening a name that ends in a place's head
        // (a river, a street, a park) is part of that name, which the gazetteer lacks.
        if hit.kind == SpanKind::Demonym
            && (last + 1..=last + 3).any(|k| {
                (last + 1..=k).all(|x| cap_after_space(tokens, x))
                    && PLACE_HEADS_SET.contains(&keys.get(k))
            })
        {
            return Verdict::SkipTo(last + 1);
        }
        // "In Washington, Secretary of State Antony Blinken": an ordinary word before "of"
        // and a capitalised word is a title or an office, not Secretary, Maryland.
        if last == i
            && self.gaz.lexicon().common_words.contains(keys.get(i))
            && keys.try_get(i + 1) == Some("of")
            && cap_after_space(tokens, i + 2)
            && !hit.cands.iter().any(|c| {
                let p = &self.facts[c.place];
                p.kind.is_area() || p.population >= 100_000
            })
        {
            return Verdict::SkipTo(last + 1);
        }
        // "St George's Chapel", "St Paul's Cathedral", "St. Patrick's Day": a saint's
        // possessive before a capitalised word names a building or a feast, not the town
        // named after the saint ("St. Mary's County" and "St John's Wood" are places, and
        // "St. Petersburg's airport" is the city's).
        if matches!(key0, "st" | "saint")
            && last == i + 1
            && tokens[last].has(Token::POSSESSIVE)
            && {
                let k = keys.get(last);
                self.is_given(k) || k.strip_suffix('s').is_some_and(|g| self.is_given(g))
            }
            && tokens.get(last + 1).is_some_and(|n| {
                n.gap == Gap::Space
                    && n.has(Token::CAP)
                    // (A park or a square is a site named after the saint too: "St George's
                    // Park"; a county, a parish or an island is a place.)
                    && !matches!(
                        keys.get(last + 1),
                        "county"
                            | "parish"
                            | "township"
                            | "district"
                            | "island"
                            | "islands"
                            | "bay"
                            | "harbour"
                            | "harbor"
                            | "valley"
                            | "wood"
                    )
            })
        {
            return Verdict::SkipTo(last + 1);
        }
        let strong_kind = hit.cands.iter().any(|c| {
            let p = &self.facts[c.place];
            matches!(
                p.kind,
                PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Continent
            ) || p.capital
                || (matches!(p.kind, PlaceKind::Physical | PlaceKind::Region)
                    && matches!(p.origin, crate::gazetteer::Origin::Supplement))
                || p.population >= 1_000_000
        });

        // "Rozen's wife, Julia,": a given name that is no town's own name (only an old or
        // foreign name of one: Julia for Plovdiv) is the person's. (A region keeps its English
        // name: "Brittany".)
        if single
            && hit.kind == SpanKind::Place
            && hit
                .cands
                .iter()
                .all(|c| c.quality < 1.0 && !self.facts[c.place].kind.is_area())
            && self.is_given(key0)
        {
            return Verdict::SkipTo(last + 1);
        }
        // A surname of someone the document names ("Johnson said…", "Flores was shot"); only
        // a country or a great city keeps its place reading. (The capital of a small
        // territory is no great city: "Douglas said" is not the Isle of Man; nor is a state:
        // "Lin-Manuel Miranda … Miranda tweeted" is not Miranda, Venezuela.)
        let great = hit.cands.iter().filter(|c| c.quality >= 1.0).any(|c| {
            let p = &self.facts[c.place];
            matches!(p.kind, PlaceKind::Country | PlaceKind::Continent)
                || p.capital && p.population >= 100_000
                || p.population >= 1_000_000 && p.kind != PlaceKind::Admin1
        });
        if single && hit.kind == SpanKind::Place && !great && self.person_surnames.contains(key0) {
            return Verdict::SkipTo(i + 1);
        }
        // "French said", "Finn told reporters": a nationality word speaks only as a plural
        // ("Israelis say") or after an article ("the French said", "a Finn said"); bare and
        // singular, it is someone's surname.
        if single
            && hit.kind == SpanKind::Demonym
            && !key0.ends_with('s')
            && (i == 0 || !matches!(keys.get(i - 1), "the" | "a" | "an" | "one" | "another"))
            && lowercase_word_after(tokens, keys, last, |k| SPEECH_VERBS.contains(&k))
        {
            return Verdict::SkipTo(last + 1);
        }
        // Weather, not places.
        if matches!(hit.key.as_str(), "el nino" | "la nina")
            || (matches!(key0, "nino" | "nina") && i > 0 && matches!(keys.get(i - 1), "el" | "la"))
        {
            return Verdict::SkipTo(last + 1);
        }
        // Lone words that are never places, and too-short names.
        // "D.C." and "Reading, PA" are the place; "DC Comics" and "the PA" are not.
        if single
            && STOP_SET.contains(&key0)
            && !(t.has(Token::UPPER) && hit.cands.len() == 1 && strong_kind && key0.len() > 3)
            && !(t.has(Token::UPPER) && (t.has(Token::DOTTED) || after_comma))
            && !(after_comma
                && text[t.end..].starts_with('.')
                && !MONTH_ABBREVIATIONS.contains(&key0))
        {
            return Verdict::SkipTo(i + 1);
        }
        let letters = tokens[i..=last]
            .iter()
            .map(|t| t.text(text).chars().filter(|c| c.is_alphabetic()).count())
            .sum::<usize>();
        if letters < 2 {
            return Verdict::SkipTo(i + 1);
        }
        // Short all-caps words are acronyms unless the gazetteer has them as such (US, UK, UAE)
        // or they open a dateline.
        if single && t.has(Token::UPPER) && letters <= 5 && hit.kind == SpanKind::Place {
            let acronym_ok = self
                .gaz
                .lookup(key0)
                .iter()
                .any(|p| p.has(Posting::ACRONYM))
                || t.has(Token::DOTTED)
                || after_comma;
            let dateline = first_passage && (i == 0 || opens_dateline(tokens, i, last));
            let headline = t.has(Token::TITLE_LINE) && letters > 3;
            if !(acronym_ok || dateline || headline) {
                return Verdict::SkipTo(i + 1);
            }
        }

        // Person names: "President Biden", "Mr. Jordan", "George Washington", "Jordan Peterson".
        if i > 0 {
            let prev = tokens[i - 1];
            let prev_key = keys.get(i - 1);
            let adjacent = matches!(t.gap, Gap::Space)
                || (t.gap == Gap::Stop && ABBREVIATED_TITLES.contains(&prev_key));
            if adjacent && prev.has(Token::CAP) && !after_place_possessive {
                if TITLES_SET.contains(&prev_key) && !strong_kind {
                    return Verdict::SkipTo(last + 1);
                }
                // "St. Patrick's Day", "St. John": a saint, where the gazetteer has no
                // "St. X" place to match the whole.
                if matches!(prev_key, "st" | "saint")
                    && single
                    && hit.kind == SpanKind::Place
                    && !text[prev.end..t.start].contains(',')
                {
                    return Verdict::SkipTo(last + 1);
                }
                if self.is_given(prev_key) && hit.kind == SpanKind::Place && single && !strong_kind
                {
                    return Verdict::SkipTo(last + 1);
                }
                // "Const. Kwesi Millington", "Mayor Eric Adams": the second word after a title
                // is the surname, whether or not the lexicon knows the first.
                if i >= 2
                    && prev.caps_informative()
                    && TITLES_SET.contains(&keys.get(i - 2))
                    && tokens[i - 2].has(Token::CAP)
                    && (prev.gap == Gap::Space
                        || prev.gap == Gap::Stop && ABBREVIATED_TITLES.contains(&keys.get(i - 2)))
                    && hit.kind == SpanKind::Place
                    && single
                    && !strong_kind
                {
                    return Verdict::SkipTo(last + 1);
                }
                // Arabic names: "Abu Shabab", "Umm Kalthum", "bin Salman"
                if ["abu", "umm", "bin", "ibn", "bint", "ben"].contains(&prev_key) && !strong_kind {
                    return Verdict::SkipTo(last + 1);
                }
                // "Asharq Al-Awsat", "Ghassan Al-Dahini": an article-led name right after a
                // capitalised word is the second half of that name.
                // A sentence-initial word counts when it is no ordinary word ("Asharq").
                let proper_prev = prev.caps_informative()
                    || (prev.has(Token::SENTENCE_START)
                        && !prev.has(Token::UPPER)
                        && !lex.common_words.contains(prev_key)
                        && self.gaz.max_words_from(prev_key) == 0);
                if is_article(key0)
                    && proper_prev
                    && !CONNECTORS_SET.contains(&prev_key)
                    && !STOP_SET.contains(&prev_key)
                    && self.gaz.demonym(prev_key).is_none()
                {
                    return Verdict::SkipTo(last + 1);
                }
                // Part of a longer proper name that is not a place ("Asharq Al-Awsat",
                // "Ghassan Al-Dahini"): a small place right after a capitalised word.
                let weak_place = hit.cands.iter().all(|c| self.facts[c.place].prior < 2.5);
                if weak_place
                    && hit.kind == SpanKind::Place
                    && prev.caps_informative()
                    && !CONNECTORS_SET.contains(&prev_key)
                    && !STOP_SET.contains(&prev_key)
                    && self.gaz.max_words_from(prev_key) == 0
                    && self.gaz.demonym(prev_key).is_none()
                {
                    return Verdict::SkipTo(last + 1);
                }
            }
        }
        // "the Texas Forest Service", "Licking Heights High School": an ordinary noun that is
        // also a small place's name, written as one word of a longer capitalised name, is a
        // word of that name.
        if single
            && hit.kind == SpanKind::Place
            && !t.has(Token::UPPER)
            && key0.bytes().all(|b| b.is_ascii_lowercase())
            && lex.common_words.contains(key0)
        {
            // (A county named by the word is no better: "Lake County" is matched whole.)
            let small = hit.cands.iter().all(|c| {
                let p = &self.facts[c.place];
                !p.capital
                    && match p.kind {
                        PlaceKind::Admin2 => true,
                        PlaceKind::City | PlaceKind::Locality | PlaceKind::Admin1 => {
                            p.population < 100_000
                        }
                        _ => false,
                    }
            });
            let name_word = |k: usize| {
                let w = tokens[k];
                w.has(Token::CAP)
                    && !w.has(Token::UPPER)
                    && !CONNECTORS_SET.contains(&keys.get(k))
                    && !STOP_SET.contains(&keys.get(k))
                    && !TITLES_SET.contains(&keys.get(k))
            };
            let joined_before = i > 0
                && t.gap == Gap::Space
                && name_word(i - 1)
                && !tokens[i - 1].has(Token::POSSESSIVE)
                && (tokens[i - 1].caps_informative() || t.caps_informative());
            let joined_after = tokens
                .get(last + 1)
                .is_some_and(|n| n.gap == Gap::Space && name_word(last + 1))
                && !tokens[last].has(Token::POSSESSIVE);
            if small && (joined_before || joined_after) {
                return Verdict::SkipTo(last + 1);
            }
        }
        if single && hit.kind == SpanKind::Place && !great {
            // "Mike de Kock", "Vincent van Gogh": a surname particle after a given name.
            if i >= 2
                && tokens[i - 1].gap == Gap::Space
                && !tokens[i - 1].has(Token::CAP)
                && matches!(
                    keys.get(i - 1),
                    "de" | "van" | "von" | "da" | "di" | "del" | "der" | "den" | "du" | "le"
                )
                && self.is_given(keys.get(i - 2))
            {
                return Verdict::SkipTo(last + 1);
            }
            // "Johnson & Johnson", "Marks & Spencer": a firm.
            let amp_after = text[tokens[last].end..]
                .strip_prefix(" & ")
                .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()));
            let amp_before = text[..t.start].strip_suffix(" & ").is_some_and(|l| {
                l.ends_with(|c: char| c.is_alphabetic()) && i > 0 && tokens[i - 1].has(Token::CAP)
            });
            if amp_after || amp_before {
                return Verdict::SkipTo(last + 1);
            }
        }
        if let Some(next) = tokens
            .get(last + 1)
            .filter(|_| !tokens[last].has(Token::POSSESSIVE))
        {
            // "George W. Bush": a name followed by an initial
            let initial = next.gap == Gap::Space
                && next.end - next.start == 1
                && next.has(Token::CAP)
                && text[next.end..].starts_with('.');
            if initial && single && hit.kind == SpanKind::Place && !strong_kind {
                return Verdict::SkipTo(last + 2);
            }
            if next.gap == Gap::Space && next.has(Token::CAP) && !next.has(Token::UPPER) {
                let next_key = keys.get(last + 1);
                // "Oslo Accords", "Geneva Conventions" (not "Dublin Convention Center").
                // "Convention Center", "Convention and Visitors Bureau" are venues.
                let head_end = next.end;
                let runs_on = text[head_end..].trim_start().starts_with('&')
                    || tokens.get(last + 2).is_some_and(|t2| {
                        t2.gap == Gap::Space && (t2.has(Token::CAP) || keys.get(last + 2) == "and")
                    });
                let venue_word = next_key.starts_with("convention");
                if AGREEMENT_HEADS.contains(&next_key) && !(venue_word && runs_on) {
                    return Verdict::SkipTo(last + 2);
                }
                // "George Washington University", "George Mason University": a given name and the
                // word after it, inside an organisation's name, name the person it honours.
                if single
                    && hit.kind == SpanKind::Place
                    && !strong_kind
                    && self.is_given(key0)
                    && lex.surnames.contains(next_key)
                    && !lex.common_words.contains(next_key)
                    && org_head_in(tokens, keys, last + 2..last + 3)
                {
                    return Verdict::SkipTo(last + 2);
                }
                let next_is_place = self
                    .gaz
                    .lookup(next_key)
                    .iter()
                    .any(|p| self.facts[p.place].prior > 3.0);
                // A surname the lexicon lacks: a word that is neither a place nor ordinary
                // ("Nino Burjanadze").
                let unknown_name = next.caps_informative()
                    && self.gaz.max_words_from(next_key) == 0
                    && self.gaz.lookup(next_key).is_empty()
                    && !lex.common_words.contains(next_key);
                // "Mary Ann Quitugua": a second given name, then a surname.
                let double_given = self.is_given(next_key)
                    && tokens.get(last + 2).is_some_and(|t2| {
                        let k2 = keys.get(last + 2);
                        t2.gap == Gap::Space
                            && t2.caps_informative()
                            && (lex.surnames.contains(k2)
                                || self.gaz.lookup(k2).is_empty() && !lex.common_words.contains(k2))
                    });
                if single
                    && hit.kind == SpanKind::Place
                    && self.is_given(key0)
                    && (lex.surnames.contains(next_key) || unknown_name || double_given)
                    && (!next_is_place || double_given)
                    && !ORG_HEADS_SET.contains(&next_key)
                    && !PLACE_HEADS_SET.contains(&next_key)
                    // "Paris High School": the run goes on to an institution's head.
                    && !org_head_in(tokens, keys, last + 2..last + 4)
                {
                    // "Jordan Peterson", "Israel Katz": skip the whole name
                    return Verdict::SkipTo(last + 2);
                }
            }
        }

        // Ordinary words where capitalisation says nothing: "Reading the report…", headlines.
        let weak = (i..=last).all(|j| !tokens[j].caps_informative());
        let common = lex.is_ordinary(key0);
        if single && hit.kind == SpanKind::Place && common {
            // "a Concord resident", "a Mobile man": a word for the people of a place after it
            // says as much as "in" before it.
            // "the southern city of Tyre" as well as "in Tyre".
            let cue = i > 0
                // (Not "into": "pressed into Bell's back".)
                && (LOCATION_CUES_SET.contains(&keys.get(i - 1)) && keys.get(i - 1) != "into"
                    || keys.get(i - 1) == "to")
                || of_cue_before(tokens, keys, i)
                || self.person_of_before(text, tokens, keys, i)
                || tokens.get(last + 1).is_some_and(|n| {
                    n.gap == Gap::Space
                        && !n.has(Token::CAP)
                        && RESIDENT_NOUNS.contains(&keys.get(last + 1))
                });
            // "between Tyre and Sidon": paired with a sizeable town whose name is no word.
            let paired = |j: usize| {
                tokens
                    .get(j)
                    .is_some_and(|n| n.has(Token::CAP) && n.gap == Gap::Space)
                    && keys
                        .try_get(j)
                        .is_some_and(|k| self.sizeable_proper_place(k))
            };
            let list_mate = tokens.get(last + 1).is_some_and(|n| n.gap == Gap::Space)
                && matches!(keys.try_get(last + 1), Some("and" | "or"))
                && paired(last + 2)
                || i >= 2
                    && t.gap == Gap::Space
                    && matches!(keys.get(i - 1), "and" | "or")
                    && tokens[i - 1].gap == Gap::Space
                    && paired(i - 2)
                || after_listed_place;
            let cue = cue || list_mate;
            // "Reading, Pennsylvania" — not "Success, Prosperity, or Freedom".
            let qualified = tokens.get(last + 1).is_some_and(|n| n.gap == Gap::Comma)
                && keys.try_get(last + 1).is_some_and(|next| {
                    self.gaz.max_words_from(next) > 1
                        || self
                            .gaz
                            .lookup(next)
                            .iter()
                            .any(|p| self.gaz.place(p.place).kind.is_area())
                });
            // Only a place's own name vouches for an ordinary word: "Man" is an alternate name
            // of the Isle of Man, "Ten" of a Sri Lankan province.
            // (When capitalisation says nothing; mid-sentence, "Geneva" for the canton of
            // Genève still counts.)
            let own_name = |c: &&Cand| c.quality >= 1.0;
            // Mid-sentence an alternate name vouches too, unless it is a short word ("a Man").
            let alternate_ok = key0.len() > 3;
            let is_country = hit
                .cands
                .iter()
                .filter(|c| alternate_ok || own_name(c))
                .any(|c| self.facts[c.place].kind == PlaceKind::Country);
            let strong_kind = strong_kind
                && (alternate_ok
                    || hit
                        .cands
                        .iter()
                        .filter(own_name)
                        .any(|c| self.facts[c.place].prior >= 4.0));
            let own_country = hit
                .cands
                .iter()
                .filter(own_name)
                .any(|c| self.facts[c.place].kind == PlaceKind::Country);
            let own_strong = strong_kind
                && hit.cands.iter().filter(own_name).any(|c| {
                    let p = &self.facts[c.place];
                    matches!(
                        p.kind,
                        PlaceKind::Country
                            | PlaceKind::Admin1
                            | PlaceKind::Continent
                            | PlaceKind::Physical
                            | PlaceKind::Region
                    ) || p.capital
                        || p.population >= 1_000_000
                });
            // An all-caps acronym the gazetteer knows ("EU") is not an ordinary word.
            let acronym = t.has(Token::UPPER)
                && self
                    .gaz
                    .lookup(key0)
                    .iter()
                    .any(|p| p.has(Posting::ACRONYM));
            // "Alexandria, La.": a state's abbreviation qualifying the place before it.
            // A dateline is set apart ("MOBILE, Ala. —", "Reading:"); a headline's first word
            // running on into the sentence is not one ("Man booked for assault").
            let dateline = first_passage
                && (i == 0
                    && (t.has(Token::UPPER)
                        || tokens
                            .get(last + 1)
                            .is_none_or(|n| !matches!(n.gap, Gap::Space | Gap::Hyphen)))
                    || opens_dateline(tokens, i, last));
            if weak && !(own_country || own_strong || cue || acronym || after_comma || dateline) {
                return Verdict::SkipTo(i + 1);
            }
            if !(weak || strong_kind || cue || qualified || is_country || after_comma) {
                return Verdict::SkipTo(i + 1);
            }
        }

        // Embedded in an organisation name: capitalised run after it reaches an org head word,
        // or "University of X".
        let mut embedded = false;
        let mut j = last + 1;
        while j < tokens.len() && j <= last + 6 {
            let tj = tokens[j];
            // (In an all-capitals headline every word is capitalised: no run says "name".)
            if !matches!(tj.gap, Gap::Space | Gap::Hyphen)
                || !(tj.has(Token::CAP) || CONNECTORS_SET.contains(&keys.get(j)))
                || tj.has(Token::UPPER) && tokens[last].has(Token::UPPER)
            {
                break;
            }
            if ORG_HEADS_SET.contains(&keys.get(j)) {
                embedded = true;
                break;
            }
            j += 1;
        }
        if i >= 2
            && keys.get(i - 1) == "of"
            && tokens[i - 1].gap == Gap::Space
            && tokens[i - 2].has(Token::CAP)
            && ORG_OF_HEADS_SET.contains(&keys.get(i - 2))
        {
            embedded = true;
        }
        let located = i > 0 && matches!(keys.get(i - 1), "in" | "at" | "outside" | "inside");
        // "Mississippi State’s Roshunda Johnson": in the US, a state's name before "State" is
        // a university and its teams ("in Washington State" is the state).
        if !located
            && cap_after_space(tokens, last + 1)
            && keys.get(last + 1) == "state"
            && hit.cands.iter().any(|c| {
                self.facts[c.place].kind == PlaceKind::Admin1
                    && self.gaz.place(c.place).country == "US"
            })
        {
            embedded = true;
        }
        // A building in an organisation's name is the organisation ("the Knesset Foreign Affairs
        // and Defense Committee", "White House Press Office"), not a place. (A university's
        // library or college stands on its campus: "the Kansas State University Weather Data
        // Library".)
        if embedded
            && hit.kind == SpanKind::Place
            && hit.cands.iter().all(|c| {
                self.facts[c.place].kind == PlaceKind::Facility && !self.gaz.is_university(c.place)
            })
        {
            return Verdict::SkipTo(last + 1);
        }
        // "The White House said", "White House aides", "the Kremlin denied": a seat of
        // government (a building, castle or palace) that speaks, or has staff, is the
        // government, not a place. ("Nasser Hospital officials said" keeps the hospital; "a
        // spokesman in Downing Street said" keeps the street: someone speaks from there.)
        if hit.kind == SpanKind::Place
            && !located
            && lowercase_word_after(tokens, keys, last, |k| {
                SPEECH_VERBS.contains(&k)
                    || INSTITUTION_VERBS.contains(&k)
                    || STAFF_NOUNS.contains(&k)
            })
            && hit.cands.iter().any(|c| {
                self.facts[c.place].kind == PlaceKind::Facility
                    && matches!(
                        self.gaz.place(c.place).feature,
                        "S.BLDG" | "S.CSTL" | "S.PAL"
                    )
            })
        {
            return Verdict::SkipTo(last + 1);
        }
        // A capitalised word right before that is itself an organisation word ("Hamas Gaza chief")
        // does not embed; a possessive after ("Gaza's") does not either.
        Verdict::Keep { embedded }
    }

    /// The home town of the team whose name a place name (key `key`, candidates `cands`,
    /// ending at token `last`) opens, if the words after it finish a team's name and the town
    /// is one of the candidates.
    fn team_home(
        &self,
        tokens: &[Token],
        keys: &WordKeys,
        last: usize,
        key: &str,
        cands: &[Cand],
    ) -> Option<PlaceId> {
        let teams = &self.gaz.lexicon().teams;
        // (Every team's nickname opens with a capital, a digit or "and".)
        let opens = tokens.get(last + 1).is_some_and(|n| {
            n.has(Token::CAP) || n.has(Token::DIGIT) || keys.get(last + 1) == "and"
        });
        if teams.is_empty() || !opens {
            return None;
        }
        let mut name = key.to_owned();
        for (j, t) in tokens.iter().enumerate().take(last + 4).skip(last + 1) {
            if t.gap != Gap::Space {
                return None;
            }
            name.push(' ');
            name.push_str(keys.get(j));
            if let Some(home) = teams.get(name.as_str()) {
                return self
                    .gaz
                    .by_key(home)
                    .filter(|&p| cands.iter().any(|c| c.place == p));
            }
        }
        None
    }

    /// "grew up in Zorbly, Kansas", "23/24 June: Croft, Yorkshire.": whether the run `i..=j`
    /// follows "in", "near", "outside", "from" or a colon and is followed by a comma and a
    /// country, state, county or region the recogniser found.
    fn in_named_area(
        &self,
        text: &str,
        tokens: &[Token],
        keys: &WordKeys,
        i: usize,
        j: usize,
        out: &[Span],
    ) -> bool {
        let cued = i > 0
            && (!tokens[i - 1].has(Token::CAP)
                && matches!(keys.get(i - 1), "in" | "near" | "outside" | "from")
                || tokens[i].gap == Gap::Stop
                    && text[tokens[i - 1].end..tokens[i].start].trim() == ":");
        let Some(next) = tokens.get(j + 1).filter(|n| n.gap == Gap::Comma) else {
            return false;
        };
        // (Not "from Breffni Integrated CLG, Cavan County Council": the area ends a phrase.)
        let area_ends = |s: &Span| {
            let after = tokens.partition_point(|t| t.start < s.end);
            !cap_after_space(tokens, after)
        };
        cued && !CALENDAR_WORDS.contains(&keys.get(i))
            && out.iter().any(|s| {
                s.start == next.start
                    && area_ends(s)
                    && s.kind == SpanKind::Place
                    && s.cands.iter().any(|c| {
                        let f = &self.facts[c.place];
                        matches!(
                            f.kind,
                            PlaceKind::Admin1 | PlaceKind::Country | PlaceKind::Admin2
                        ) || f.kind == PlaceKind::Region && f.has_country()
                    })
            })
    }

    /// Names not in the gazetteer that context marks as places.
    fn context_marked(&self, text: &str, tokens: &[Token], keys: &WordKeys, out: &mut Vec<Span>) {
        let mut i = 0;
        // After "the villages of X and Y", where Y's run may start: a plural cue opens a list.
        let mut next_item: Option<usize> = None;
        while i < tokens.len() {
            // a run of capitalised words (with connectors) starting at i
            if !tokens[i].has(Token::CAP) || tokens[i].has(Token::DIGIT) {
                i += 1;
                continue;
            }
            let of_cue = of_cue_before(tokens, keys, i);
            let plural_cue = of_cue && keys.get(i - 2).ends_with('s');
            let listed = next_item == Some(i);
            next_item = None;
            let mut j = i;
            while j + 1 < tokens.len() && j < i + 5 {
                let n = tokens[j + 1];
                // ("Eva's Village", "Alder Hey Children's Hospital": a possessive before a
                // place's head is inside the name.)
                let possessive_ends = tokens[j].has(Token::POSSESSIVE)
                    && !(n.has(Token::CAP) && PLACE_HEADS_SET.contains(&keys.get(j + 1)));
                if !matches!(n.gap, Gap::Space | Gap::Hyphen) || possessive_ends {
                    break;
                }
                // "the villages of Nuli and Avnevi" are two places.
                if (plural_cue || listed) && matches!(keys.get(j + 1), "and" | "or") {
                    break;
                }
                if n.has(Token::CAP)
                    || n.has(Token::DIGIT)
                    || (CONNECTORS_SET.contains(&keys.get(j + 1))
                        && tokens.get(j + 2).is_some_and(|m| m.has(Token::CAP))
                        && !CALENDAR_WORDS.contains(&keys.get(j + 2))
                        // "as-Sabaa" joins; "Gregg at Mercy Hospital" does not.
                        && (tokens[j + 2].gap == Gap::Hyphen
                            || !matches!(keys.get(j + 1), "at" | "as" | "an")))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            // "the Zagros Mountains of Iran": a natural feature's name ends at its head (an
            // institution's goes on: "Doctors Hospital of Springfield").
            if let Some(k) = (i + 1..j).find(|&k| {
                let head = keys.get(k);
                (WATER_AND_LAND_HEADS.contains(&head)
                    || matches!(
                        head,
                        "mountains" | "mountain" | "hills" | "desert" | "valley"
                    ))
                    && keys.get(k + 1) == "of"
            }) {
                j = k;
            }
            // "Yosemite National Park and Sequoia National Park": a place's head before "and"
            // ends the first name.
            if let Some(k) = (i + 1..j).find(|&k| {
                PLACE_HEADS_SET.contains(keys.get(k)) && matches!(keys.get(k + 1), "and" | "or")
            }) {
                j = k;
            }
            let run_start = tokens[i].start;
            let run_end = tokens[j].end;
            let last_key = keys.get(j);
            let first_key = keys.get(i);
            // Ordinary words throughout say nothing — except a street's or a natural feature's
            // name written mid-sentence ("Royal Street", "Grand Avenue", "Snake Island").
            // (Every word capitalised where capitals say something: a name.)
            let named_mid_sentence = j > i
                && tokens[i..=j]
                    .iter()
                    .all(|t| t.caps_informative() && t.has(Token::CAP));
            let street = named_mid_sentence
                && (STREET_HEADS.contains(&last_key) || WATER_AND_LAND_HEADS.contains(&last_key));
            // "Glacier National Park": ordinary words, but a park's name.
            let park =
                (i + 1..j).any(|k| park_tail(tokens, keys, k).is_some_and(|n| k + n - 1 == j));
            let mut mark = street || park;
            // "Cape of Good Hope": ordinary words, but a feature's name.
            let feature_of = j > i + 1 && feature_of_at(tokens, keys, i);
            // "Press Street", "Otter Tail County", "Lake Harriet", "Mount Hood"
            if j > i
                && PLACE_HEADS_SET.contains(&last_key)
                && !STOP_SET.contains(&first_key)
                && !TITLES_SET.contains(&first_key)
            {
                mark = true;
            }
            if j > i
                && [
                    "lake", "mount", "fort", "port", "camp", "cape", "wadi", "tel", "tal", "jabal",
                    "jebel", "kibbutz", "ras", "river",
                ]
                .contains(&first_key)
                || feature_of
            {
                mark = true;
            }
            // "Nur Shams camp", "Maghazi refugee camp"
            let lower_cue = tokens.get(j + 1).is_some_and(|n| {
                n.gap == Gap::Space
                    && !n.has(Token::CAP)
                    && LOWER_PLACE_CUES_SET.contains(&keys.get(j + 1))
            });
            if lower_cue {
                mark = true;
            }
            // ("23/24 June: Croft, Yorkshire.": an ordinary word too, placed by its area.)
            let in_area = self.in_named_area(text, tokens, keys, i, j, out);
            if of_cue || listed || in_area {
                mark = true;
            }
            if plural_cue || listed {
                let after = j + 1;
                if tokens.get(after).is_some_and(|n| n.gap == Gap::Comma) {
                    next_item = Some(after);
                } else if matches!(keys.try_get(after), Some("and" | "or")) {
                    next_item = Some(after + 1);
                }
            }
            // ("the Air Balloon roundabout": ordinary words, capitalised mid-sentence before a
            // place word, are a name.)
            let named_before_cue = lower_cue && named_mid_sentence;
            let all_stop = !street
                && !park
                && !feature_of
                && !in_area
                && !named_before_cue
                && (i..=j).all(|k| {
                    STOP_SET.contains(&keys.get(k))
                        || self.gaz.lexicon().common_words.contains(keys.get(k))
                });
            let person = !park
                && (TITLES_SET.contains(&first_key)
                    || (i < j && self.is_given(first_key) && !PLACE_HEADS_SET.contains(&last_key)));
            if mark
                && !all_stop
                && !person
                && !covered(out, run_start, run_end)
                && (in_area || tokens[i..=j].iter().any(|t| t.caps_informative() || j > i))
            {
                let surface = &text[run_start..run_end];
                let key = name_key(surface);
                // "the Gulf of Alaska", "the Bay of Biscay": placed, with less confidence, by
                // the place it is named after.
                // "the Swat Valley", "the Kashmir Valley": so is a natural feature named after
                // the place before its head.
                let named_by = if feature_of {
                    Some(&text[tokens[i + 2].start..run_end])
                } else if j > i && NAMED_FEATURE_HEADS.contains(&last_key) {
                    Some(&text[run_start..tokens[j - 1].end])
                } else {
                    None
                };
                let named_after = named_by
                    .and_then(|rest| {
                        let (kind, cands) =
                            own_name_lookup(self.gaz, self.facts, &name_key(rest), rest);
                        (kind == SpanKind::Place).then_some(cands)
                    })
                    .filter(|cands| !cands.is_empty());
                let mut span = Span::given(run_start, run_end, SpanKind::Unknown, Vec::new(), key);
                if let Some(cands) = named_after {
                    span.kind = SpanKind::Place;
                    span.cands = cands;
                    span.part = true;
                }
                out.push(span);
            }
            i = j + 1;
        }
    }
}

/// The first token of the run of up to three capitalised words, joined by spaces, that ends
/// at token `k` ("Cooke", "North Druid Hills").
fn cap_run_start(tokens: &[Token], k: usize) -> usize {
    let mut m = k;
    while m > 0 && k - m < 2 && tokens[m].gap == Gap::Space && tokens[m - 1].has(Token::CAP) {
        m -= 1;
    }
    m
}

/// Replaces whatever spans overlap bytes `from..to` with a listed name the gazetteer lacks
/// (a street or a river named in a list).
fn push_listed_unknown(text: &str, from: usize, to: usize, out: &mut Vec<Span>) {
    out.retain(|s| s.end <= from || s.start >= to);
    let key = name_key(&text[from..to]);
    let mut span = Span::given(from, to, SpanKind::Unknown, Vec::new(), key);
    span.listed = true;
    out.push(span);
}

/// Whether a span in `out` overlaps bytes `start..end`.
fn covered(out: &[Span], start: usize, end: usize) -> bool {
    out.iter().any(|x| x.start < end && start < x.end)
}

/// Numbered roads, which news names as places and the gazetteer lacks: "Highway 19",
/// "Interstate 45", "County Road 43", "State Route 9", "I-95", and British A roads and
/// motorways after "the" or before "road" ("the A417", "the M6 motorway"). Each is a name
/// the gazetteer lacks, placed like any other.
fn road_numbers(text: &str, tokens: &[Token], keys: &WordKeys, out: &mut Vec<Span>) {
    let number = |t: &Token| t.text(text).bytes().all(|b| b.is_ascii_digit());
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if !t.has(Token::CAP) {
            continue;
        }
        let Some(next) = tokens.get(i + 1) else { break };
        // "Highway 19", "County Road 43", "U.S. Route 1", "I-95"
        let named = next.has(Token::DIGIT)
            && number(next)
            && (next.gap == Gap::Space
                && matches!(keys.get(i), "highway" | "interstate" | "route" | "road")
                || next.gap == Gap::Hyphen && t.text(text) == "I");
        if named {
            // The word before that belongs to the name: "County Road", "State Highway",
            // "U.S. Route".
            let first = if i > 0
                && t.gap == Gap::Space
                && matches!(keys.get(i - 1), "county" | "state" | "us" | "u.s")
                && tokens[i - 1].has(Token::CAP)
            {
                i - 1
            } else {
                i
            };
            // ("Road 43" alone is no road's name; "County Road 43" is.)
            if keys.get(i) != "road" || first < i {
                found.push((tokens[first].start, next.end));
            }
            continue;
        }
        // "the A417", "on the M6", "the A120 at Coggeshall"
        let word = t.text(text).as_bytes();
        let british = word.len() >= 2
            && word.len() <= 5
            && matches!(word[0], b'A' | b'M')
            && word[1..].iter().all(u8::is_ascii_digit)
            && i > 0
            && (keys.get(i - 1) == "the" || matches!(keys.get(i + 1), "road" | "motorway"));
        if british {
            found.push((t.start, t.end));
        }
    }
    for (start, end) in found {
        if !covered(out, start, end) {
            let key = name_key(&text[start..end]);
            out.push(Span::given(start, end, SpanKind::Unknown, Vec::new(), key));
        }
    }
}

/// A dateline after the headline, as wire copy runs them together ("Teens found unharmed.
/// HURRICANE, W.Va. - Officers said"): a name in capitals opening a sentence, then a comma and
/// a capitalised name (its state or country).
fn opens_dateline(tokens: &[Token], i: usize, last: usize) -> bool {
    tokens[i].has(Token::SENTENCE_START)
        && tokens[i..=last].iter().all(|t| t.has(Token::UPPER))
        && !tokens[i].has(Token::TITLE_LINE)
        && tokens
            .get(last + 1)
            .is_some_and(|n| n.gap == Gap::Comma && n.has(Token::CAP) && !n.has(Token::UPPER))
}

/// Ordinal words, as numbered streets are named ("Fourth and Seventh streets").
const ORDINAL_WORDS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// Titles written short, with a stop before the name ("Mr. Smith", "Gen. Halevi", "St. John").
const ABBREVIATED_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "prof", "rev",
    "st", "sens", "reps", "govs", "const", "cpl", "det", "insp", "supt", "cmdr", "adm", "maj",
    "brig", "pte", "cllr", "atty",
];

/// Arabic topographic words that begin a place name: cape, mountain, gate, well, spring, ruin,
/// village, monastery, house, valley, hill, market.
const ARABIC_NAME_PREFIXES: &[&str] = &[
    "ras", "jabal", "jebel", "jbel", "bab", "bir", "ain", "ein", "khirbet", "khirbat", "kafr",
    "deir", "dayr", "beit", "bayt", "wadi", "tel", "tell", "tal", "umm", "souq", "suq",
];

/// Token `i` stands inside a longer Arabic name: right after a capitalised topographic prefix
/// ("Ras Isa"), or right before an article joined by a hyphen to a capitalised word ("Bab
/// al-Tabbaneh").
fn inside_arabic_name(tokens: &[Token], keys: &WordKeys, i: usize) -> bool {
    let after_prefix = i > 0
        && tokens[i].gap == Gap::Space
        && tokens[i - 1].has(Token::CAP)
        && ARABIC_NAME_PREFIXES.contains(&keys.get(i - 1));
    let before_article = tokens.get(i + 2).is_some_and(|w| {
        tokens[i + 1].gap == Gap::Space
            && !tokens[i + 1].has(Token::CAP)
            && is_article(keys.get(i + 1))
            && w.gap == Gap::Hyphen
            && w.has(Token::CAP)
    });
    after_prefix || before_article
}

enum Verdict {
    Keep { embedded: bool },
    SkipTo(usize),
}

/// Spans recognised only on weak evidence (sentence-initial ordinary word) are kept only when the
/// same name also appears with informative capitalisation elsewhere in the document.
fn confirm_weak_spans(
    spans: &mut Vec<Span>,
    text: &str,
    facts: &Facts,
    lex: &crate::gazetteer::Lexicon,
) {
    let strong: FxHashSet<String> = spans
        .iter()
        .filter(|s| !s.weak_caps)
        .map(|s| s.key.clone())
        .collect();
    spans.retain(|s| {
        // ("11/12 August: Rockingham, Northamptonshire.": a qualifier says it is a place.)
        if !s.weak_caps
            || s.kind != SpanKind::Place
            || strong.contains(&s.key)
            || s.dateline
            || !s.qualifiers.is_empty()
        {
            return true;
        }
        // Weakly capitalised (headline, sentence start, all caps) and never seen otherwise:
        // keep notable places (countries, regions, big cities) and multi-word names, and towns
        // whose name is no word or name of anything else ("Decatur to discuss school plan").
        // ("He’d" is no name.)
        let proper = !text[s.start..s.end].contains(['\'', '’'])
            && !lex.common_words.contains(s.key.as_str())
            && !TITLES_SET.contains(s.key.as_str())
            && !lex.given_names.contains(s.key.as_str())
            && !lex.surnames.contains(s.key.as_str());
        s.key.contains(' ')
            || s.cands.iter().any(|c| {
                let prior = facts[c.place].prior;
                prior > 3.0 || proper && prior > 2.0
            })
    });
}
