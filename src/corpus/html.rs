//! Visible text, title and publication date from an HTML page, without a DOM.

use super::{DateSource, DocDate, parse_date};

/// What Placemap keeps of an HTML page.
#[derive(Debug, Default, Clone)]
pub struct HtmlDoc {
    /// Visible text, one block element per line.
    pub text: String,
    /// `<title>`, else `og:title`, else the first `<h1>`.
    pub title: Option<String>,
    /// `article:published_time` / `datePublished` and similar.
    pub date: Option<DocDate>,
    /// `og:url` or the canonical link.
    pub url: Option<String>,
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "nav",
    "button", "select", "form",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "article",
    "section",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "figcaption",
    "figure",
    "dd",
    "dt",
    "main",
    "aside",
    "td",
    "th",
];

/// Parses an HTML page.
pub fn parse_html(html: &str) -> HtmlDoc {
    let mut out = HtmlDoc::default();
    let mut text = String::with_capacity(html.len() / 3);
    let mut skip_depth: Vec<String> = Vec::new();
    let mut in_title = false;
    let mut title = String::new();
    let mut in_h1 = false;
    let mut h1 = String::new();
    let mut in_ld_json = false;
    let mut og_title = None;
    let mut meta_date: Option<DocDate> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(rest, &skip_depth, &mut text);
            break;
        };
        let (before, after) = rest.split_at(lt);
        if in_title {
            title.push_str(before);
        } else if in_h1 {
            h1.push_str(before);
        }
        if in_ld_json {
            if meta_date.is_none() {
                meta_date = json_ld_date(before);
            }
        } else {
            push_text(before, &skip_depth, &mut text);
        }
        if let Some(comment) = after.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let tag = &after[1..gt];
        rest = &after[gt + 1..];
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name: String = body
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        match (name.as_str(), closing) {
            ("title", false) => in_title = true,
            ("title", true) => in_title = false,
            ("h1", false) => in_h1 = true,
            ("h1", true) => in_h1 = false,
            ("meta", _) => {
                let key = attr(body, "property")
                    .or_else(|| attr(body, "name"))
                    .or_else(|| attr(body, "itemprop"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let content = attr(body, "content").unwrap_or_default();
                match key.as_str() {
                    "article:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "dc.date"
                    | "dc.date.issued"
                    | "og:published_time"
                    | "sailthru.date"
                    | "parsely-pub-date"
                        if meta_date.is_none() =>
                    {
                        meta_date = parse_date(&decode_entities(&content)).map(|date| DocDate {
                            date,
                            source: DateSource::HtmlMeta,
                        });
                    }
                    "og:title" => og_title = Some(decode_entities(&content)),
                    "og:url" => out.url = Some(content),
                    _ => {}
                }
            }
            ("link", _)
                if attr(body, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    && out.url.is_none() =>
            {
                out.url = attr(body, "href");
            }
            ("script", false) => {
                if attr(body, "type").is_some_and(|t| t.contains("ld+json")) {
                    in_ld_json = true;
                } else {
                    skip_depth.push(name);
                }
            }
            ("script", true) if in_ld_json => in_ld_json = false,
            ("time", false) if meta_date.is_none() => {
                if let Some(dt) = attr(body, "datetime") {
                    meta_date = parse_date(&dt).map(|date| DocDate {
                        date,
                        source: DateSource::HtmlMeta,
                    });
                }
            }
            (n, false) if SKIP.contains(&n) && !body.ends_with('/') => skip_depth.push(name),
            (n, true) if SKIP.contains(&n) => {
                if let Some(pos) = skip_depth.iter().rposition(|s| s == n) {
                    skip_depth.truncate(pos);
                }
            }
            (n, _) if BLOCK.contains(&n) && !text.ends_with('\n') && !text.is_empty() => {
                text.push('\n');
            }
            _ => {}
        }
    }
    // Tidy: trim each line, collapse runs of blank lines.
    let mut clean = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            if !clean.is_empty() {
                clean.push('\n');
            }
            clean.push_str(&line);
        }
    }
    out.text = clean;
    let title = decode_entities(title.trim());
    let h1 = decode_entities(h1.trim());
    out.title = [Some(title), og_title, Some(h1)]
        .into_iter()
        .flatten()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty());
    out.date = meta_date;
    out
}

fn push_text(raw: &str, skip: &[String], text: &mut String) {
    if !skip.is_empty() || raw.is_empty() {
        return;
    }
    let decoded = decode_entities(raw);
    // HTML collapses white space; keep line structure only from block tags.
    for (i, w) in decoded.split_whitespace().enumerate() {
        if (i > 0 || raw.starts_with(char::is_whitespace))
            && !text.ends_with(['\n', ' '])
            && !text.is_empty()
        {
            text.push(' ');
        }
        text.push_str(w);
    }
    if raw.ends_with(char::is_whitespace) && !text.ends_with(['\n', ' ']) && !text.is_empty() {
        text.push(' ');
    }
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[at + name.len()..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - rest.len() + 1;
        let v = tag[value_start..].trim_start();
        return Some(match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or("").to_owned(),
            _ => v
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap_or("")
                .to_owned(),
        });
    }
    None
}

fn json_ld_date(json: &str) -> Option<DocDate> {
    fn find(v: &serde_json::Value) -> Option<String> {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::String(s)) = m.get("datePublished") {
                    return Some(s.clone());
                }
                m.values().find_map(find)
            }
            serde_json::Value::Array(a) => a.iter().find_map(find),
            _ => None,
        }
    }
    let value: serde_json::Value = serde_json::from_str(json.trim()).ok()?;
    parse_date(&find(&value)?).map(|date| DocDate {
        date,
        source: DateSource::JsonLd,
    })
}

/// Decodes the HTML entities news pages use (named common ones and numeric).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let Some(semi) = tail[..tail.len().min(12)].find(';') else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some(' '),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "hellip" => Some('…'),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        if let Some(c) = decoded {
            out.push(c);
            rest = &tail[semi + 1..];
        } else {
            out.push('&');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_title_and_date() {
        let html = r#"<html><head><title>Talks in Cairo &amp; Doha</title>
<meta property="article:published_time" content="2025-10-09T08:00:00Z">
<style>p { color: red }</style><script>var rafah = 1;</script></head>
<body><nav>Home | World</nav><h1>Talks</h1><p>Mediators met in <b>Cairo</b>.</p><p>Trucks&nbsp;crossed at Kerem Shalom.</p>
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-10-08"}</script></body></html>"#;
        let d = parse_html(html);
        assert_eq!(d.title.as_deref(), Some("Talks in Cairo & Doha"));
        assert_eq!(
            d.text,
            "Talks\nMediators met in Cairo.\nTrucks crossed at Kerem Shalom."
        );
        assert_eq!(
            d.date.map(|d| (d.date.to_string(), d.source)),
            Some(("2025-10-09".into(), DateSource::HtmlMeta))
        );
    }

    #[test]
    fn json_ld_only() {
        let html = r#"<script type="application/ld+json">[{"@graph":[{"datePublished":"2024-01-02T00:00:00+02:00"}]}]</script><p>x</p>"#;
        assert_eq!(
            parse_html(html).date.map(|d| d.source),
            Some(DateSource::JsonLd)
        );
    }
}
