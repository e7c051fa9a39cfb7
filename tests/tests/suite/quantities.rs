//! The quantity extractor against the annotated cases in `fixtures/quantities/`, a snapshot
//! of a varied sample, and a property test over arbitrary text.
//!
//! The case format is described in `fixtures/quantities/README.md`.

use std::fmt::Write as _;
use std::path::PathBuf;

use proptest::prelude::*;
use taizhang_model::{Cmp, Quantity};
use taizhang_parser::quantity::extract;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/quantities").join(name)
}

/// One expected quantity.
#[derive(Debug, Clone)]
struct Expected {
    text: String,
    value: Option<f64>,
    range: Option<(f64, f64)>,
    unit: Option<String>,
    cmp: Cmp,
    cumulative: bool,
    /// `None` when not annotated; `Some(None)` when the object must be null.
    object: Option<Option<String>>,
}

#[derive(Debug)]
struct Case {
    line: usize,
    sentence: String,
    expected: Vec<Expected>,
}

fn parse_cmp(s: &str) -> Cmp {
    match s {
        "eq" => Cmp::Eq,
        "ge" => Cmp::Ge,
        "le" => Cmp::Le,
        "approx" => Cmp::Approx,
        "range" => Cmp::Range,
        other => panic!("unknown cmp `{other}`"),
    }
}

fn parse_number(s: &str, file: &str, line: usize) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("{file}:{line}: `{s}` is not a number"))
}

fn read_cases(name: &str) -> Vec<Case> {
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases: Vec<Case> = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let n = k + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(sentence) = line.strip_prefix("> ") {
            cases.push(Case { line: n, sentence: sentence.to_string(), expected: Vec::new() });
            continue;
        }
        let fields: Vec<&str> = line.split(" | ").map(str::trim).collect();
        assert!(fields.len() >= 3, "{name}:{n}: expected at least text | value | unit");
        let (value, range) = match fields[1].split_once('~') {
            Some((a, b)) => (None, Some((parse_number(a, name, n), parse_number(b, name, n)))),
            None => (Some(parse_number(fields[1], name, n)), None),
        };
        let unit = (fields[2] != "-").then(|| fields[2].to_string());
        let cmp = fields.get(3).map_or(Cmp::Eq, |s| parse_cmp(s));
        let cumulative = fields.get(4).is_some_and(|s| *s == "y");
        let object = fields.get(5).map(|s| (*s != "-").then(|| s.to_string()));
        let case =
            cases.last_mut().unwrap_or_else(|| panic!("{name}:{n}: quantity before any `> ` line"));
        case.expected.push(Expected {
            text: fields[0].to_string(),
            value,
            range,
            unit,
            cmp,
            cumulative,
            object,
        });
    }
    cases
}

fn matches(q: &Quantity, e: &Expected) -> bool {
    let same_value = match (e.value, e.range) {
        (Some(v), _) => q.value == Some(v) && q.min.is_none() && q.max.is_none(),
        (None, Some((a, b))) => q.value.is_none() && q.min == Some(a) && q.max == Some(b),
        (None, None) => false,
    };
    same_value && q.unit == e.unit && q.cmp == e.cmp && q.cumulative == e.cumulative
}

#[derive(Debug, Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    spans: usize,
    objects: usize,
    objects_annotated: usize,
    report: String,
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn describe(q: &Quantity) -> String {
    let value = match (q.value, q.min, q.max) {
        (Some(v), _, _) => format!("{v}"),
        (None, Some(a), Some(b)) => format!("{a}~{b}"),
        _ => "?".into(),
    };
    format!(
        "{} | {value} | {} | {:?} | {}",
        q.text,
        q.unit.as_deref().unwrap_or("-"),
        q.cmp,
        if q.cumulative { "y" } else { "-" }
    )
}

fn score(name: &str) -> Score {
    let mut s = Score::default();
    for case in read_cases(name) {
        let got = extract(&case.sentence);
        let mut used = vec![false; got.len()];
        let mut lines = String::new();
        for e in &case.expected {
            let hit = got.iter().enumerate().find(|(k, q)| !used[*k] && matches(q, e));
            match hit {
                Some((k, q)) => {
                    used[k] = true;
                    s.tp += 1;
                    if q.text == e.text {
                        s.spans += 1;
                    }
                    if let Some(object) = &e.object {
                        s.objects_annotated += 1;
                        if &q.object == object {
                            s.objects += 1;
                        } else {
                            let _ = writeln!(
                                lines,
                                "    object of {}: expected {object:?}, got {:?}",
                                e.text, q.object
                            );
                        }
                    }
                }
                None => {
                    s.fn_ += 1;
                    let _ = writeln!(
                        lines,
                        "    missed: {} ({:?} {:?} {:?} {:?})",
                        e.text, e.value, e.range, e.unit, e.cmp
                    );
                }
            }
        }
        for (k, q) in got.iter().enumerate() {
            if !used[k] {
                s.fp += 1;
                let _ = writeln!(lines, "    extra:  {}", describe(q));
            }
        }
        if !lines.is_empty() {
            let _ = writeln!(s.report, "  {name}:{}: {}\n{lines}", case.line, case.sentence);
        }
    }
    s
}

fn print_score(name: &str, s: &Score) {
    println!(
        "{name}: P={:.4} R={:.4} F1={:.4} (tp {}, fp {}, fn {}); spans {}/{}; objects {}/{}",
        s.precision(),
        s.recall(),
        s.f1(),
        s.tp,
        s.fp,
        s.fn_,
        s.spans,
        s.tp,
        s.objects,
        s.objects_annotated
    );
    if !s.report.is_empty() {
        println!("{}", s.report);
    }
}

#[test]
fn quantities_annotated_cases_f1() {
    let mut total = Score::default();
    for name in ["seed.txt", "reports.txt", "negatives.txt"] {
        let s = score(name);
        print_score(name, &s);
        total.tp += s.tp;
        total.fp += s.fp;
        total.fn_ += s.fn_;
        total.report.push_str(&s.report);
    }
    println!(
        "all annotated: P={:.4} R={:.4} F1={:.4}",
        total.precision(),
        total.recall(),
        total.f1()
    );
    assert!(total.tp > 400, "the annotated cases did not load");
    assert!(total.f1() >= 0.97, "F1 {:.4} < 0.97; failures:\n{}", total.f1(), total.report);
}

#[test]
fn quantities_heldout_f1() {
    for name in ["heldout.txt", "heldout-2.txt"] {
        let s = score(name);
        print_score(name, &s);
        assert!(s.tp > 50, "the held-out cases of {name} did not load");
        assert!(s.f1() >= 0.97, "{name}: F1 {:.4} < 0.97; failures:\n{}", s.f1(), s.report);
    }
}

#[test]
fn quantities_negatives_yield_nothing() {
    for case in read_cases("negatives.txt") {
        assert!(case.expected.is_empty(), "negatives.txt:{} has expectations", case.line);
        let got = extract(&case.sentence);
        assert!(got.is_empty(), "negatives.txt:{}: {}\n{got:#?}", case.line, case.sentence);
    }
}

/// A readable rendering: the line, then one quantity per line.
fn render(text: &str) -> String {
    let mut out = format!("> {text}\n");
    for q in extract(text) {
        let value = match (q.value, q.min, q.max) {
            (Some(v), _, _) => format!("{v}"),
            (None, Some(a), Some(b)) => format!("{a}~{b}"),
            _ => "?".into(),
        };
        let _ = writeln!(
            out,
            "  [{}..{}] {} = {value} {} ({}) {:?}{}{}",
            q.start,
            q.end,
            q.text,
            q.unit.as_deref().unwrap_or("-"),
            q.surface_unit.as_deref().unwrap_or("-"),
            q.cmp,
            if q.cumulative { " cumulative" } else { "" },
            q.object.map(|o| format!(" object={o}")).unwrap_or_default(),
        );
    }
    out
}

#[test]
fn quantities_sample_snapshot() {
    let path = fixture("sample.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rendered: String = text.lines().map(render).collect::<Vec<_>>().join("\n");
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("quantities_sample", rendered);
    });
}

/// Text made of the characters the extractor reacts to, so the property test reaches its
/// branches instead of only skipping.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "0",
        "1",
        "2",
        "9",
        "０",
        "５",
        "９",
        "．",
        ".",
        ",",
        "，",
        "、",
        "-",
        "～",
        "~",
        "—",
        "至",
        "到",
        "一",
        "二",
        "两",
        "三",
        "十",
        "百",
        "千",
        "万",
        "亿",
        "零",
        "〇",
        "余",
        "多",
        "个",
        "元",
        "亿元",
        "%",
        "％",
        "人次",
        "公里",
        "平方米",
        "/",
        "日",
        "年",
        "月",
        "季度",
        "第",
        "每",
        "约",
        "近",
        "超",
        "过",
        "上",
        "不少于",
        "以上",
        "以内",
        "左右",
        "累计",
        "完成",
        "投资",
        "“",
        "”",
        "《",
        "》",
        "（",
        "）",
        "〔",
        "〕",
        "\n",
        " ",
        "KV",
        "G",
        "是",
        "期",
        "批",
        "百分之",
        "家庭",
        "的",
        "分之",
        "99999999999999999999999",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check_invariants(text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let quantities = extract(text);
    let mut last_end = 0;
    for q in &quantities {
        assert!(q.start < q.end && q.end <= chars.len(), "{text:?}: {q:?}");
        assert!(q.start >= last_end, "{text:?}: overlapping spans at {q:?}");
        last_end = q.end;
        assert_eq!(q.text, chars[q.start..q.end].iter().collect::<String>(), "{text:?}");
        match (q.value, q.min, q.max) {
            (Some(v), None, None) => assert!(v.is_finite()),
            (None, Some(a), Some(b)) => assert!(a.is_finite() && b.is_finite() && a < b),
            other => panic!("{text:?}: value/min/max {other:?}"),
        }
        assert_eq!(q.cmp == Cmp::Range, q.value.is_none(), "{text:?}: {q:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn quantities_never_panic_on_tricky_text(text in tricky_text()) {
        check_invariants(&text);
    }

    #[test]
    fn quantities_never_panic_on_any_text(text in any::<String>()) {
        check_invariants(&text);
    }
}

#[test]
fn quantities_huge_and_mixed_digits() {
    for text in [
        "99999999999999999999999亿",
        "完成投资99999999999999999999999999999999999999999999亿元",
        &"9".repeat(5000),
        &format!("{}万亿元", "9".repeat(400)),
        "１2３.4５万个，1,2,3,4个，1，，2",
        "一二三四五六七八九十百千万亿两零〇",
        "十十十十十个",
        "万亿亿亿万元",
        "…%％百分之百分之",
    ] {
        check_invariants(text);
    }
    // A number too large for f64 is left out rather than written as null or infinity.
    assert!(extract(&format!("{}亿元", "9".repeat(400))).is_empty());
}
