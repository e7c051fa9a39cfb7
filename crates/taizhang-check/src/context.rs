//! The words around a quantity: how the checker tells interleaved series apart.
//!
//! A schedule cell often carries several series in the same unit (`完成城镇新增就业2万人，
//! …帮扶就业困难人员就业500人；…促进创业3200人`), and the quantity extractor does not always
//! name the object. The clause around each number does: two quantities belong to the same
//! series when the words before and after them are alike.

use std::collections::BTreeSet;

use taizhang_model::Quantity;

/// How many characters on each side of a quantity make its context.
const WINDOW: usize = 16;

/// Characters that end a clause: the context never reaches past them.
fn is_clause_break(c: char) -> bool {
    taizhang_lexicon::is_clause_break(c) || taizhang_lexicon::is_list_separator(c)
}

/// The clause text before and after one quantity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Context {
    /// Up to [`WINDOW`] characters before the quantity, within its clause.
    pub left: String,
    /// Up to [`WINDOW`] characters after the quantity, within its clause.
    pub right: String,
    /// The quantity's own text: its cues and object words (`累计完成投资`) say as much about
    /// the series as the clause around it.
    pub own: String,
}

impl Context {
    /// The context of `q` within `text`, the text the quantity's offsets refer to.
    ///
    /// Offsets that do not point at the quantity's own text (a stale plan JSON, an edited
    /// cell) fall back to the first occurrence of that text; failing that, the context is
    /// empty rather than wrong.
    pub fn of(text: &str, q: &Quantity) -> Context {
        let chars: Vec<char> = text.chars().collect();
        let Some((start, end)) = locate(&chars, q) else {
            return Context::default();
        };
        let mut left: Vec<char> = chars
            .get(..start)
            .unwrap_or_default()
            .iter()
            .rev()
            .take_while(|c| !is_clause_break(**c))
            .take(WINDOW)
            .copied()
            .collect();
        left.reverse();
        let right: String = chars
            .get(end..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| !is_clause_break(**c))
            .take(WINDOW)
            .collect();
        Context { left: left.into_iter().collect(), right, own: q.text.clone() }
    }

    /// Character bigrams of the context, digits and spaces left out so that two clauses
    /// differing only in their numbers look the same.
    fn bigrams(&self) -> BTreeSet<(char, char)> {
        let mut set = BTreeSet::new();
        for side in [&self.left, &self.own, &self.right] {
            let chars: Vec<char> = side
                .chars()
                .filter(|c| !c.is_ascii_digit() && !c.is_whitespace() && !matches!(c, '.' | '%'))
                .collect();
            for pair in chars.windows(2) {
                if let [a, b] = pair {
                    set.insert((*a, *b));
                }
            }
            // A single character still says something (`建成5个站` against `建成5个点`).
            if let [only] = chars.as_slice() {
                set.insert((*only, '\0'));
            }
        }
        set
    }

    /// Dice similarity of the two contexts' bigrams, 0.0 to 1.0. Two empty contexts say
    /// nothing either way: 0.5.
    pub fn similarity(&self, other: &Context) -> f64 {
        let a = self.bigrams();
        let b = other.bigrams();
        if a.is_empty() && b.is_empty() {
            return 0.5;
        }
        let common = a.intersection(&b).count();
        (2 * common) as f64 / (a.len() + b.len()) as f64
    }

    /// The goal states a level reached rather than an amount done in the year (`服务点达445个`,
    /// `总量达到…`): such a number cannot be compared with a sum of quarterly increments, and a
    /// running total in the schedule may count only the year's additions.
    pub fn level_cue(&self) -> bool {
        level_words(&self.left)
    }

    /// The goal states a figure of the whole project (`总投资100亿元`, `总长36公里`), of which
    /// the year's schedule does only a part.
    pub fn whole_project_cue(&self) -> bool {
        cue_in(taizhang_lexicon::CuePlace::WholeProject, &self.left)
    }
}

/// The text speaks of a level reached (`达`, `达到`, `总数`, `总量`, `保有量`).
pub(crate) fn level_words(text: &str) -> bool {
    cue_in(taizhang_lexicon::CuePlace::Level, text)
}

/// `text` holds a cue of `place` (`cues.tsv`).
fn cue_in(place: taizhang_lexicon::CuePlace, text: &str) -> bool {
    taizhang_lexicon::builtin().cues(place).any(|c| text.contains(c.word.as_str()))
}

/// Where `q` stands in `chars`, as char offsets; the quantity's own offsets when they point
/// at its text, else the first occurrence of its text.
fn locate(chars: &[char], q: &Quantity) -> Option<(usize, usize)> {
    let needle: Vec<char> = q.text.chars().collect();
    if needle.is_empty() {
        return None;
    }
    if chars.get(q.start..q.end) == Some(needle.as_slice()) {
        return Some((q.start, q.end));
    }
    chars.windows(needle.len()).position(|w| w == needle.as_slice()).map(|i| (i, i + needle.len()))
}

/// An object as compared: quotes, title brackets and spaces removed, and a list marker the
/// extractor may have taken into it (`二是`, `其中`) dropped.
pub(crate) fn normalize_object(object: &str) -> String {
    let kept: String = object
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '《' | '》' | '「' | '」')
        })
        .collect();
    let marker = kept
        .char_indices()
        .find(|&(_, c)| !taizhang_lexicon::is_small_numeral(c))
        .and_then(|(i, c)| (i > 0 && taizhang_lexicon::is_point_mark(c)).then(|| i + c.len_utf8()));
    let rest = match marker {
        Some(end) => kept.get(end..).unwrap_or_default(),
        None => taizhang_lexicon::builtin()
            .quantity_words(taizhang_lexicon::QuantityList::ObjectPrefix)
            .find_map(|w| kept.strip_prefix(w))
            .unwrap_or(&kept),
    };
    rest.to_owned()
}

/// How two quantities' objects relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ObjectMatch {
    /// Both named and the same.
    Same,
    /// Both unnamed.
    BothUnnamed,
    /// One unnamed, or the names share words (`停车设施` and `停车设施场地`, `星星联盟线上课程`
    /// and `星星联盟系列课程`).
    Compatible,
    /// Both named and without a word in common (`母婴室` and `爱心妈妈小屋`): never the same
    /// series.
    Different,
}

pub(crate) fn object_match(a: Option<&str>, b: Option<&str>) -> ObjectMatch {
    let a = a.map(normalize_object).filter(|s| !s.is_empty());
    let b = b.map(normalize_object).filter(|s| !s.is_empty());
    match (a, b) {
        (None, None) => ObjectMatch::BothUnnamed,
        (Some(a), Some(b)) if a == b => ObjectMatch::Same,
        (Some(a), Some(b)) if a.contains(&b) || b.contains(&a) || share_bigram(&a, &b) => {
            ObjectMatch::Compatible
        }
        (Some(_), Some(_)) => ObjectMatch::Different,
        _ => ObjectMatch::Compatible,
    }
}

/// The two names share two consecutive characters.
fn share_bigram(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    a.windows(2).any(|x| b.windows(2).any(|y| x == y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use taizhang_model::Cmp;

    fn q(text: &str, start: usize) -> Quantity {
        Quantity {
            text: text.into(),
            start,
            end: start + text.chars().count(),
            value: Some(1.0),
            min: None,
            max: None,
            unit: Some("人".into()),
            surface_unit: Some("人".into()),
            cmp: Cmp::Eq,
            cumulative: false,
            object: None,
            kind: Some(taizhang_model::UnitKind::People),
            running: false,
        }
    }

    #[test]
    fn context_stops_at_clause_breaks() {
        let text = "一季度目标，完成城镇新增就业2万人，帮扶500人";
        let ctx = Context::of(text, &q("2万人", 14));
        assert_eq!(ctx.left, "完成城镇新增就业");
        assert_eq!(ctx.right, "");
    }

    #[test]
    fn stale_offsets_fall_back_to_the_text() {
        let ctx = Context::of("促进创业3200人。", &q("3200人", 40));
        assert_eq!(ctx.left, "促进创业");
    }

    #[test]
    fn similar_clauses_score_higher() {
        let ctx = |left: &str| Context { left: left.into(), ..Context::default() };
        let (a, b, c) =
            (ctx("完成城镇新增就业"), ctx("年内完成城镇新增就业"), ctx("帮扶就业困难人员就业"));
        assert!(a.similarity(&b) > 0.7);
        assert!(a.similarity(&c) < 0.3);
    }

    #[test]
    fn the_quantity_text_counts_as_context() {
        let text = "累计完成投资8亿元。";
        let q8 = q("累计完成投资8亿元", 0);
        let own = Context::of(text, &q8);
        let plain =
            Context { left: "完成投资".into(), own: "3亿元".into(), ..Context::default() };
        assert!(own.similarity(&plain) > 0.5, "{}", own.similarity(&plain));
    }

    #[test]
    fn objects() {
        assert_eq!(object_match(Some("停车设施"), Some("停车设施场地")), ObjectMatch::Compatible);
        assert_eq!(object_match(Some("“三小”场所"), Some("三小场所")), ObjectMatch::Same);
        assert_eq!(object_match(Some("母婴室"), Some("爱心妈妈小屋")), ObjectMatch::Different);
        assert_eq!(object_match(None, Some("路")), ObjectMatch::Compatible);
        assert_eq!(object_match(None, None), ObjectMatch::BothUnnamed);
        assert_eq!(
            object_match(Some("星星联盟线上课程"), Some("星星联盟系列课程")),
            ObjectMatch::Compatible
        );
        assert_eq!(object_match(Some("二是“慧眼”视频"), Some("慧眼视频")), ObjectMatch::Same);
        assert_eq!(object_match(Some("二是"), None), ObjectMatch::BothUnnamed);
        assert_eq!(normalize_object("其中公厕"), "公厕");
        assert_eq!(normalize_object("十三是项目"), "项目");
    }
}
