//! Resolution: which place each recognised span means.
//!
//! Each candidate gets a score: a context-free prior (kind, population, curated or not), the
//! name-match quality, an explicit qualifier ("Rafah, Egypt"), and document context — the
//! countries and admin-1 regions the document names or implies, geographic coherence with the
//! other confidently placed mentions, and the dateline. Mentions with the same name share one
//! sense per document unless a qualifier says otherwise. Scores become probabilities with a
//! softmax; every mention keeps its top candidates.

use geo::{Distance as _, Haversine, Point};
use rustc_hash::{FxHashMap, FxHashSet};

use super::facts::{Fact, Facts};
use super::recognize::{Cand, Span, SpanKind};
use super::{Candidate, MentionKind, Resolution, Toponym};
use crate::gazetteer::{Gazetteer, PlaceId, PlaceKind};

/// How many candidates each mention keeps.
const KEEP: usize = 5;

/// Resolves spans to toponyms.
pub fn resolve(gaz: &Gazetteer, facts: &Facts, text: &str, mut spans: Vec<Span>) -> Vec<Toponym> {
    if spans.is_empty() {
        return Vec::new();
    }
    // Spans given from outside (gold spans) all are; the recogniser marks only some of its own
    // (list items, names a context cue settles).
    let spans_given = spans.iter().all(|s| s.given);
    // "U.S.", "D.C.", "L.A.": dotted initials abbreviate a country, a region or a big city,
    // never a village whose name is the bare letters (Us, in France).
    for s in &mut spans {
        if dotted_initials(text.get(s.start..s.end).unwrap_or_default()) {
            let notable = |c: &Cand| {
                let f = &facts[c.place];
                f.kind.is_area() || f.population >= 100_000
            };
            if s.cands.iter().any(notable) {
                s.cands.retain(notable);
            }
        }
    }
    // "Amazon's business model", "Amazon Fire TV": English names a river or a channel with
    // "the"; a bare one-word name with no "river" or "valley" after it is something else.
    let water = |c: &Cand| {
        facts[c.place].kind == PlaceKind::Physical
            && matches!(gaz.place(c.place).feature, "H.STM" | "H.CHN")
    };
    for s in &mut spans {
        if s.kind == SpanKind::Place
            && !s.given
            && !s.key.contains(' ')
            && s.cands.iter().any(water)
            && !bare_water_name_is_water(text, s.start, s.end)
        {
            s.cands.retain(|c| !water(c));
        }
    }
    // "based in Port Sudan on the Red Sea": "the" and a sea's own head name the water, not
    // the state named after it (unless a head says so: "the Red Sea state"), there and
    // wherever else the document names it bare.
    let sea = |c: &Cand| facts[c.place].kind == PlaceKind::Physical;
    let bare_sea = |s: &Span| {
        s.kind == SpanKind::Place
            && (s.key.ends_with(" sea") || s.key.ends_with(" ocean"))
            && s.head_kind.is_none()
            && s.cands.iter().any(sea)
    };
    let seas: FxHashSet<String> = spans
        .iter()
        .filter(|s| bare_sea(s) && after_the(text, s.start))
        .map(|s| s.key.clone())
        .collect();
    for s in &mut spans {
        if bare_sea(s) && seas.contains(&s.key) {
            s.cands.retain(sea);
        }
    }
    // "the Wye was expected to peak": after "the", a bare name that is a river's (River Wye) is
    // the river rather than a village of that name (Wye, in Kent).
    // ("along the Rio Grande" is the river, not a town named Rio Grande; "the Jordan" may
    // still be the country.)
    for s in &mut spans {
        if s.kind != SpanKind::Place || !after_the(text, s.start) {
            continue;
        }
        if s.cands.iter().any(water) {
            if !s
                .cands
                .iter()
                .any(|c| facts[c.place].kind == PlaceKind::Country)
            {
                s.cands.retain(water);
            }
        } else if !s.key.contains(' ')
            && s.cands.iter().all(|c| {
                let f = &facts[c.place];
                !f.kind.is_area() && f.population < 100_000
            })
        {
            let rivers: Vec<Cand> = [format!("river {}", s.key), format!("{} river", s.key)]
                .iter()
                .flat_map(|k| gaz.lookup(k))
                .map(|p| Cand {
                    place: p.place,
                    quality: 1.0,
                })
                .filter(water)
                .collect();
            if !rivers.is_empty() {
                s.cands = rivers;
            }
        }
    }
    // Pass 1: context-free scores.
    let base: Vec<Vec<(PlaceId, f64)>> = spans.iter().map(|s| base_scores(facts, s)).collect();
    let first: Vec<Vec<(PlaceId, f64)>> = base.iter().map(|b| softmax(b)).collect();

    // Name keys as small ids: the context tables are keyed by them.
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let key_ids: Vec<u32> = spans
        .iter()
        .map(|s| {
            let n = ids.len() as u32;
            *ids.entry(s.key.as_str()).or_insert(n)
        })
        .collect();

    // Document context from pass 1.
    let ctx = Context::build(facts, &spans, &key_ids, &first);

    // "Portland Trail Blazers … the Rockets swept their series with Portland": a team's
    // name says which town its first word means, there and everywhere in the document.
    let team_homes: FxHashMap<&str, PlaceId> = spans
        .iter()
        .filter_map(|s| Some((s.key.as_str(), s.team?)))
        .collect();

    let siblings = list_siblings(facts, text, &spans, &first);
    let local = sentence_areas(facts, text, &spans, &first);

    // Pass 2: context scores, aggregated per key (one sense per document).
    let score_all = |ctx: &Context| -> Vec<Vec<(PlaceId, f64)>> {
        let mut scored: Vec<Vec<(PlaceId, f64)>> = spans
            .iter()
            .zip(&base)
            .enumerate()
            .map(|(i, (s, b))| {
                b.iter()
                    .map(|&(p, score)| {
                        let f = &facts[p];
                        let sibling = siblings[i].is_some_and(|(kind, country)| {
                            f.kind == kind
                                && match kind {
                                    PlaceKind::Country => true,
                                    PlaceKind::City => f.population >= BIG_CITY,
                                    _ => f.country == country,
                                }
                        });
                        let area =
                            s.area_hint && matches!(f.kind, PlaceKind::Country | PlaceKind::Admin1);
                        let list = if sibling || area { LIST_SIBLING } else { 0.0 };
                        // "In northern Lebanon, clashes in Tripoli": a country or region named in
                        // the same sentence.
                        let near = if local[i].iter().any(|&a| area_holds(facts, a, p)) {
                            SENTENCE_AREA
                        } else {
                            0.0
                        };
                        let team = if team_homes.get(s.key.as_str()) == Some(&p) {
                            TEAM_HOME
                        } else {
                            0.0
                        };
                        (
                            p,
                            score + list + near + team + ctx.bonus(gaz, facts, i, key_ids[i], s, p),
                        )
                    })
                    .collect()
            })
            .collect();
        city_keeps_its_regions_lead(facts, &spans, &siblings, &mut scored);
        one_sense_per_key(&spans, &local, &mut scored);
        scored
    };
    // Pass 3: the context again, from what pass 2 made of each name. Pass 1 read the
    // dateline "DOVER, England" as Dover, Delaware (blind to "England"), and at triple weight
    // that reading pulled "Calais" to Maine; read again, the story is in Kent, and so is the
    // focus that names the gazetteer lacks are anchored to.
    let mut scored = score_all(&ctx);
    let ctx = Context::build(facts, &spans, &key_ids, &blend(&first, &scored));
    scored = score_all(&ctx);
    if log::log_enabled!(log::Level::Trace) {
        for ((s, b), sc) in spans.iter().zip(&base).zip(&scored) {
            let show = |v: &[(PlaceId, f64)]| {
                let mut v = v.to_vec();
                v.sort_by(|a, b| b.1.total_cmp(&a.1));
                v.iter()
                    .take(4)
                    .map(|&(p, x)| {
                        let q = s
                            .cands
                            .iter()
                            .filter(|c| c.place == p)
                            .map(|c| c.quality)
                            .fold(0.0_f32, f32::max);
                        format!(
                            "{} {}/{} q{q:.2} {x:.2}",
                            gaz.place(p).name,
                            facts[p].country,
                            facts[p].admin1
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            log::trace!("{:?}: base [{}] final [{}]", s.key, show(b), show(sc));
        }
    }

    // A hamlet with nothing in the document pointing its way, and no "in …" before it, is more
    // likely a word or a name than a place ("Warns", "Red Cross", "Abraham"); so is a town
    // matched only through one of its alternate names ("Success" for Northville). Such
    // candidates go; a mention left with none is dropped.
    let keep: Vec<bool> = spans
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.kind != SpanKind::Place || s.given || !s.qualifiers.is_empty() {
                return true;
            }
            let unsupported = |top: PlaceId| {
                let p = &facts[top];
                let small = matches!(p.kind, PlaceKind::City | PlaceKind::Locality)
                    && p.origin == crate::gazetteer::Origin::GeoNames;
                let tiny = small && p.population < 2_000;
                // ("Douma" for Duma, beside Damascus in a story about Syria, is that town.)
                // ("Arava" for Aarau, in a story nowhere near Switzerland, is not that town.)
                let alternate_only = small
                    && s.cands
                        .iter()
                        .filter(|c| c.place == top)
                        // (A big city spelt another way keeps its reading: "Sloviansk".)
                        .all(|c| {
                            (c.quality - 0.7).abs() < 1e-6
                                || c.quality < 1.0 && p.population < 100_000
                        })
                    && !s.key.contains(' ')
                    && (p.prior < 3.0
                        && (p.population < 10_000
                            || ctx.specific_support(facts, i, key_ids[i], top) < 1.0)
                        || p.population < 100_000
                            && ctx.country_support(key_ids[i], p.country) < 0.5);
                // A one-word transliteration match ("Maliki" for Maliq, Albania) in a country
                // nothing else in the document points to is a name, not that place.
                let one_word = s
                    .key
                    .split(' ')
                    .filter(|w| !crate::gazetteer::normalize::is_article(w))
                    .count()
                    == 1;
                // Nor is a middling town abroad ("Al-Mansi" for Muncie) that nothing near it
                // in the document supports.
                let loose_only = one_word
                    && s.cands
                        .iter()
                        .filter(|c| c.place == top)
                        .all(|c| c.quality < 0.7)
                    && (ctx.country_support(key_ids[i], p.country) < 0.5
                        || p.population < 100_000
                            && ctx.specific_support(facts, i, key_ids[i], top) < 1.0);
                // A name that is a person's and only small towns' ("Hailey", "Tracy"), alone,
                // with nothing in the document near its reading, is more often the person.
                let personal = small
                    && one_word
                    && s.cands.iter().all(|c| {
                        let f = &facts[c.place];
                        f.population < 20_000 && !f.kind.is_area()
                    })
                    && gaz.lexicon().given_names.contains(s.key.as_str())
                    && ctx.specific_support(facts, i, key_ids[i], top) < 1.0;
                // A reading in a country nothing in the document points to, while another
                // country has the document's support, is foreign to the story.
                let foreign = || {
                    ctx.country_support(key_ids[i], p.country) < 0.5
                        && ctx
                            .countries
                            .keys()
                            .any(|&c| ctx.country_support(key_ids[i], c) >= 2.0)
                };
                // "Harding High School" in an Ohio story is named for a president, not for
                // Harding in South Africa: an institution names a town of its own country
                // (and "at" before it cues the institution, not the town).
                // "in Kuriga" in a story about Nigeria is not Khouribga, Morocco, whatever its
                // size: a spelling match abroad.
                let foreign_namesake = s.embedded && small && p.population < 50_000;
                if (foreign_namesake || loose_only) && foreign() {
                    return true;
                }
                // "UK Maritime Trade Operations": a region named by an ordinary word
                // ("Maritime" in Togo), in a country nothing else in the document points to,
                // is the word.
                let word_region = p.kind == PlaceKind::Admin1
                    && !s.cue
                    && one_word
                    && gaz.lexicon().is_ordinary(&s.key)
                    && ctx.country_support(key_ids[i], p.country) < 0.5;
                if word_region {
                    return true;
                }
                // "in …", "the village of …": the text says it is a place; a doubtful reading
                // is still doubted in a country nothing else in the document points to.
                // (A sizeable town keeps it: "strikes in Jabalia" needs no other name.)
                // Nor does the cue keep a village that only an alternate name links to when
                // the name is another place's own ("near Novorossiysk" is the Russian port,
                // not Siabry in a story about Ukraine) unless the document names a place
                // right beside the village ("in Avondale" beside Decatur is Avondale Estates).
                // ("in Chicago" in a story about Ohio is not Willard, Ohio, once called
                // Chicago: a big city by its own name beats a town ten times smaller that only
                // an old name links to.)
                if s.cue {
                    let own_name_elsewhere = |min_pop: u64| {
                        s.cands.iter().any(|c| {
                            c.place != top
                                && c.quality >= 1.0
                                && facts[c.place].population >= min_pop
                        })
                    };
                    let dwarfed = own_name_elsewhere(p.population.saturating_mul(10).max(100_000));
                    return (tiny || (alternate_only || loose_only) && p.population < 50_000)
                        && (ctx.country_support(key_ids[i], p.country) < 0.5
                            || (tiny && own_name_elsewhere(0) || dwarfed)
                                && alternate_only
                                && !ctx.named_nearby(facts, i, key_ids[i], top, 25.0));
                }
                alternate_only
                    || loose_only
                    || personal
                    || tiny && ctx.specific_support(facts, i, key_ids[i], top) < 1.0
            };
            // Set aside unsupported candidates while one of them is on top.
            while let Some(top) = scored[i]
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|&(p, _)| p)
            {
                if !unsupported(top) {
                    return true;
                }
                log::trace!(
                    "{:?}: unsupported small place {} set aside",
                    s.key,
                    gaz.place(top).name
                );
                scored[i].retain(|&(p, _)| p != top);
            }
            false
        })
        .collect();

    let focus = focus(
        facts,
        ctx.dateline,
        &settled_points(facts, &spans, &scored, &keep),
    );
    let mut toponyms: Vec<Toponym> = spans
        .into_iter()
        .zip(scored)
        .zip(keep)
        // ("the Farallon Islands": a part whose namesake reading goes is still a name the
        // text gives, unresolved.)
        .filter(|((span, _), k)| *k || span.part)
        .map(|((span, scores), k)| {
            if !k {
                return to_toponym(&span, &[], focus);
            }
            // "Kish River" in an Illinois story: a part that names somewhere far from the
            // document's focus is a coincidence; the focus is the better guess.
            // ("The Gulf of Alaska" is where it says, wherever the story is.)
            // Only a town-level focus is a better guess: beside a country, the part says more.
            // (Nor "Florida's Big Bend": the text says where it lies.)
            let far_part = span.part
                && span.qualifiers.is_empty()
                && !super::recognize::is_feature_of(&span.key)
                && focus.is_some_and(|f| {
                    matches!(
                        facts[f].kind,
                        PlaceKind::City
                            | PlaceKind::Locality
                            | PlaceKind::Admin2
                            | PlaceKind::Facility
                    ) && scores
                        .iter()
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                        .is_some_and(|&(top, _)| {
                            let (a, b) = (&facts[top], &facts[f]);
                            // "Bank of Mexico", "European Commission": a country or a
                            // continent inside a name is what the name is about, unless the
                            // name is of a site ("British International School", "Mall of
                            // Asia", "Fire Island", "Niger Delta"), which stands somewhere.
                            if matches!(
                                a.kind,
                                PlaceKind::Country | PlaceKind::Continent | PlaceKind::Region
                            ) && !super::recognize::names_a_site(&span.key)
                            {
                                return false;
                            }
                            // "Arizona State University", "University of Alberta": a state's
                            // university stands in that state.
                            if a.kind == PlaceKind::Admin1
                                && span
                                    .key
                                    .split(' ')
                                    .any(|w| matches!(w, "university" | "college" | "polytechnic"))
                            {
                                return false;
                            }
                            // "Vancouver International Airport" serves Vancouver, wherever the
                            // story is.
                            if span.key.ends_with(" airport")
                                && a.kind == PlaceKind::City
                                && a.population >= 50_000
                            {
                                return false;
                            }
                            // ("Fitzwilliam Place" in a Dublin story, "London Road" in a
                            // Brighton one: a street named after a town lies in the story's.)
                            let far = if super::recognize::names_a_street(&span.key) {
                                FAR_STREET_PART_M
                            } else {
                                FAR_PART_M
                            };
                            let here = Point::new(a.lon, a.lat);
                            Haversine.distance(here, Point::new(b.lon, b.lat)) > far
                        })
                });
            if far_part {
                to_toponym(&span, &[], focus)
            } else if outside_qualifiers(gaz, facts, &span, &scores) {
                // "Rockingham, Northamptonshire": no reading lies where the text says, so the
                // name is a place the gazetteer lacks, there ([`anchor_by_phrase`] puts it
                // at the qualifier); the readings elsewhere stay as alternatives.
                Toponym {
                    place: None,
                    confidence: 0.0,
                    resolution: Resolution::Unresolved,
                    ..to_toponym(&span, &scores, focus)
                }
            } else {
                to_toponym(&span, &scores, focus)
            }
        })
        .collect();
    anchor_to_neighbour(facts, text, focus, ctx.dateline.is_some(), &mut toponyms);
    anchor_by_phrase(gaz, text, &mut toponyms);
    // (A name outside its qualifier that no phrase placed lies at the focus, like any name
    // the gazetteer lacks.)
    for t in &mut toponyms {
        if t.resolution == Resolution::Unresolved && t.place.is_none() && focus.is_some() {
            t.place = focus;
            t.confidence = 0.2;
            t.resolution = Resolution::Anchored;
        }
    }
    place_initials(facts, text, &mut toponyms, !spans_given);
    toponyms
}

/// Each span's candidate probabilities halfway between pass 1 (`first`) and pass 2's scores,
/// best first. Only halfway: two ambiguous names that fit together ("Washington" the state and
/// "Pacific", a town in it) would otherwise lift each other further every pass.
fn blend(
    first: &[Vec<(PlaceId, f64)>],
    scored: &[Vec<(PlaceId, f64)>],
) -> Vec<Vec<(PlaceId, f64)>> {
    scored
        .iter()
        .zip(first)
        .map(|(v, f)| {
            let mut v = v.clone();
            v.sort_by(|a, b| b.1.total_cmp(&a.1));
            let mut v = softmax(&v);
            for (p, x) in &mut v {
                let before = f.iter().find(|(q, _)| q == p).map_or(0.0, |&(_, y)| y);
                *x = 0.5 * *x + 0.5 * before;
            }
            v.sort_by(|a, b| b.1.total_cmp(&a.1));
            v
        })
        .collect()
}

/// Whether the one-word water name at `start..end` reads as the water: "the" before it, or a
/// word such as "river" or "valley" after it ("Thames Valley").
fn bare_water_name_is_water(text: &str, start: usize, end: usize) -> bool {
    let the = after_the(text, start);
    let surface = text.get(start..end).unwrap_or_default();
    let next = text
        .get(end..)
        .unwrap_or_default()
        .trim_start_matches(['\'', '\u{2019}', 's'])
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_end_matches(|c: char| !c.is_alphabetic())
        .to_ascii_lowercase();
    the || surface
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("the "))
        || matches!(
            next.as_str(),
            "river"
                | "rivers"
                | "valley"
                | "basin"
                | "delta"
                | "estuary"
                | "watershed"
                | "gorge"
                | "water"
                | "waters"
                | "dispute"
        )
}

/// Whether the word before byte `start` is "the".
fn after_the(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or_default().trim_end();
    before.len() < start
        && before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("the"))
}

/// Confidence of a mention placed by the initials of a place named in the same document.
const INITIALS_CONFIDENCE: f32 = 0.7;

/// "Trinidad and Tobago … T&T", "the Democratic Republic of the Congo … the DRC": capital
/// initials (an ampersand may stand for "and") of a country, a region or a city of 100,000 or
/// more, named in two or more words elsewhere in the document (for a country, its demonym
/// counts: "South Africans … SA"), are that place. A name the gazetteer lacks is placed there;
/// when the spans were found here (`add`), not given, such initials standing alone are also
/// added as mentions. Initials inside a run of capitals (a headline) or after a capitalised
/// word ("Nestlé SA") are left alone.
fn place_initials(facts: &Facts, text: &str, toponyms: &mut Vec<Toponym>, add: bool) {
    let mut known: Vec<(String, PlaceId)> = Vec::new();
    for t in toponyms.iter() {
        let Some(p) = t.place else { continue };
        let f = &facts[p];
        let notable = f.kind.is_area() || f.population >= 100_000;
        // "South Africans … SA": a country's two-word demonym spells its initials too.
        let named = t.kind == MentionKind::Place
            || t.kind == MentionKind::Demonym && f.kind == PlaceKind::Country;
        if t.resolution != Resolution::Gazetteer || !named || !notable {
            continue;
        }
        if let Some(i) = initials_of(text.get(t.start..t.end).unwrap_or_default()) {
            if !known.iter().any(|(k, _)| *k == i) {
                known.push((i, p));
            }
        }
    }
    if known.is_empty() {
        return;
    }
    let lookup = |surface: &str| {
        let letters: String = surface.chars().filter(|&c| c != '&').collect();
        known.iter().find(|(k, _)| *k == letters).map(|&(_, p)| p)
    };
    let placed = |place: PlaceId| {
        vec![Candidate {
            place,
            score: INITIALS_CONFIDENCE,
        }]
    };
    for t in toponyms.iter_mut() {
        if !t.candidates.is_empty() || t.kind != MentionKind::Place {
            continue;
        }
        let surface = text.get(t.start..t.end).unwrap_or_default();
        if is_initialism(surface) {
            if let Some(p) = lookup(surface) {
                t.place = Some(p);
                t.confidence = INITIALS_CONFIDENCE;
                t.candidates = placed(p);
                t.resolution = Resolution::Anchored;
            }
        }
    }
    if !add {
        return;
    }
    let b = text.as_bytes();
    let bounded = |c: Option<u8>| c.is_none_or(|c| !c.is_ascii_alphanumeric() && c != b'&');
    let mut added: Vec<Toponym> = Vec::new();
    for (letters, place) in &known {
        // "TT" is also written "T&T".
        let mut forms = vec![letters.clone()];
        if let [x, y] = letters.as_bytes() {
            forms.push(format!("{}&{}", char::from(*x), char::from(*y)));
        }
        for form in forms.iter().filter(|f| is_initialism(f)) {
            for start in memchr::memmem::find_iter(b, form.as_bytes()) {
                let end = start + form.len();
                let before = start.checked_sub(1).map(|k| b[k]);
                if !(bounded(before) && bounded(b.get(end).copied()) && before != Some(b'.'))
                    || in_capitals_or_after_name(text, start, end)
                    || toponyms.iter().any(|t| t.start < end && start < t.end)
                {
                    continue;
                }
                added.push(Toponym {
                    start,
                    end,
                    kind: MentionKind::Place,
                    place: Some(*place),
                    confidence: INITIALS_CONFIDENCE,
                    candidates: placed(*place),
                    embedded: false,
                    resolution: Resolution::Anchored,
                });
            }
        }
    }
    if !added.is_empty() {
        toponyms.extend(added);
        toponyms.sort_by_key(|t| (t.start, t.end));
    }
}

/// Two to four capitals, an ampersand allowed between two of them ("DRC", "T&T").
fn is_initialism(surface: &str) -> bool {
    let b = surface.as_bytes();
    let letters = b.iter().filter(|c| c.is_ascii_uppercase()).count();
    (2..=4).contains(&letters)
        && b.first().is_some_and(u8::is_ascii_uppercase)
        && b.last().is_some_and(u8::is_ascii_uppercase)
        && b.iter().all(|&c| c.is_ascii_uppercase() || c == b'&')
        && !surface.contains("&&")
}

/// The initials of a name of two or more capitalised words, small words skipped
/// ("Trinidad and Tobago" → "TT", "Democratic Republic of the Congo" → "DRC").
fn initials_of(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut words = 0;
    for w in name.split(|c: char| c.is_whitespace() || c == '-') {
        if w.is_empty() || matches!(w, "and" | "of" | "the" | "&" | "de" | "la" | "el" | "al") {
            continue;
        }
        let first = w.chars().next()?;
        if !first.is_uppercase() {
            return None;
        }
        out.push(first);
        words += 1;
    }
    (words >= 2).then_some(out)
}

/// Whether the word at `start..end` stands in a run of capitals (a headline, "WHY T&T
/// MATTERS") or right after a capitalised word on the same line ("Nestlé SA").
fn in_capitals_or_after_name(text: &str, start: usize, end: usize) -> bool {
    let prev = text[..start].trim_end_matches([' ', '\t']);
    let prev_word = prev
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .filter(|_| prev.len() < start);
    let next_word = text[end..]
        .strip_prefix(' ')
        .and_then(|r| r.split(|c: char| c.is_whitespace()).next());
    let shouting = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    };
    // A capitalised small word opens a sentence ("In SA, …"); a name runs on ("Nestlé SA").
    let name = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !w.ends_with(['.', ':', ';', '!', '?', ','])
            && !matches!(
                w.to_ascii_lowercase().as_str(),
                "in" | "at"
                    | "for"
                    | "and"
                    | "but"
                    | "from"
                    | "to"
                    | "with"
                    | "by"
                    | "on"
                    | "the"
                    | "as"
                    | "while"
                    | "when"
                    | "if"
                    | "so"
                    | "of"
                    | "that"
                    | "this"
                    | "a"
                    | "an"
                    | "or"
                    | "yet"
                    | "now"
                    | "then"
                    | "where"
                    | "after"
                    | "before"
                    | "since"
                    | "because"
                    | "although"
                    | "though"
                    | "unlike"
                    | "across"
                    | "under"
                    | "why"
                    | "how"
            )
    };
    prev_word.is_some_and(|w| shouting(w) || name(w)) || next_word.is_some_and(shouting)
}

/// Whether `surface` is letters each followed by a full stop ("U.S.", "D.C."), the last
/// stop optional ("U.S").
fn dotted_initials(surface: &str) -> bool {
    let b = surface.as_bytes();
    b.len() >= 3
        && b.chunks(2).all(|pair| match pair {
            [l, b'.'] | [l] => l.is_ascii_alphabetic(),
            _ => false,
        })
}

/// How far back, in bytes, a name the gazetteer lacks looks for the town it is in.
const NEIGHBOUR_BYTES: usize = 300;

/// "In Gaza City, crowds gathered on al-Jalaa Street": a name the gazetteer lacks lies in the
/// town or district named just before it in the same paragraph, which says more than the
/// document's focus. Only a confident neighbour counts, and abroad only a very confident one:
/// a doubtful one is more often a word read as a place.
fn anchor_to_neighbour(
    facts: &Facts,
    text: &str,
    focus: Option<PlaceId>,
    focus_is_dateline: bool,
    toponyms: &mut [Toponym],
) {
    let focus_country = focus.map(|f| facts[f].country);
    for i in 1..toponyms.len() {
        let t = &toponyms[i];
        if !t.candidates.is_empty()
            || !matches!(t.resolution, Resolution::Anchored | Resolution::Unresolved)
        {
            continue;
        }
        let near = toponyms[..i].iter().rev().find(|b| {
            b.kind == MentionKind::Place
                && b.resolution == Resolution::Gazetteer
                && b.end <= t.start
                && b.place.is_some_and(|p| {
                    matches!(
                        facts[p].kind,
                        PlaceKind::City | PlaceKind::Locality | PlaceKind::Admin2
                    )
                })
        });
        let usable = near.filter(|b| {
            let at_home = b
                .place
                .is_some_and(|p| focus_country.is_none_or(|c| facts[p].country == c));
            let between = text.get(b.end..t.start).unwrap_or_default();
            // (A town abroad in the name's own paragraph and a sentence close by counts at
            // less: "… government in Tbilisi said … Protesters gathered on Rustaveli Avenue".)
            let close = between.len() <= SENTENCE_AREA_BYTES;
            let trusted = b.confidence >= 0.9
                || b.confidence >= 0.5 && at_home
                || b.confidence >= 0.75 && close;
            // (In a story datelined "ATLANTA", "officials in Cobb County and Gwinnett County
            // said … Protesters gathered on Pryor Street": a town at home named in an earlier
            // sentence says less than the dateline.)
            let dateline_says_more = focus_is_dateline && at_home && !same_sentence(between);
            trusted
                && !dateline_says_more
                && between.len() <= NEIGHBOUR_BYTES
                && !between.contains("\n\n")
        });
        // A country or region named after that town, in the name's own sentence, says more
        // when it is another country's ("… into Chad. Eritrea mobilised troops near the
        // border town of Zalambessa").
        let area = sentence_area(facts, text, toponyms, i).filter(|&a| {
            usable.is_none_or(|b| {
                b.end <= toponyms[a].start
                    && b.place
                        .zip(toponyms[a].place)
                        .is_some_and(|(p, q)| facts[p].country != facts[q].country)
            })
        });
        if let Some(a) = area {
            let (place, confidence) = (toponyms[a].place, toponyms[a].confidence * 0.3);
            if usable.is_some()
                || place.is_some_and(|p| focus.is_none_or(|f| facts[f].country != facts[p].country))
            {
                toponyms[i].place = place;
                toponyms[i].confidence = confidence;
                toponyms[i].resolution = Resolution::Anchored;
            }
            continue;
        }
        let Some(b) = usable else { continue };
        let place = b.place;
        let confidence = b.confidence * 0.4;
        toponyms[i].place = place;
        toponyms[i].confidence = confidence;
        toponyms[i].resolution = Resolution::Anchored;
    }
}

/// The country or admin-1 region confidently named just before toponym `i` in its sentence,
/// if any (an index into `toponyms`).
fn sentence_area(facts: &Facts, text: &str, toponyms: &[Toponym], i: usize) -> Option<usize> {
    let t = &toponyms[i];
    let a = toponyms[..i].iter().rposition(|b| {
        b.kind == MentionKind::Place
            && b.resolution == Resolution::Gazetteer
            && b.end <= t.start
            && b.confidence >= 0.9
            && b.place
                .is_some_and(|p| matches!(facts[p].kind, PlaceKind::Country | PlaceKind::Admin1))
            && (names_where(text, b.start, b.end) || opens_sentence(text, b.start))
    })?;
    let between = text.get(toponyms[a].end..t.start).unwrap_or_default();
    (between.len() <= SENTENCE_AREA_BYTES && same_sentence(between)).then_some(a)
}

/// Whether `span` has a qualifier ("Croft, Yorkshire") and none of its readings may lie in
/// it ([`Facts::may_lie_in`]; a border site filed under no country, "Rafah crossing, Egypt",
/// may lie on either side).
fn outside_qualifiers(
    gaz: &Gazetteer,
    facts: &Facts,
    span: &Span,
    scores: &[(PlaceId, f64)],
) -> bool {
    // ("Syria, Iraq, and Afghanistan", "Texas, Arizona": a list of areas, which no
    // qualifier holds.)
    let town = |p: PlaceId| !facts[p].kind.is_area() || facts[p].kind == PlaceKind::Admin2;
    span.kind == SpanKind::Place
        && !span.qualifiers.is_empty()
        && scores
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .is_some_and(|&(top, _)| town(top))
        && scores
            .iter()
            .all(|&(p, _)| !span.qualifiers.iter().any(|&q| facts.may_lie_in(gaz, q, p)))
}

/// "Firdous Square in Baghdad", "Press Street, New Orleans": a name the gazetteer lacks,
/// followed by "in", "near" or a comma and a resolved place, lies there (rather than at the
/// document's focus).
fn anchor_by_phrase(gaz: &Gazetteer, text: &str, toponyms: &mut [Toponym]) {
    for i in 0..toponyms.len().saturating_sub(1) {
        let (a, b) = (&toponyms[i], &toponyms[i + 1]);
        if !matches!(a.resolution, Resolution::Anchored | Resolution::Unresolved)
            || b.resolution != Resolution::Gazetteer
            || b.kind != MentionKind::Place
            || b.start < a.end
            // "the Swat Valley in Pakistan": already placed inside it, by a name of its own or
            // by the document's focus ("CAMP MURRAY, Wash." in a story about Seattle)
            || a.place.zip(b.place).is_some_and(|(p, q)| gaz.contains(q, p))
        {
            continue;
        }
        let between = text.get(a.end..b.start).unwrap_or_default().trim();
        let joined = matches!(
            between.to_ascii_lowercase().as_str(),
            "in" | "near" | "," | "outside" | "in the" | "near the" | "at"
        );
        if joined {
            let place = b.place;
            toponyms[i].place = place;
            toponyms[i].confidence = 0.5;
            toponyms[i].resolution = Resolution::Anchored;
        }
    }
}

fn base_scores(facts: &Facts, span: &Span) -> Vec<(PlaceId, f64)> {
    // (place, score), then the best score of each place.
    let mut best: Vec<(PlaceId, f64)> = Vec::with_capacity(span.cands.len());
    for &Cand { place, quality } in &span.cands {
        // Alternate and transliteration matches count for less, so a historic alternate name
        // ("Philadelphia" for Amman) does not carry a capital's full weight.
        let factor = if quality >= 1.0 {
            1.0
        } else if quality >= 0.7 {
            0.75
        } else {
            0.6
        };
        let f = &facts[place];
        let mut s = f.prior * factor + 3.0 * f64::from(quality);
        // A weakly capitalised name is more likely a big place than a hamlet.
        if span.weak_caps && f.population < 10_000 && !f.kind.is_area() {
            s -= 0.5;
        }
        best.push((place, s));
    }
    best.sort_by_key(|&(p, _)| p);
    best.dedup_by(|later, kept| {
        if later.0 == kept.0 {
            kept.1 = kept.1.max(later.1);
            true
        } else {
            false
        }
    });
    // A city and the admin-1 named after it ("Khan Yunis" city and governorate): the city is
    // what a bare name means.
    if best
        .iter()
        .any(|&(p, _)| facts[p].kind == PlaceKind::Admin1)
    {
        let snapshot = best.clone();
        // Only a region that would win hands its lead to the city (not "Mexico" the state
        // when "Mexico" the country is ahead of both).
        let top = snapshot.iter().map(|&(_, sc)| sc).fold(f64::MIN, f64::max);
        for (p, s) in &mut best {
            let place = &facts[*p];
            if place.kind != PlaceKind::City {
                continue;
            }
            // The region this city is a large part of ("New York", "Khan Yunis", "Gaza").
            let region_score = snapshot
                .iter()
                .filter(|&&(a, _)| city_of_region(place, &facts[a], by_own_name(span, *p)))
                .filter(|&&(_, sc)| sc >= top)
                .map(|&(_, sc)| sc)
                .reduce(f64::max);
            if let Some(rs) = region_score {
                *s = s.max(rs + 0.5);
            }
        }
    }
    names_the_water(facts, span, &mut best);
    best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    best
}

/// `city` is a large part of the admin-1 unit `region` that bears its name ("New York",
/// "Khan Yunis", "Gaza"): the unit holds it, or is a region of that name around it that the
/// gazetteer files under another code ("Nablus"), or lies beside it across a border
/// ("Jerusalem"), of which the city holds a good share of the people.
///
/// A city the name reaches only as an alternate name (`own_name` false: "Oklahoma" for
/// Oklahoma City) must hold a quarter of the unit's people: "central Oklahoma" is the state,
/// while "New York" is still the city.
fn city_of_region(city: &Fact, region: &Fact, own_name: bool) -> bool {
    let same_region = region.country == city.country && region.admin1 == city.admin1;
    let beside = (region.lat - city.lat).abs() < 0.5
        && (region.lon - city.lon).abs() < 0.5
        && city.population * 3 >= region.population;
    let share = if own_name { 20 } else { 4 };
    city.kind == PlaceKind::City
        && region.kind == PlaceKind::Admin1
        && (same_region || beside)
        && city.population * share >= region.population
}

/// Whether span `span` reaches place `p` by that place's own name.
fn by_own_name(span: &Span, p: PlaceId) -> bool {
    span.cands.iter().any(|c| c.place == p && c.quality >= 1.0)
}

/// After context, as before it: where a region named like a city inside it comes out on top
/// (other names of its country or region supporting it: "Jerusalem" beside "Ramallah" is the
/// Palestinian governorate's name too), the bare name is still the city, unless the text
/// makes it the unit ("Jerusalem district", a list of regions, "the Jerusalem border").
fn city_keeps_its_regions_lead(
    facts: &Facts,
    spans: &[Span],
    siblings: &[Option<(PlaceKind, u32)>],
    scored: &mut [Vec<(PlaceId, f64)>],
) {
    for ((s, sib), sc) in spans.iter().zip(siblings).zip(scored.iter_mut()) {
        if s.head_kind.is_some() || s.area_hint || sib.is_some_and(|(k, _)| k == PlaceKind::Admin1)
        {
            continue;
        }
        let Some(&(top, top_score)) = sc.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
            continue;
        };
        if facts[top].kind != PlaceKind::Admin1 {
            continue;
        }
        let city = sc
            .iter()
            .enumerate()
            .filter(|&(_, &(p, _))| city_of_region(&facts[p], &facts[top], by_own_name(s, p)))
            .max_by_key(|&(_, &(p, _))| facts[p].population)
            .map(|(k, _)| k);
        if let Some(k) = city {
            sc[k].1 = sc[k].1.max(top_score + 0.5);
        }
    }
}

/// A sea and the region named after it ("Red Sea" state in Sudan, governorate in Egypt): a
/// name whose own head says "Sea" or "Ocean" is the water, unless a head after it makes it
/// the unit ("Red Sea state", which `head_kind` records).
fn names_the_water(facts: &Facts, span: &Span, best: &mut [(PlaceId, f64)]) {
    let water_head = span.key.ends_with(" sea") || span.key.ends_with(" ocean");
    if !water_head || span.head_kind.is_some() {
        return;
    }
    let unit_score = best
        .iter()
        .filter(|&&(p, _)| matches!(facts[p].kind, PlaceKind::Admin1 | PlaceKind::Admin2))
        .map(|&(_, s)| s)
        .reduce(f64::max);
    let Some(unit_score) = unit_score else {
        return;
    };
    for (p, s) in best.iter_mut() {
        if facts[*p].kind == PlaceKind::Physical {
            *s = s.max(unit_score + 0.5);
        }
    }
}

/// The bonus a region's support from other names earns, damped and capped.
fn region_weight(support: f64) -> f64 {
    (1.6 * (1.0 + support.max(0.0)).ln()).min(2.6)
}

/// Support for the home town of a team the document names ("Portland Trail Blazers"): as
/// strong as an explicit qualifier.
const TEAM_HOME: f64 = 6.0;

/// Support for the reading that matches the kind of the names listed beside it.
const LIST_SIBLING: f64 = 1.5;

/// Population from which a city listed beside a name says that name is a city of its size too.
const BIG_CITY: u64 = 100_000;

/// "Missouri, New York, North Carolina and Virginia", "Egypt, Jordan and Qatar": names in one
/// list are usually places of one kind. For each span, the kind (and, for regions, the country)
/// its confidently read list neighbours share, if any. A list of big cities ("in Dnipro and
/// Mykolaiv", "Lahore and Karachi") is one too: its names are big cities, in any country.
fn list_siblings(
    facts: &Facts,
    text: &str,
    spans: &[Span],
    first: &[Vec<(PlaceId, f64)>],
) -> Vec<Option<(PlaceKind, u32)>> {
    // "Tacoma, Washington" is a town and its qualifier, not a list.
    let listed = |a: &Span, b: &Span| {
        let gap = text.get(a.end..b.start).unwrap_or("").trim();
        a.end <= b.start
            && (gap != "," || a.qualifiers.is_empty())
            && b.start - a.end <= 8
            && matches!(gap, "," | "and" | ", and" | "or" | ", or" | "&")
    };
    let confident = |j: usize| {
        let s = &spans[j];
        if s.kind != SpanKind::Place {
            return None;
        }
        first[j]
            .first()
            .filter(|&&(_, prob)| prob >= 0.6)
            .filter(|&&(p, _)| match facts[p].kind {
                PlaceKind::Country | PlaceKind::Admin1 => true,
                PlaceKind::City => facts[p].population >= BIG_CITY,
                _ => false,
            })
            .map(|&(p, _)| {
                let f = &facts[p];
                (
                    f.kind,
                    if f.kind == PlaceKind::City {
                        0
                    } else {
                        f.country
                    },
                )
            })
    };
    (0..spans.len())
        .map(|i| {
            let before = (i > 0 && listed(&spans[i - 1], &spans[i]))
                .then(|| confident(i - 1))
                .flatten();
            let after = (i + 1 < spans.len() && listed(&spans[i], &spans[i + 1]))
                .then(|| confident(i + 1))
                .flatten();
            match (before, after) {
                (Some(a), Some(b)) if a != b => None,
                (Some(a), _) | (None, Some(a)) => Some(a),
                (None, None) => None,
            }
        })
        .collect()
}

fn softmax(scores: &[(PlaceId, f64)]) -> Vec<(PlaceId, f64)> {
    let Some(max) = scores.iter().map(|s| s.1).reduce(f64::max) else {
        return Vec::new();
    };
    let exps: Vec<f64> = scores.iter().map(|s| ((s.1 - max) * 1.5).exp()).collect();
    let sum: f64 = exps.iter().sum();
    scores
        .iter()
        .zip(exps)
        .map(|(&(p, _), e)| (p, e / sum))
        .collect()
}

/// A confidently placed mention.
struct ContextPoint {
    /// Span index.
    span: usize,
    /// Its name key id.
    key: u32,
    place: PlaceId,
    lat: f64,
    lon: f64,
    cos_lat: f64,
    weight: f64,
}

/// The weight a mention placed at a place of `kind` with probability `prob` gives the
/// document's context: none unless it is confident and names one place (not a continent or a
/// macro-region); a country counts less than a town.
fn point_weight(kind: PlaceKind, prob: f64) -> Option<f64> {
    (prob >= 0.6 && !matches!(kind, PlaceKind::Continent | PlaceKind::Region))
        .then(|| prob * if kind == PlaceKind::Country { 0.3 } else { 1.0 })
}

/// How far (metres) from the document's focus a place named by part of a name may lie.
const FAR_PART_M: f64 = 500_000.0;

/// [`FAR_PART_M`] for a street's name ("Fitzwilliam Place").
const FAR_STREET_PART_M: f64 = 25_000.0;

/// Support for a place inside an admin-1 region that another name may mean.
const REGION_PAIR: f64 = 1.0;

/// Adds `key` to the keys listed for `id` (once).
fn note_key(map: &mut FxHashMap<u32, Vec<u32>>, id: u32, key: u32) {
    let keys = map.entry(id).or_default();
    if !keys.contains(&key) {
        keys.push(key);
    }
}

/// Bonus for a reading inside a country or admin-1 region named in the mention's sentence.
const SENTENCE_AREA: f64 = 5.0;

/// How far before a mention (bytes) an area named in its sentence may be.
const SENTENCE_AREA_BYTES: usize = 200;

/// How far after a mention (bytes) an area named in its sentence may be.
const SENTENCE_AREA_AFTER_BYTES: usize = 30;

/// For each span, the countries and admin-1 regions confidently named by other names in the
/// same sentence, close by ([`SENTENCE_AREA_BYTES`]), that hold one of the span's readings
/// (but are not all of them: "Israel" says nothing among readings all in Israel).
fn sentence_areas(
    facts: &Facts,
    text: &str,
    spans: &[Span],
    first: &[Vec<(PlaceId, f64)>],
) -> Vec<Vec<PlaceId>> {
    let mut areas: Vec<(usize, PlaceId)> = spans
        .iter()
        .zip(first)
        .enumerate()
        .filter_map(|(j, (s, p))| {
            let &(top, prob) = p.first()?;
            let kind = facts[top].kind;
            (s.kind == SpanKind::Place
                && !s.embedded
                && prob >= 0.8
                && matches!(kind, PlaceKind::Country | PlaceKind::Admin1)
                && names_where(text, s.start, s.end))
            .then_some((j, top))
        })
        .collect();
    areas.sort_by_key(|&(j, _)| spans[j].start);
    spans
        .iter()
        .zip(first)
        .enumerate()
        .map(|(i, (s, probs))| {
            // Countries and regions ("China", "Wales") are read by their own weight, not
            // turned into a namesake town of a country named beside them.
            let area_first = probs.first().is_some_and(|&(top, _)| {
                matches!(
                    facts[top].kind,
                    PlaceKind::Country
                        | PlaceKind::Admin1
                        | PlaceKind::Continent
                        | PlaceKind::Region
                        | PlaceKind::Physical
                )
            });
            if s.kind != SpanKind::Place || !s.qualifiers.is_empty() || area_first {
                return Vec::new();
            }
            // Only a reading with some weight of its own ("Tripoli" in Lebanon, not "London"
            // in Ontario) is one a neighbour in the sentence can settle on.
            let holds =
                |a: PlaceId, &(c, prob): &(PlaceId, f64)| prob >= 0.01 && area_holds(facts, a, c);
            let mut out = Vec::new();
            // Only the areas close by are looked at (an area's name is far shorter than
            // another window's worth of bytes).
            let from =
                areas.partition_point(|&(j, _)| spans[j].start + 2 * SENTENCE_AREA_BYTES < s.start);
            for &(j, a) in areas[from..]
                .iter()
                .take_while(|&&(j, _)| spans[j].start <= s.end + SENTENCE_AREA_AFTER_BYTES)
            {
                let o = &spans[j];
                if j == i || o.key == s.key {
                    continue;
                }
                // Before the name, anywhere in the clause; after it, right after ("Tripoli in
                // northern Lebanon"), not a later turn of the sentence ("… but his roots go
                // back to Canada").
                let (lo, hi, limit) = if o.end <= s.start {
                    (o.end, s.start, SENTENCE_AREA_BYTES)
                } else if s.end <= o.start {
                    (s.end, o.start, SENTENCE_AREA_AFTER_BYTES)
                } else {
                    continue;
                };
                if hi - lo > limit || !same_sentence(text.get(lo..hi).unwrap_or(".")) {
                    continue;
                }
                let inside = probs.iter().filter(|c| holds(a, c)).count();
                if inside > 0 && inside < probs.len() {
                    out.push(a);
                }
            }
            out
        })
        .collect()
}

/// Whether `place` lies in `area` (a country, or an admin-1 region), other than being it.
fn area_holds(facts: &Facts, area: PlaceId, place: PlaceId) -> bool {
    let (f, a) = (&facts[place], &facts[area]);
    place != area
        && f.country == a.country
        && (a.kind == PlaceKind::Country || f.admin1 == a.admin1)
}

/// Whether the area name at `start..end` says where things are: "in northern Lebanon",
/// "Lebanon's Tripoli" — not a modifier ("U.S. airline", "two U.S. states") or a qualifier
/// of another town ("Louisville, Ky.").
fn names_where(text: &str, start: usize, end: usize) -> bool {
    const WHERE: &[&str] = &[
        "in",
        "across",
        "throughout",
        "inside",
        "from",
        "to",
        "into",
        "near",
        "of",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
    ];
    let after = text.get(end..).unwrap_or_default();
    if after.starts_with("'s") || after.starts_with("\u{2019}s") {
        return true;
    }
    let before = text.get(..start).unwrap_or_default().trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    WHERE.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether the name at `start` opens its sentence (the subject: "Eritrea mobilised troops").
fn opens_sentence(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or_default().trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', '"', '\u{201c}'])
}

/// Whether text between two names stays inside one sentence.
fn same_sentence(between: &str) -> bool {
    !between.contains('\n')
        && !between.contains(". ")
        && !between.contains("? ")
        && !between.contains("! ")
        && !between.contains("; ")
}

/// Two small ids as one hash key.
fn pair(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// What the document as a whole says about where it is. Countries and (country, admin-1)
/// regions are the ids of [`Facts`]; name keys are the ids given by [`resolve`].
struct Context {
    /// country → weight
    countries: FxHashMap<u32, f64>,
    /// (country, admin1) → weight
    admin1: FxHashMap<u32, f64>,
    /// The same, contributed by each name key (subtracted so a name does not support itself):
    /// (key, country) and (key, admin1).
    own_countries: FxHashMap<u64, f64>,
    own_admin1: FxHashMap<u64, f64>,
    /// County (admin-2 id) → name keys with a candidate that is that county.
    counties: FxHashMap<u32, Vec<u32>>,
    /// County → name keys with a candidate place inside it.
    in_county: FxHashMap<u32, Vec<u32>>,
    /// Admin-1 region id → name keys with a candidate that is that region.
    regions: FxHashMap<u32, Vec<u32>>,
    /// confident points
    points: Vec<ContextPoint>,
    dateline: Option<PlaceId>,
    /// The dateline's name key: other senses of that name get no support from it.
    dateline_key: Option<u32>,
}

impl Context {
    // `counties` and `countries` are both needed, and both are the right words.
    #[allow(clippy::similar_names)]
    fn build(
        facts: &Facts,
        spans: &[Span],
        key_ids: &[u32],
        probs: &[Vec<(PlaceId, f64)>],
    ) -> Self {
        let mut countries: FxHashMap<u32, f64> = FxHashMap::default();
        let mut admin1: FxHashMap<u32, f64> = FxHashMap::default();
        let mut own_countries: FxHashMap<u64, f64> = FxHashMap::default();
        let mut own_admin1: FxHashMap<u64, f64> = FxHashMap::default();
        let mut counties = FxHashMap::default();
        let mut in_county = FxHashMap::default();
        let mut regions = FxHashMap::default();
        let mut points = Vec::new();
        let mut dateline = None;
        let mut dateline_key = None;
        for (i, (span, p)) in spans.iter().zip(probs).enumerate() {
            let Some(&(top, prob)) = p.first() else {
                continue;
            };
            // Names placed only by a part of them say too little to place others.
            if span.kind == SpanKind::Unknown || span.part {
                continue;
            }
            let key = key_ids[i];
            let place = &facts[top];
            let w = if span.dateline { 3.0 } else { 1.0 }
                * prob
                * if span.embedded || span.part { 0.5 } else { 1.0 };
            if span.dateline {
                dateline = Some(top);
                dateline_key = Some(key);
            }
            // Every candidate contributes its probability to its country and region, so an
            // ambiguous name still says "somewhere in the US".
            for &(cand, cp) in p {
                let c = &facts[cand];
                if span.kind == SpanKind::Place {
                    if c.kind == PlaceKind::Admin1 && c.has_admin1() {
                        note_key(&mut regions, c.admin1, key);
                    }
                    if c.has_admin2() {
                        match c.kind {
                            PlaceKind::Admin2 => note_key(&mut counties, c.admin2, key),
                            PlaceKind::City | PlaceKind::Locality | PlaceKind::Facility => {
                                note_key(&mut in_county, c.admin2, key);
                            }
                            _ => {}
                        }
                    }
                }
                let add = cp * w.max(0.3);
                if c.has_country() {
                    *countries.entry(c.country).or_default() += add;
                    *own_countries.entry(pair(key, c.country)).or_default() += add;
                }
                if c.has_admin1() && c.kind != PlaceKind::Country {
                    *admin1.entry(c.admin1).or_default() += add;
                    *own_admin1.entry(pair(key, c.admin1)).or_default() += add;
                }
            }
            if let Some(weight) =
                point_weight(place.kind, prob).filter(|_| span.kind == SpanKind::Place)
            {
                points.push(ContextPoint {
                    span: i,
                    key,
                    place: top,
                    lat: place.lat,
                    lon: place.lon,
                    cos_lat: place.cos_lat,
                    weight,
                });
            }
        }
        Self {
            countries,
            admin1,
            own_countries,
            own_admin1,
            counties,
            in_county,
            regions,
            points,
            dateline,
            dateline_key,
        }
    }

    /// Weight the other names of the document give to a country.
    fn country_support(&self, key: u32, country: u32) -> f64 {
        let total = self.countries.get(&country).copied().unwrap_or(0.0);
        let own = self
            .own_countries
            .get(&pair(key, country))
            .copied()
            .unwrap_or(0.0);
        total - own
    }

    /// Support from the document naming a county and a place inside it ("Paris and Henry
    /// County"), or a region and a town of some size inside it: any reading of another name
    /// counts, since two ambiguous names that fit together only in one place are rarely a
    /// coincidence.
    fn pair_support(&self, key: u32, span: &Span, place: &Fact) -> f64 {
        if !span.qualifiers.is_empty() {
            // "Alexandria, Egypt" says it outright.
            return 0.0;
        }
        let named_by_other = |map: &FxHashMap<u32, Vec<u32>>, id: u32| {
            map.get(&id)
                .is_some_and(|keys| keys.iter().any(|&k| k != key))
        };
        // Villages are too many for a shared region to say much ("Cairo, NY" beside "New York").
        let in_named_region = place.has_admin1()
            && (place.kind == PlaceKind::Admin2
                || place.kind == PlaceKind::City && place.population >= 5_000)
            && named_by_other(&self.regions, place.admin1);
        let region = if in_named_region { REGION_PAIR } else { 0.0 };
        if !place.has_admin2() {
            return region;
        }
        match place.kind {
            PlaceKind::City | PlaceKind::Locality | PlaceKind::Facility
                if named_by_other(&self.counties, place.admin2) =>
            {
                4.0 + region
            }
            PlaceKind::Admin2 if named_by_other(&self.in_county, place.admin2) => 1.5 + region,
            _ => region,
        }
    }

    /// Support from the other names of the document for an admin-1 region (a name does not
    /// support itself).
    fn admin1_support(&self, key: u32, admin1: u32) -> f64 {
        let total = self.admin1.get(&admin1).copied().unwrap_or(0.0);
        let own = self
            .own_admin1
            .get(&pair(key, admin1))
            .copied()
            .unwrap_or(0.0);
        region_weight(total - own)
    }

    /// Support for candidate `p` of span `i` more specific than "same country": the admin-1
    /// region or nearby places the document names.
    fn specific_support(&self, facts: &Facts, i: usize, key: u32, p: PlaceId) -> f64 {
        let place = &facts[p];
        let mut b = 0.0;
        if place.has_admin1() {
            b += self.admin1_support(key, place.admin1);
        }
        let here = Point::new(place.lon, place.lat);
        for pt in &self.points {
            if pt.span != i && pt.key != key {
                let km = km_between(here, place.cos_lat, pt);
                if km < 100.0 {
                    b = b.max(1.5 * pt.weight);
                }
            }
        }
        b
    }

    /// Whether another name of the document is confidently placed within `km` of candidate
    /// `p` of span `i`.
    fn named_nearby(&self, facts: &Facts, i: usize, key: u32, p: PlaceId, km: f64) -> bool {
        let place = &facts[p];
        let here = Point::new(place.lon, place.lat);
        self.points.iter().any(|pt| {
            pt.span != i
                && pt.key != key
                && pt.weight >= 0.5
                && km_between(here, place.cos_lat, pt) < km
        })
    }

    /// Context bonus for candidate `p` of span `i` (whose key id is `key`).
    fn bonus(
        &self,
        gaz: &Gazetteer,
        facts: &Facts,
        i: usize,
        key: u32,
        span: &Span,
        p: PlaceId,
    ) -> f64 {
        let place = &facts[p];
        let mut b = 0.0;
        // Explicit qualifier: "Alexandria, Louisiana".
        if !span.qualifiers.is_empty() {
            if span
                .qualifiers
                .iter()
                .any(|&q| q == p || gaz.contains(q, p))
            {
                b += 6.0;
            } else {
                b -= 1.0;
            }
        }
        if span.head_fits(place.kind) {
            b += 6.0;
        }
        if span.kind == SpanKind::Demonym {
            return b;
        }
        // Countries and regions named or implied elsewhere in the document (excluding this
        // span's own contribution is approximated by the log damping).
        if place.has_country() {
            let support = self.country_support(key, place.country);
            b += (1.3 * (1.0 + support.max(0.0)).ln()).min(2.2);
        } else if matches!(
            place.kind,
            PlaceKind::Region | PlaceKind::Physical | PlaceKind::Continent
        ) {
            // A sea or macro-region lies in no one country: it is compatible with whatever
            // country the document is about, so it gets that country's support too.
            let best = self
                .countries
                .keys()
                .map(|&c| self.country_support(key, c))
                .fold(0.0_f64, f64::max);
            b += (1.3 * (1.0 + best.max(0.0)).ln()).min(2.2);
        }
        if place.kind == PlaceKind::Admin1 {
            // Places confidently inside a region support it ("Barrow County" for Georgia the
            // state); ambiguous names (a "Parkland" that might be in Washington) do not.
            let inside: f64 = self
                .points
                .iter()
                .filter(|pt| {
                    pt.span != i && pt.key != key && {
                        let q = &facts[pt.place];
                        q.kind != PlaceKind::Admin1
                            && q.country == place.country
                            && q.admin1 == place.admin1
                    }
                })
                .map(|pt| pt.weight)
                .sum();
            b += region_weight(inside);
        } else if place.has_admin1() && place.kind != PlaceKind::Country {
            b += self.admin1_support(key, place.admin1);
        }
        b += self.pair_support(key, span, place);
        if let Some(d) = self.dateline.filter(|_| self.dateline_key != Some(key)) {
            if facts[d].country == place.country && place.has_country() {
                b += 0.5;
            }
        }
        // Geographic coherence with confidently placed mentions of other names.
        if !place.kind.is_area() || place.kind == PlaceKind::Admin2 {
            let here = Point::new(place.lon, place.lat);
            let mut best: f64 = 0.0;
            for pt in &self.points {
                // Another name for the very same place ("Mexico" for the Mexico City of the
                // dateline) says nothing about which place this name means.
                if pt.span == i || pt.key == key || pt.place == p {
                    continue;
                }
                let km = km_between(here, place.cos_lat, pt);
                let closeness = if km < 25.0 {
                    1.5
                } else if km < 100.0 {
                    1.1
                } else if km < 400.0 {
                    0.6
                } else if km < 1500.0 {
                    0.2
                } else {
                    0.0
                };
                best = best.max(closeness * pt.weight);
            }
            b += best;
        }
        b
    }
}

/// The document's focus: the dateline, else the town the story's places best agree on, for
/// anchoring names that are not in the gazetteer ("Press Street"). `points` are the
/// confidently placed mentions in text order, with their weights.
///
/// A town is supported by its own mentions, by towns near it, by the admin-1 region around it
/// named in the story ("Va."), and in proportion to the share of the story's places in its
/// country: three mentions of a London suburb do not outweigh Gainesville, Centreville and
/// Virginia in an American story.
fn focus(facts: &Facts, dateline: Option<PlaceId>, points: &[(PlaceId, f64)]) -> Option<PlaceId> {
    if dateline.is_some() {
        return dateline;
    }
    let mut country_weight: FxHashMap<u32, f64> = FxHashMap::default();
    let mut total = 0.0;
    for &(place, weight) in points {
        if facts[place].has_country() {
            *country_weight.entry(facts[place].country).or_default() += weight;
            total += weight;
        }
    }
    let mut best: Option<(PlaceId, f64)> = None;
    for (n, &(f, _)) in points.iter().enumerate() {
        let town = &facts[f];
        if !matches!(
            town.kind,
            PlaceKind::City | PlaceKind::Locality | PlaceKind::Admin2
        ) || points[..n].iter().any(|&(p, _)| p == f)
        {
            continue;
        }
        let support: f64 = points
            .iter()
            .map(|&(p, weight)| weight * focus_support(facts, f, p))
            .sum();
        let share = country_weight.get(&town.country).map_or(0.0, |w| w / total);
        let score = support * share.max(0.1);
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((f, score));
        }
    }
    // no city-level place: the most supported place of any kind below continent
    best.map(|(p, _)| p).or_else(|| {
        let mut any: FxHashMap<PlaceId, f64> = FxHashMap::default();
        for &(place, weight) in points {
            *any.entry(place).or_default() += weight;
        }
        any.into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(p, _)| p)
    })
}

/// How much a confident mention of `p` says that the story happens at town `f`: fully when it
/// is `f` or the admin-1 region around it, partly when it is a town nearby.
fn focus_support(facts: &Facts, f: PlaceId, p: PlaceId) -> f64 {
    let (town, other) = (&facts[f], &facts[p]);
    if p == f {
        return 1.0;
    }
    match other.kind {
        PlaceKind::Admin1 => f64::from(u8::from(town.has_admin1() && town.admin1 == other.admin1)),
        PlaceKind::City | PlaceKind::Locality | PlaceKind::Admin2 => {
            let km = Haversine.distance(
                Point::new(town.lon, town.lat),
                Point::new(other.lon, other.lat),
            ) / 1000.0;
            if km < 25.0 {
                0.8
            } else if km < 100.0 {
                0.5
            } else if km < 250.0 {
                0.2
            } else {
                0.0
            }
        }
        _ => 0.0,
    }
}

/// The places the final scores settle confidently, with their [`point_weight`]s: what the
/// document turned out to be about, for [`focus`]. ("Liverpool" is ambiguous on its own, and
/// only context settles it; a focus taken before that would fall to the one unambiguous
/// country the story names in passing.)
fn settled_points(
    facts: &Facts,
    spans: &[Span],
    scored: &[Vec<(PlaceId, f64)>],
    keep: &[bool],
) -> Vec<(PlaceId, f64)> {
    spans
        .iter()
        .zip(scored)
        .zip(keep)
        .filter(|((s, _), k)| **k && s.kind == SpanKind::Place && !s.part)
        .filter_map(|((_, sc), _)| {
            let probs = softmax(sc);
            let &(top, prob) = probs.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
            let kind = facts[top].kind;
            // (An ocean or a sea is no place to put a street or a building.)
            let weight = point_weight(kind, prob).filter(|_| kind != PlaceKind::Physical)?;
            Some((top, weight))
        })
        .collect()
}

/// Great-circle distance in km, with a cheap early answer for points obviously more than
/// 1,500 km apart (the farthest distance any context rule cares about). `here_cos` is
/// `|cos|` of `here`'s latitude.
fn km_between(here: Point, here_cos: f64, pt: &ContextPoint) -> f64 {
    let (lat, lon) = (pt.lat, pt.lon);
    let dlat = (here.y() - lat).abs();
    let dlon = (here.x() - lon).abs().min(360.0 - (here.x() - lon).abs());
    if dlat > 14.0 || dlon * pt.cos_lat.max(here_cos) > 14.0 {
        return 20_000.0;
    }
    // `Haversine.distance(here, (lon, lat))` with both cosines of latitude known: the same
    // operations in the same order, so the same bits, without two `cos` calls per pair.
    let delta_theta = (lat - here.y()).to_radians();
    let delta_lambda = (lon - here.x()).to_radians();
    let a = (delta_theta / 2.0).sin().powi(2)
        + here_cos * pt.cos_lat * (delta_lambda / 2.0).sin().powi(2);
    let c = 2.0 * a.sqrt().asin();
    Haversine.radius() * c / 1000.0
}

/// One sense per document: the mentions of a name share the mean of their scores.
/// A mention whose own sentence names a country or region that holds one of its readings
/// ([`sentence_areas`]) is read on its own, like one with a qualifier: "In northern Lebanon,
/// clashes in Tripoli … In Libya, militias in Tripoli …" are two cities.
fn one_sense_per_key(spans: &[Span], local: &[Vec<PlaceId>], scored: &mut [Vec<(PlaceId, f64)>]) {
    let mut groups: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, s) in spans.iter().enumerate() {
        if s.qualifiers.is_empty() && local[i].is_empty() && s.kind != SpanKind::Unknown {
            groups.entry(s.key.as_str()).or_default().push(i);
        }
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        let mut sum: FxHashMap<PlaceId, (f64, usize)> = FxHashMap::default();
        for &i in members {
            for &(p, s) in &scored[i] {
                let e = sum.entry(p).or_insert((0.0, 0));
                e.0 += s;
                e.1 += 1;
            }
        }
        for &i in members {
            for (p, s) in &mut scored[i] {
                if let Some(&(total, n)) = sum.get(p) {
                    *s = total / n as f64;
                }
            }
        }
    }
}

fn to_toponym(span: &Span, scores: &[(PlaceId, f64)], focus: Option<PlaceId>) -> Toponym {
    let kind = if span.kind == SpanKind::Demonym {
        MentionKind::Demonym
    } else {
        MentionKind::Place
    };
    let mut sorted = scores.to_vec();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let probs = softmax(&sorted);
    let candidates: Vec<Candidate> = probs
        .iter()
        .take(KEEP)
        .map(|&(place, p)| Candidate {
            place,
            score: p as f32,
        })
        .collect();
    match candidates.first() {
        // Placed by a name inside it: where the text puts it, with less confidence.
        Some(top) if span.part => Toponym {
            start: span.start,
            end: span.end,
            kind,
            place: Some(top.place),
            confidence: top.score * 0.5,
            candidates,
            embedded: span.embedded,
            resolution: Resolution::Anchored,
        },
        Some(top) => Toponym {
            start: span.start,
            end: span.end,
            kind,
            place: Some(top.place),
            confidence: top.score * if span.embedded { 0.8 } else { 1.0 },
            candidates,
            embedded: span.embedded,
            resolution: Resolution::Gazetteer,
        },
        None => Toponym {
            start: span.start,
            end: span.end,
            kind,
            place: focus,
            confidence: if focus.is_some() { 0.2 } else { 0.0 },
            candidates: Vec::new(),
            embedded: span.embedded,
            resolution: if focus.is_some() {
                Resolution::Anchored
            } else {
                Resolution::Unresolved
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{bare_water_name_is_water, dotted_initials, initials_of, is_initialism};

    #[test]
    fn water_names_read_as_water_with_the_or_a_valley_word() {
        let t = "Amazon rose; the Amazon rose; Thames Valley; Ağrı fell";
        let at = |w: &str, nth: usize| {
            let i = t.match_indices(w).nth(nth).expect("word").0;
            bare_water_name_is_water(t, i, i + w.len())
        };
        assert!(!at("Amazon", 0));
        assert!(at("Amazon", 1));
        assert!(at("Thames", 0));
        // Multi-byte letters at any offset never split a character.
        assert!(!at("Ağrı", 0));
    }

    #[test]
    fn initials_skip_small_words_and_need_two_capitalised_words() {
        assert_eq!(initials_of("Trinidad and Tobago").as_deref(), Some("TT"));
        assert_eq!(
            initials_of("Democratic Republic of the Congo").as_deref(),
            Some("DRC")
        );
        assert_eq!(initials_of("Guinea-Bissau").as_deref(), Some("GB"));
        assert_eq!(initials_of("Gaza"), None);
        assert_eq!(initials_of("West bank"), None);
        for yes in ["T&T", "DRC", "SA", "PNG"] {
            assert!(is_initialism(yes), "{yes}");
        }
        for no in ["T", "&T", "T&", "T&&T", "ABCDE", "Sa", "S.A."] {
            assert!(!is_initialism(no), "{no}");
        }
    }

    #[test]
    fn dotted_initials_are_letters_each_with_a_stop() {
        for yes in ["U.S.", "U.S", "D.C.", "L.A.", "u.k."] {
            assert!(dotted_initials(yes), "{yes}");
        }
        for no in ["US", "U.", "Us", "U.SA.", "St.", "U..S", "1.2.", "Ü.S."] {
            assert!(!dotted_initials(no), "{no}");
        }
    }
}
