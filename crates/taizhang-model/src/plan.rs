//! A plan table structured into items (`taizhang parse`).
//!
//! # Wire format
//!
//! `taizhang parse` writes one [`Plan`] as JSON. The field names below are fixed by the
//! output contract; offsets (`start`, `end` of a [`Quantity`]) count Unicode scalar values
//! (Rust `char`s) in the text the quantity belongs to, end exclusive; so do the `span` and
//! `text_span` of a [`Milestone`], in its schedule cell.
//!
//! Code that builds these types should end its struct literals with `..Default::default()`
//! (`Plan`, `Item`, `Measure` and `Milestone` implement `Default`): fields may be added.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::table::Source;

/// The `schema` tag of `taizhang parse` output.
pub const PLAN_SCHEMA: &str = "taizhang/plan/v1";

/// 工作计划 (a plan): one table of an annual plan, structured.
///
/// Data rows (`Item::row`, `Heading::row`) are counted from the first row under the header
/// through the last row of the table, so the last row of the table is the highest row number.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Plan {
    /// Always [`PLAN_SCHEMA`].
    pub schema: String,
    pub source: Source,
    /// The plan year, from the header (`2020年工作目标`), else the title above the table, else
    /// the file name; null if none.
    pub year: Option<i32>,
    /// Where the year came from: `header`, `title` (a title or 附件 line above the table, or
    /// a title row of the sheet) or `file-name`; absent when there is no year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_source: Option<String>,
    /// How sure the parser is that this table is a plan table (0–1): the share of the
    /// roles a plan needs that the header and the content name, times the share of data
    /// rows that look like items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    pub columns: Vec<Column>,
    /// One item per data row, in table order.
    pub items: Vec<Item>,
    /// Heading rows (`一、稳增长` across the whole table): they set the `section` of the items
    /// below them and are not items themselves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<Heading>,
    pub warnings: Vec<Warning>,
    /// The plan's title, when the document has one: the paragraphs right above the table
    /// that read as its title (an `附件` mark and notes such as `单位：万元` left out), then
    /// the table's own title rows above its header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The city or office that issued the plan (`东莞市`), when a header, the title or the
    /// file name starts with its name (looked for in that order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Where the issuer came from: `header`, `title` or `file-name` (as `year_source`);
    /// absent when there is no issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_source: Option<String>,
}

/// A heading row of the table: one text across the row, no goal, schedule or units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Heading {
    /// 1-based data row, counted like [`Item::row`].
    pub row: usize,
    /// The heading's number (`一、` → 1, `（二）` → 2), else null.
    pub number: Option<u32>,
    /// The heading without its number and final `。`.
    pub text: String,
    /// The row's cell texts exactly as read.
    pub cells: Vec<String>,
}

/// A column and the role its header gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Column {
    pub index: usize,
    /// The header text (two header rows are joined with `\n`).
    pub header: String,
    pub role: ColumnRole,
    /// How the role was decided: `header` (its words), `content` (what its cells hold, the
    /// header naming no role or an ambiguous one) or `option` (`--role`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// What a column holds, decided from its header text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ColumnRole {
    /// 序号
    Seq,
    /// 原文表述 / 任务 (the section heading column)
    Section,
    /// 具体措施
    Measure,
    /// 工作目标
    Goal,
    /// 季度进度安排 / 时间节点
    Schedule,
    /// 牵头单位 (lead unit)
    Lead,
    /// 配合单位 (supporting units)
    Support,
    /// 完成时限
    Deadline,
    /// 工作任务 / 重点任务 when the table has a measure column and a goal column of its own
    /// under it is read as the item's measure; kept as a role for `--role`.
    Task,
    /// 市领导 / 牵头领导 / 责任领导 (leaders, persons and their titles)
    Leaders,
    /// 进展情况 / 完成情况
    Progress,
    /// 备注
    Remarks,
    Other,
}

/// 事项 (an item): one data row of the plan table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Item {
    /// `r` + the row number, zero-padded to three digits (`r016`).
    pub id: String,
    /// 1-based index of the data row in the table (header rows excluded).
    pub row: usize,
    /// The row's own number such as `（16）`, else null.
    pub seq: Option<u32>,
    /// The nearest section heading above or on this row, without its number and final `。`.
    pub section: Option<String>,
    /// Every heading above the measure, outermost first (heading rows, broader merged
    /// columns, parent numbers `1` of `1.1`); `section` is its last entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
    /// 具体措施 (the numbered measure this row belongs to).
    pub measure: Option<Measure>,
    /// 工作目标 (the annual goal).
    pub goal: Goal,
    /// 季度进度安排 split into periods, in document order.
    pub schedule: Vec<Milestone>,
    /// 牵头单位 (lead units), one entry per unit.
    pub lead: Vec<String>,
    /// 配合单位 (supporting units), one entry per unit.
    pub support: Vec<String>,
    /// 市领导 / 牵头领导: persons and titles (`副市长 陈志强`) named for the item, as written;
    /// never in `lead` or `support`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leaders: Vec<String>,
    /// Every `《…》` named in the row, in order of first appearance, without repeats.
    pub documents: Vec<String>,
    /// Deadlines named in the row (`4月底前`, `年底前`), with ISO dates when the year is known.
    pub deadlines: Vec<Deadline>,
    /// A short hash of the normalized measure and goal text, stable across files that differ
    /// only in numbering and whitespace.
    pub fingerprint: String,
    /// The row's cell texts exactly as read (paragraphs joined by `\n`).
    pub cells: Vec<String>,
    /// The fields this row does not state itself but carries down from the rows above it:
    /// a vertically merged cell, or (in a text export, which keeps no merges) an empty cell
    /// in a row under a merged measure. Of `section`, `schedule`, `lead`, `support`,
    /// `deadlines`, in that order; the measure says it with its own `inherited`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherited: Vec<String>,
}

/// 具体措施 (a numbered measure, `N. text`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Measure {
    pub number: Option<u32>,
    /// The measure text without its number.
    pub text: String,
    /// True when this row carries the measure of a row above it (merged or empty cell).
    pub inherited: bool,
    pub quantities: Vec<Quantity>,
}

impl Measure {
    /// A numbered measure whose own cell holds its number and nothing else (`10. `): the
    /// row states that a measure starts but not what it is. The parser warns of it
    /// (`empty-measure`), the checker reports it (`measure/empty`), and the diff reads the
    /// row as continuing the measure above, as a merged-away cell does.
    pub fn is_empty(&self) -> bool {
        !self.inherited && self.number.is_some() && self.text.trim().is_empty()
    }
}

/// 工作目标 (the annual goal of an item).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Goal {
    pub text: String,
    /// The goal split at 一是/二是…, ①②…, （1）（2）…; one point with the whole text when
    /// there are no markers.
    pub points: Vec<Point>,
    pub quantities: Vec<Quantity>,
}

/// One point of a goal (`一是…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Point {
    pub ordinal: u32,
    pub text: String,
}

/// 进度节点 (a milestone): one period of the schedule cell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Milestone {
    /// The period label as written (`二、三季度`, `上半年`), null for text before any label.
    pub label: Option<String>,
    /// First quarter covered (1–4); null for a deadline (`6月30日前`) that names only its end.
    #[schemars(range(min = 1, max = 4))]
    pub start: Option<u8>,
    /// Last quarter covered (1–4).
    #[schemars(range(min = 1, max = 4))]
    pub end: Option<u8>,
    /// A sub-heading that scopes the following periods (`森林公园`, `供水`), else null.
    pub topic: Option<String>,
    /// The ISO date a dated milestone names (`6月30日前` → `2020-06-30`; a month or a
    /// quarter's end: its last day), when the plan year is known; absent for quarter and
    /// half-year labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// The milestone's text after its label and the separator following the label, without
    /// the blanks around it.
    pub text: String,
    pub quantities: Vec<Quantity>,
    /// Char range `[start, end)` of the whole milestone in the schedule cell: its topic prefix
    /// (on the first milestone of a topic), label, separator, text and the blanks after it.
    /// The spans of a cell's milestones follow each other and cover the cell.
    #[serde(default)]
    pub span: [usize; 2],
    /// Char range `[start, end)` of `text` in the schedule cell.
    #[serde(default)]
    pub text_span: [usize; 2],
}

/// 数量 (a quantity): one number stating an amount, normalized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quantity {
    /// The smallest span holding the number, its unit and its own cues.
    pub text: String,
    /// Char offset of `text` in the text it belongs to.
    pub start: usize,
    /// Char offset one past the end of `text`.
    pub end: usize,
    /// Normalized value (亿 = 1e8, 万 = 1e4; money in 元; 60% → 60); null for a range.
    pub value: Option<f64>,
    /// Lower bound of a range, else null.
    pub min: Option<f64>,
    /// Upper bound of a range, else null.
    pub max: Option<f64>,
    /// Base unit (`元`, `个`, `%`, `人次`); null when the text names none.
    pub unit: Option<String>,
    /// The unit as written (`亿元`, `万人次`).
    pub surface_unit: Option<String>,
    pub cmp: Cmp,
    /// The text marks this number as a running total (累计).
    pub cumulative: bool,
    /// The thing counted, when the text names it (`65个摄像头` → `摄像头`).
    pub object: Option<String>,
    /// What the unit measures (`count`, `people`, `length`, `money`, `percent`, …: the
    /// kinds of the unit table); absent when the text names no unit. A rate (`吨/日`) has
    /// the kind of its first unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<UnitKind>,
    /// The clause marks the number as a running total or a sum so far: every `cumulative`
    /// quantity, and one after 合计, 共计, or 共 right before the number or a verb (`共完成20个`,
    /// `共40个`). `cumulative` keeps to 累计 (`两批共40个` is a sum, not a running total, in a
    /// goal); this says what the text says. Absent when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub running: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What a quantity's unit measures, as the unit table (`units.tsv` of the lexicon) classifies
/// it. Its lowercase name is the JSON string (`length`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Count,
    People,
    Length,
    Area,
    Volume,
    Mass,
    Power,
    Energy,
    Voltage,
    Container,
    Time,
    Age,
    Ratio,
    Score,
    Temperature,
    Sound,
    Money,
    Percent,
}

impl UnitKind {
    /// Every kind, in the order of the enum.
    pub const ALL: [UnitKind; 18] = [
        UnitKind::Count,
        UnitKind::People,
        UnitKind::Length,
        UnitKind::Area,
        UnitKind::Volume,
        UnitKind::Mass,
        UnitKind::Power,
        UnitKind::Energy,
        UnitKind::Voltage,
        UnitKind::Container,
        UnitKind::Time,
        UnitKind::Age,
        UnitKind::Ratio,
        UnitKind::Score,
        UnitKind::Temperature,
        UnitKind::Sound,
        UnitKind::Money,
        UnitKind::Percent,
    ];

    /// The name used in the data files and in JSON (`length`).
    pub fn name(self) -> &'static str {
        match self {
            UnitKind::Count => "count",
            UnitKind::People => "people",
            UnitKind::Length => "length",
            UnitKind::Area => "area",
            UnitKind::Volume => "volume",
            UnitKind::Mass => "mass",
            UnitKind::Power => "power",
            UnitKind::Energy => "energy",
            UnitKind::Voltage => "voltage",
            UnitKind::Container => "container",
            UnitKind::Time => "time",
            UnitKind::Age => "age",
            UnitKind::Ratio => "ratio",
            UnitKind::Score => "score",
            UnitKind::Temperature => "temperature",
            UnitKind::Sound => "sound",
            UnitKind::Money => "money",
            UnitKind::Percent => "percent",
        }
    }

    /// The kind named `name` (`length`), if there is one.
    pub fn from_name(name: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// How a quantity compares to its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Cmp {
    Eq,
    /// 不少于, 以上, 不低于, 超过, 突破
    Ge,
    /// 不超过, 以内, 以下
    Le,
    /// 约, 左右
    Approx,
    /// `2-3个`, `10至15家`, `一两个`
    Range,
}

impl Cmp {
    /// The lowercase name used on the wire and in exports (`eq`, `ge`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Cmp::Eq => "eq",
            Cmp::Ge => "ge",
            Cmp::Le => "le",
            Cmp::Approx => "approx",
            Cmp::Range => "range",
        }
    }
}

/// 完成时限 (a deadline named in the text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Deadline {
    /// As written (`4月底前`).
    pub text: String,
    /// ISO date (`2020-04-30`) when the plan year is known, else null.
    pub date: Option<String>,
}

/// Something the parser kept visible instead of silently fixing (`empty-measure`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// 1-based data row, when the warning is about one row.
    pub row: Option<usize>,
    /// 0-based column, when the warning is about one cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// A stable code (`empty-measure`, `missing-cell`, `no-seq`, …).
    pub code: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::{Cmp, Measure};

    #[test]
    fn cmp_names_are_the_json_names() {
        for cmp in [Cmp::Eq, Cmp::Ge, Cmp::Le, Cmp::Approx, Cmp::Range] {
            let json = serde_json::to_value(cmp).expect("serializes");
            assert_eq!(json.as_str(), Some(cmp.as_str()), "{cmp:?}");
        }
    }

    #[test]
    fn a_measure_is_empty_when_it_has_a_number_and_no_text() {
        let m = |number: Option<u32>, text: &str, inherited: bool| Measure {
            number,
            text: text.into(),
            inherited,
            ..Measure::default()
        };
        assert!(m(Some(10), "", false).is_empty());
        assert!(m(Some(10), " \n", false).is_empty());
        assert!(!m(Some(10), "推进", false).is_empty());
        assert!(!m(None, "", false).is_empty());
        assert!(!m(Some(10), "", true).is_empty());
    }
}
