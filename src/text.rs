//! Text utilities: word tokens with the context flags the recognisers need, and conversion
//! between byte offsets (used internally) and Unicode code point offsets (used in output, the
//! same as Python `str` indices).

/// The kind of gap between one token and the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    /// Start of text.
    Start,
    /// White space only (no line break).
    Space,
    /// A hyphen (optionally with spaces).
    Hyphen,
    /// A comma.
    Comma,
    /// A sentence end (. ! ? ; :) — possibly with quotes or brackets.
    Stop,
    /// A line break.
    Newline,
    /// Anything else (quotes, brackets, dashes, slashes).
    Other,
}

/// A word token.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    /// Byte offset of the first char.
    pub start: usize,
    /// Byte offset after the last char.
    pub end: usize,
    /// Gap before this token.
    pub gap: Gap,
    /// Bit flags (`Token::CAP` …).
    pub flags: u8,
}

impl Token {
    /// First letter is uppercase.
    pub const CAP: u8 = 1;
    /// Every letter is uppercase (and there are at least two).
    pub const UPPER: u8 = 2;
    /// Starts with a digit.
    pub const DIGIT: u8 = 4;
    /// First word of a sentence (or line).
    pub const SENTENCE_START: u8 = 8;
    /// In a line where nearly every word is capitalised (a headline).
    pub const TITLE_LINE: u8 = 16;
    /// Followed by a possessive `'s`.
    pub const POSSESSIVE: u8 = 32;
    /// Contains dots, like "U.S." (the dots are part of the token).
    pub const DOTTED: u8 = 64;

    /// Is the flag set?
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Its text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Is capitalisation a signal here? (Not at a sentence start, not in a headline, not in
    /// an all-caps word.)
    pub fn caps_informative(&self) -> bool {
        !self.has(Self::SENTENCE_START) && !self.has(Self::TITLE_LINE) && !self.has(Self::UPPER)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | 'ʿ' | 'ʾ' | '‘' | '`' | '´')
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || unicode_mark(c)
    }
}

/// The char at byte offset `at` (a char boundary before the end) and its length: a byte
/// lookup for ASCII, a decode otherwise.
#[inline]
pub(crate) fn char_at(text: &str, at: usize) -> (char, usize) {
    let b = text.as_bytes()[at];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    text[at..]
        .chars()
        .next()
        .map_or((' ', 1), |c| (c, c.len_utf8()))
}

fn unicode_mark(c: char) -> bool {
    // Combining diacritics (decomposed text): keep them inside words.
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF)
}

/// Abbreviations after which a period does not end the sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Mt", "Ft", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt",
    "Sgt", "Prof", "Jr", "Sr", "Rev", "No", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "vs", "Maj", "Adm", "Cpl", "Pvt", "Insp", "Supt", "Sens", "Reps", "Govs",
    "Const", "Det", "Cmdr", "Brig", "Pte", "Cllr", "Atty",
];

/// Byte classes for the tokenizer's scan: ASCII lowercase, uppercase, digit, a byte of a
/// multi-byte char, or 0 for ASCII punctuation and spaces.
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 4;
const NON_ASCII: u8 = 8;
const ALNUM: u8 = LOWER | UPPER | DIGIT;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            0x80..=0xFF => NON_ASCII,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Is this byte an ASCII letter or digit? (A table load.)
#[inline]
pub(crate) fn is_ascii_word_byte(b: u8) -> bool {
    BYTE_CLASS[usize::from(b)] & ALNUM != 0
}

/// Splits text into word tokens with context flags.
///
/// Words are runs of letters and digits; an apostrophe between letters stays inside
/// ("Shuja'iyya", "Be'eri") except a possessive `'s`; dotted abbreviations ("U.S.", "U.A.E.")
/// are one token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let text_len = text.len();
    // Byte scan: ASCII is classed by table, other chars decoded where they occur.
    let bytes = text.as_bytes();
    let class = |at: usize| BYTE_CLASS[usize::from(bytes[at])];
    let mut at = 0usize;
    let mut gap_start = 0usize;
    while at < text_len {
        let first_class = class(at);
        // skip ASCII punctuation and spaces a byte at a time
        if first_class == 0 {
            at += 1;
            continue;
        }
        let start = at;
        // `end` is the next char to look at; an ASCII first char is scanned with the rest
        let mut end = at;
        let mut ascii = true;
        if first_class == NON_ASCII {
            let (c, len) = char_at(text, at);
            if !is_word_char(c) {
                at += len;
                continue;
            }
            ascii = false;
            end = at + len;
        }
        let mut flags = 0u8;
        while end < text_len {
            // the ASCII letters and digits of the word
            while end < text_len {
                let k = class(end);
                if k & ALNUM == 0 {
                    break;
                }
                end += 1;
            }
            if end >= text_len {
                break;
            }
            let j = end;
            let (d, dlen) = char_at(text, j);
            if is_word_char(d) {
                // (an ASCII word char would have been taken by the run above)
                ascii = false;
                end = j + dlen;
                continue;
            }
            if is_apostrophe(d) || d == '.' {
                // look one further
                let after = (j + dlen < text_len).then(|| char_at(text, j + dlen).0);
                match (d, after) {
                    ('.', Some(a)) if a.is_alphabetic() && single_letter_run(&text[start..end]) => {
                        flags |= Token::DOTTED;
                        end = j + 1;
                        continue;
                    }
                    ('.', _)
                        if flags & Token::DOTTED != 0 && single_letter_run(&text[start..end]) =>
                    {
                        // trailing dot of "U.S."
                        end = j + 1;
                        break;
                    }
                    (_, Some(a)) if is_apostrophe(d) && a.is_alphabetic() => {
                        let rest = &text[j + dlen..];
                        let possessive = (rest.starts_with('s') || rest.starts_with('S'))
                            && !rest[1..].chars().next().is_some_and(is_word_char);
                        if possessive {
                            flags |= Token::POSSESSIVE;
                            break;
                        }
                        ascii &= d.is_ascii();
                        end = j + dlen;
                        continue;
                    }
                    _ => break,
                }
            }
            break;
        }
        let gap = if gap_start == 0 && tokens.is_empty() {
            Gap::Start
        } else if start - gap_start == 1 && bytes[gap_start] == b' ' {
            Gap::Space
        } else {
            classify_gap(&text[gap_start..start], false)
        };
        if ascii {
            if first_class == UPPER {
                flags |= Token::CAP;
            }
            if first_class == DIGIT {
                flags |= Token::DIGIT;
            }
            // all capitals: at least two letters, none lowercase (a lowercase first one rules
            // it out without a look at the rest)
            if first_class != LOWER {
                let (mut letters, mut lowers) = (0u32, 0u32);
                for &b in &bytes[start..end] {
                    let k = BYTE_CLASS[usize::from(b)];
                    letters += u32::from(k & (LOWER | UPPER) != 0);
                    lowers += u32::from(k == LOWER);
                }
                if letters >= 2 && lowers == 0 {
                    flags |= Token::UPPER;
                }
            }
        } else {
            let word = &text[start..end];
            let first = word.chars().next().unwrap_or(' ');
            if first.is_uppercase() {
                flags |= Token::CAP;
            }
            if first.is_ascii_digit() {
                flags |= Token::DIGIT;
            }
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 2
                && word
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
            {
                flags |= Token::UPPER;
            }
        }
        let sentence_start = match gap {
            Gap::Start | Gap::Newline => true,
            Gap::Stop => !tokens
                .last()
                .is_some_and(|t| t.has(Token::DOTTED) || ABBREVIATIONS.contains(&t.text(text))),
            Gap::Other => {
                // an opening quote or bracket after a sentence end
                let g = &text[gap_start..start];
                g.contains(['.', '!', '?', '\n']) || tokens.is_empty()
            }
            _ => false,
        };
        if sentence_start {
            flags |= Token::SENTENCE_START;
        }
        gap_start = end;
        at = end;
        if flags & Token::POSSESSIVE != 0 {
            // skip the apostrophe and the s: they belong to neither the word nor the gap
            for _ in 0..2 {
                if at < text_len {
                    at += char_at(text, at).1;
                    gap_start = at;
                }
            }
        }
        tokens.push(Token {
            start,
            end,
            gap,
            flags,
        });
    }
    mark_title_lines(text, &mut tokens);
    tokens
}

fn single_letter_run(s: &str) -> bool {
    // "U", "U.S", "U.A.E" — single letters separated by dots
    s.split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

fn classify_gap(gap: &str, at_start: bool) -> Gap {
    if at_start {
        return Gap::Start;
    }
    if gap == " " {
        return Gap::Space;
    }
    if gap.is_ascii() {
        return classify_ascii_gap(gap.as_bytes());
    }
    if gap.contains('\n') {
        return Gap::Newline;
    }
    let trimmed = gap.trim_matches(|c: char| c.is_whitespace());
    if trimmed.is_empty() {
        return Gap::Space;
    }
    if trimmed.contains(['.', '!', '?', ';', ':']) {
        return Gap::Stop;
    }
    if trimmed == "-" || trimmed == "‐" || trimmed == "‑" {
        return Gap::Hyphen;
    }
    if trimmed == "," {
        return Gap::Comma;
    }
    Gap::Other
}

/// [`classify_gap`] of an ASCII gap, byte by byte (the same rules: `char::is_whitespace` on
/// ASCII is these six bytes).
fn classify_ascii_gap(gap: &[u8]) -> Gap {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    if gap.contains(&b'\n') {
        return Gap::Newline;
    }
    let Some(s) = gap.iter().position(|b| !space(b)) else {
        return Gap::Space;
    };
    let e = gap.iter().rposition(|b| !space(b)).unwrap_or(s);
    let trimmed = &gap[s..=e];
    if trimmed
        .iter()
        .any(|b| matches!(b, b'.' | b'!' | b'?' | b';' | b':'))
    {
        return Gap::Stop;
    }
    match trimmed {
        b"-" => Gap::Hyphen,
        b"," => Gap::Comma,
        _ => Gap::Other,
    }
}

/// Marks tokens of headline-like lines (most words capitalised) so that capitalisation is not
/// taken as evidence there.
fn mark_title_lines(text: &str, tokens: &mut [Token]) {
    let mut line_start = 0;
    while line_start < tokens.len() {
        let mut line_end = line_start + 1;
        while line_end < tokens.len() && tokens[line_end].gap != Gap::Newline {
            line_end += 1;
        }
        let line = &tokens[line_start..line_end];
        let (mut words, mut long_words, mut caps) = (0usize, 0usize, 0usize);
        for t in line.iter().filter(|t| !t.has(Token::DIGIT)) {
            words += 1;
            if t.end - t.start > 3 {
                long_words += 1;
                caps += usize::from(t.has(Token::CAP));
            }
        }
        let has_sentence_end = line.iter().skip(1).any(|t| t.gap == Gap::Stop)
            || text[line.last().map_or(0, |t| t.end)..]
                .chars()
                .take_while(|&c| c != '\n')
                .any(|c| c == '.');
        if long_words >= 3 && caps * 10 >= long_words * 7 && (words <= 25 && !has_sentence_end) {
            for t in &mut tokens[line_start..line_end] {
                t.flags |= Token::TITLE_LINE;
            }
        }
        line_start = line_end;
    }
}

/// Maps byte offsets of one text to code point offsets.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `(byte offset, char offset)` at every non-ASCII char boundary, for binary search.
    marks: Vec<(usize, usize)>,
    ascii: bool,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                marks: Vec::new(),
                ascii: true,
            };
        }
        let mut marks = Vec::new();
        let mut extra = 0usize; // bytes minus chars so far
        for (b, c) in text.char_indices() {
            let len = c.len_utf8();
            if len > 1 {
                extra += len - 1;
                marks.push((b + len, b + len - extra));
            }
        }
        Self {
            marks,
            ascii: false,
        }
    }

    /// The code point offset of byte offset `byte` (which must be a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        match self.marks.partition_point(|&(b, _)| b <= byte) {
            0 => byte,
            i => {
                let (b, c) = self.marks[i - 1];
                c + (byte - b)
            }
        }
    }
}

/// The byte offset of code point offset `chars` in `text` (clamped to the end).
pub fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn apostrophes_dots_possessives() {
        assert_eq!(
            words("Shuja'iyya and Be’eri"),
            ["Shuja'iyya", "and", "Be’eri"]
        );
        assert_eq!(
            words("the U.S. and U.A.E. said"),
            ["the", "U.S.", "and", "U.A.E.", "said"]
        );
        assert_eq!(words("Israel's army"), ["Israel", "army"]);
        let t = tokenize("Israel's army");
        assert!(t[0].has(Token::POSSESSIVE));
        assert_eq!(words("al-Mawasi, Gaza."), ["al", "Mawasi", "Gaza"]);
    }

    #[test]
    fn sentence_starts_and_gaps() {
        let text = "Rafah was quiet. Reading the map, Mr. Smith went to Gaza City.\nCairo";
        let t = tokenize(text);
        let flags: Vec<(&str, bool)> = t
            .iter()
            .map(|t| (t.text(text), t.has(Token::SENTENCE_START)))
            .collect();
        assert_eq!(flags[0], ("Rafah", true));
        assert_eq!(flags[3], ("Reading", true));
        assert_eq!(flags[7], ("Smith", false));
        assert_eq!(flags[12], ("Cairo", true));
        assert_eq!(t[6].gap, Gap::Comma);
    }

    #[test]
    fn headline_lines_are_marked() {
        let text = "Mediators Return To Cairo As Talks Resume\nTalks resumed in Cairo on Monday.";
        let t = tokenize(text);
        assert!(t[0].has(Token::TITLE_LINE));
        assert!(!t.last().expect("tokens").has(Token::TITLE_LINE));
    }

    #[test]
    fn char_offsets() {
        let text = "Türkiye — Gaza";
        let idx = CharIndex::new(text);
        let gaza = text.find("Gaza").expect("found");
        assert_eq!(idx.char_offset(gaza), 10);
        assert_eq!(byte_offset(text, 10), gaza);
        assert_eq!(idx.char_offset(0), 0);
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
    }

    /// The char-by-char tokenizer the byte scan replaced, kept verbatim to check that they agree.
    #[allow(clippy::while_let_loop)]
    fn reference_tokenize(text: &str) -> Vec<Token> {
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
        let mut chars = text.char_indices().peekable();
        let mut gap_start = 0usize;
        while let Some((i, c)) = chars.next() {
            if !is_word_char(c) {
                continue;
            }
            // a word starts at i
            let start = i;
            let mut end = i + c.len_utf8();
            let mut flags = 0u8;
            loop {
                let Some(&(j, d)) = chars.peek() else { break };
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
                if is_apostrophe(d) || d == '.' {
                    // look one further
                    let after = text[j + d.len_utf8()..].chars().next();
                    match (d, after) {
                        ('.', Some(a))
                            if a.is_alphabetic() && single_letter_run(&text[start..end]) =>
                        {
                            flags |= Token::DOTTED;
                            end = j + 1;
                            chars.next();
                            continue;
                        }
                        ('.', _)
                            if flags & Token::DOTTED != 0
                                && single_letter_run(&text[start..end]) =>
                        {
                            // trailing dot of "U.S."
                            end = j + 1;
                            chars.next();
                            break;
                        }
                        (_, Some(a)) if is_apostrophe(d) && a.is_alphabetic() => {
                            let rest = &text[j + d.len_utf8()..];
                            let possessive = (rest.starts_with('s') || rest.starts_with('S'))
                                && !rest[1..].chars().next().is_some_and(is_word_char);
                            if possessive {
                                flags |= Token::POSSESSIVE;
                                break;
                            }
                            end = j + d.len_utf8();
                            chars.next();
                            continue;
                        }
                        _ => break,
                    }
                }
                break;
            }
            let word = &text[start..end];
            let gap = classify_gap(&text[gap_start..start], gap_start == 0 && tokens.is_empty());
            let first = word.chars().next().unwrap_or(' ');
            if first.is_uppercase() {
                flags |= Token::CAP;
            }
            if first.is_ascii_digit() {
                flags |= Token::DIGIT;
            }
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 2
                && word
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
            {
                flags |= Token::UPPER;
            }
            let prev_abbrev = tokens
                .last()
                .is_some_and(|t| gap == Gap::Stop && ABBREVIATIONS.contains(&t.text(text)));
            let sentence_start = match gap {
                Gap::Start | Gap::Newline => true,
                Gap::Stop => !prev_abbrev && !tokens.last().is_some_and(|t| t.has(Token::DOTTED)),
                Gap::Other => {
                    // an opening quote or bracket after a sentence end
                    let g = &text[gap_start..start];
                    g.contains(['.', '!', '?', '\n']) || tokens.is_empty()
                }
                _ => false,
            };
            if sentence_start {
                flags |= Token::SENTENCE_START;
            }
            gap_start = end;
            if flags & Token::POSSESSIVE != 0 {
                // skip the apostrophe and the s: they belong to neither the word nor the gap
                for _ in 0..2 {
                    if let Some((j, d)) = chars.next() {
                        gap_start = j + d.len_utf8();
                    }
                }
            }
            tokens.push(Token {
                start,
                end,
                gap,
                flags,
            });
        }
        mark_title_lines(text, &mut tokens);
        tokens
    }

    #[test]
    fn byte_scan_agrees_with_char_scan() {
        let mut texts: Vec<String> = [
            "Shuja'iyya and Be’eri, the U.S. and U.A.E. said; Israel's army (Gaza) — al-Mawasi.",
            "Mr. Smith went to St. Louis. Dr. Who? it's ISRAEL'S ‘quote’ e.g. x.y. A.B",
            "Türkiye, São Paulo, Kraków: Øresund n\u{0303}o ĐÀ NẴNG; 2025-10-09 3.5% U.S",
            "end with dot. U.S.' Gaza’s s' 's",
            "",
            "  \n\n HEADLINE WORDS HERE\nNext line.",
            "a\tb\x0bc\x0cd\re - f ‐ g\u{a0}h , i ;j \" k( l --m",
            "ABC's Ab'cd x`y A.b.C. 1st 2ND Ünited ÜN Zürich OK. Fine! Why? no:",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo/dispatches");
        for entry in std::fs::read_dir(demo).expect("demo corpus") {
            let path = entry.expect("entry").path();
            texts.push(std::fs::read_to_string(path).expect("text"));
        }
        let key = |t: &Token| (t.start, t.end, t.gap, t.flags);
        for text in &texts {
            let a: Vec<_> = tokenize(text).iter().map(key).collect();
            let b: Vec<_> = reference_tokenize(text).iter().map(key).collect();
            assert_eq!(a, b, "{text:?}");
        }
    }
}
