//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A data file (gazetteer, user places, actors, gold) is malformed.
    #[error("{path}:{line}: {message}")]
    Data {
        /// The file concerned (or a label for embedded data).
        path: PathBuf,
        /// 1-based line number, 0 when not line-specific.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The bundled gazetteer has a format this build does not understand.
    #[error(
        "gazetteer format {found} is not supported (expected {expected}); rebuild with scripts/build-gazetteer"
    )]
    Format {
        /// Format version found in the file header.
        found: String,
        /// Format version this build reads.
        expected: u32,
    },
    /// A CSV file has no column that looks like text.
    #[error("{path}: no text column found (columns: {columns}); pass --text-column NAME")]
    NoTextColumn {
        /// The CSV file.
        path: PathBuf,
        /// The header it has.
        columns: String,
    },
    /// JSON (de)serialisation failed.
    #[error("{context}: {source}")]
    Json {
        /// What was being read or written.
        context: String,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }

    /// A malformed-data error at `path:line`.
    pub fn data(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Self::Data {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
