//! `taizhang export` end to end on the seed: every format is read back with an independent
//! reader (a CSV parser written here, calamine, rusqlite) and compared with the Plan itself,
//! not with the export's own table model.

use std::path::{Path, PathBuf};

use taizhang_emit::export::{self, Target};
use taizhang_model::Plan;
use taizhang_parser::Parser;
use taizhang_reader::{read_bytes, Options};

fn seed(name: &str) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/seed").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let tables = read_bytes(&format!("fixtures/seed/{name}"), &bytes, &Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    Parser::new().parse_tables(&tables, None).unwrap_or_else(|e| panic!("{name}: {e}")).value
}

fn scratch(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("taizhang-tests-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&path);
    let _ = std::fs::remove_file(&path);
    path
}

/// RFC 4180 records: fields quoted with `"` may hold commas, quotes (doubled) and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// A CSV file as maps from column name to field.
fn read_csv(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').expect("a BOM for Excel and WPS");
    let mut records = parse_csv(text).into_iter();
    let header = records.next().expect("a header row");
    records
        .map(|r| {
            assert_eq!(r.len(), header.len(), "{}: ragged record {r:?}", path.display());
            header.iter().cloned().zip(r).collect()
        })
        .collect()
}

fn opt(n: Option<f64>) -> String {
    n.map(|x| x.to_string()).unwrap_or_default()
}

#[test]
fn csv_reads_back_as_the_plan() {
    let plan = seed("plan-2020.txt");
    let dir = scratch("csv");
    export::export(&plan, Target::Csv, &dir).expect("exports");

    let items = read_csv(&dir.join("items.csv"));
    assert_eq!(items.len(), plan.items.len());
    for (row, item) in items.iter().zip(&plan.items) {
        assert_eq!(row["item"], item.id);
        assert_eq!(row["row"], item.row.to_string());
        assert_eq!(row["goal"], item.goal.text, "{}", item.id);
        assert_eq!(row["lead"], item.lead.join("、"), "{}", item.id);
        assert_eq!(row["section"], item.section.clone().unwrap_or_default());
        // The schedule cell exactly as read, line breaks included.
        assert!(item.cells.contains(&row["schedule"]), "{}", item.id);
    }

    let milestones = read_csv(&dir.join("milestones.csv"));
    let expected: Vec<(String, String, String)> = plan
        .items
        .iter()
        .flat_map(|i| {
            i.schedule
                .iter()
                .map(move |m| (i.id.clone(), m.label.clone().unwrap_or_default(), m.text.clone()))
        })
        .collect();
    let got: Vec<(String, String, String)> = milestones
        .iter()
        .map(|m| (m["item"].clone(), m["label"].clone(), m["text"].clone()))
        .collect();
    assert_eq!(got, expected);

    // Goal and milestone quantities one for one; measure quantities once per measure.
    let quantities = read_csv(&dir.join("quantities.csv"));
    let mut expected = Vec::new();
    for item in &plan.items {
        let own_measure = item.measure.iter().filter(|m| !m.inherited);
        let measure = own_measure.flat_map(|m| m.quantities.iter().map(|q| ("measure", "", q)));
        let goal = item.goal.quantities.iter().map(|q| ("goal", "", q));
        let milestones = item.schedule.iter().flat_map(|m| {
            m.quantities.iter().map(move |q| ("milestone", m.label.as_deref().unwrap_or(""), q))
        });
        for (source, label, q) in goal.chain(measure).chain(milestones) {
            expected.push(vec![
                item.id.clone(),
                source.to_owned(),
                label.to_owned(),
                q.text.clone(),
                opt(q.value),
                opt(q.min),
                opt(q.max),
                q.unit.clone().unwrap_or_default(),
                q.cumulative.to_string(),
            ]);
        }
    }
    let got: Vec<Vec<String>> = quantities
        .iter()
        .map(|q| {
            ["item", "source", "label", "text", "value", "min", "max", "unit", "cumulative"]
                .iter()
                .map(|k| q[*k].clone())
                .collect()
        })
        .collect();
    assert_eq!(got.len(), expected.len());
    assert_eq!(got, expected);
    // Values are plain decimals: 26.1亿 is 2610000000, never 2610000000.0000005 or 2.61e9.
    assert!(quantities.iter().any(|q| q["value"] == "2610000000"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn xlsx_reads_back_as_the_plan() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let plan = seed("plan-2020.docx");
    let path = scratch("book.xlsx");
    export::export(&plan, Target::Xlsx, &path).expect("exports");
    let mut book: Xlsx<_> = open_workbook(&path).expect("calamine opens it");
    assert_eq!(
        book.sheet_names(),
        ["plans", "sources", "items", "milestones", "quantities", "warnings", "findings"]
    );
    let items = book.worksheet_range("items").expect("items sheet");
    let header: Vec<String> =
        items.rows().next().expect("header").iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<&[Data]> = items.rows().skip(1).collect();
    assert_eq!(rows.len(), plan.items.len());
    for (row, item) in rows.iter().zip(&plan.items) {
        assert_eq!(row[col("item")], Data::String(item.id.clone()));
        assert_eq!(row[col("row")], Data::Float(item.row as f64));
        let goal = match &row[col("goal")] {
            Data::String(s) => s.clone(),
            _ => String::new(),
        };
        assert_eq!(goal, item.goal.text, "{}", item.id);
    }
    let quantities = book.worksheet_range("quantities").expect("quantities sheet");
    let header: Vec<String> =
        quantities.rows().next().expect("header").iter().map(|c| c.to_string()).collect();
    let value = header.iter().position(|h| h == "value").expect("value column");
    let total: f64 = quantities
        .rows()
        .skip(1)
        .filter_map(|r| match r.get(value) {
            Some(Data::Float(x)) => Some(*x),
            _ => None,
        })
        .sum();
    let expected: f64 = plan
        .items
        .iter()
        .flat_map(|i| {
            let measure = i.measure.iter().filter(|m| !m.inherited).flat_map(|m| &m.quantities);
            i.goal
                .quantities
                .iter()
                .chain(measure)
                .chain(i.schedule.iter().flat_map(|m| &m.quantities))
        })
        .filter_map(|q| q.value)
        .sum();
    assert_eq!(total, expected);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn sqlite_holds_many_plans() {
    let path = scratch("plans.sqlite");
    let v1 = seed("plan-2020.txt");
    let mut v2 = seed("plan-2020.docx");
    v2.year = Some(2021);
    let first = export::export(&v1, Target::Sqlite, &path).expect("creates");
    export::export(&v2, Target::Sqlite, &path).expect("appends");
    // The same plan again is the same plan, not a second copy.
    let again = export::export(&v1, Target::Sqlite, &path).expect("appends again");
    assert!(first.new && !again.new);
    assert_eq!(again.plan_id, first.plan_id);

    let conn = rusqlite::Connection::open(&path).expect("opens");
    let plans: Vec<(String, i64, i64)> = conn
        .prepare("SELECT file, year, items FROM plans ORDER BY year")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
        .expect("plans");
    assert_eq!(
        plans,
        [
            ("fixtures/seed/plan-2020.txt".to_owned(), 2020, 111),
            ("fixtures/seed/plan-2020.docx".to_owned(), 2021, 111)
        ]
    );
    let per_plan: Vec<(i64, i64)> = conn
        .prepare(
            "SELECT p.year, COUNT(*) FROM items i JOIN plans p ON p.id = i.plan_id
             GROUP BY p.year ORDER BY p.year",
        )
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("items per plan");
    assert_eq!(per_plan, [(2020, 111), (2021, 111)]);

    // The goal of the row whose goal is 莞番高速完成投资30亿元, and its Q4 milestone.
    let (goal, q4): (f64, f64) = conn
        .query_row(
            "SELECT g.value, m.value FROM quantities g
             JOIN items i ON i.id = g.item_id
             JOIN plans p ON p.id = i.plan_id
             JOIN quantities m ON m.item_id = i.id AND m.source = 'milestone' AND m.label = '四季度'
             WHERE p.year = 2020 AND g.source = 'goal' AND i.goal LIKE '莞番高速%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row 14");
    assert_eq!((goal, q4), (3e9, 3e9));
    let milestones: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM milestones m JOIN plans p ON p.id = m.plan_id WHERE p.year = 2020",
            [],
            |r| r.get(0),
        )
        .expect("milestones");
    let expected: usize = v1.items.iter().map(|i| i.schedule.len()).sum();
    assert_eq!(usize::try_from(milestones).ok(), Some(expected));
    drop(conn);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn bad_paths_give_one_line_errors_naming_the_file() {
    let plan = seed("plan-2020.txt");
    let dir = scratch("bad");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let not_a_db = dir.join("notes.txt");
    std::fs::write(&not_a_db, "这不是数据库，只是一段足够长的文字。".repeat(10)).expect("write");
    let cases = [
        (Target::Sqlite, not_a_db.clone()),
        (Target::Csv, not_a_db.clone()),
        (Target::Xlsx, dir.join("missing/folder/plan.xlsx")),
        (Target::Sqlite, dir.join("missing/folder/plan.sqlite")),
    ];
    for (target, path) in cases {
        let err = export::export(&plan, target, &path).expect_err("must fail").to_string();
        assert!(err.contains(&path.display().to_string()), "{target:?}: {err}");
        assert!(!err.contains('\n'), "{target:?}: one line: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
