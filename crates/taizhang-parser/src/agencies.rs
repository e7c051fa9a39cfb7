//! 牵头单位 / 配合单位: a units cell split into one entry per unit.

use taizhang_lexicon::NameList;

/// Splits a units cell at `、`, `，`, `,`, `；`, `;`, `／` and line breaks (never inside
/// brackets or quotes), trims each unit and drops empty ones.
///
/// A run of bare place names that shares a suffix written once on the last of them
/// (`虎门、塘厦、黄江、中堂镇`) is expanded (`虎门镇`, `塘厦镇`, `黄江镇`, `中堂镇`), but only when
/// the last name ends with a place suffix (镇, 街道, 区, 县, 市, 乡, 村, 社区), the names are
/// joined by `、`, and each earlier name is a short bare name (2–4 Han characters, no suffix of
/// any unit). Everything else is kept as written (`镇（街道）`, `各园区`, `黄江等镇（街道）`).
///
/// ```
/// use taizhang_parser::split_units;
/// assert_eq!(
///     split_units("自然资源局、生态环境局，虎门、塘厦、黄江、中堂镇"),
///     ["自然资源局", "生态环境局", "虎门镇", "塘厦镇", "黄江镇", "中堂镇"]
/// );
/// // `各X、Y`: one collective (every park and every town), not two units.
/// assert_eq!(split_units("各园区、镇（街道）"), ["各园区、镇（街道）"]);
/// assert_eq!(split_units("各区、县（市）人民政府，市直有关单位"), ["各区、县（市）人民政府", "市直有关单位"]);
/// ```
pub fn split_units(cell: &str) -> Vec<String> {
    // Each piece with whether `、` joined it to the next one.
    let pieces: Vec<(&str, bool)> =
        split_outside_brackets(cell, |c| matches!(c, '、' | '，' | ',' | '；' | ';' | '／'))
            .into_iter()
            .map(|(piece, end)| (piece, end == Some('、')))
            .collect();

    let pieces: Vec<(String, bool)> = join_listed(&pieces);
    let pieces: Vec<(&str, bool)> = pieces.iter().map(|(p, j)| (p.as_str(), *j)).collect();
    let pieces: Vec<(String, bool)> = join_collectives(pieces);
    let pieces: Vec<(&str, bool)> = pieces.iter().map(|(p, j)| (p.as_str(), *j)).collect();
    let pieces: Vec<(&str, bool)> = pieces
        .into_iter()
        // A final `。` is punctuation of the cell, not part of the unit (`供电局。`).
        .map(|(p, joined)| (p.trim().trim_end_matches(['。', '.']).trim_end(), joined))
        .filter(|(p, _)| !p.is_empty())
        .collect();
    let mut units: Vec<String> = pieces.iter().map(|(p, _)| p.to_string()).collect();
    for last in 0..pieces.len() {
        let Some(suffix) = place_suffix(pieces[last].0) else { continue };
        let mut first = last;
        while first > 0 && pieces[first - 1].1 && is_bare_name(pieces[first - 1].0) {
            first -= 1;
        }
        for unit in &mut units[first..last] {
            unit.push_str(suffix);
        }
    }
    units
}

/// Pieces that, joined by `、`, spell a unit name the lexicon lists as one unit
/// (`collective-units.tsv`: `各镇人民政府、街道办事处`) are that one unit.
fn join_listed(pieces: &[(&str, bool)]) -> Vec<(String, bool)> {
    let lexicon = taizhang_lexicon::builtin();
    let longest = lexicon.collective_units().map(str::len).max().unwrap_or(0);
    let mut out: Vec<(String, bool)> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while let Some(&(first, joined)) = pieces.get(i) {
        let mut text = first.trim().to_string();
        let mut found: Option<(String, usize)> = None;
        let mut j = i;
        while pieces.get(j).is_some_and(|p| p.1) && text.len() < longest {
            j += 1;
            let Some((next, _)) = pieces.get(j) else { break };
            text.push('、');
            text.push_str(next.trim());
            if lexicon.collective_units().any(|name| name == text) {
                found = Some((text.clone(), j));
            }
        }
        match found {
            Some((name, last)) => {
                out.push((name, pieces.get(last).is_some_and(|p| p.1)));
                i = last + 1;
            }
            None => {
                out.push((first.to_string(), joined));
                i += 1;
            }
        }
    }
    out
}

/// `各区、县（市）人民政府`: a piece starting with 各 and the 、-joined pieces after it that only
/// name kinds of units (`县（市）人民政府`, `园区`) are one collective unit.
fn join_collectives(pieces: Vec<(&str, bool)>) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::with_capacity(pieces.len());
    let mut open = false;
    for (piece, joined) in pieces {
        if open && is_kind_only(piece.trim()) {
            if let Some(last) = out.last_mut() {
                last.0.push('、');
                last.0.push_str(piece.trim());
                last.1 = joined;
                open = joined;
                continue;
            }
        }
        open = joined && piece.trim().starts_with('各');
        out.push((piece.to_string(), joined));
    }
    out
}

/// Whether `piece` is made only of kinds of units and brackets (`镇（街道）`, `县（市）人民政府`).
fn is_kind_only(piece: &str) -> bool {
    let rest: String =
        piece.chars().filter(|c| !matches!(c, '（' | '）' | '(' | ')' | '、')).collect();
    fn kinds_only(rest: &str) -> bool {
        rest.is_empty()
            || crate::words::collective_kinds()
                .any(|k| rest.strip_prefix(k).is_some_and(kinds_only))
    }
    (1..=20).contains(&rest.chars().count()) && kinds_only(&rest)
}

/// Whether a unit piece names a person (`副市长 陈志强`, `市长`, `张三副区长`): a title from
/// the lexicon's `leader-titles.tsv` alone, before a name of two or three characters, or after one.
pub fn is_leader(piece: &str) -> bool {
    let piece = piece.trim();
    let han = |s: &str| s.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '·');
    crate::words::leader_titles().any(|title| {
        if let Some(rest) = piece.strip_prefix(title) {
            let rest = rest.trim();
            return rest.is_empty() || ((2..=4).contains(&rest.chars().count()) && han(rest));
        }
        if let Some(name) = piece.strip_suffix(title) {
            let name = name.trim();
            return (2..=3).contains(&name.chars().count()) && han(name) && !is_unit_name(name);
        }
        false
    })
}

/// Whether a piece reads as a unit name: it ends (before a closing bracket group such as
/// `（街道）`) with a unit ending from the lexicon's `unit-endings.tsv`, and names no person.
pub fn is_unit_name(piece: &str) -> bool {
    let mut p = piece.trim();
    while let Some(stripped) = p.strip_suffix(['）', ')']) {
        match stripped.rfind(['（', '(']) {
            Some(open) => p = &stripped[..open],
            None => break,
        }
    }
    !p.is_empty() && crate::words::unit_endings().any(|e| p.ends_with(e))
}

/// A units cell read with its connectives: who leads, who supports, which persons are named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Units {
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub leaders: Vec<String>,
}

/// Reads a units cell of a `role` column (lead or support): `A牵头，B、C配合`,
/// `牵头单位：A；配合单位：B`, `A负责`, `A（牵头）、B、C`. Pieces the cell marks keep their mark;
/// unmarked pieces support when another piece is marked lead, else the first leads when
/// `first_leads` (the header notes `排在第一位的为牵头单位`), else they take the column's role.
/// Persons and titles go to `leaders`.
///
/// ```
/// use taizhang_parser::agencies::read_units;
/// let u = read_units("市轨道交通局牵头，谢岗、清溪镇配合", true, false);
/// assert_eq!((u.lead, u.support), (vec!["市轨道交通局".to_string()], vec!["谢岗镇".to_string(), "清溪镇".to_string()]));
/// ```
pub fn read_units(cell: &str, lead_column: bool, first_leads: bool) -> Units {
    read_units_with(taizhang_lexicon::builtin(), cell, lead_column, first_leads)
}

/// [`read_units`] with the connectives of `lexicon` (the built-in ones and those a lexicon
/// file adds: `[connectives] lead = ["主抓"]` reads `市水务局主抓` as a lead unit).
pub fn read_units_with(
    lexicon: &taizhang_lexicon::Lexicon,
    cell: &str,
    lead_column: bool,
    first_leads: bool,
) -> Units {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Lead,
        Support,
        None,
    }
    let mut marked: Vec<(String, Mark)> = Vec::new();
    for segment in segments(cell) {
        let (segment, mark) = segment_mark(lexicon, segment);
        for unit in split_units(segment) {
            let (unit, own) = piece_mark(lexicon, &unit);
            let m = if own != Mark::None { own } else { mark };
            if !unit.is_empty() {
                marked.push((unit, m));
            }
        }
    }
    fn segment_mark<'s>(lexicon: &taizhang_lexicon::Lexicon, segment: &'s str) -> (&'s str, Mark) {
        let s = segment.trim();
        for label in crate::words::connectives(lexicon, "lead-label") {
            if let Some(rest) = s.strip_prefix(label) {
                if let Some(rest) = rest.strip_prefix(['：', ':']) {
                    return (rest, Mark::Lead);
                }
            }
        }
        for label in crate::words::connectives(lexicon, "support-label") {
            if let Some(rest) = s.strip_prefix(label) {
                if let Some(rest) = rest.strip_prefix(['：', ':']) {
                    return (rest, Mark::Support);
                }
            }
        }
        let s = s.trim_end_matches(['。', '.']);
        for suffix in crate::words::connectives(lexicon, "support-suffix") {
            if let Some(rest) = s.strip_suffix(suffix) {
                if !rest.trim().is_empty() {
                    return (rest, Mark::Support);
                }
            }
        }
        for suffix in crate::words::connectives(lexicon, "lead-suffix") {
            if let Some(rest) = s.strip_suffix(suffix) {
                if !rest.trim().is_empty() {
                    return (rest, Mark::Lead);
                }
            }
        }
        (s, Mark::None)
    }
    fn piece_mark(lexicon: &taizhang_lexicon::Lexicon, unit: &str) -> (String, Mark) {
        for suffix in
            crate::words::connectives(lexicon, "lead-suffix").filter(|s| s.starts_with(['（', '(']))
        {
            if let Some(rest) = unit.strip_suffix(suffix) {
                return (rest.trim().to_string(), Mark::Lead);
            }
        }
        for suffix in crate::words::connectives(lexicon, "support-suffix")
            .filter(|s| s.starts_with(['（', '(']))
        {
            if let Some(rest) = unit.strip_suffix(suffix) {
                return (rest.trim().to_string(), Mark::Support);
            }
        }
        (unit.to_string(), Mark::None)
    }
    let mut out = Units::default();
    let any_lead = marked.iter().any(|(_, m)| *m == Mark::Lead);
    let mut first = true;
    for (unit, mark) in marked {
        if is_leader(&unit) {
            out.leaders.push(unit);
            continue;
        }
        let lead = match mark {
            Mark::Lead => true,
            Mark::Support => false,
            Mark::None if any_lead => false,
            Mark::None if first_leads => first,
            Mark::None => lead_column,
        };
        first = false;
        if lead {
            out.lead.push(unit);
        } else {
            out.support.push(unit);
        }
    }
    out
}

/// The parts of a units cell a connective may mark: split at `，`, `；`, `;`, `,` and line
/// breaks outside brackets.
fn segments(cell: &str) -> Vec<&str> {
    split_outside_brackets(cell, |c| matches!(c, '，' | ',' | '；' | ';'))
        .into_iter()
        .map(|(piece, _)| piece)
        .collect()
}

/// `cell` cut at every character `breaks` accepts outside brackets, and at every line break
/// (which ends a piece even inside an unclosed bracket): each piece with the separator that
/// ended it (`None` for a line break and the last piece).
fn split_outside_brackets(cell: &str, breaks: impl Fn(char) -> bool) -> Vec<(&str, Option<char>)> {
    let mut pieces = Vec::new();
    // Byte offset where the current piece starts.
    let mut start = 0;
    let mut depth = 0usize;
    for (i, c) in cell.char_indices() {
        match c {
            '（' | '(' | '【' | '[' | '《' | '“' | '「' => depth += 1,
            '）' | ')' | '】' | ']' | '》' | '”' | '」' => depth = depth.saturating_sub(1),
            '\n' | '\r' => {
                depth = 0;
                pieces.push((&cell[start..i], None));
                start = i + c.len_utf8();
            }
            c if depth == 0 && breaks(c) => {
                pieces.push((&cell[start..i], Some(c)));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push((&cell[start..], None));
    pieces
}

/// The place suffix a unit name ends with, when its stem is a bare name too.
fn place_suffix(unit: &str) -> Option<&'static str> {
    let lexicon = taizhang_lexicon::builtin();
    // `滨海湾新区`, `水乡经济区`, `清溪片区` are whole names: the names before them are not
    // of that kind (`大朗、滨海湾新区` is no `大朗新区`).
    if lexicon.names(NameList::WholePlace).any(|w| unit.ends_with(w)) {
        return None;
    }
    let suffix = lexicon.names(NameList::PlaceSuffix).find(|s| unit.ends_with(s))?;
    let stem = &unit[..unit.len() - suffix.len()];
    // `中堂镇` yes; `镇（街道）`, `各园区`, `新区`, `黄江等镇` no: the stem must itself be a
    // bare place name, or the suffix would be spread onto names it does not belong to.
    is_bare_name(stem).then_some(suffix)
}

/// A short name of Han characters without any unit suffix or quantifier (`虎门`, `樟木头`).
fn is_bare_name(name: &str) -> bool {
    let lexicon = taizhang_lexicon::builtin();
    let mut endings = lexicon.unit_endings().chain(lexicon.names(NameList::NotBareEnding));
    let count = name.chars().count();
    (2..=4).contains(&count)
        && name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && !endings.any(|e| name.ends_with(e))
        && !lexicon.names(NameList::NotBare).any(|w| name.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_place_suffix() {
        assert_eq!(
            split_units("虎门、塘厦、黄江、中堂镇"),
            ["虎门镇", "塘厦镇", "黄江镇", "中堂镇"]
        );
        assert_eq!(
            split_units("谢岗、清溪、樟木头、塘厦、黄江镇"),
            ["谢岗镇", "清溪镇", "樟木头镇", "塘厦镇", "黄江镇"]
        );
        assert_eq!(split_units("东城、南城街道"), ["东城街道", "南城街道"]);
        // A comma ends the run: the names before it are not part of the list.
        assert_eq!(split_units("虎门，长安镇"), ["虎门", "长安镇"]);
        // A unit with a suffix of its own breaks the run.
        assert_eq!(split_units("公安局、虎门、长安镇"), ["公安局", "虎门镇", "长安镇"]);
    }

    #[test]
    fn written_units_are_kept() {
        assert_eq!(
            split_units("交通运输局、相关园区、镇（街道）"),
            ["交通运输局", "相关园区", "镇（街道）"]
        );
        assert_eq!(
            split_units("东城、大朗、黄江等镇（街道），松山湖管委会"),
            ["东城", "大朗", "黄江等镇（街道）", "松山湖管委会"]
        );
        assert_eq!(
            split_units("滨海湾新区管委会、虎门镇、长安镇"),
            ["滨海湾新区管委会", "虎门镇", "长安镇"]
        );
        assert_eq!(split_units("各镇（街道、园区）"), ["各镇（街道、园区）"]);
        // A name the lexicon lists as one unit (`collective-units.tsv`), though no rule joins it.
        assert_eq!(
            split_units("各镇人民政府、街道办事处，市财政局"),
            ["各镇人民政府、街道办事处", "市财政局"]
        );
        // A whole name at the end of a list of bare names shares no suffix with them.
        assert_eq!(
            split_units("大朗、塘厦、清溪、滨海湾新区、企石、东坑等园区、镇"),
            ["大朗", "塘厦", "清溪", "滨海湾新区", "企石", "东坑等园区", "镇"]
        );
        assert_eq!(split_units("松山湖、水乡特色发展经济区"), ["松山湖", "水乡特色发展经济区"]);
    }

    #[test]
    fn line_breaks_and_blanks() {
        assert_eq!(
            split_units("生态环境局\n水污染治理现场指挥部"),
            ["生态环境局", "水污染治理现场指挥部"]
        );
        assert_eq!(split_units("    "), Vec::<String>::new());
        assert_eq!(split_units(""), Vec::<String>::new());
        assert_eq!(split_units(" 公安局 ；财政局;"), ["公安局", "财政局"]);
        assert_eq!(split_units("财政局，，"), ["财政局"]);
        assert_eq!(split_units("林业局、供电局。"), ["林业局", "供电局"]);
        assert_eq!(split_units("市府办\n "), ["市府办"]);
    }

    fn read(cell: &str, first_leads: bool) -> (Vec<String>, Vec<String>, Vec<String>) {
        let u = read_units(cell, true, first_leads);
        (u.lead, u.support, u.leaders)
    }

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn connectives_say_who_leads() {
        assert_eq!(
            read("市水务局牵头，市生态环境局、市城管局配合", false),
            (v(&["市水务局"]), v(&["市生态环境局", "市城管局"]), v(&[]))
        );
        assert_eq!(
            read("牵头单位：市水务局；配合单位：市生态环境局、市城管局", false),
            (v(&["市水务局"]), v(&["市生态环境局", "市城管局"]), v(&[]))
        );
        assert_eq!(read("市民政局负责", false), (v(&["市民政局"]), v(&[]), v(&[])));
        assert_eq!(
            read("市信访局（牵头）、市司法局", false),
            (v(&["市信访局"]), v(&["市司法局"]), v(&[]))
        );
        assert_eq!(
            read("市残联、市卫生健康局牵头，市财政局配合", false),
            (v(&["市残联", "市卫生健康局"]), v(&["市财政局"]), v(&[]))
        );
        assert_eq!(
            read("市教育局牵头，市财政局、市自然资源局参与", false),
            (v(&["市教育局"]), v(&["市财政局", "市自然资源局"]), v(&[]))
        );
        // The header says the first listed leads; without it every unit of a lead column leads.
        assert_eq!(
            read("市医保局、市卫健局、市财政局", true),
            (v(&["市医保局"]), v(&["市卫健局", "市财政局"]), v(&[]))
        );
        assert_eq!(
            read("市医保局、市卫健局", false),
            (v(&["市医保局", "市卫健局"]), v(&[]), v(&[]))
        );
        // A support column's units support.
        let u = read_units("市财政局、各镇（街道）配合", false, false);
        assert_eq!((u.lead, u.support), (v(&[]), v(&["市财政局", "各镇（街道）"])));
    }

    #[test]
    fn persons_are_leaders_not_units() {
        assert_eq!(
            read("副市长 陈志强\n市民政局", false),
            (v(&["市民政局"]), v(&[]), v(&["副市长 陈志强"]))
        );
        assert!(is_leader("县长 孙海涛"));
        assert!(is_leader("市长"));
        assert!(is_leader("张三副区长"));
        assert!(!is_leader("市民政局"));
        assert!(!is_leader("市长热线服务中心"));
        assert!(is_unit_name("各镇（街道）"));
        assert!(is_unit_name("市交通投资集团"));
        assert!(!is_unit_name("完成招标"));
    }

    #[test]
    fn collectives_stay_one_unit() {
        assert_eq!(split_units("各区、县（市）人民政府"), ["各区、县（市）人民政府"]);
        assert_eq!(split_units("各镇（街道）、园区，市供电局"), ["各镇（街道）、园区", "市供电局"]);
        assert_eq!(
            split_units("市场监督管理局、各园区、镇（街道）"),
            ["市场监督管理局", "各园区、镇（街道）"]
        );
        // Named units after 各… are units of their own.
        assert_eq!(split_units("各镇（街道）、市水务局"), ["各镇（街道）", "市水务局"]);
        assert_eq!(split_units("各县（市、区）人民政府"), ["各县（市、区）人民政府"]);
    }

    #[test]
    fn unbalanced_brackets_do_not_swallow_the_cell() {
        assert_eq!(split_units("镇（街道\n公安局"), ["镇（街道", "公安局"]);
        assert_eq!(split_units("）公安局、财政局"), ["）公安局", "财政局"]);
    }
}
