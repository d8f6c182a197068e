//! Tables to lines. Minutes often set questions and answers side by side in a table; those rows
//! become labelled lines the segmenter reads as exchanges. Other tables keep their cells, joined
//! by " | ", so their words stay searchable.

/// Header words that mark the question column and the answer column.
const QUESTION_HEADERS: [&str; 4] = ["question", "questions", "cwestiwn", "query"];
const ANSWER_HEADERS: [&str; 6] = [
    "answer",
    "answers",
    "response",
    "responses",
    "reply",
    "ymateb",
];
const ASKER_HEADERS: [&str; 6] = [
    "asked by",
    "questioner",
    "from",
    "submitted by",
    "member",
    "councillor",
];

fn header_is(cell: &str, names: &[&str]) -> bool {
    let c = cell.trim().trim_end_matches(':').to_lowercase();
    names
        .iter()
        .any(|n| c == *n || c.starts_with(&format!("{n} ")))
}

/// Lines for one table, given its rows of cell texts (the first row may be a header).
pub fn rows_to_lines(rows: &[Vec<String>]) -> Vec<String> {
    let mut out = Vec::new();
    let Some(header) = rows.first() else {
        return out;
    };
    let find = |names: &[&str]| header.iter().position(|c| header_is(c, names));
    if let (Some(q), Some(a)) = (find(&QUESTION_HEADERS), find(&ANSWER_HEADERS)) {
        let asker = find(&ASKER_HEADERS);
        for row in &rows[1..] {
            let cell = |i: usize| row.get(i).map(|s| s.trim()).unwrap_or("");
            if cell(q).is_empty() {
                continue;
            }
            out.push(format!("Question: {}", cell(q)));
            if let Some(who) = asker.map(cell).filter(|w| !w.is_empty()) {
                out.push(format!("Asked by: {who}"));
            }
            out.push(format!("Response: {}", cell(a)));
            out.push(String::new());
        }
        return out;
    }
    for row in rows {
        let cells: Vec<&str> = row
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        if !cells.is_empty() {
            out.push(cells.join(" | "));
        }
    }
    out.push(String::new());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
        r.iter()
            .map(|row| row.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn question_answer_tables_become_labelled_lines() {
        let lines = rows_to_lines(&rows(&[
            &["No.", "Asked by", "Question", "Response"],
            &[
                "1",
                "Cllr Ann Pryce",
                "When will the road reopen?",
                "In June.",
            ],
        ]));
        assert_eq!(
            lines,
            [
                "Question: When will the road reopen?",
                "Asked by: Cllr Ann Pryce",
                "Response: In June.",
                ""
            ]
        );
    }

    #[test]
    fn other_tables_keep_their_cells() {
        let lines = rows_to_lines(&rows(&[
            &["Budget line", "2024/25"],
            &["Respite care", "£1.2m"],
        ]));
        assert_eq!(lines, ["Budget line | 2024/25", "Respite care | £1.2m", ""]);
    }
}
