//! `schema/fields.md` must describe exactly the schema the code builds.

use crate::util::repo;
use scrutiny::schema::{build, describe, FieldDescription};

fn yes_no(s: &str) -> bool {
    match s {
        "yes" => true,
        "no" => false,
        other => panic!("expected yes or no, found {other:?}"),
    }
}

fn documented() -> Vec<FieldDescription> {
    let text = std::fs::read_to_string(repo().join("schema/fields.md")).unwrap();
    text.lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| field "))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            assert_eq!(cells.len(), 7, "row needs 7 cells: {l}");
            FieldDescription {
                name: cells[0].to_string(),
                kind: cells[1].to_string(),
                tokenizer: cells[2].to_string(),
                stored: yes_no(cells[3]),
                indexed: yes_no(cells[4]),
                fast: yes_no(cells[5]),
            }
        })
        .collect()
}

#[test]
fn schema_doc_matches_the_code() {
    let (schema, _) = build();
    let code: Vec<FieldDescription> = schema.fields().map(|(f, _)| describe(&schema, f)).collect();
    let doc = documented();
    let names = |v: &[FieldDescription]| v.iter().map(|d| d.name.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&doc),
        names(&code),
        "fields listed in schema/fields.md differ from src/schema.rs"
    );
    for (d, c) in doc.iter().zip(&code) {
        assert_eq!(
            d, c,
            "schema/fields.md row for {} disagrees with src/schema.rs",
            c.name
        );
    }
}
