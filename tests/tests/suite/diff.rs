//! `taizhang diff` end to end: the fixture revision against its list of edits, the same plan
//! in other formats, snapshots of both report formats, and revisions built from the seed
//! plan one kind of edit at a time.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use taizhang::{load_plan, ParseOptions, Parser};
use taizhang_diff::{diff, render_text, RenderOptions};
use taizhang_model::diff::{Change, ChangeKind, Field, MilestoneChangeKind, PlanDiff};
use taizhang_model::plan::{Goal, Item, Measure, Milestone, Plan};

#[path = "../../../crates/taizhang-diff/tests/common/expect.rs"]
mod expect;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures").join(rel)
}

fn parser() -> &'static Parser {
    static PARSER: OnceLock<Parser> = OnceLock::new();
    PARSER.get_or_init(Parser::new)
}

/// A fixture plan, named by its file name alone so reports do not depend on the checkout.
fn load(rel: &str) -> Plan {
    let path = fixture(rel);
    let mut plan = load_plan(parser(), &path, &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{rel}: {e:#}"))
        .value;
    plan.source.file = rel.rsplit('/').next().unwrap_or(rel).to_string();
    plan
}

fn seed() -> Plan {
    static SEED: OnceLock<Plan> = OnceLock::new();
    SEED.get_or_init(|| load("seed/plan-2020.txt")).clone()
}

fn expected_edits() -> serde_json::Value {
    read_json("revision/changes.json")
}

fn read_json(rel: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(fixture(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn check_revision(new: &str) {
    let d = diff(&load("revision/plan-2020-v1.txt"), &load(new));
    if let Err(problems) = expect::check(&d, &expected_edits(), true) {
        panic!("{problems}\n\n{}", render_text(&d, &RenderOptions::default()));
    }
    // The target change must show both the goal delta and the milestone that follows it.
    let row13 = d.changes.iter().find(|c| c.old_row == Some(13)).expect("row 13 reported");
    let goal = row13.fields.iter().find(|f| f.field == Field::GoalQuantities).expect("goal delta");
    assert_eq!(goal.quantities.len(), 1, "{goal:?}");
    assert_eq!(goal.quantities[0].relative, Some(0.2));
    let schedule = row13.fields.iter().find(|f| f.field == Field::Schedule).expect("milestone");
    assert_eq!(schedule.milestones.len(), 1, "{schedule:?}");
    assert_eq!(schedule.milestones[0].kind, MilestoneChangeKind::Changed);
    assert_eq!(schedule.milestones[0].after_label.as_deref(), Some("四季度"));
}

#[test]
fn diff_revision_txt_reports_the_listed_edits() {
    check_revision("revision/plan-2020-v2.txt");
}

#[test]
fn diff_revision_across_formats_reports_the_listed_edits() {
    check_revision("revision/plan-2020-v2.docx");
}

/// A second revision pair (made by `fixtures/diff/make-v3.py`): other rows, the same kinds
/// of edit, plus a split, a merge and a reordering of units.
#[test]
fn diff_second_revision_reports_the_listed_edits() {
    let d = diff(&seed(), &load("diff/plan-2020-v3.txt"));
    if let Err(problems) = expect::check(&d, &read_json("diff/changes-v3.json"), true) {
        panic!("{problems}\n\n{}", render_text(&d, &RenderOptions::default()));
    }
}

#[test]
fn diff_same_plan_in_other_formats_has_no_changes() {
    let txt = seed();
    for other in [
        "seed/plan-2020.txt",
        "seed/plan-2020.docx",
        "seed/plan-2020-pydocx.docx",
        "seed/plan-2020.xlsx",
        "seed/plan-2020-gbk.txt",
        "seed/plan-2020-crlf.txt",
        "revision/plan-2020-v1.txt",
    ] {
        let d = diff(&txt, &load(other));
        assert!(d.is_empty(), "{other}: {}", render_text(&d, &RenderOptions::default()));
        assert_eq!(d.summary.unchanged, txt.items.len(), "{other}");
    }
    let v2 = diff(&load("revision/plan-2020-v2.txt"), &load("revision/plan-2020-v2.docx"));
    assert!(v2.is_empty(), "{}", render_text(&v2, &RenderOptions::default()));
}

#[test]
fn diff_snapshots() {
    let d = diff(&load("revision/plan-2020-v1.txt"), &load("revision/plan-2020-v2.txt"));
    let json = taizhang_emit::json::to_json(&d, false).expect("diff serializes");
    // What is written reads back as the same diff.
    let back: PlanDiff = serde_json::from_str(&json).expect("diff JSON reads back");
    assert_eq!(back, d);
    let text = render_text(&d, &RenderOptions::default());
    assert!(!text.contains('\x1b'), "no colors unless asked");
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("diff_v1_v2_text", text);
        insta::assert_snapshot!("diff_v1_v2_json", json);
    });
    let colored = render_text(&d, &RenderOptions { color: true, ..Default::default() });
    assert!(colored.contains("\x1b[32m"), "colors when asked");
}

// ---- Revisions built from the seed, one kind of edit at a time ----

/// Numbers rows, `（N）` and `N.` the way Word renumbers a list after an edit, so every test
/// also checks that renumbering is not reported.
fn renumber(plan: &mut Plan) {
    let mut seq = 1;
    let mut measure = 1;
    let mut current = None;
    for (k, item) in plan.items.iter_mut().enumerate() {
        item.row = k + 1;
        item.id = format!("r{:03}", k + 1);
        if item.seq.is_some() {
            item.seq = Some(seq);
            if let Some(cell) = item.cells.get_mut(0) {
                *cell = replace_number(cell, seq, '（', '）');
            }
            seq += 1;
        }
        if let Some(m) = &mut item.measure {
            if !m.inherited {
                m.number = Some(measure);
                current = Some(measure);
                if let Some(cell) = item.cells.get_mut(1) {
                    *cell = replace_number(cell, measure, '\0', '.');
                }
                measure += 1;
            } else {
                m.number = current;
            }
        }
    }
}

/// `（7） text` → `（n） text`, `12. text` → `n. text`.
fn replace_number(cell: &str, n: u32, open: char, close: char) -> String {
    let t = cell.strip_prefix(open).unwrap_or(cell);
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match t[digits..].strip_prefix(close) {
        Some(rest) if digits > 0 => {
            let open = if open == '\0' { String::new() } else { open.to_string() };
            format!("{open}{n}{close}{rest}")
        }
        _ => cell.to_string(),
    }
}

fn set_goal(item: &mut Item, text: &str) {
    item.goal = Goal {
        text: text.to_string(),
        points: vec![],
        quantities: taizhang_parser::quantity::extract(text),
    };
    if let Some(cell) = item.cells.get_mut(2) {
        *cell = text.to_string();
    }
}

fn revised(edit: impl FnOnce(&mut Vec<Item>)) -> (Plan, Plan) {
    let old = seed();
    let mut new = old.clone();
    edit(&mut new.items);
    renumber(&mut new);
    (old, new)
}

fn only(d: &PlanDiff) -> &Change {
    assert_eq!(d.changes.len(), 1, "{}", render_text(d, &RenderOptions::default()));
    &d.changes[0]
}

/// A row about something no row of the seed is about.
fn new_row(like: &Item) -> Item {
    let mut row = like.clone();
    row.measure = Some(Measure {
        number: Some(1),
        text: "新建一批社区体育公园，方便群众就近健身。".into(),
        inherited: false,
        quantities: vec![],
    });
    set_goal(&mut row, "全年新建社区体育公园12个。");
    row.schedule = vec![Milestone {
        label: Some("全年".into()),
        start: Some(1),
        end: Some(4),
        text: "建成社区体育公园12个。".into(),
        ..Default::default()
    }];
    row.lead = vec!["文化广电旅游体育局".into()];
    row.support = vec![];
    row
}

#[test]
fn diff_insert_at_top() {
    let (old, new) = revised(|items| {
        let row = new_row(&items[0]);
        items.insert(0, row);
    });
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!((c.kind, c.old_row, c.new_row), (ChangeKind::Added, None, Some(1)));
    assert_eq!(d.summary.unchanged, old.items.len());
}

#[test]
fn diff_replaced_row_is_removed_and_added() {
    // Another row in the same place is not a modification of the old one.
    let (old, new) = revised(|items| items[19] = new_row(&items[19]));
    let d = diff(&old, &new);
    let kinds: Vec<_> = d.changes.iter().map(|c| (c.kind, c.old_row, c.new_row)).collect();
    assert_eq!(
        kinds,
        [(ChangeKind::Removed, Some(20), None), (ChangeKind::Added, None, Some(20))],
        "{}",
        render_text(&d, &RenderOptions::default())
    );
}

#[test]
fn diff_delete_rows() {
    // A one-row measure, then the first row of a two-row measure (rows 50–51): the second row
    // now carries the measure text itself, which is not a change of that row.
    let (old, new) = revised(|items| {
        items.remove(19);
    });
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!((c.kind, c.old_row, c.new_row), (ChangeKind::Removed, Some(20), None));

    let (old, new) = revised(|items| {
        let head = items.remove(49);
        if let Some(m) = &mut items[49].measure {
            m.text = head.measure.map(|m| m.text).unwrap_or_default();
            m.inherited = false;
        }
        items[49].cells[1] = head.cells[1].clone();
    });
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!((c.kind, c.old_row, c.new_row), (ChangeKind::Removed, Some(50), None));
}

#[test]
fn diff_swap_two_rows() {
    let (old, new) = revised(|items| items.swap(59, 60));
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!(c.kind, ChangeKind::Moved);
    let pair = (c.old_row.unwrap_or(0), c.new_row.unwrap_or(0));
    assert!(pair == (60, 61) || pair == (61, 60), "{pair:?}");
    assert!(c.fields.is_empty(), "{:?}", c.fields);
}

#[test]
fn diff_move_row_far() {
    // Row 20 moves to the end of the table: reported as moved, with its new section.
    let (old, new) = revised(|items| {
        let mut row = items.remove(19);
        row.section = items.last().and_then(|last| last.section.clone());
        items.push(row);
    });
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!((c.kind, c.old_row, c.new_row), (ChangeKind::Moved, Some(20), Some(111)));
    assert_eq!(c.fields.iter().map(|f| f.field).collect::<Vec<_>>(), [Field::Section]);
}

#[test]
fn diff_split_a_row() {
    // Row 45: three goal points over two half-years becomes two rows.
    let (old, new) = revised(|items| {
        let whole = items[44].clone();
        let mut first = whole.clone();
        let mut second = whole.clone();
        set_goal(
            &mut first,
            "一是与慈善会联合开展困境妇女儿童健康救助项目。二是开展困境妇女儿童家庭慰问活动。",
        );
        set_goal(&mut second, "开展“爱心父母大联盟”品牌活动。");
        first.schedule = whole.schedule[..1].to_vec();
        second.schedule = whole.schedule[1..].to_vec();
        items.splice(44..45, [first, second]);
    });
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!(
        (c.kind, c.old_row, c.new_rows.clone()),
        (ChangeKind::Split, Some(45), vec![45, 46])
    );
}

#[test]
fn diff_merge_two_rows() {
    // Rows 44 and 45 (one measure, two lead units) become one row.
    let (old, new) = revised(|items| {
        let (a, b) = (items[43].clone(), items[44].clone());
        let mut merged = a.clone();
        set_goal(&mut merged, &format!("{}{}", a.goal.text, b.goal.text));
        merged.schedule = a.schedule.iter().chain(&b.schedule).cloned().collect();
        merged.lead = a.lead.iter().chain(&b.lead).cloned().collect();
        merged.support = a.support.iter().chain(&b.support).cloned().collect();
        items.splice(43..45, [merged]);
    });
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!(
        (c.kind, c.old_rows.clone(), c.new_row),
        (ChangeKind::Merged, vec![44, 45], Some(44))
    );
}

#[test]
fn diff_change_one_number() {
    let (old, new) = revised(|items| {
        set_goal(&mut items[12], "深圳外环高速东莞段完成投资15亿元，年内完工通车。");
    });
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!((c.kind, c.old_row, c.new_row), (ChangeKind::Modified, Some(13), Some(13)));
    let fields: Vec<Field> = c.fields.iter().map(|f| f.field).collect();
    assert_eq!(fields, [Field::GoalQuantities]);
    let q = &c.fields[0].quantities;
    assert_eq!(q.len(), 1);
    assert_eq!((q[0].before_value, q[0].after_value), (Some(1e9), Some(1.5e9)));
    assert_eq!(q[0].relative, Some(0.5));
    assert_eq!(c.fields[0].details, ["10亿元 → 15亿元 (+50%)"]);
}

#[test]
fn diff_reorder_units() {
    let (old, new) = revised(|items| items[46].support.reverse());
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!((c.kind, c.old_row, c.new_row), (ChangeKind::Reordered, Some(47), Some(47)));
    assert_eq!(d.summary.modified, 0);
}

#[test]
fn diff_measure_renamed_once() {
    // Measure 7 spans rows 7–11: renaming it is one change, on the row that carries it.
    let (old, new) = revised(|items| {
        if let Some(m) = &mut items[6].measure {
            m.text = m.text.replacen("加快建设", "全力加快建设", 1);
        }
        for item in &mut items[7..11] {
            if let Some(m) = &mut item.measure {
                m.text = m.text.replacen("加快建设", "全力加快建设", 1);
            }
        }
    });
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!((c.kind, c.old_row), (ChangeKind::Modified, Some(7)));
    assert_eq!(c.fields.iter().map(|f| f.field).collect::<Vec<_>>(), [Field::MeasureText]);
}

#[test]
fn diff_renumbering_alone_is_no_change() {
    let (old, mut new) = revised(|_| {});
    for item in &mut new.items {
        item.seq = item.seq.map(|s| s + 10);
        if let Some(cell) = item.cells.get_mut(0) {
            if let Some(seq) = item.seq {
                *cell = replace_number(cell, seq, '（', '）');
            }
        }
    }
    assert!(diff(&old, &new).is_empty());
}

#[test]
fn diff_documents_and_deadlines_reported_once() {
    // A document named in a changed goal shows in the goal's text change: no second field.
    let (old, new) = revised(|items| {
        let text = format!("{}执行《东莞市示范条例》。", items[29].goal.text);
        set_goal(&mut items[29], &text);
        items[29].documents.push("《东莞市示范条例》".into());
    });
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!(c.fields.iter().map(|f| f.field).collect::<Vec<_>>(), [Field::GoalText]);

    // A deadline that no reported text shows (a deadline column of its own) is a field.
    let (old, new) = revised(|items| {
        items[29].deadlines =
            vec![taizhang_model::plan::Deadline { text: "6月底前".into(), date: None }];
    });
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!(c.fields.iter().map(|f| f.field).collect::<Vec<_>>(), [Field::Deadlines]);
    assert_eq!(c.fields[0].added, ["6月底前"]);
}

#[test]
fn diff_swap_with_first_row_of_merged_measure() {
    // Rows 7 and 8 share measure 7, written on row 7 only. Swapping their goals, schedules
    // and units leaves the measure cell where it was: one row moved, nothing modified.
    let (old, new) = revised(|items| {
        let (first, second) = (items[6].clone(), items[7].clone());
        for (target, from) in [(6, &second), (7, &first)] {
            let item = &mut items[target];
            item.goal = from.goal.clone();
            item.schedule = from.schedule.clone();
            item.lead = from.lead.clone();
            item.support = from.support.clone();
            for col in 2..item.cells.len() {
                item.cells[col] = from.cells[col].clone();
            }
        }
    });
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!(c.kind, ChangeKind::Moved);
    assert!(c.fields.is_empty(), "{:?}", c.fields);
}
