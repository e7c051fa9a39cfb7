//! Rows named as the plan numbers them: `（16）措施10 · 第16行 · 城建局 · 建设…`.

use taizhang_model::Item;

use crate::Lang;

/// How many characters of the measure (or goal) text a row's name keeps.
pub const TEXT_CHARS: usize = 24;

/// The plan's own numbers of the item, then its data row: `（16）措施10 · 第16行`.
pub fn numbers(lang: Lang, item: &Item) -> String {
    let mut parts = Vec::new();
    let mut head = String::new();
    if let Some(seq) = item.seq {
        head.push_str(&tr!(lang, "row.seq", seq = seq));
    }
    if let Some(number) = item.measure.as_ref().and_then(|m| m.number) {
        if !head.is_empty() && lang == Lang::En {
            head.push(' ');
        }
        head.push_str(&tr!(lang, "row.measure", number = number));
    }
    if !head.is_empty() {
        parts.push(head);
    }
    parts.push(tr!(lang, "row.data", row = item.row));
    parts.join(" · ")
}

/// The item as a report names it: its numbers, its data row, its lead unit and the start of
/// its measure text (or goal text when it has no measure).
pub fn item(lang: Lang, item: &Item) -> String {
    let mut parts = vec![numbers(lang, item)];
    if !item.lead.is_empty() {
        parts.push(item.lead.join("、"));
    }
    let text = label_text(item);
    if !text.is_empty() {
        parts.push(clip(text, TEXT_CHARS));
    }
    parts.join(" · ")
}

/// The text that stands for the item: its measure, else its goal.
pub fn label_text(item: &Item) -> &str {
    let text = match item.measure.as_ref().map(|m| m.text.trim()).filter(|t| !t.is_empty()) {
        Some(t) => t,
        None => item.goal.text.trim(),
    };
    text.trim_end_matches(['。', '；', '，'])
}

/// At most `max` characters of `text` on one line, with `…` when cut.
pub fn clip(text: &str, max: usize) -> String {
    let one_line: String = text.trim().chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut cut: String = one_line.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use taizhang_model::plan::Measure;

    #[test]
    fn rows_are_named_by_their_plan_numbers() {
        let item = Item {
            row: 16,
            seq: Some(16),
            measure: Some(Measure {
                number: Some(10),
                text: "建设轨道交通1号线".into(),
                ..Default::default()
            }),
            lead: vec!["交通运输局".into()],
            ..Default::default()
        };
        assert_eq!(
            super::item(Lang::Zh, &item),
            "（16）措施10 · 第16行 · 交通运输局 · 建设轨道交通1号线"
        );
        assert_eq!(
            super::item(Lang::En, &item),
            "(16) measure 10 · row 16 · 交通运输局 · 建设轨道交通1号线"
        );
    }
}
