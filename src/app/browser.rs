//! The File → Open browser's model: one folder's listing (subfolders and the files Placemap
//! reads), the selection, and navigation. No egui here; `panels::open_window_ui` draws it.
//!
//! A folder is listed once, when the user enters it (never per frame).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::corpus::Format;

/// One row of the listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// File or folder name.
    pub name: String,
    /// Full path.
    pub path: PathBuf,
    /// A folder (else a readable file).
    pub is_dir: bool,
    /// File size in bytes (0 for folders).
    pub bytes: u64,
}

/// The browser: the folder shown, its entries, and what is selected.
#[derive(Clone, Debug, Default)]
pub struct Browser {
    dir: PathBuf,
    entries: Vec<Entry>,
    /// Entries not listed: hidden (dot) names and files Placemap does not read.
    pub not_shown: usize,
    selected: BTreeSet<PathBuf>,
    /// Why the last navigation failed, if it did.
    pub error: Option<String>,
    /// The typed path (the "Path" field).
    pub typed: String,
}

impl Browser {
    /// A browser showing `dir`, or the nearest existing ancestor of it.
    pub fn new(dir: &Path) -> Self {
        let mut b = Self::default();
        let mut at = Some(dir);
        while let Some(d) = at {
            if d.is_dir() {
                b.enter(d);
                if b.error.is_none() {
                    return b;
                }
            }
            at = d.parent();
        }
        b.enter(Path::new("/"));
        b
    }

    /// The folder shown.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Subfolders first, then readable files, each by name.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Shows `dir`. On error the current folder stays and [`Browser::error`] says why.
    pub fn enter(&mut self, dir: &Path) {
        let dir = absolute(dir);
        match list(&dir) {
            Ok((entries, not_shown)) => {
                self.dir = dir;
                self.entries = entries;
                self.not_shown = not_shown;
                self.selected.clear();
                self.error = None;
                self.typed = self.dir.display().to_string();
            }
            Err(e) => self.error = Some(format!("cannot open {}: {e}", dir.display())),
        }
    }

    /// Lists the current folder again.
    pub fn reload(&mut self) {
        let dir = self.dir.clone();
        let keep = std::mem::take(&mut self.selected);
        self.enter(&dir);
        self.selected = keep
            .into_iter()
            .filter(|p| self.entries.iter().any(|e| &e.path == p))
            .collect();
    }

    /// Goes to the parent folder, if there is one.
    pub fn up(&mut self) {
        if let Some(p) = self.dir.parent().map(Path::to_path_buf) {
            self.enter(&p);
        }
    }

    /// The typed path: a folder is entered; a file is opened directly (returned).
    pub fn go_typed(&mut self) -> Option<PathBuf> {
        let typed = expand_home(self.typed.trim());
        if typed.as_os_str().is_empty() {
            return None;
        }
        if typed.is_dir() {
            self.enter(&typed);
            None
        } else if typed.is_file() {
            Some(typed)
        } else {
            self.error = Some(format!("no such file or folder: {}", typed.display()));
            None
        }
    }

    /// The folder and each of its ancestors, outermost first, with a short name for each.
    pub fn breadcrumbs(&self) -> Vec<(String, PathBuf)> {
        let mut out: Vec<(String, PathBuf)> = self
            .dir
            .ancestors()
            .map(|a| {
                let name = a.file_name().map_or_else(
                    || a.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                (name, a.to_path_buf())
            })
            .collect();
        out.reverse();
        out
    }

    /// Is this entry selected?
    pub fn is_selected(&self, path: &Path) -> bool {
        self.selected.contains(path)
    }

    /// Selects or deselects an entry.
    pub fn set_selected(&mut self, path: &Path, on: bool) {
        if on {
            self.selected.insert(path.to_path_buf());
        } else {
            self.selected.remove(path);
        }
    }

    /// Selects every entry, or none when all are selected.
    pub fn toggle_all(&mut self) {
        if self.selected.len() == self.entries.len() {
            self.selected.clear();
        } else {
            self.selected = self.entries.iter().map(|e| e.path.clone()).collect();
        }
    }

    /// The selected paths, in listing order.
    pub fn selection(&self) -> Vec<PathBuf> {
        self.entries
            .iter()
            .filter(|e| self.selected.contains(&e.path))
            .map(|e| e.path.clone())
            .collect()
    }
}

/// Files the browser lists: the formats a folder import reads.
pub fn readable(path: &Path) -> bool {
    Format::from_path(path).is_some()
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn expand_home(s: &str) -> PathBuf {
    match (s.strip_prefix("~"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            PathBuf::from(home).join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(s),
    }
}

/// Subfolders and readable files of `dir` (links followed), plus how many entries were left out.
fn list(dir: &Path) -> std::io::Result<(Vec<Entry>, usize)> {
    let mut entries = Vec::new();
    let mut not_shown = 0usize;
    for e in std::fs::read_dir(dir)? {
        let Ok(e) = e else {
            not_shown += 1;
            continue;
        };
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        let Ok(meta) = std::fs::metadata(&path) else {
            not_shown += 1;
            continue;
        };
        if name.starts_with('.') || !(meta.is_dir() || readable(&path)) {
            not_shown += 1;
            continue;
        }
        entries.push(Entry {
            name,
            path,
            is_dir: meta.is_dir(),
            bytes: if meta.is_dir() { 0 } else { meta.len() },
        });
    }
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok((entries, not_shown))
}

/// A file size for people: "812 B", "4.1 KB", "2.3 MB".
pub fn human_bytes(n: u64) -> String {
    match n {
        0..1000 => format!("{n} B"),
        1000..1_000_000 => format!("{:.1} KB", n as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", n as f64 / 1e6),
        _ => format!("{:.1} GB", n as f64 / 1e9),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn tree() -> tempfile::TempDir {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir(t.path().join("Zeta")).unwrap();
        std::fs::create_dir(t.path().join("alpha")).unwrap();
        std::fs::create_dir(t.path().join(".git")).unwrap();
        for f in [
            "b.md",
            "A.txt",
            "c.jsonl",
            "d.csv",
            "e.HTML",
            "photo.jpg",
            ".hidden.txt",
        ] {
            std::fs::write(t.path().join(f), "x").unwrap();
        }
        t
    }

    #[test]
    fn lists_folders_first_then_readable_files_by_name() {
        let t = tree();
        let b = Browser::new(t.path());
        let names: Vec<&str> = b.entries().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "alpha", "Zeta", "A.txt", "b.md", "c.jsonl", "d.csv", "e.HTML"
            ]
        );
        assert_eq!(b.not_shown, 3, ".git, .hidden.txt, photo.jpg");
        assert!(b.error.is_none());
    }

    #[test]
    fn navigation_clears_the_selection_and_keeps_the_folder_on_error() {
        let t = tree();
        let mut b = Browser::new(t.path());
        let a = t.path().join("A.txt");
        b.set_selected(&a, true);
        assert_eq!(b.selection(), std::slice::from_ref(&a));
        b.enter(&t.path().join("alpha"));
        assert!(b.selection().is_empty());
        assert!(b.entries().is_empty());
        b.up();
        assert_eq!(b.dir(), t.path());
        b.enter(&t.path().join("missing"));
        assert_eq!(b.dir(), t.path());
        assert!(b.error.as_deref().unwrap().contains("missing"));
        b.typed = a.display().to_string();
        assert_eq!(b.go_typed(), Some(a));
        b.typed = t.path().join("Zeta").display().to_string();
        assert_eq!(b.go_typed(), None);
        assert_eq!(b.dir(), t.path().join("Zeta"));
        assert_eq!(b.breadcrumbs().last().unwrap().0, "Zeta");
        assert_eq!(b.breadcrumbs()[0].1, Path::new("/"));
    }

    #[test]
    fn a_missing_start_folder_falls_back_to_its_nearest_ancestor() {
        let t = tree();
        let b = Browser::new(&t.path().join("gone/deeper"));
        assert_eq!(b.dir(), t.path());
    }

    #[test]
    fn toggle_all_selects_everything_then_nothing() {
        let t = tree();
        let mut b = Browser::new(t.path());
        b.toggle_all();
        assert_eq!(b.selection().len(), 7);
        b.toggle_all();
        assert!(b.selection().is_empty());
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_bytes(812), "812 B");
        assert_eq!(human_bytes(4_100), "4.1 KB");
        assert_eq!(human_bytes(2_300_000), "2.3 MB");
    }
}
