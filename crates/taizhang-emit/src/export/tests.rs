//! Every export read back with an independent reader (csv, calamine, rusqlite) and compared
//! with the plan it came from.

use std::path::PathBuf;

use taizhang_model::Plan;

use super::{tables, Entry, Ledger, Value};

/// A plan with the text CSV and spreadsheets get wrong: commas, quotes, line breaks, a
/// range, nulls, an inherited measure.
fn plan(sha: &str, year: i32) -> Plan {
    serde_json::from_value(serde_json::json!({
        "schema": "taizhang/plan/v1",
        "source": {"file": "plan,\"2020\".txt", "format": "txt", "sha256": sha},
        "year": year,
        "columns": [
            {"index": 0, "header": "具体措施", "role": "measure"},
            {"index": 1, "header": "工作目标", "role": "goal"},
            {"index": 2, "header": "季度进度安排", "role": "schedule"},
            {"index": 3, "header": "牵头单位", "role": "lead"}
        ],
        "items": [
            {
                "id": "r001", "row": 1, "seq": 1, "section": "着力推进“交通体系扩展”行动",
                "measure": {"number": 1, "text": "建设轨道交通，\"一期\"", "inherited": false,
                    "quantities": [{"text": "2-3个", "start": 0, "end": 4, "value": null,
                        "min": 2.0, "max": 3.0, "unit": "个", "surface_unit": "个",
                        "cmp": "range", "cumulative": false, "object": null}]},
                "goal": {"text": "完成投资26.1亿元", "points": [], "quantities": [
                    {"text": "完成投资26.1亿元", "start": 0, "end": 10, "value": 2610000000.0,
                     "min": null, "max": null, "unit": "元", "surface_unit": "亿元",
                     "cmp": "eq", "cumulative": false, "object": "投资"}]},
                "schedule": [
                    {"label": "一季度", "start": 1, "end": 1, "topic": null,
                     "text": "完成投资2.9亿元", "quantities": [
                        {"text": "2.9亿元", "start": 4, "end": 9, "value": 290000000.0,
                         "min": null, "max": null, "unit": "元", "surface_unit": "亿元",
                         "cmp": "eq", "cumulative": false, "object": "投资"}]},
                    {"label": "四季度", "start": 4, "end": 4, "topic": "供水",
                     "text": "累计完成投资26.1亿元\n第二行", "quantities": [
                        {"text": "累计完成投资26.1亿元", "start": 0, "end": 12,
                         "value": 2610000000.0, "min": null, "max": null, "unit": "元",
                         "surface_unit": "亿元", "cmp": "eq", "cumulative": true,
                         "object": "投资"}]}
                ],
                "lead": ["城建局", "交通局"], "support": [], "documents": ["《办法》"],
                "deadlines": [{"text": "4月底前", "date": "2020-04-30"}],
                "fingerprint": "9c1e", "cells": ["1. 建设", "完成投资26.1亿元",
                    "一季度，完成投资2.9亿元。\n四季度，累计完成投资26.1亿元", "城建局\n交通局"]
            },
            {
                "id": "r002", "row": 2, "seq": null, "section": null,
                "measure": {"number": 1, "text": "建设轨道交通，\"一期\"", "inherited": true,
                    "quantities": [{"text": "2-3个", "start": 0, "end": 4, "value": null,
                        "min": 2.0, "max": 3.0, "unit": "个", "surface_unit": "个",
                        "cmp": "range", "cumulative": false, "object": null}]},
                "goal": {"text": "", "points": [], "quantities": []},
                "schedule": [], "lead": [], "support": [], "documents": [], "deadlines": [],
                "fingerprint": "ab12", "cells": ["", "", "", ""]
            }
        ],
        "warnings": []
    }))
    .expect("the test plan is a Plan")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taizhang-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&dir);
    dir
}

fn ledger(plans: &[Plan]) -> Ledger<'_> {
    let mut ledger = Ledger::new();
    for plan in plans {
        ledger.add(&Entry::new(plan, None, &[]));
    }
    ledger
}

#[test]
fn tables_follow_the_plan() {
    let p = plan("a", 2020);
    let entry = Entry::new(&p, None, &[]);
    let [items, milestones, quantities, warnings, findings] = tables(&entry).into_array();
    assert!(warnings.rows.is_empty() && findings.rows.is_empty());
    assert_eq!(items.rows.len(), 2);
    assert_eq!(milestones.rows.len(), 2);
    // The goal's, the measure's once (row 2 inherits it), and one per milestone.
    assert_eq!(quantities.rows.len(), 4);
    let sources: Vec<String> =
        quantities.rows.iter().filter_map(|r| r.get(3)).map(|v| v.to_csv_field().into()).collect();
    assert_eq!(sources, ["goal", "measure", "milestone", "milestone"]);
    for table in [&items, &milestones, &quantities] {
        for row in &table.rows {
            assert_eq!(row.len(), table.columns.len(), "{}", table.name);
            assert_eq!(row[0], Value::Int(entry.identity.id), "every row names its plan");
        }
    }
}

#[test]
fn csv_reads_back() {
    let dir = scratch("csv");
    let p = plan("a", 2020);
    let plans = [p.clone(), plan("b", 2021)];
    let ledger = ledger(&plans);
    super::csv::write_dir(&ledger, &dir).expect("writes");
    for table in ledger.tables() {
        let path = dir.join(format!("{}.csv", table.name));
        let bytes = std::fs::read(&path).expect("file exists");
        assert!(bytes.starts_with(super::csv::BOM), "{} has a BOM", table.name);
        let mut reader = csv::Reader::from_reader(bytes.get(3..).unwrap_or_default());
        let headers: Vec<String> =
            reader.headers().expect("header").iter().map(str::to_owned).collect();
        let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        assert_eq!(headers, names);
        let records: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("record").iter().map(str::to_owned).collect())
            .collect();
        let expected: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|row| row.iter().map(|v| v.to_csv_field().into()).collect())
            .collect();
        assert_eq!(records, expected, "{}", table.name);
    }
    let plans = std::fs::read_to_string(dir.join("plans.csv")).expect("utf-8");
    assert_eq!(plans.lines().count(), 3, "a header and two plans: {plans}");
    let quantities = std::fs::read_to_string(dir.join("quantities.csv")).expect("utf-8");
    assert!(quantities.contains(",2610000000,"), "no float noise: {quantities}");
    // Excel holds the plan ids exactly.
    assert!(ledger.tables().flat_map(|t| &t.rows).all(|r| match r[0] {
        Value::Int(n) => n > 0 && n < 1 << 53,
        _ => false,
    }));
    assert!(
        quantities.contains("\"累计完成投资26.1亿元\"")
            || quantities.contains(",累计完成投资26.1亿元,")
    );
    // Deterministic: a second export gives the same bytes.
    let first = std::fs::read(dir.join("items.csv")).expect("read");
    super::csv::write_dir(&ledger, &dir).expect("writes again");
    assert_eq!(std::fs::read(dir.join("items.csv")).expect("read"), first);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn xlsx_reads_back() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let path = scratch("book").with_extension("xlsx");
    let plans = [plan("a", 2020), plan("b", 2021)];
    let ledger = ledger(&plans);
    super::xlsx::write_file(&ledger, &path).expect("writes");
    let mut book: Xlsx<_> = open_workbook(&path).expect("calamine opens it");
    assert_eq!(
        book.sheet_names(),
        ["plans", "sources", "items", "milestones", "quantities", "warnings", "findings"]
    );
    for table in ledger.tables() {
        let range = book.worksheet_range(table.name).expect("sheet");
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows.len(), table.rows.len() + 1, "{}", table.name);
        for (got, want) in rows.iter().skip(1).zip(&table.rows) {
            for (cell, value) in got.iter().zip(want) {
                let same = match (cell, value) {
                    (Data::Empty, Value::Null) => true,
                    (Data::String(s), Value::Text(t)) => s == t,
                    (Data::Float(x), Value::Real(y)) => x == y,
                    (Data::Float(x), Value::Int(n)) => *x == *n as f64,
                    (Data::Int(x), Value::Int(n)) => x == n,
                    (Data::Bool(b), Value::Bool(c)) => b == c,
                    // An empty string is an empty cell once written.
                    (Data::Empty, Value::Text(t)) => t.is_empty(),
                    _ => false,
                };
                assert!(same, "{}: {cell:?} != {value:?}", table.name);
            }
        }
    }
    let first = std::fs::read(&path).expect("read");
    super::xlsx::write_file(&ledger, &path).expect("writes again");
    assert_eq!(std::fs::read(&path).expect("read"), first, "same plan, same bytes");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn xlsx_cells_show_their_formats() {
    // What a reader of the workbook sees: a bold header, every value aligned to the top,
    // long text wrapped and nothing else. The cells' formats come from their columns.
    use calamine::{open_workbook, VerticalAlignment, Xlsx};
    let path = scratch("formats").with_extension("xlsx");
    let plans = [plan("a", 2020)];
    let ledger = ledger(&plans);
    super::xlsx::write_file(&ledger, &path).expect("writes");
    let mut book: Xlsx<_> = open_workbook(&path).expect("calamine opens it");
    let mut wrapped = 0;
    for table in ledger.tables() {
        let styles = book.worksheet_style(table.name).expect("styles");
        for (c, column) in table.columns.iter().enumerate() {
            let header = styles.get((0, c as u32)).expect("a header style");
            assert!(header.font.as_ref().is_some_and(|f| f.is_bold()), "{}", column.name);
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, (value, column)) in row.iter().zip(table.columns).enumerate() {
                if *value == Value::Null || *value == Value::Text("".into()) {
                    continue;
                }
                let at = format!("{} row {} {}", table.name, r + 2, column.name);
                let style = styles.get((r as u32 + 1, c as u32)).expect(&at);
                let alignment = style.alignment.as_ref().expect(&at);
                assert_eq!(alignment.vertical, VerticalAlignment::Top, "{at}");
                let long = column.kind == super::Kind::LongText;
                assert_eq!(alignment.wrap_text, long, "{at}");
                assert!(!style.font.as_ref().is_some_and(|f| f.is_bold()), "{at}");
                wrapped += usize::from(long);
            }
        }
    }
    assert!(wrapped > 0, "the plan has long text");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn sqlite_keeps_one_plan_per_content_and_links_revisions() {
    let path = scratch("db").with_extension("sqlite");
    let append =
        |p: &Plan| super::sqlite::append(&Entry::new(p, None, &[]), &path).expect("appends");
    let first = append(&plan("a", 2020));
    let other_year = append(&plan("b", 2021));
    assert!(first.new && other_year.new);
    assert_ne!(first.plan_id, other_year.plan_id);
    assert_eq!((first.revision, other_year.revision), (1, 1), "two lineages");
    // The same content from another file: the same plan, one more source.
    let again = append(&plan("c", 2020));
    assert!(!again.new);
    assert_eq!(again.plan_id, first.plan_id);
    // Another content of the same issuer, year and title: its next revision.
    let mut changed = plan("d", 2020);
    changed.items[0].goal.text = "完成投资30亿元".into();
    let revised = append(&changed);
    assert!(revised.new);
    assert_eq!((revised.revision, revised.previous), (2, Some(first.plan_id)));

    let conn = rusqlite::Connection::open(&path).expect("opens");
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).expect(sql);
    assert_eq!(count("SELECT COUNT(*) FROM plans"), 3);
    assert_eq!(count("SELECT COUNT(*) FROM sources"), 4);
    assert_eq!(count("SELECT COUNT(*) FROM current_plans"), 2);
    assert_eq!(
        count("SELECT id FROM current_plans WHERE year = 2020"),
        revised.plan_id,
        "the latest revision is current"
    );
    assert_eq!(count("SELECT COUNT(*) FROM items"), 6);
    assert_eq!(count("SELECT COUNT(*) FROM milestones"), 6);
    assert_eq!(count("SELECT COUNT(*) FROM quantities"), 12);
    // Every milestone quantity points at its milestone, of the same item.
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM quantities q JOIN milestones m ON m.id = q.milestone_id
             WHERE m.item_id = q.item_id AND m.milestone = q.milestone"
        ),
        6
    );
    let lead: String = conn
        .query_row("SELECT lead FROM items WHERE item = 'r001' LIMIT 1", [], |r| r.get(0))
        .expect("lead");
    assert_eq!(lead, "城建局、交通局");
    // The units table: one row per unit, three plans with the same two leads.
    assert_eq!(count("SELECT COUNT(*) FROM units WHERE role = 'lead'"), 6);
    assert_eq!(count("PRAGMA user_version"), super::sqlite::SCHEMA_VERSION);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
    drop(conn);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn sqlite_refuses_other_versions_with_a_message() {
    let path = scratch("old").with_extension("sqlite");
    let conn = rusqlite::Connection::open(&path).expect("creates");
    conn.execute_batch("CREATE TABLE plans (id INTEGER PRIMARY KEY); PRAGMA user_version = 1;")
        .expect("an old ledger");
    drop(conn);
    let err = super::sqlite::append(&Entry::new(&plan("a", 2020), None, &[]), &path)
        .expect_err("refused");
    let text = err.to_string();
    assert!(text.contains("old.sqlite") && text.contains("older taizhang"), "{text}");
    let conn = rusqlite::Connection::open(&path).expect("opens");
    conn.execute_batch("PRAGMA user_version = 9;").expect("a newer ledger");
    drop(conn);
    let err = super::sqlite::append(&Entry::new(&plan("a", 2020), None, &[]), &path)
        .expect_err("refused");
    assert!(err.to_string().contains("newer taizhang"), "{err}");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn bad_paths_name_the_file() {
    let dir = scratch("not-a-db");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let p = plan("a", 2020);
    let entry = Entry::new(&p, None, &[]);
    let err = super::sqlite::append(&entry, &dir).expect_err("a folder");
    assert!(err.to_string().starts_with(&dir.display().to_string()), "{err}");

    let text = dir.join("notes.txt");
    std::fs::write(&text, "not a database, just some text that is long enough").expect("write");
    let err = super::sqlite::append(&entry, &text).expect_err("not sqlite");
    assert!(err.to_string().contains("notes.txt"), "{err}");

    let err = super::csv::write_dir(&ledger(std::slice::from_ref(&p)), &text).expect_err("a file");
    assert!(err.to_string().contains("notes.txt"), "{err}");

    let missing = dir.join("no/such/folder/out.xlsx");
    let err = super::xlsx::write_file(&ledger(&[p]), &missing).expect_err("no folder");
    assert!(err.to_string().contains("out.xlsx"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A text longer than an Excel cell holds is refused, naming where it is, before anything is
/// written (cut to fit, the workbook would lose characters); one at the limit goes in whole.
#[test]
fn xlsx_refuses_a_text_longer_than_a_cell_holds() {
    let dir = scratch("xlsx-long");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join("long.xlsx");
    let mut p = plan("long", 2020);
    p.items[0].goal.text = "建".repeat(super::xlsx::CELL_CHARS + 1);
    let err = super::xlsx::write_file(&ledger(std::slice::from_ref(&p)), &path)
        .expect_err("too long for a cell");
    let en = err.render(taizhang_i18n::Lang::En);
    assert!(en.contains("long.xlsx") && en.contains("sheet items, row 2, column goal"), "{en}");
    assert!(en.contains(&format!("{} characters", super::xlsx::CELL_CHARS + 1)), "{en}");
    let zh = err.render(taizhang_i18n::Lang::Zh);
    assert!(zh.contains("工作表 items 第2行 goal 列"), "{zh}");
    assert!(!path.exists(), "nothing written");

    p.items[0].goal.text = "建".repeat(super::xlsx::CELL_CHARS);
    super::xlsx::write_file(&ledger(&[p]), &path).expect("a text at the limit fits");
    assert!(path.is_file());
    let _ = std::fs::remove_dir_all(&dir);
}
