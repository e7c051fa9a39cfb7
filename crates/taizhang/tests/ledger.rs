//! `taizhang export` as a ledger, through the built binary: one plan per content, stable ids,
//! revisions, many writers at once, a writer killed in the middle of a plan, and the README's
//! SQL run on a ledger of three layouts.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

const BIN: &str = env!("CARGO_BIN_EXE_taizhang");

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(rel)
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ledger").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn export(inputs: &[&Path], to: &str, out: &Path) -> Output {
    let output = Command::new(BIN)
        .arg("export")
        .args(inputs)
        .args(["--to", to, "-o"])
        .arg(out)
        .output()
        .expect("taizhang runs");
    assert!(
        output.status.success(),
        "export {inputs:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Every id of every table, with its table.
fn all_ids(db: &Path) -> BTreeSet<(String, i64)> {
    let conn = Connection::open(db).expect("opens");
    let mut ids = BTreeSet::new();
    for table in ["plans", "items", "milestones", "quantities", "units", "warnings", "findings"] {
        let mut stmt = conn.prepare(&format!("SELECT id FROM {table}")).expect("prepare");
        let rows = stmt.query_map([], |r| r.get::<_, i64>(0)).expect("query");
        for id in rows {
            ids.insert((table.to_owned(), id.expect("id")));
        }
    }
    ids
}

#[test]
fn the_seed_as_docx_and_txt_is_one_plan_with_the_same_ids_on_every_export() {
    let dir = scratch("one-plan");
    let db = dir.join("ledger.sqlite");
    let out = export(&[&fixture("seed/plan-2020.docx")], "sqlite", &db);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("exported 1, failed 0; 1 plan (1 new"), "{summary}");
    let first = all_ids(&db);
    assert!(first.len() > 111 * 3, "items, milestones, quantities, units: {}", first.len());

    // The same table as .txt, again as .docx from another path, and as parse output.
    let copy = dir.join("copied.docx");
    fs::copy(fixture("seed/plan-2020.docx"), &copy).expect("copy");
    let json = dir.join("plan.json");
    let parsed = Command::new(BIN)
        .args(["parse", "-o"])
        .arg(&json)
        .arg(fixture("seed/plan-2020.txt"))
        .output()
        .expect("parse runs");
    assert!(parsed.status.success());
    let out = export(&[&fixture("seed/plan-2020.txt"), &copy, &json], "sqlite", &db);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("3 plans (0 new, 3 already in"), "{summary}");
    // Every id stays; the .txt adds only its source and the warnings of its reading.
    let now = all_ids(&db);
    assert!(first.is_subset(&now), "re-exporting keeps every id");
    let added: Vec<&String> = now.difference(&first).map(|(table, _)| table).collect();
    assert!(!added.is_empty() && added.iter().all(|t| *t == "warnings"), "{added:?}");
    let out = export(&[&fixture("seed/plan-2020.txt"), &copy], "sqlite", &db);
    assert!(String::from_utf8_lossy(&out.stderr).contains("(0 new"));
    assert_eq!(all_ids(&db), now, "and a third export changes nothing");

    let conn = Connection::open(&db).expect("opens");
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM plans"), 1);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM items"), 111);
    // .docx and .txt: the copy has the bytes of the .docx, the Plan JSON names the .txt.
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM sources"), 2);
    drop(conn);

    // Another database, other paths, the .txt first: the same ids (warnings are those of
    // each file's reading, so both files go in).
    let both = all_ids(&db);
    let other = dir.join("other.sqlite");
    export(&[&fixture("seed/plan-2020.txt"), &copy], "sqlite", &other);
    let again = all_ids(&other);
    let differ = again.symmetric_difference(&both).count();
    assert_eq!(differ, 0, "ids come from the content, not the database, order or path");
}

#[test]
fn a_revision_is_a_new_plan_linked_to_the_one_before() {
    let dir = scratch("revisions");
    let db = dir.join("ledger.sqlite");
    export(
        &[&fixture("revision/plan-2020-v1.txt"), &fixture("revision/plan-2020-v2.docx")],
        "sqlite",
        &db,
    );
    // The v2 .txt is the same content as the v2 .docx.
    export(&[&fixture("revision/plan-2020-v2.txt")], "sqlite", &db);
    let conn = Connection::open(&db).expect("opens");
    let plans: Vec<(i64, i64, Option<i64>)> = conn
        .prepare("SELECT id, revision, previous_id FROM plans ORDER BY revision")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
        .expect("plans");
    assert_eq!(plans.len(), 2, "{plans:?}");
    assert_eq!((plans[0].1, plans[0].2), (1, None));
    assert_eq!((plans[1].1, plans[1].2), (2, Some(plans[0].0)));
    assert_eq!(count(&conn, "SELECT id FROM current_plans"), plans[1].0);
    // Findings and warnings, keyed by plan and item.
    assert!(count(&conn, "SELECT COUNT(*) FROM findings") > 0);
    assert!(count(&conn, "SELECT COUNT(*) FROM warnings") > 0);
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM findings f JOIN items i ON i.id = f.item_id
             WHERE i.plan_id <> f.plan_id OR i.row <> f.row"
        ),
        0
    );
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM findings WHERE row IS NOT NULL AND item_id IS NULL"),
        0
    );
}

/// A plan file of the other layout with its numbers shifted by `n`: another content.
fn numbered_plan(dir: &Path, n: usize) -> PathBuf {
    let text = fs::read_to_string(fixture("check/other-layout.txt")).expect("fixture");
    let text = text.replace("新建基站3000个", &format!("新建基站{}个", 3000 + n));
    let path = dir.join(format!("plan-{n:02}.txt"));
    fs::write(&path, text).expect("write");
    path
}

#[test]
fn ten_exports_at_once_into_one_new_database_all_succeed() {
    let dir = scratch("parallel");
    let db = dir.join("ledger.sqlite");
    let inputs: Vec<PathBuf> = (0..10).map(|n| numbered_plan(&dir, n)).collect();
    let children: Vec<_> = inputs
        .iter()
        .map(|input| {
            Command::new(BIN)
                .arg("export")
                .arg(input)
                .args(["--to", "sqlite", "-o"])
                .arg(&db)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("taizhang starts")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("taizhang ends");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let conn = Connection::open(&db).expect("opens");
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM plans"), 10);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM items"), 50);
    // One lineage (2021, no issuer, no title): ten revisions, each once.
    assert_eq!(count(&conn, "SELECT COUNT(DISTINCT revision) FROM plans"), 10);
    assert_eq!(count(&conn, "SELECT MAX(revision) FROM plans"), 10);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM current_plans"), 1);
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(check, "ok");
}

/// The seed's items repeated `copies` times, renumbered, as a Plan JSON.
fn big_plan_json(copies: usize) -> String {
    let parser = taizhang::Parser::new();
    let seed = taizhang::parse_file(&parser, &fixture("seed/plan-2020.txt"), &Default::default())
        .expect("the seed parses")
        .value;
    let mut plan = seed.clone();
    plan.items.clear();
    plan.warnings.clear();
    plan.source.sha256 = "big".into();
    for copy in 0..copies {
        for item in &seed.items {
            let mut item = item.clone();
            item.row += copy * seed.items.len();
            item.id = format!("r{:03}", item.row);
            item.goal.text = format!("{}（第{copy}份）", item.goal.text);
            plan.items.push(item);
        }
    }
    serde_json::to_string(&plan).expect("JSON")
}

#[cfg(unix)]
#[test]
fn a_writer_killed_in_the_middle_of_a_plan_leaves_a_sound_database() {
    let dir = scratch("killed");
    let db = dir.join("ledger.sqlite");
    export(&[&fixture("seed/plan-2020.txt")], "sqlite", &db);
    let big = dir.join("big.json");
    fs::write(&big, big_plan_json(150)).expect("write");

    let mut child = Command::new(BIN)
        .arg("export")
        .arg(&big)
        .args(["--to", "sqlite", "-o"])
        .arg(&db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("taizhang starts");
    // The writer holds the write lock while it adds the plan: kill it (SIGKILL) as soon as
    // another connection cannot take the lock.
    let probe = Connection::open(&db).expect("opens");
    // Refused at once while the writer holds the lock (rusqlite waits 5 s by default, longer
    // than the writer now takes to add the plan).
    probe.busy_timeout(Duration::ZERO).expect("busy timeout");
    let started = Instant::now();
    let mut killed = false;
    while started.elapsed() < Duration::from_secs(120) {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        match probe.execute_batch("BEGIN IMMEDIATE; ROLLBACK;") {
            Ok(()) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => {
                // Into the plan's rows, which now go in in well under a second.
                std::thread::sleep(Duration::from_millis(10));
                child.kill().expect("kill -9");
                killed = true;
                break;
            }
        }
    }
    let _ = child.wait();
    assert!(killed, "the export ended before it could be killed mid-way: make the plan bigger");
    drop(probe);

    let conn = Connection::open(&db).expect("opens");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(check, "ok");
    // All or nothing: the killed plan is absent, the one before whole.
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM plans"), 1);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM items"), 111);
    drop(conn);
    // And the next export goes in.
    export(&[&fixture("revision/plan-2020-v2.txt")], "sqlite", &db);
    let conn = Connection::open(&db).expect("opens");
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM plans"), 2);
}

#[test]
fn csv_and_xlsx_of_several_plans_name_the_plan_on_every_row() {
    let dir = scratch("csv");
    let inputs = [
        fixture("seed/plan-2020.docx"),
        fixture("seed/plan-2020.txt"),
        fixture("revision/plan-2020-v2.docx"),
        fixture("check/other-layout.txt"),
    ];
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let out = dir.join("out");
    export(&inputs, "csv", &out);
    let read = |name: &str| {
        let text = fs::read_to_string(out.join(name)).expect("a CSV file");
        let text = text.strip_prefix('\u{feff}').expect("BOM").to_owned();
        text
    };
    let plans = read("plans.csv");
    let ids: BTreeSet<String> =
        plans.lines().skip(1).map(|l| l.split(',').next().unwrap_or_default().to_owned()).collect();
    assert_eq!(ids.len(), 3, "seed (.docx = .txt), v2, other layout: {plans}");
    let items = read("items.csv");
    let mut rows = 0;
    for line in items.lines().skip(1) {
        // Records may span lines (quoted line breaks); a record's first line starts with
        // its plan id.
        if let Some(first) = line.split(',').next().filter(|f| f.len() > 6) {
            if first.chars().all(|c| c.is_ascii_digit()) {
                assert!(ids.contains(first), "{first} is not in plans.csv");
                rows += 1;
            }
        }
    }
    assert_eq!(rows, 111 + 111 + 5);

    let book = dir.join("plans.xlsx");
    export(&inputs, "xlsx", &book);
    assert!(fs::metadata(&book).expect("written").len() > 0);
}

/// A ledger of the seed (.docx and .txt), its v2 revision and another layout, and the README's
/// queries on it.
#[test]
fn the_readme_queries_give_their_numbers() {
    let dir = scratch("readme");
    let db = dir.join("ledger.sqlite");
    export(
        &[
            &fixture("seed/plan-2020.docx"),
            &fixture("seed/plan-2020.txt"),
            &fixture("revision/plan-2020-v2.docx"),
            &fixture("check/other-layout.txt"),
        ],
        "sqlite",
        &db,
    );
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
        .expect("README");
    let queries: Vec<&str> =
        readme.split("```sql\n").skip(1).filter_map(|block| block.split("```").next()).collect();
    let query = |start: &str| -> String {
        queries
            .iter()
            .find(|q| q.starts_with(start))
            .unwrap_or_else(|| panic!("no README query starting with {start}"))
            .split(";\n")
            .next()
            .expect("a statement")
            .to_owned()
    };
    let conn = Connection::open(&db).expect("opens");
    let rows = |sql: &str| -> Vec<Vec<String>> {
        let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            (0..n)
                .map(|i| {
                    Ok(match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => String::new(),
                        rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                        rusqlite::types::ValueRef::Real(v) => v.to_string(),
                        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into(),
                        rusqlite::types::ValueRef::Blob(_) => "<blob>".into(),
                    })
                })
                .collect()
        })
        .and_then(|rows| rows.collect())
        .expect("rows")
    };
    let table = |rows: Vec<Vec<String>>, columns: &[usize]| -> Vec<String> {
        rows.iter()
            .map(|r| columns.iter().map(|&c| r[c].as_str()).collect::<Vec<_>>().join(" "))
            .collect()
    };

    assert_eq!(count(&conn, "SELECT COUNT(*) FROM plans"), 3);
    let investment = rows(&query("-- Planned investment"));
    assert_eq!(
        table(investment, &[0, 1, 2]),
        [
            "2020 交投集团 4200000000",
            "2020 城建局 400000000",
            "2020 滨海湾新区 350000000",
            "2021 轨道交通局 1200000000"
        ]
    );
    let mismatches = rows(&query("-- Items whose last cumulative"));
    assert_eq!(table(mismatches, &[0, 1, 2, 3]), ["2021 1 12亿元 累计完成投资11亿元"]);
    let due = rows(&query("-- Milestones due in the second quarter"));
    assert_eq!(
        table(due, &[0, 1, 2]),
        [
            "2020 6 二季度",
            "2020 56 二季度",
            "2020 57 二季度",
            "2020 58 二季度",
            "2020 59 二季度",
            "2020 61 二季度",
            "2020 65 二季度",
            "2020 72 上半年",
            "2020 86 二季度",
            "2021 3 Q2"
        ]
    );
    let changed = rows(&query("-- Targets that changed"));
    assert_eq!(
        table(changed, &[0, 1, 2, 3, 5, 6]),
        [
            "2 3 3 goal 4万路 5万路",
            "2 3 3 milestone 累计完成4万路 累计完成5万路",
            "2 13 13 goal 10亿元 12亿元",
            "2 13 13 milestone 累计完成投资10亿元 累计完成投资12亿元"
        ]
    );
}

#[test]
fn the_issuer_comes_from_the_document_else_from_the_option() {
    let dir = scratch("issuer");
    let db = dir.join("ledger.sqlite");
    // A title line right above the header row: the document names its issuer.
    let layout = fs::read_to_string(fixture("check/other-layout.txt")).expect("fixture");
    let titled = dir.join("titled.txt");
    fs::write(&titled, format!("东莞市2021年重点工作任务分解表\n{layout}")).expect("write");
    let plain = dir.join("plain.txt");
    fs::write(&plain, layout.replace("12亿元", "13亿元")).expect("write");
    let output = Command::new(BIN)
        .arg("export")
        .args([&titled, &plain])
        .args(["--to", "sqlite", "--issuer", "深圳市", "-o"])
        .arg(&db)
        .output()
        .expect("taizhang runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let conn = Connection::open(&db).expect("opens");
    let issuers: Vec<(String, String)> = conn
        .prepare("SELECT file, issuer FROM plans ORDER BY file")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("plans");
    let issuers: Vec<(&str, &str)> = issuers
        .iter()
        .map(|(file, issuer)| (file.rsplit('/').next().unwrap_or_default(), issuer.as_str()))
        .collect();
    assert_eq!(issuers, [("plain.txt", "深圳市"), ("titled.txt", "东莞市")]);
    // Two issuers: two lineages, each a first revision.
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM current_plans"), 2);
}
