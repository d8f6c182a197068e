//! What the index holds, file by file: its size, modification time, content hash, place and
//! the extraction version that read it. Each indexed file has one `file` document beside its
//! records, added in the same batch and so committed with them: whatever point a run was
//! stopped at, the manifest describes exactly the records the index holds, and the next run
//! knows what is left to do.

use crate::schema::Fields;
use crate::store::{self, Store};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// The `kind` of a manifest document. Never a record: searches leave these out.
pub const FILE_KIND: &str = "file";

/// What was indexed from one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub size: u64,
    /// Nanoseconds since the Unix epoch.
    pub mtime: i64,
    /// BLAKE3 of the file's bytes, hex.
    pub hash: String,
    /// The file's place (path below its root, council, committee): ids and dates depend on it.
    pub place: String,
    /// [`crate::extract::EXTRACTION_VERSION`] when the file was read.
    pub extraction: u32,
    pub exchanges: usize,
    pub discussions: usize,
}

/// An indexed file: where it is, the root it was indexed under, and its entry. Stored whole
/// as JSON on the manifest document (the key fields are indexed, not stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indexed {
    pub file_key: String,
    pub root_key: String,
    pub source: String,
    #[serde(flatten)]
    pub entry: Entry,
}

/// The manifest as committed, by file key (the file's absolute path).
pub type Manifest = HashMap<String, Indexed>;

/// The term that names a file's manifest document alone (its `manifest_key`): it replaces that
/// document, and not the file's records, when a file was touched but its content is unchanged.
pub fn key(fields: &Fields, file_key: &str) -> Term {
    Term::from_field_text(fields.manifest_key, file_key)
}

/// The manifest document for a file.
pub fn document(fields: &Fields, file: &Indexed) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.manifest_key, &file.file_key);
    doc.add_text(fields.kind, FILE_KIND);
    doc.add_text(fields.file_key, &file.file_key);
    doc.add_text(fields.root_key, &file.root_key);
    doc.add_text(
        fields.manifest,
        serde_json::to_string(file).expect("a manifest entry serializes"),
    );
    doc
}

/// Matches every manifest document.
pub fn file_docs(fields: &Fields) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(fields.kind, FILE_KIND),
        IndexRecordOption::Basic,
    )
}

/// Reads the manifest of the index's last commit. A document that does not parse is left out,
/// so its file is indexed again.
pub fn read(store: &Store) -> crate::error::Result<Manifest> {
    read_from(&store.searcher()?, &store.fields, &store.dir)
}

/// Reads the manifest that `searcher` sees, of the index at `dir`.
pub fn read_from(
    searcher: &Searcher,
    fields: &Fields,
    dir: &Path,
) -> crate::error::Result<Manifest> {
    let err = store::tantivy_err(dir);
    let mut manifest = Manifest::new();
    for address in searcher
        .search(&file_docs(fields), &DocSetCollector)
        .map_err(&err)?
    {
        let doc: TantivyDocument = searcher.doc(address).map_err(&err)?;
        let Some(json) = doc.get_first(fields.manifest).and_then(|v| v.as_str()) else {
            continue;
        };
        if let Ok(file) = serde_json::from_str::<Indexed>(json) {
            manifest.insert(file.file_key.clone(), file);
        }
    }
    Ok(manifest)
}

/// BLAKE3 of a file's bytes, hex.
pub fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}
