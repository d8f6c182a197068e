//! The tantivy schema, built once, with typed field handles. `schema/fields.md` describes every
//! field for people; a test checks the two agree.

use crate::analysis::{STEMMED, WORDS};
use crate::model::{Date, Kind, Record};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::{DateTime, TantivyDocument};

/// Every field, by handle.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub item_id: Field,
    pub source: Field,
    pub root_key: Field,
    pub file_key: Field,
    pub council: Field,
    pub committee: Field,
    pub date: Field,
    pub item: Field,
    pub item_number: Field,
    pub number: Field,
    pub page: Field,
    pub question: Field,
    pub response: Field,
    pub asker: Field,
    pub responder: Field,
    pub supplementary: Field,
    pub text: Field,
    pub purpose: Field,
    pub context: Field,
    pub resolutions: Field,
    pub setting: Field,
    pub question_exact: Field,
    pub response_exact: Field,
    pub text_exact: Field,
    pub item_exact: Field,
    pub manifest: Field,
}

fn text_options(tokenizer: &str, stored: bool) -> TextOptions {
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Builds the schema and its handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let prose = text_options(STEMMED, true);
    let names = text_options(WORDS, true);
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        // Fast too: facets count only exchanges, in the same pass that ranks the matches.
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        item_id: b.add_text_field("item_id", STRING | STORED),
        // Each indexed field costs on every record; fields no query reads are stored only (a
        // quarter of indexing time went to per-record keys and values nothing searched).
        source: b.add_text_field("source", STORED),
        root_key: b.add_text_field("root_key", STRING),
        file_key: b.add_text_field("file_key", STRING),
        // Also whole-name fast columns, for counting matches by council and committee.
        council: b.add_text_field("council", names.clone().set_fast("raw")),
        committee: b.add_text_field("committee", names.clone().set_fast("raw")),
        date: b.add_date_field(
            "date",
            // Range filters read the fast column; no terms are needed.
            DateOptions::default()
                .set_stored()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        item: b.add_text_field("item", prose.clone()),
        item_number: b.add_text_field("item_number", STORED),
        number: b.add_u64_field("number", STORED),
        page: b.add_u64_field("page", STORED),
        question: b.add_text_field("question", prose.clone()),
        response: b.add_text_field("response", prose.clone()),
        asker: b.add_text_field("asker", names.clone()),
        responder: b.add_text_field("responder", names),
        supplementary: b.add_bool_field("supplementary", STORED | FAST),
        text: b.add_text_field("text", prose.clone()),
        // An item's setting is stored and indexed (`setting`) once, on its first record: on
        // every exchange it made the index three times the size of the text and indexing three
        // times slower. Search reads it from there (`search::item_setting`).
        purpose: b.add_text_field("purpose", STORED),
        context: b.add_text_field("context", STORED),
        resolutions: b.add_text_field("resolutions", STORED),
        setting: b.add_text_field("setting", text_options(STEMMED, false)),
        // Unstemmed copies for quoted phrases and prefixes: "Think Family" must not match
        // "thinking of families".
        question_exact: b.add_text_field("question_exact", text_options(WORDS, false)),
        response_exact: b.add_text_field("response_exact", text_options(WORDS, false)),
        text_exact: b.add_text_field("text_exact", text_options(WORDS, false)),
        item_exact: b.add_text_field("item_exact", text_options(WORDS, false)),
        // On the one `file` document per indexed file (`crate::manifest`): what the index holds
        // from it, committed with its records.
        manifest: b.add_text_field("manifest", STORED),
    };
    (b.build(), fields)
}

fn to_tantivy_date(date: Date) -> DateTime {
    DateTime::from_utc(date.0.midnight().assume_utc())
}

fn from_tantivy_date(date: DateTime) -> Date {
    Date(date.into_utc().date())
}

/// Start of the given day, as stored in the `date` field; for range filters.
pub fn day_start(date: Date) -> DateTime {
    to_tantivy_date(date)
}

impl Fields {
    /// A record as a tantivy document, with the keys that let a later run replace it.
    pub fn to_document(&self, r: &Record, root_key: &str, file_key: &str) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.id, &r.id);
        doc.add_text(self.kind, r.kind.as_str());
        doc.add_text(self.item_id, &r.item_id);
        doc.add_text(self.source, &r.source);
        doc.add_text(self.root_key, root_key);
        doc.add_text(self.file_key, file_key);
        let optional = [
            (self.council, &r.council),
            (self.committee, &r.committee),
            (self.item, &r.item),
            (self.item_number, &r.item_number),
            (self.question, &r.question),
            (self.response, &r.response),
            (self.asker, &r.asker),
            (self.responder, &r.responder),
            (self.text, &r.text),
        ];
        for (field, value) in optional {
            if let Some(v) = value {
                doc.add_text(field, v);
            }
        }
        let exact = [
            (self.question_exact, &r.question),
            (self.response_exact, &r.response),
            (self.text_exact, &r.text),
            (self.item_exact, &r.item),
        ];
        for (field, value) in exact {
            if let Some(v) = value {
                doc.add_text(field, v);
            }
        }
        // The item's first record: its first exchange, or the discussion record that is the
        // whole item.
        if r.number.is_none_or(|n| n == 1) {
            let setting = [
                (self.purpose, &r.purpose),
                (self.context, &r.context),
                (self.resolutions, &r.resolutions),
            ];
            for (field, value) in setting {
                if let Some(v) = value {
                    doc.add_text(field, v);
                    if r.number == Some(1) {
                        doc.add_text(self.setting, v);
                    }
                }
            }
        }
        if let Some(d) = r.date {
            doc.add_date(self.date, to_tantivy_date(d));
        }
        if let Some(n) = r.number {
            doc.add_u64(self.number, u64::from(n));
        }
        if let Some(p) = r.page {
            doc.add_u64(self.page, u64::from(p));
        }
        doc.add_bool(self.supplementary, r.supplementary);
        doc
    }

    /// A stored document back as a record.
    pub fn to_record(&self, doc: &TantivyDocument) -> Record {
        let text = |f: Field| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        Record {
            id: text(self.id).unwrap_or_default(),
            kind: text(self.kind)
                .as_deref()
                .and_then(Kind::parse)
                .unwrap_or(Kind::Exchange),
            item_id: text(self.item_id).unwrap_or_default(),
            source: text(self.source).unwrap_or_default(),
            council: text(self.council),
            committee: text(self.committee),
            date: doc
                .get_first(self.date)
                .and_then(|v| v.as_datetime())
                .map(from_tantivy_date),
            item: text(self.item),
            item_number: text(self.item_number),
            number: doc
                .get_first(self.number)
                .and_then(|v| v.as_u64())
                .and_then(|n| u32::try_from(n).ok()),
            page: doc
                .get_first(self.page)
                .and_then(|v| v.as_u64())
                .and_then(|n| u32::try_from(n).ok()),
            question: text(self.question),
            response: text(self.response),
            asker: text(self.asker),
            responder: text(self.responder),
            supplementary: doc
                .get_first(self.supplementary)
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            text: text(self.text),
            purpose: text(self.purpose),
            context: text(self.context),
            resolutions: text(self.resolutions),
        }
    }
}

/// Describes a field's options in the words `schema/fields.md` uses.
pub fn describe(schema: &Schema, field: Field) -> FieldDescription {
    use tantivy::schema::FieldType;
    let entry = schema.get_field_entry(field);
    let (kind, tokenizer) = match entry.field_type() {
        FieldType::Str(o) => (
            "text",
            o.get_indexing_options()
                .map(|i| i.tokenizer().to_string())
                .unwrap_or_else(|| "-".into()),
        ),
        FieldType::U64(_) => ("u64", "-".into()),
        FieldType::Bool(_) => ("bool", "-".into()),
        FieldType::Date(_) => ("date", "-".into()),
        _ => ("other", "-".into()),
    };
    FieldDescription {
        name: entry.name().to_string(),
        kind: kind.to_string(),
        tokenizer,
        stored: entry.is_stored(),
        indexed: entry.is_indexed(),
        fast: entry.is_fast(),
    }
}

/// One row of the human description of the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDescription {
    pub name: String,
    pub kind: String,
    pub tokenizer: String,
    pub stored: bool,
    pub indexed: bool,
    pub fast: bool,
}
