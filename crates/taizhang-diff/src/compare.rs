//! Field-by-field comparison of two aligned rows.

use std::collections::HashMap;

use taizhang_model::diff::{
    Field, FieldChange, MilestoneChange, MilestoneChangeKind, QuantityChange,
};
use taizhang_model::Quantity;

use crate::normalize::{mask_digits, strip_number, Clause, Row, RowView};

/// Renamings seen on the rows that carry a section heading or a measure text: the rows
/// below them inherit the new name, and that is not a change of theirs.
#[derive(Debug, Default)]
pub(crate) struct Renames {
    /// Old section to new, by their ids in [`crate::normalize::Names`].
    pub section: HashMap<u32, u32>,
    /// Old measure to new, the same way.
    pub measure: HashMap<u32, u32>,
}

impl Renames {
    pub fn learn(&mut self, a: &Row<'_>, b: &Row<'_>) {
        if a.section_head && b.section_head {
            self.section.entry(a.section).or_insert(b.section);
        }
        if a.measure_own && b.measure_own {
            self.measure.entry(a.measure).or_insert(b.measure);
        }
    }
}

/// What differs between two aligned rows.
#[derive(Debug, Default)]
pub(crate) struct Comparison {
    pub fields: Vec<FieldChange>,
    /// The same units in another order (lead or support), reported only when nothing else
    /// changed.
    pub reordered: Vec<FieldChange>,
}

pub(crate) fn compare(a: &RowView<'_>, b: &RowView<'_>, renames: &Renames) -> Comparison {
    let mut out = Comparison::default();

    // Section and measure: a row reports the text it carries; a row under a heading or a
    // merged measure reports only a move into another group, not its group's renaming.
    if a.section != b.section {
        let renamed = !(a.section_head && b.section_head)
            && renames.section.get(&a.section) == Some(&b.section);
        if !renamed {
            out.fields.push(FieldChange::new(
                Field::Section,
                display_section(a),
                display_section(b),
            ));
        }
    }
    if a.measure != b.measure {
        let both_own = a.measure_own.is_some() && b.measure_own.is_some();
        let renamed = !both_own && renames.measure.get(&a.measure) == Some(&b.measure);
        if !renamed {
            out.fields.push(FieldChange::new(
                Field::MeasureText,
                a.measure_display.clone(),
                b.measure_display.clone(),
            ));
        }
    }

    if a.goal != b.goal {
        let qa = &a.item.goal.quantities;
        let qb = &b.item.goal.quantities;
        let quantities_differ = signatures(qa) != signatures(qb);
        let text_differs = a.goal_masked != b.goal_masked;
        if text_differs || !quantities_differ {
            out.fields.push(FieldChange::new(
                Field::GoalText,
                a.item.goal.text.trim(),
                b.item.goal.text.trim(),
            ));
        }
        if quantities_differ {
            let changes = quantity_changes(qa, qb);
            let mut f = FieldChange::new(
                Field::GoalQuantities,
                join_texts(qa.iter().map(|q| q.text.as_str())),
                join_texts(qb.iter().map(|q| q.text.as_str())),
            );
            f.details = changes.iter().map(describe_quantity).collect();
            f.quantities = changes;
            out.fields.push(f);
        }
    }

    let ka: Vec<(&str, &str)> = a.clauses.iter().map(|c| (&*c.period, &*c.norm)).collect();
    let kb: Vec<(&str, &str)> = b.clauses.iter().map(|c| (&*c.period, &*c.norm)).collect();
    if ka != kb {
        let milestones = milestone_changes(&a.clauses, &b.clauses);
        if !milestones.is_empty() {
            let mut f = FieldChange::new(
                Field::Schedule,
                a.schedule_display.clone(),
                b.schedule_display.clone(),
            );
            f.details = milestones.iter().map(describe_milestone).collect();
            f.milestones = milestones;
            out.fields.push(f);
        }
    }

    for (field, x, y, xs, ys) in [
        (Field::Lead, &a.lead, &b.lead, &a.item.lead, &b.item.lead),
        (Field::Support, &a.support, &b.support, &a.item.support, &b.item.support),
    ] {
        if x == y {
            continue;
        }
        let (added, removed) = set_difference(x, y);
        let mut f = FieldChange::new(field, join_units(xs), join_units(ys));
        if added.is_empty() && removed.is_empty() {
            f.details.push("same units, new order".into());
            out.reordered.push(f);
        } else {
            f.details = describe_sets(&added, &removed);
            f.added = added;
            f.removed = removed;
            out.fields.push(f);
        }
    }
    for (header, value, shown) in &a.other {
        let Some((_, v, s)) = b.other.iter().find(|(h, _, _)| h == header) else { continue };
        if v != value {
            let mut f = FieldChange::new(Field::Other, shown.clone(), s.clone());
            f.column = Some(header.clone());
            out.fields.push(f);
        }
    }

    // Documents and deadlines are read out of the texts: when a text change reported above
    // already shows the title or date that came or went, repeating it as its own field would
    // report one edit twice. They stand alone when they come from a column of their own.
    let shown = |text_of: fn(&FieldChange) -> &str, item: &str| {
        out.fields
            .iter()
            .filter(|f| !matches!(f.field, Field::GoalQuantities | Field::Lead | Field::Support))
            .any(|f| crate::normalize::norm(text_of(f)).contains(item))
    };
    let mut derived = Vec::new();
    for (field, x, y) in [
        (Field::Documents, &a.documents, &b.documents),
        (Field::Deadlines, &a.deadlines, &b.deadlines),
    ] {
        let (added, removed) = set_difference(x, y);
        let visible = added.iter().all(|d| shown(|f| &f.after, d))
            && removed.iter().all(|d| shown(|f| &f.before, d));
        if (added.is_empty() && removed.is_empty()) || visible {
            continue;
        }
        let mut f = FieldChange::new(field, x.join("、"), y.join("、"));
        f.details = describe_sets(&added, &removed);
        f.added = added;
        f.removed = removed;
        derived.push(f);
    }
    out.fields.extend(derived);
    out.fields.sort_by_key(|f| f.field);
    out
}

fn display_section(r: &RowView<'_>) -> String {
    r.item.section.as_deref().map(|s| strip_number(s).trim().to_string()).unwrap_or_default()
}

fn join_units(units: &[String]) -> String {
    units.iter().map(|u| u.trim()).filter(|u| !u.is_empty()).collect::<Vec<_>>().join("、")
}

fn join_texts<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    texts.collect::<Vec<_>>().join("、")
}

/// Items only in `new` and items only in `old`, as multisets, each in its list's order.
fn set_difference(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    let mut pool: Vec<Option<&String>> = old.iter().map(Some).collect();
    let mut added = Vec::new();
    for n in new {
        match pool.iter_mut().find(|p| p.is_some_and(|o| o == n)) {
            Some(slot) => *slot = None,
            None => added.push(n.clone()),
        }
    }
    let removed = pool.into_iter().flatten().cloned().collect();
    (added, removed)
}

fn describe_sets(added: &[String], removed: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if !added.is_empty() {
        out.push(format!("+ {}", added.join("、")));
    }
    if !removed.is_empty() {
        out.push(format!("- {}", removed.join("、")));
    }
    out
}

/// What identifies a quantity's meaning, independent of its position and wording.
fn signature(q: &Quantity) -> String {
    format!("{:?}|{:?}|{:?}|{:?}|{:?}|{}", q.value, q.min, q.max, q.unit, q.cmp, q.cumulative)
}

fn signatures(qs: &[Quantity]) -> Vec<String> {
    let mut v: Vec<String> = qs.iter().map(signature).collect();
    v.sort_unstable();
    v
}

/// Pairs the quantities that differ between two lists: the same unit and object first,
/// then the same unit, in text order; what is left appeared or disappeared.
pub(crate) fn quantity_changes(old: &[Quantity], new: &[Quantity]) -> Vec<QuantityChange> {
    let mut new_left: Vec<Option<&Quantity>> = new.iter().map(Some).collect();
    let mut old_left: Vec<&Quantity> = Vec::new();
    for q in old {
        let sig = signature(q);
        match new_left.iter_mut().find(|n| n.is_some_and(|n| signature(n) == sig)) {
            Some(slot) => *slot = None,
            None => old_left.push(q),
        }
    }
    let mut out = Vec::new();
    let rules: [fn(&Quantity, &Quantity) -> bool; 2] = [
        |x, y| x.unit == y.unit && x.object == y.object && x.cumulative == y.cumulative,
        |x, y| x.unit == y.unit,
    ];
    let mut old_paired = vec![false; old_left.len()];
    let mut pairs: Vec<(usize, &Quantity, &Quantity)> = Vec::new();
    for rule in rules {
        for (k, q) in old_left.iter().enumerate() {
            if old_paired[k] {
                continue;
            }
            if let Some(slot) = new_left.iter_mut().find(|n| n.is_some_and(|n| rule(q, n))) {
                if let Some(n) = slot.take() {
                    old_paired[k] = true;
                    pairs.push((k, q, n));
                }
            }
        }
    }
    pairs.sort_by_key(|p| p.0);
    for (_, q, n) in pairs {
        out.push(quantity_change(Some(q), Some(n)));
    }
    for (k, q) in old_left.iter().enumerate() {
        if !old_paired[k] {
            out.push(quantity_change(Some(q), None));
        }
    }
    for n in new_left.into_iter().flatten() {
        out.push(quantity_change(None, Some(n)));
    }
    out
}

fn quantity_change(old: Option<&Quantity>, new: Option<&Quantity>) -> QuantityChange {
    let before_value = old.and_then(|q| q.value);
    let after_value = new.and_then(|q| q.value);
    let relative = match (before_value, after_value) {
        (Some(x), Some(y)) if x != 0.0 && x.is_finite() && y.is_finite() => {
            Some(((y - x) / x * 10_000.0).round() / 10_000.0)
        }
        _ => None,
    };
    QuantityChange {
        before: old.map(|q| q.text.clone()),
        after: new.map(|q| q.text.clone()),
        before_value,
        after_value,
        unit: new.or(old).and_then(|q| q.unit.clone()),
        relative,
    }
}

/// `累计完成投资26.1亿元 → 28亿元 (+7.3%)`.
pub(crate) fn describe_quantity(q: &QuantityChange) -> String {
    match (&q.before, &q.after) {
        (Some(b), Some(a)) => {
            let mut s = format!("{b} → {}", after_part(b, a));
            if let Some(r) = q.relative {
                s.push_str(&format!(" ({})", percent(r)));
            }
            s
        }
        (Some(b), None) => format!("- {b}"),
        (None, Some(a)) => format!("+ {a}"),
        (None, None) => String::new(),
    }
}

/// The new text without the words it shares with the old one at the start, cut back to the
/// start of a number so `26.1` → `28` is not shown as `6.1` → `8`.
fn after_part<'a>(before: &str, after: &'a str) -> &'a str {
    let mut cut = 0;
    for ((i, x), y) in after.char_indices().zip(before.chars()) {
        if x != y {
            break;
        }
        cut = i + x.len_utf8();
    }
    let head = &after[..cut];
    let keep = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)
        .unwrap_or(cut);
    &after[keep..]
}

pub(crate) fn percent(r: f64) -> String {
    let p = (r * 1000.0).round() / 10.0;
    let s = if p.fract() == 0.0 { format!("{p:.0}") } else { format!("{p:.1}") };
    if p > 0.0 {
        format!("+{s}%")
    } else {
        format!("{s}%")
    }
}

/// Dice coefficient of the character bigrams of two texts.
fn dice(x: &str, y: &str) -> f32 {
    let grams = |s: &str| {
        let c: Vec<char> = s.chars().collect();
        let mut g: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
        g.sort_unstable();
        g
    };
    let (gx, gy) = (grams(x), grams(y));
    if gx.is_empty() || gy.is_empty() {
        return if x == y { 1.0 } else { 0.0 };
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < gx.len() && j < gy.len() {
        match gx[i].cmp(&gy[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (gx.len() + gy.len()) as f32
}

/// The clauses of two schedules that differ: moved to another period, changed in place,
/// added or removed.
pub(crate) fn milestone_changes(old: &[Clause], new: &[Clause]) -> Vec<MilestoneChange> {
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    // Unchanged clauses first, so a repeated clause pairs with its twin.
    for (i, c) in old.iter().enumerate() {
        if let Some(j) = (0..new.len())
            .find(|&j| !new_used[j] && new[j].period == c.period && new[j].norm == c.norm)
        {
            old_used[i] = true;
            new_used[j] = true;
        }
    }
    let mut found: Vec<(usize, usize, MilestoneChange)> = Vec::new();
    type Rule = fn(&Clause, &Clause) -> Option<MilestoneChangeKind>;
    let rules: [Rule; 3] = [
        |x, y| (x.norm == y.norm).then_some(MilestoneChangeKind::Moved),
        |x, y| {
            (x.period == y.period
                && (mask_digits(&x.norm) == mask_digits(&y.norm) || dice(&x.norm, &y.norm) >= 0.5))
                .then_some(MilestoneChangeKind::Changed)
        },
        |x, y| (dice(&x.norm, &y.norm) >= 0.7).then_some(MilestoneChangeKind::Moved),
    ];
    for rule in rules {
        for (i, c) in old.iter().enumerate() {
            if old_used[i] {
                continue;
            }
            let hit = (0..new.len()).find_map(|j| {
                if new_used[j] {
                    return None;
                }
                new.get(j).and_then(|n| rule(c, n)).map(|k| (j, k))
            });
            if let Some((j, kind)) = hit {
                old_used[i] = true;
                new_used[j] = true;
                if let Some(n) = new.get(j) {
                    found.push((j, i, clause_change(kind, Some(c), Some(n))));
                }
            }
        }
    }
    for (i, c) in old.iter().enumerate() {
        if !old_used[i] {
            // Removed clauses sort where they stood relative to the new ones.
            let at = new_position(i, old.len(), new.len());
            found.push((at, i, clause_change(MilestoneChangeKind::Removed, Some(c), None)));
        }
    }
    for (j, c) in new.iter().enumerate() {
        if !new_used[j] {
            found.push((j, usize::MAX, clause_change(MilestoneChangeKind::Added, None, Some(c))));
        }
    }
    found.sort_by_key(|f| (f.0, f.1));
    found.into_iter().map(|f| f.2).collect()
}

fn new_position(i: usize, n_old: usize, n_new: usize) -> usize {
    (i * n_new).checked_div(n_old).unwrap_or(0)
}

fn clause_change(
    kind: MilestoneChangeKind,
    old: Option<&Clause>,
    new: Option<&Clause>,
) -> MilestoneChange {
    let quantities = match (old, new) {
        (Some(o), Some(n)) if signatures(&o.quantities) != signatures(&n.quantities) => {
            quantity_changes(&o.quantities, &n.quantities)
        }
        _ => Vec::new(),
    };
    MilestoneChange {
        kind,
        before_label: old.and_then(|c| c.label.clone()),
        after_label: new.and_then(|c| c.label.clone()),
        before: old.map(|c| c.text.clone()),
        after: new.map(|c| c.text.clone()),
        quantities,
    }
}

fn label(l: &Option<String>) -> &str {
    l.as_deref().unwrap_or("—")
}

/// `完成项目立项：三季度 → 四季度`, `四季度：累计完成投资10亿元 → 12亿元 (+20%)`.
pub(crate) fn describe_milestone(m: &MilestoneChange) -> String {
    let before = m.before.as_deref().unwrap_or("");
    let after = m.after.as_deref().unwrap_or("");
    match m.kind {
        MilestoneChangeKind::Moved if before == after => {
            format!("{after}：{} → {}", label(&m.before_label), label(&m.after_label))
        }
        MilestoneChangeKind::Moved => {
            format!("{}：{before} → {}：{after}", label(&m.before_label), label(&m.after_label))
        }
        MilestoneChangeKind::Changed => {
            let mut s = format!("{}：", label(&m.after_label));
            if m.quantities.is_empty() {
                s.push_str(&format!("{before} → {after}"));
            } else {
                let q: Vec<String> = m.quantities.iter().map(describe_quantity).collect();
                s.push_str(&q.join("；"));
            }
            s
        }
        MilestoneChangeKind::Added => format!("+ {}：{after}", label(&m.after_label)),
        MilestoneChangeKind::Removed => format!("- {}：{before}", label(&m.before_label)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use taizhang_model::Cmp;

    fn q(text: &str, value: f64, unit: &str, start: usize) -> Quantity {
        Quantity {
            text: text.into(),
            start,
            end: start + text.chars().count(),
            value: Some(value),
            min: None,
            max: None,
            unit: Some(unit.into()),
            surface_unit: None,
            cmp: Cmp::Eq,
            cumulative: false,
            object: None,
            kind: None,
            running: false,
        }
    }

    #[test]
    fn quantity_delta_and_description() {
        let old = [q("累计完成投资26.1亿元", 2_610_000_000.0, "元", 0)];
        let new = [q("累计完成投资28亿元", 2_800_000_000.0, "元", 0)];
        let c = quantity_changes(&old, &new);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].relative, Some(0.0728));
        assert_eq!(describe_quantity(&c[0]), "累计完成投资26.1亿元 → 28亿元 (+7.3%)");
    }

    #[test]
    fn quantities_pair_by_unit_and_report_the_rest() {
        let old = [q("5个", 5.0, "个", 0), q("3公里", 3.0, "公里", 4)];
        let new = [q("6个", 6.0, "个", 0), q("20人", 20.0, "人", 4)];
        let c = quantity_changes(&old, &new);
        let d: Vec<String> = c.iter().map(describe_quantity).collect();
        assert_eq!(d, ["5个 → 6个 (+20%)", "- 3公里", "+ 20人"]);
    }

    #[test]
    fn percent_formats() {
        assert_eq!(percent(0.2), "+20%");
        assert_eq!(percent(-0.5), "-50%");
        assert_eq!(percent(0.0728), "+7.3%");
        assert_eq!(percent(0.0), "0%");
    }

    #[test]
    fn sets() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let (a, r) = set_difference(&v(&["财政局", "民政局"]), &v(&["民政局", "市场监管局"]));
        assert_eq!(a, ["市场监管局"]);
        assert_eq!(r, ["财政局"]);
        let (a, r) = set_difference(&v(&["a", "b"]), &v(&["b", "a"]));
        assert!(a.is_empty() && r.is_empty());
    }
}
