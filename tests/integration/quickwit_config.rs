//! `schema/quickwit.yaml` must declare every field of our schema, in the same order, as we
//! index it: type, tokenizer (stems for our words-and-stems), record option, fieldnorms, stored,
//! indexed, fast; and nothing else. The one exception, `id`, is explained at `id_as_exported`.
//! Options left out are read with Quickwit 0.8's defaults, and keys Quickwit would refuse fail
//! here first, since the tests cannot run Quickwit.

use crate::util::repo;
use scrutiny::analysis;
use scrutiny::schema::{build, is_exported};
use scrutiny::search::default_fields;
use tantivy::schema::{DateTimePrecision, FieldEntry, FieldType, IndexRecordOption};
use yaml_rust2::{Yaml, YamlLoader};

/// One field as a Quickwit mapping means it: the options we mirror, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mapping {
    name: String,
    /// `text`, `datetime`, `bool`, `u64` or `i64`.
    kind: String,
    /// Declared `array<kind>`: the field takes several values per document.
    array: bool,
    stored: bool,
    indexed: bool,
    /// For indexed text: tokenizer, record option, fieldnorms.
    text_indexing: Option<(String, String, bool)>,
    /// Whether fast, with the normalizer of a fast text column.
    fast: Option<String>,
    /// For datetimes: the fast column's precision.
    fast_precision: Option<String>,
}

/// The keys Quickwit 0.8 accepts on a field mapping of each type (it refuses others).
fn known_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "text" => &[
            "name",
            "type",
            "description",
            "stored",
            "indexed",
            "tokenizer",
            "record",
            "fieldnorms",
            "fast",
        ],
        "datetime" => &[
            "name",
            "type",
            "description",
            "input_formats",
            "output_format",
            "fast_precision",
            "stored",
            "indexed",
            "fast",
        ],
        "bool" => &["name", "type", "description", "stored", "indexed", "fast"],
        "u64" | "i64" => &[
            "name",
            "type",
            "description",
            "stored",
            "indexed",
            "fast",
            "coerce",
            "output_format",
        ],
        other => panic!("quickwit.yaml: type {other:?} is not one scrutiny uses"),
    }
}

fn config() -> Yaml {
    let path = repo().join("schema/quickwit.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut docs = YamlLoader::load_from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()));
    assert_eq!(docs.len(), 1, "one YAML document");
    docs.remove(0)
}

fn flag(mapping: &Yaml, key: &str, default: bool) -> bool {
    match &mapping[key] {
        Yaml::BadValue => default,
        Yaml::Boolean(b) => *b,
        other => panic!("{key} must be true or false, found {other:?}"),
    }
}

fn text<'a>(mapping: &'a Yaml, key: &str) -> Option<&'a str> {
    match &mapping[key] {
        Yaml::BadValue => None,
        other => Some(
            other
                .as_str()
                .unwrap_or_else(|| panic!("{key} must be a string, found {other:?}")),
        ),
    }
}

/// A field mapping as Quickwit 0.8 reads it.
fn read_mapping(mapping: &Yaml) -> Mapping {
    let name = text(mapping, "name").expect("every mapping has a name");
    let declared = text(mapping, "type").unwrap_or_else(|| panic!("{name}: no type"));
    let (kind, array) = match declared
        .strip_prefix("array<")
        .and_then(|t| t.strip_suffix('>'))
    {
        Some(inner) => (inner, true),
        None => (declared, false),
    };
    let keys = known_keys(kind);
    for key in mapping.as_hash().unwrap().keys() {
        let key = key.as_str().unwrap();
        assert!(
            keys.contains(&key),
            "{name}: Quickwit refuses `{key}` on a {kind} field"
        );
    }
    let indexed = flag(mapping, "indexed", true);
    let text_indexing = if kind == "text" && indexed {
        Some((
            text(mapping, "tokenizer").unwrap_or("default").to_string(),
            text(mapping, "record").unwrap_or("basic").to_string(),
            flag(mapping, "fieldnorms", false),
        ))
    } else {
        for key in ["tokenizer", "record", "fieldnorms"] {
            assert!(
                mapping[key].is_badvalue(),
                "{name}: Quickwit refuses `{key}` on a field that is not indexed"
            );
        }
        None
    };
    let fast = match &mapping["fast"] {
        Yaml::BadValue | Yaml::Boolean(false) => None,
        // A fast text column keeps the value unchanged unless told otherwise.
        Yaml::Boolean(true) => Some(if kind == "text" { "raw" } else { "-" }.to_string()),
        normalized if kind == "text" => Some(
            text(normalized, "normalizer")
                .unwrap_or_else(|| panic!("{name}: fast is true, false or {{normalizer: ...}}"))
                .to_string(),
        ),
        other => panic!("{name}: fast must be true or false, found {other:?}"),
    };
    let fast_precision = (kind == "datetime").then(|| {
        text(mapping, "fast_precision")
            .unwrap_or("seconds")
            .to_string()
    });
    Mapping {
        name: name.to_string(),
        kind: kind.to_string(),
        array,
        stored: flag(mapping, "stored", true),
        indexed,
        text_indexing,
        fast,
        fast_precision,
    }
}

fn record_option(option: IndexRecordOption) -> &'static str {
    match option {
        IndexRecordOption::Basic => "basic",
        IndexRecordOption::WithFreqs => "freq",
        IndexRecordOption::WithFreqsAndPositions => "position",
    }
}

/// The Quickwit tokenizer for ours. Quickwit has none that indexes each word and its stem at
/// one position (`words_and_stems`), nor the pairs of common words beside them: it indexes the
/// stems, so its phrases are stemmed and checked by positions.
fn quickwit_tokenizer(ours: &str) -> &str {
    if analysis::marks_stems(ours) {
        analysis::STEMMED
    } else {
        ours
    }
}

/// Our field as the Quickwit mapping that would index it the same way.
fn expected(entry: &FieldEntry, multi_valued: bool) -> Mapping {
    let name = entry.name();
    let mut mapping = Mapping {
        name: name.to_string(),
        kind: String::new(),
        array: multi_valued,
        stored: entry.is_stored(),
        indexed: entry.is_indexed(),
        text_indexing: None,
        fast: entry.is_fast().then(|| "-".to_string()),
        fast_precision: None,
    };
    match entry.field_type() {
        FieldType::Str(options) => {
            mapping.kind = "text".into();
            mapping.text_indexing = options.get_indexing_options().map(|i| {
                (
                    quickwit_tokenizer(i.tokenizer()).to_string(),
                    record_option(i.index_option()).to_string(),
                    i.fieldnorms(),
                )
            });
            mapping.fast = options
                .get_fast_field_tokenizer_name()
                .map(str::to_string)
                .filter(|_| options.is_fast());
        }
        FieldType::Date(options) => {
            mapping.kind = "datetime".into();
            let precision = match options.get_precision() {
                DateTimePrecision::Seconds => "seconds",
                DateTimePrecision::Milliseconds => "milliseconds",
                DateTimePrecision::Microseconds => "microseconds",
                DateTimePrecision::Nanoseconds => "nanoseconds",
            };
            mapping.fast_precision = Some(precision.to_string());
        }
        FieldType::Bool(_) => mapping.kind = "bool".into(),
        FieldType::U64(_) => mapping.kind = "u64".into(),
        FieldType::I64(_) => mapping.kind = "i64".into(),
        other => panic!(
            "{name}: no Quickwit type is written for a {:?} field; add one to this test",
            other.value_type()
        ),
    }
    mapping
}

/// The one field Quickwit indexes unlike us. Our record id is a u64 fast column, found by
/// scanning it; the export writes it as the 16 hex digits users see (a JSON reader in JavaScript
/// would round the number), and Quickwit indexes that text whole, to find a record by its term.
fn id_as_exported(entry: &FieldEntry) -> Mapping {
    assert!(
        matches!(entry.field_type(), FieldType::U64(_)) && entry.is_fast() && !entry.is_indexed(),
        "the id is a u64 fast column: if it no longer is, drop this exception"
    );
    Mapping {
        name: entry.name().to_string(),
        kind: "text".into(),
        array: false,
        stored: entry.is_stored(),
        indexed: true,
        text_indexing: Some(("raw".into(), "basic".into(), true)),
        fast: None,
        fast_precision: None,
    }
}

#[test]
fn quickwit_config_declares_every_field_as_we_index_it() {
    let (schema, fields) = build();
    let config = config();
    let mappings: Vec<Mapping> = config["doc_mapping"]["field_mappings"]
        .as_vec()
        .expect("doc_mapping.field_mappings is a list")
        .iter()
        .map(read_mapping)
        .collect();
    let ours: Vec<Mapping> = schema
        .fields()
        .filter(|(_, entry)| is_exported(entry.name()))
        .map(|(field, entry)| match field {
            f if f == fields.id => id_as_exported(entry),
            f => expected(entry, fields.is_multi_valued(f)),
        })
        .collect();
    let names = |v: &[Mapping]| v.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&mappings),
        names(&ours),
        "schema/quickwit.yaml must declare exactly the fields of src/schema.rs, in its order"
    );
    for (declared, code) in mappings.iter().zip(&ours) {
        assert_eq!(
            declared, code,
            "schema/quickwit.yaml declares {} unlike src/schema.rs",
            code.name
        );
    }
}

#[test]
fn quickwit_config_reads_our_dates_and_searches_our_default_fields() {
    let (schema, fields) = build();
    let config = config();
    assert_eq!(config["version"], Yaml::Real("0.8".into()));
    assert_eq!(config["index_id"].as_str(), Some("scrutiny"));
    // The export writes RFC 3339 dates.
    let date = config["doc_mapping"]["field_mappings"]
        .as_vec()
        .unwrap()
        .iter()
        .find(|m| m["name"].as_str() == Some("date"))
        .unwrap();
    assert_eq!(
        date["input_formats"],
        Yaml::Array(vec![Yaml::String("rfc3339".into())])
    );
    // Quickwit 0.8 rejects a document without its timestamp field, and undated records exist.
    assert!(
        config["doc_mapping"]["timestamp_field"].is_badvalue(),
        "a timestamp_field would make Quickwit drop every undated record"
    );
    let defaults: Vec<&str> = config["search_settings"]["default_search_fields"]
        .as_vec()
        .expect("search_settings.default_search_fields is a list")
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    let ours: Vec<&str> = default_fields(&fields)
        .into_iter()
        .map(|f| schema.get_field_name(f))
        .collect();
    assert_eq!(defaults, ours);
}
