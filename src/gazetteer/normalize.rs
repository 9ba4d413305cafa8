//! Name normalisation that survives news spelling.
//!
//! Two levels of keys:
//! - the **exact key** folds case, diacritics, apostrophes, dots and hyphens
//!   ("Shuja'iyya" → `shujaiyya`, "U.S." → `us`, "Deir al-Balah" → `deir al balah`);
//! - the **loose key** additionally folds Arabic transliteration variants: articles
//!   (al-/el-/ash-…), doubled letters, `ou`/`oo` → `u`, `ei`/`ay` → `ai`, `y` → `i`, `q` → `k`,
//!   `gh` → `g` and a final `h` after a vowel ("Khan Younis" and "Khan Yunis" → `kan yunis`…).
//!
//! Keys are built word by word, so the key of a span of text is the space-joined keys of its words;
//! the extractor relies on that to look up n-grams without re-normalising.

/// A byte's part in an ASCII word's exact key: ASCII letters and digits map to themselves
/// lowercased, other ASCII bytes (dropped) to 0, and the bytes of multi-byte chars (which need
/// [`push_word_key`]'s Unicode path) to `0xFF`.
pub(crate) static ASCII_KEY_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else if c.is_ascii() {
            0
        } else {
            0xFF
        };
        b += 1;
    }
    t
};

/// Appends the exact key of one word (no separators inside) to `out`.
///
/// Returns `false` (and appends nothing) when the word has no letters or digits.
pub fn push_word_key(word: &str, out: &mut String) -> bool {
    let before = out.len();
    if word.is_ascii() {
        for b in word.bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(char::from(b.to_ascii_lowercase()));
            }
        }
    } else {
        // Per-char compatibility decomposition: the same result as NFKD here, because
        // combining marks are dropped anyway (so canonical reordering does not matter).
        for c in word.chars() {
            if c.is_ascii() {
                push_folded_char(c, out);
            } else {
                unicode_normalization::char::decompose_compatible(c, |d| push_folded_char(d, out));
            }
        }
    }
    out.len() > before
}

fn push_folded_char(c: char, out: &mut String) {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let folded = match c {
        'ø' | 'Ø' => "o",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ß' => "ss",
        'ı' | 'İ' => "i",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ħ' | 'Ħ' => "h",
        _ => {
            // Combining marks (from NFKD), apostrophes, dots and other punctuation vanish.
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    out.push(l);
                }
            }
            return;
        }
    };
    out.push_str(folded);
}

/// True for characters that separate the words of a name: white space, hyphens and dashes,
/// slashes, commas.
pub fn is_word_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '/' | ',' | '(' | ')')
}

/// The exact key of a whole name: the keys of its words joined by single spaces.
///
/// # Examples
/// ```
/// use placemap::gazetteer::normalize::name_key;
/// assert_eq!(name_key("Shuja'iyya"), "shujaiyya");
/// assert_eq!(name_key("U.S."), "us");
/// assert_eq!(name_key("Deir al-Balah"), "deir al balah");
/// assert_eq!(name_key("Türkiye"), "turkiye");
/// assert_eq!(name_key("  Khan   Yūnis "), "khan yunis");
/// ```
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    name_key_into(name, &mut out);
    out
}

/// [`name_key`] into a reused buffer (cleared first).
pub fn name_key_into(name: &str, out: &mut String) {
    out.clear();
    for word in name.split(is_word_separator) {
        let mark = out.len();
        if mark > 0 {
            out.push(' ');
        }
        if !push_word_key(word, out) {
            out.truncate(mark);
        }
    }
}

/// Articles that Arabic (and Hebrew) transliterations write or omit at will.
const ARTICLES: &[&str] = &[
    "al", "el", "il", "ul", "ad", "adh", "ah", "an", "ar", "as", "ash", "at", "ath", "az", "ed",
    "en", "er", "es", "esh", "et", "ez", "ha",
];

/// Is this word key a transliterated article (`al`, `el`, `ash`…)?
#[inline]
pub fn is_article(word_key: &str) -> bool {
    // Every article is two or three letters: most words are ruled out by their length.
    (2..=3).contains(&word_key.len()) && ARTICLES.contains(&word_key)
}

/// The loose key of an exact key: transliteration variants fold together.
///
/// # Examples
/// ```
/// use placemap::gazetteer::normalize::{loose_key, name_key};
/// let k = |s| loose_key(&name_key(s));
/// assert_eq!(k("Khan Younis"), k("Khan Yunis"));
/// assert_eq!(k("Shujaiya"), k("Shuja'iyya"));
/// assert_eq!(k("Deir el-Balah"), k("Dayr al Balah"));
/// assert_eq!(k("Nuseirat"), k("An Nuşayrāt"));
/// assert_eq!(k("Zeitoun"), k("Zaytun"));
/// assert_eq!(k("Khuza'a"), k("Khuzā‘ah"));
/// assert_ne!(k("Paris"), k("Perth"));
/// ```
pub fn loose_key(exact: &str) -> String {
    let mut out = String::with_capacity(exact.len());
    loose_key_into(exact, &mut out);
    out
}

/// [`loose_key`] into a reused buffer (cleared first).
pub fn loose_key_into(exact: &str, out: &mut String) {
    out.clear();
    let mut words = exact.split(' ').peekable();
    while let Some(word) = words.next() {
        // Drop articles, but never the last word (a name that is only an article stays).
        if words.peek().is_some() && is_article(word) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        push_loose_word(word, out);
    }
}

/// Appends the loose form of one exact word key to `out`.
pub fn push_loose_word(word: &str, out: &mut String) {
    push_loose_word_with(word, out, &mut String::with_capacity(word.len()));
}

/// [`push_loose_word`] with a caller's scratch buffer instead of a fresh allocation per word
/// (the recogniser calls it for every capitalised token). Same output.
pub fn push_loose_word_with(word: &str, out: &mut String, scratch: &mut String) {
    if word.len() <= LOOSE_ASCII_MAX && word.is_ascii() {
        push_loose_ascii_word(word.as_bytes(), out);
    } else {
        push_loose_chars(word, out, scratch);
    }
}

/// [`push_loose_word_with`] char by char, for any word.
fn push_loose_chars(word: &str, out: &mut String, scratch: &mut String) {
    let s = scratch;
    s.clear();
    let b = word.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        match (c, next) {
            (b'o', Some(b'u' | b'o')) => {
                s.push('u');
                i += 2;
                continue;
            }
            (b'e', Some(b'i' | b'y')) | (b'a', Some(b'y')) => {
                s.push_str("ai");
                i += 2;
                continue;
            }
            (b'e', Some(b'e')) => {
                s.push('i');
                i += 2;
                continue;
            }
            (b'g' | b'k' | b'z', Some(b'h')) => {
                s.push(char::from(c));
                i += 2;
                continue;
            }
            (b'q', _) => s.push('k'),
            (b'y', _) => s.push('i'),
            (b'w', Some(b'u')) => s.push('w'),
            _ => s.push(char::from(c)),
        }
        i += 1;
    }
    if s.len() > 3 && s.ends_with('h') {
        let prev = s.as_bytes()[s.len() - 2];
        if matches!(prev, b'a' | b'e' | b'i' | b'o' | b'u') {
            s.pop();
        }
    }
    let mut last = None;
    for c in s.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
}

/// Longest word [`push_loose_ascii_word`] takes (its buffer is on the stack).
const LOOSE_ASCII_MAX: usize = 64;

/// [`push_loose_word_with`] for an ASCII word of at most [`LOOSE_ASCII_MAX`] bytes: the same
/// steps on bytes in a stack buffer (each step writes no more bytes than it reads).
fn push_loose_ascii_word(word: &[u8], out: &mut String) {
    let mut s = [0u8; LOOSE_ASCII_MAX];
    let mut n = 0;
    let mut i = 0;
    while i < word.len() {
        let c = word[i];
        let next = word.get(i + 1).copied();
        let (first, second, step) = match (c, next) {
            (b'o', Some(b'u' | b'o')) => (b'u', None, 2),
            (b'e', Some(b'i' | b'y')) | (b'a', Some(b'y')) => (b'a', Some(b'i'), 2),
            (b'e', Some(b'e')) => (b'i', None, 2),
            (b'g' | b'k' | b'z', Some(b'h')) => (c, None, 2),
            (b'q', _) => (b'k', None, 1),
            (b'y', _) => (b'i', None, 1),
            _ => (c, None, 1),
        };
        s[n] = first;
        n += 1;
        if let Some(second) = second {
            s[n] = second;
            n += 1;
        }
        i += step;
    }
    if n > 3 && s[n - 1] == b'h' && matches!(s[n - 2], b'a' | b'e' | b'i' | b'o' | b'u') {
        n -= 1;
    }
    let mut last = None;
    for &c in &s[..n] {
        if Some(c) != last {
            out.push(char::from(c));
        }
        last = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! same {
        ($name:ident, $a:expr, $b:expr) => {
            #[test]
            fn $name() {
                assert_eq!(loose_key(&name_key($a)), loose_key(&name_key($b)));
            }
        };
    }

    same!(khan_younis, "Khan Younis", "Khan Yunis");
    same!(shujaiya, "Shujaiya", "Shuja’iyya");
    same!(jabalia, "Jabalia", "Jabalya");
    same!(beit_lahia, "Beit Lahia", "Bayt Lahiya");
    same!(sheikh, "Sheikh Radwan", "Shaykh Radwan");
    same!(tuffah, "al-Tuffah", "Tuffa");
    same!(qalqilya, "Qalqilya", "Qalqīlyah");
    same!(gaza, "Gaza", "Ghazzah");
    same!(sloviansk, "Sloviansk", "Slovyansk");
    same!(zaporizhzhia, "Zaporizhia", "Zaporizhzhya");
    same!(huliaipole, "Huliaipole", "Hulyaypole");
    same!(baramulla, "Baramulla", "Bāramūla");

    #[test]
    fn articles_are_two_or_three_letters() {
        // `is_article` rules other lengths out before comparing.
        assert!(ARTICLES.iter().all(|a| (2..=3).contains(&a.len())));
    }

    #[test]
    fn exact_keys() {
        assert_eq!(name_key("Be'eri"), "beeri");
        assert_eq!(name_key("Be’eri"), "beeri");
        assert_eq!(name_key("São Paulo"), "sao paulo");
        assert_eq!(name_key("Kraków"), "krakow");
        assert_eq!(name_key("Øresund"), "oresund");
        assert_eq!(name_key("St. Louis"), "st louis");
        assert_eq!(name_key("---"), "");
        assert_eq!(name_key("İzmir"), "izmir");
    }
}

#[cfg(test)]
mod scratch_tests {
    use super::*;

    #[test]
    fn a_reused_scratch_buffer_leaks_nothing_between_words() {
        let mut scratch = String::new();
        for w in [
            "khan",
            "younis",
            "shujaiyya",
            "qalqilyah",
            "ghazzah",
            "eeyore",
            "wu",
            "ah",
            "bah",
            "deir",
            "xyz",
            "caf\u{e9}",
            "\u{3b1}\u{3b8}\u{3b7}\u{3bd}\u{3b1}",
            "",
            "qaysoueeghkhaywu",
            "ooooh",
            "shaykh",
            "aah",
            "ayyh",
        ] {
            let mut a = String::from("x ");
            let mut b = String::from("x ");
            push_loose_word(w, &mut a);
            push_loose_word_with(w, &mut b, &mut scratch);
            assert_eq!(a, b);
            // the byte path for ASCII words agrees with the char path
            let mut c = String::from("x ");
            push_loose_chars(w, &mut c, &mut String::new());
            assert_eq!(a, c, "{w:?}");
        }
    }
}
