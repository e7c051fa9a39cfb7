//! The word diff on the revision pairs against jieba with its full default dictionary loaded
//! the usual way: every text the report highlights (goal, measure, section, other columns,
//! changed schedule clauses) is cut and diffed the same.

mod common;

use jieba_rs::Jieba;
use taizhang_diff::diff;
use taizhang_diff::words::{word_diff, word_diff_of};
use taizhang_model::diff::{Field, MilestoneChangeKind};

fn cut<'a>(jieba: &Jieba, text: &'a str) -> Vec<&'a str> {
    jieba.cut(text, false).into_iter().map(|w| w.word).collect()
}

#[test]
fn highlighting_is_what_the_full_dictionary_gives() {
    let full = Jieba::new();
    let mut pairs = 0;
    let mut changed_words = 0;
    for (old, new) in [
        ("revision/plan-2020-v1.txt", "revision/plan-2020-v2.txt"),
        ("seed/plan-2020.txt", "diff/plan-2020-v3.txt"),
        ("revision/plan-2020-v2.txt", "diff/plan-2020-v3.txt"),
    ] {
        let d = diff(&common::plan(old), &common::plan(new));
        let mut texts: Vec<(String, String)> = Vec::new();
        for c in &d.changes {
            for f in &c.fields {
                match f.field {
                    Field::Section | Field::MeasureText | Field::GoalText | Field::Other => {
                        texts.push((f.before.clone(), f.after.clone()));
                    }
                    Field::Schedule => {
                        for m in
                            f.milestones.iter().filter(|m| m.kind == MilestoneChangeKind::Changed)
                        {
                            texts.push((
                                m.before.clone().unwrap_or_default(),
                                m.after.clone().unwrap_or_default(),
                            ));
                        }
                    }
                    _ => {}
                }
            }
        }
        assert!(!texts.is_empty(), "{old} → {new}");
        for (before, after) in &texts {
            let expected = word_diff_of(&cut(&full, before), &cut(&full, after));
            let got = word_diff(before, after);
            assert_eq!(got, expected, "{old} → {new}: {before} → {after}");
            changed_words +=
                got.iter().filter(|s| !matches!(s, taizhang_diff::words::Segment::Same(_))).count();
            pairs += 1;
        }
    }
    println!("{pairs} highlighted texts, {changed_words} changed segments: all as with the full dictionary");
    assert!(pairs >= 20, "{pairs}");
}
