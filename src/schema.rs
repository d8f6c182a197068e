//! The tantivy schema, built once, with typed field handles. `schema/fields.md` describes every
//! field for people; a test checks the two agree.

use crate::analysis::{STEMMED, WORDS, WORDS_AND_STEMS, WORDS_STEMS_AND_PAIRS};
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
    pub item_words: Field,
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
    pub manifest_key: Field,
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

/// Fields that hold the index's own bookkeeping rather than records (see `crate::manifest`):
/// left out of exports and of the Quickwit configuration.
pub const BOOKKEEPING: [&str; 2] = ["manifest_key", "manifest"];

/// Whether a field belongs to a record as `scrutiny export` writes it and
/// `schema/quickwit.yaml` declares it: all but the bookkeeping.
pub fn is_exported(name: &str) -> bool {
    !BOOKKEEPING.contains(&name)
}

/// Builds the schema and its handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Each word and, where it differs, its stem at the same position: a word searches the stems,
    // a quoted phrase or a prefix the words ("Think Family" must not match "thinking of
    // families"). A quarter of the words in minutes differ from their stems, so this indexes
    // 1.25 tokens a word where a stemmed field and an exact copy indexed 2: 11-13% less CPU
    // indexing 100 MB of generated minutes or 3,000 copies of the seed, and a 13% smaller index.
    let prose = text_options(WORDS_AND_STEMS, true);
    // Questions and responses also hold the pairs of adjacent common words, for phrases of
    // them: see `analysis::words_stems_and_pairs_analyzer` and `crate::pair_words`. With every
    // pair, indexing the seed's question-and-response item took 15-20% longer and 100 MB of
    // generated minutes twice as long; pairs of the discussions' text and item titles too cost
    // more again, and are left out.
    let asked_and_answered = text_options(WORDS_STEMS_AND_PAIRS, true);
    let names = text_options(WORDS, true);
    let fields = Fields {
        // A record's id as the number its 16 hex digits spell, in a fast column: a lookup scans
        // the column (`search::id_query`; `scrutiny show` on the million-exchange bench archive
        // took 0.03 s, the whole process) where an indexed term per record cost 7% of the time
        // to index copies of the seed.
        id: b.add_u64_field("id", STORED | FAST),
        // Fast too: facets count only exchanges, in the same pass that ranks the matches.
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        item_id: b.add_text_field("item_id", STRING | STORED),
        // Each indexed field costs on every record; fields no query reads are stored only (a
        // quarter of indexing time went to per-record keys and values nothing searched).
        source: b.add_text_field("source", STORED),
        // Only on manifest documents (`crate::manifest`), which say what each file's records
        // are: no query reads it from records, and the export fills it in from there.
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
        // The item's title, stored on each of its records and indexed once, on its first
        // (`item_words`): a match there stands for all of them (`crate::spread`). Indexed on
        // each exchange, titles were a tenth of the tokens of the seed's layout.
        item: b.add_text_field("item", STORED),
        item_words: b.add_text_field("item_words", text_options(WORDS_AND_STEMS, false)),
        item_number: b.add_text_field("item_number", STORED),
        // Fast: an item's records are consecutive documents numbered from 1, so a record's
        // number says where its item starts and ends (`crate::spread`).
        number: b.add_u64_field("number", STORED | FAST),
        page: b.add_u64_field("page", STORED),
        question: b.add_text_field("question", asked_and_answered.clone()),
        response: b.add_text_field("response", asked_and_answered),
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
        // On the one `file` document per indexed file (`crate::manifest`): what the index holds
        // from it, committed with its records.
        manifest_key: b.add_text_field("manifest_key", STRING),
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

/// One value of one field, as the index receives it. `Fields::record_values` yields them;
/// `to_document` adds them to a tantivy document and `export` writes them as JSON, so the two
/// cannot drift apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'a> {
    Text(&'a str),
    /// A record id: 16 hex digits, indexed as the number they spell and exported as written
    /// (a JSON reader in JavaScript would round a 64-bit number).
    Id(&'a str),
    /// A meeting day, indexed as its first instant (midnight UTC).
    Date(Date),
    U64(u64),
    Bool(bool),
}

/// The number a record id's hex digits spell, as the `id` field holds it; `None` for text that
/// is not an id (1 to 16 hex digits).
pub fn id_number(id: &str) -> Option<u64> {
    let valid = (1..=16).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| u64::from_str_radix(id, 16).ok()).flatten()
}

/// A record id as users see it: the `id` field's number in 16 hex digits.
pub fn id_text(n: u64) -> String {
    format!("{n:016x}")
}

/// A day as the `date` field holds it, in RFC 3339: "2017-03-07T00:00:00Z".
pub fn rfc3339(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

impl Fields {
    /// Whether `field` holds pairs of adjacent common words beside its words (question and
    /// response: `analysis::WORDS_STEMS_AND_PAIRS`).
    pub fn holds_pairs(&self, field: Field) -> bool {
        field == self.question || field == self.response
    }

    /// A record as a tantivy document, with the key that lets a later run replace it.
    pub fn to_document(&self, r: &Record, file_key: &str) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.file_key, file_key);
        self.record_values(r, |field, value| match value {
            FieldValue::Text(v) => doc.add_text(field, v),
            FieldValue::Id(v) => {
                if let Some(n) = id_number(v) {
                    doc.add_u64(field, n);
                }
            }
            FieldValue::Date(d) => doc.add_date(field, to_tantivy_date(d)),
            FieldValue::U64(n) => doc.add_u64(field, n),
            FieldValue::Bool(b) => doc.add_bool(field, b),
        });
        doc
    }

    /// Every value the index holds for a record, field by field: stored values and the copies
    /// indexed from them. The keys (`root_key`, `file_key`) are not the record's: they say where
    /// it was read from; `to_document` adds the file's, and the root's is on the file's
    /// manifest document.
    pub fn record_values<'a>(&self, r: &'a Record, mut add: impl FnMut(Field, FieldValue<'a>)) {
        add(self.id, FieldValue::Id(&r.id));
        add(self.kind, FieldValue::Text(r.kind.as_str()));
        add(self.item_id, FieldValue::Text(&r.item_id));
        add(self.source, FieldValue::Text(&r.source));
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
                add(field, FieldValue::Text(v));
            }
        }
        // The item's first record: its first exchange, or the discussion record that is the
        // whole item.
        if r.number.is_none_or(|n| n == 1) {
            if let Some(title) = &r.item {
                add(self.item_words, FieldValue::Text(title));
            }
            let setting = [
                (self.purpose, &r.purpose),
                (self.context, &r.context),
                (self.resolutions, &r.resolutions),
            ];
            for (field, value) in setting {
                if let Some(v) = value {
                    add(field, FieldValue::Text(v));
                    if r.number == Some(1) {
                        add(self.setting, FieldValue::Text(v));
                    }
                }
            }
        }
        if let Some(d) = r.date {
            add(self.date, FieldValue::Date(d));
        }
        if let Some(n) = r.number {
            add(self.number, FieldValue::U64(u64::from(n)));
        }
        if let Some(p) = r.page {
            add(self.page, FieldValue::U64(u64::from(p)));
        }
        add(self.supplementary, FieldValue::Bool(r.supplementary));
    }

    /// Whether `record_values` may give `field` more than one value: only `setting`, which holds
    /// an item's purpose, context and resolutions as three values.
    pub fn is_multi_valued(&self, field: Field) -> bool {
        field == self.setting
    }

    /// A stored document back as a record.
    pub fn to_record(&self, doc: &TantivyDocument) -> Record {
        let text = |f: Field| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        Record {
            id: doc
                .get_first(self.id)
                .and_then(|v| v.as_u64())
                .map(id_text)
                .unwrap_or_default(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The first exchange of an item, every field filled.
    fn first_exchange() -> Record {
        let text = |s: &str| Some(s.to_string());
        Record {
            id: "0123456789abcdef".into(),
            kind: Kind::Exchange,
            item_id: "fedcba9876543210".into(),
            source: "minutes/2017-03-07.txt".into(),
            council: text("Marlbury County Council"),
            committee: text("Children and Young People Scrutiny Committee"),
            date: Date::from_ymd(2017, 3, 7),
            item: text("Think Family"),
            item_number: text("4"),
            number: Some(1),
            page: Some(2),
            question: text("How many families?"),
            response: text("Five hundred."),
            asker: text("Councillor Shah"),
            responder: text("Head of Early Help"),
            supplementary: false,
            text: None,
            purpose: text("To review the programme."),
            context: text("The Head of Early Help introduced the report."),
            resolutions: text("RESOLVED: That the report be noted."),
        }
    }

    #[test]
    fn only_setting_takes_more_than_one_value() {
        let (schema, fields) = build();
        let mut counts = vec![0; schema.num_fields()];
        fields.record_values(&first_exchange(), |f, _| counts[f.field_id() as usize] += 1);
        for (field, entry) in schema.fields() {
            let n = counts[field.field_id() as usize];
            if fields.is_multi_valued(field) {
                assert_eq!(n, 3, "{}", entry.name());
            } else {
                assert!(n <= 1, "{} added {n} times", entry.name());
            }
        }
    }

    #[test]
    fn ids_are_hex_digits_of_the_number_the_index_holds() {
        assert_eq!(id_number("0123456789abcdef"), Some(0x0123_4567_89ab_cdef));
        assert_eq!(id_text(0x0123_4567_89ab_cdef), "0123456789abcdef");
        assert_eq!(id_text(0xb1), "00000000000000b1");
        for not_an_id in ["", "+1", "12345678901234567", "file:/a", "0x1f", "é"] {
            assert_eq!(id_number(not_an_id), None, "{not_an_id:?}");
        }
        let (_, fields) = build();
        let doc = fields.to_document(&first_exchange(), "/minutes/2017-03-07.txt");
        assert_eq!(fields.to_record(&doc).id, "0123456789abcdef");
    }

    #[test]
    fn rfc3339_names_the_instant_the_date_field_holds() {
        let day = Date::from_ymd(2017, 3, 7).unwrap();
        assert_eq!(rfc3339(day), "2017-03-07T00:00:00Z");
        assert_eq!(to_tantivy_date(day).into_timestamp_secs(), 1_488_844_800);
    }
}
