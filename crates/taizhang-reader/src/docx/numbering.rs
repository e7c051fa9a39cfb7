//! Automatic numbering rendered as Word shows it: `numbering.xml` (abstract definitions and
//! their instances), paragraph styles that carry numbering (`styles.xml`, with `basedOn`
//! chains), and the counters that run over the document's paragraphs in order.
//!
//! Counters belong to an abstract definition, so two `w:num` instances of one definition
//! continue each other, as in Word; an instance with a `w:startOverride` gets counters of
//! its own, starting at the override.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::symbols;
use super::xml::{self, Ns, Where};
use taizhang_i18n::msg;

use crate::ReadError;

pub(crate) const LEVELS: usize = 9;
/// `numStyleLink` → style → `w:num` → definition chains longer than this are cycles.
const MAX_LINKS: usize = 8;
/// `basedOn` chains longer than this are cycles (Word itself allows fewer).
const MAX_BASED_ON: usize = 32;
/// Level texts are short (Word's own limit is 255 characters); a longer one is cut, so a
/// hostile definition cannot multiply its size by every numbered paragraph.
const MAX_LEVEL_TEXT: usize = 255;

/// `w:suff`: what follows the number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One `w:lvl` (or a level of another format's list, in these terms).
#[derive(Debug, Clone, Default)]
pub(crate) struct Level {
    pub start: Option<i64>,
    /// A `w:numFmt` value (`decimal`, `chineseCounting`, `bullet` …).
    pub format: Option<String>,
    /// `w:numFmt w:format` of a custom format (`001, 002, 003, ...`).
    pub custom: Option<String>,
    /// The level text, `%1`…`%9` standing for the levels' numbers.
    pub text: Option<String>,
    pub suffix: Option<Suffix>,
    /// `w:lvlRestart`: 0 = never restart; n = restart when a level up to n (1-based) is used.
    pub restart: Option<i64>,
    pub legal: bool,
    pub style: Option<String>,
    pub font: Option<String>,
}

#[derive(Debug, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    num_style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Instance {
    abstract_id: Option<String>,
    start_overrides: [Option<i64>; LEVELS],
    levels: [Option<Level>; LEVELS],
}

#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<i64>,
}

/// The numbering of one document: definitions, paragraph styles, and the running counters.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Abstract>,
    instances: HashMap<String, Instance>,
    styles: HashMap<String, Style>,
    default_paragraph_style: Option<String>,
    counters: HashMap<ListKey, [Option<i64>; LEVELS]>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ListKey {
    Abstract(String),
    Instance(String),
}

/// The numbering properties written on a paragraph (`w:pPr/w:numPr`, `w:pStyle`).
#[derive(Debug, Clone, Default)]
pub(crate) struct ParagraphNumbering {
    pub num_id: Option<String>,
    pub ilvl: Option<i64>,
    pub style: Option<String>,
}

impl Numbering {
    /// Adds a list definition (an `w:abstractNum`) from another format's list table.
    pub(crate) fn insert_definition(&mut self, id: String, levels: [Option<Level>; LEVELS]) {
        self.abstracts.insert(id, Abstract { levels, num_style_link: None });
    }

    /// Adds a list instance (a `w:num`) of the definition `abstract_id`, with its start
    /// overrides and level overrides.
    pub(crate) fn insert_instance(
        &mut self,
        id: String,
        abstract_id: String,
        start_overrides: [Option<i64>; LEVELS],
        levels: [Option<Level>; LEVELS],
    ) {
        let instance = Instance { abstract_id: Some(abstract_id), start_overrides, levels };
        self.instances.insert(id, instance);
    }

    /// Reads `numbering.xml`.
    pub(crate) fn read_definitions(
        &mut self,
        at: Where<'_>,
        bytes: &[u8],
    ) -> Result<(), ReadError> {
        let decoded = xml::decode(at, bytes)?;
        let text = &*decoded.text;
        let mut reader = xml::Reader::new(text);
        // Where we are: inside an abstractNum (its id), inside a num (its id), the lvlOverride
        // level, and the level being read.
        let mut in_abstract: Option<String> = None;
        let mut in_num: Option<String> = None;
        let mut in_override: Option<usize> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut in_rpr = false;
        let mut depth = 0usize;
        loop {
            let (ns, event) = match reader.read_event() {
                Ok(next) => next,
                Err(e) => {
                    return Err(at.xml_error(
                        text,
                        reader.error_position(),
                        msg!("read.xml.cause", cause = e),
                    ))
                }
            };
            match event {
                Event::DocType(_) => return Err(at.dtd(reader.buffer_position())),
                Event::Start(e) => {
                    at.enter(&mut depth)?;
                    if ns != Ns::W {
                        continue;
                    }
                    let val = || xml::attr(&e, "val").map(|v| v.trim().to_string());
                    match e.local_name().into_inner() {
                        "abstractNum" => {
                            in_abstract =
                                xml::attr(&e, "abstractNumId").map(|v| v.trim().to_string());
                        }
                        "num" if in_abstract.is_none() => {
                            in_num = xml::attr(&e, "numId").map(|v| v.trim().to_string());
                        }
                        "abstractNumId" => {
                            if let (Some(num), Some(v)) = (&in_num, val()) {
                                self.instances.entry(num.clone()).or_default().abstract_id =
                                    Some(v);
                            }
                        }
                        "lvlOverride" => {
                            in_override = xml::int_attr(&e, "ilvl").and_then(level_index);
                        }
                        "startOverride" => {
                            if let (Some(num), Some(ilvl)) = (&in_num, in_override) {
                                let instance = self.instances.entry(num.clone()).or_default();
                                instance.start_overrides[ilvl] = xml::int_attr(&e, "val");
                            }
                        }
                        "numStyleLink" => {
                            if let Some(id) = &in_abstract {
                                self.abstracts.entry(id.clone()).or_default().num_style_link =
                                    val();
                            }
                        }
                        "lvl" => {
                            let ilvl =
                                xml::int_attr(&e, "ilvl").and_then(level_index).or(in_override);
                            level = ilvl.map(|i| (i, Level::default()));
                        }
                        "rPr" => in_rpr = true,
                        name => {
                            if let Some((_, lvl)) = level.as_mut() {
                                read_level_property(lvl, name, &e, in_rpr);
                            }
                        }
                    }
                }
                Event::End(e) => {
                    depth = depth.saturating_sub(1);
                    if ns != Ns::W {
                        continue;
                    }
                    match e.local_name().into_inner() {
                        "abstractNum" => in_abstract = None,
                        "num" => in_num = None,
                        "lvlOverride" => in_override = None,
                        "rPr" => in_rpr = false,
                        "lvl" => {
                            if let Some((ilvl, lvl)) = level.take() {
                                if let Some(id) = &in_abstract {
                                    let abs = self.abstracts.entry(id.clone()).or_default();
                                    // The first definition of a level wins, as in Word.
                                    if abs.levels[ilvl].is_none() {
                                        abs.levels[ilvl] = Some(lvl);
                                    }
                                } else if let Some(num) = &in_num {
                                    self.instances.entry(num.clone()).or_default().levels[ilvl] =
                                        Some(lvl);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    /// Reads the paragraph (and numbering) styles of `styles.xml`: the numbering each one
    /// carries and the style it is based on.
    pub(crate) fn read_styles(&mut self, at: Where<'_>, bytes: &[u8]) -> Result<(), ReadError> {
        let decoded = xml::decode(at, bytes)?;
        let text = &*decoded.text;
        let mut reader = xml::Reader::new(text);
        let mut current: Option<(String, Style)> = None;
        // Only the style's own pPr counts; a pPr inside w:tblStylePr or a *PrChange does not.
        let mut skip = 0usize;
        let mut depth = 0usize;
        loop {
            let (ns, event) = match reader.read_event() {
                Ok(next) => next,
                Err(e) => {
                    return Err(at.xml_error(
                        text,
                        reader.error_position(),
                        msg!("read.xml.cause", cause = e),
                    ))
                }
            };
            match event {
                Event::DocType(_) => return Err(at.dtd(reader.buffer_position())),
                Event::Start(e) => {
                    at.enter(&mut depth)?;
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    if ns != Ns::W {
                        continue;
                    }
                    match e.local_name().into_inner() {
                        "style" => {
                            let kind = xml::attr(&e, "type");
                            let id = xml::attr(&e, "styleId").map(|v| v.trim().to_string());
                            let is_paragraph = kind.as_deref().is_none_or(|k| k == "paragraph");
                            if is_paragraph
                                && xml::attr(&e, "default")
                                    .is_some_and(|d| matches!(&*d, "1" | "true" | "on"))
                            {
                                self.default_paragraph_style.clone_from(&id);
                            }
                            current = id.map(|id| (id, Style::default()));
                        }
                        "tblStylePr" | "pPrChange" | "rPrChange" | "tblPrChange" | "trPrChange"
                        | "tcPrChange" => {
                            skip = 1;
                        }
                        "basedOn" => {
                            if let Some((_, style)) = current.as_mut() {
                                style.based_on = xml::attr(&e, "val").map(|v| v.trim().to_string());
                            }
                        }
                        "numId" => {
                            if let Some((_, style)) = current.as_mut() {
                                style.num_id = xml::attr(&e, "val").map(|v| v.trim().to_string());
                            }
                        }
                        "ilvl" => {
                            if let Some((_, style)) = current.as_mut() {
                                style.ilvl = xml::int_attr(&e, "val");
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => {
                    depth = depth.saturating_sub(1);
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if ns == Ns::W && e.local_name().into_inner() == "style" {
                        if let Some((id, style)) = current.take() {
                            self.styles.entry(id).or_insert(style);
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    /// Advances the counters for one paragraph and returns the label Word shows before its
    /// text (number and suffix), or `None` when the paragraph is not numbered.
    pub(crate) fn next_label(&mut self, paragraph: &ParagraphNumbering) -> Option<String> {
        let (num_id, ilvl, style_for_level) = self.effective(paragraph)?;
        let (key, abstract_id, instance_id) = self.list_of(num_id)?;
        // An instance's own level overrides its definition's. (Borrowed field by field: the
        // counters are updated while the levels are in use.)
        let instance = self.instances.get(instance_id);
        let definition = self.abstracts.get(abstract_id);
        let levels: [Option<&Level>; LEVELS] = std::array::from_fn(|i| {
            instance
                .and_then(|n| n.levels[i].as_ref())
                .or_else(|| definition.and_then(|a| a.levels[i].as_ref()))
        });
        let ilvl = match ilvl {
            Some(ilvl) => level_index(ilvl).unwrap_or(0),
            // A style that carries a numId without an ilvl uses the level that names it.
            None => style_for_level
                .and_then(|style| {
                    levels.iter().position(|l| l.and_then(|l| l.style.as_deref()) == Some(style))
                })
                .unwrap_or(0),
        };
        let overrides = instance.map(|i| i.start_overrides).unwrap_or_default();
        let start = |i: usize| -> i64 {
            overrides[i].or_else(|| levels[i].and_then(|l| l.start)).unwrap_or(0)
        };
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        counters[ilvl] = Some(match counters[ilvl] {
            Some(value) => value.saturating_add(1),
            None => start(ilvl),
        });
        for deeper in ilvl + 1..LEVELS {
            let restart = levels[deeper].and_then(|l| l.restart);
            let restarts = match restart {
                Some(0) => false,
                Some(upto) => (ilvl as i64) < upto,
                None => true,
            };
            if restarts {
                counters[deeper] = None;
            }
        }
        let values: [i64; LEVELS] =
            std::array::from_fn(|i| counters[i].unwrap_or_else(|| start(i)));
        let unset = Level::default();
        let level = levels[ilvl].unwrap_or(&unset);
        let format = level.format.as_deref().unwrap_or("decimal");
        let label = if format == "bullet" {
            level
                .text
                .as_deref()
                .map(|t| symbols::map_text(level.font.as_deref(), t))
                .unwrap_or_default()
        } else {
            let template = level.text.as_deref().unwrap_or("");
            render_template(template, &values, &levels, level.legal)
        };
        if label.is_empty() {
            return None;
        }
        let suffix = match level.suffix.unwrap_or_default() {
            Suffix::Tab => "\t",
            Suffix::Space => " ",
            Suffix::Nothing => "",
        };
        Some(label + suffix)
    }

    /// The numId and level that apply to a paragraph: its own numPr first, then its style's
    /// (and that style's `basedOn` ancestors'). A numId of 0 switches numbering off.
    fn effective<'s>(
        &'s self,
        p: &'s ParagraphNumbering,
    ) -> Option<(&'s str, Option<i64>, Option<&'s str>)> {
        let style = p.style.as_deref().or(self.default_paragraph_style.as_deref());
        let mut num_id = p.num_id.as_deref();
        let mut ilvl = p.ilvl;
        let mut from_style = None;
        let mut next = style;
        let mut steps = 0;
        while let Some(id) = next.take() {
            if (num_id.is_some() && ilvl.is_some()) || steps > MAX_BASED_ON {
                break;
            }
            steps += 1;
            let Some(s) = self.styles.get(id) else { break };
            if num_id.is_none() && s.num_id.is_some() {
                num_id = s.num_id.as_deref();
                from_style = Some(id);
            }
            if ilvl.is_none() && s.ilvl.is_some() && p.num_id.is_none() {
                ilvl = s.ilvl;
            }
            next = s.based_on.as_deref();
        }
        let num_id = num_id?;
        if num_id == "0" || num_id.is_empty() {
            return None;
        }
        Some((num_id, ilvl, from_style.or(style)))
    }

    /// The list a numId belongs to, following `numStyleLink` through the numbering style
    /// to the definition that holds the levels.
    fn list_of<'s>(&'s self, num_id: &'s str) -> Option<(ListKey, &'s str, &'s str)> {
        let instance = self.instances.get(num_id)?;
        let mut abstract_id = instance.abstract_id.as_deref()?;
        for _ in 0..MAX_LINKS {
            let Some(link) =
                self.abstracts.get(abstract_id).and_then(|a| a.num_style_link.as_deref())
            else {
                break;
            };
            let Some(next_num) = self.styles.get(link).and_then(|s| s.num_id.as_deref()) else {
                break;
            };
            let Some(next) = self.instances.get(next_num).and_then(|i| i.abstract_id.as_deref())
            else {
                break;
            };
            if next == abstract_id {
                break;
            }
            abstract_id = next;
        }
        let own = instance.start_overrides.iter().any(Option::is_some);
        let key = if own {
            ListKey::Instance(num_id.to_string())
        } else {
            ListKey::Abstract(abstract_id.to_string())
        };
        Some((key, abstract_id, num_id))
    }
}

fn level_index(ilvl: i64) -> Option<usize> {
    usize::try_from(ilvl).ok().filter(|&i| i < LEVELS)
}

fn read_level_property(
    lvl: &mut Level,
    name: &str,
    e: &quick_xml::events::BytesStart<'_>,
    in_rpr: bool,
) {
    let val = || xml::attr(e, "val").map(|v| v.to_string());
    match name {
        "start" => lvl.start = xml::int_attr(e, "val"),
        "numFmt" => {
            // Word writes a custom format as mc:Choice (`custom`) followed by an mc:Fallback
            // with a standard one: keep the standard format when there is one.
            let value = val();
            if value.as_deref() == Some("custom") {
                if lvl.format.is_none() {
                    lvl.custom = xml::attr(e, "format").map(|v| v.to_string());
                    lvl.format = value;
                }
            } else {
                lvl.format = value;
            }
        }
        "lvlText" => lvl.text = val().map(|t| t.chars().take(MAX_LEVEL_TEXT).collect()),
        "suff" => {
            lvl.suffix = Some(match val().as_deref() {
                Some("space") => Suffix::Space,
                Some("nothing") => Suffix::Nothing,
                _ => Suffix::Tab,
            })
        }
        "lvlRestart" => lvl.restart = xml::int_attr(e, "val"),
        "isLgl" => lvl.legal = xml::on_off(e),
        "pStyle" => lvl.style = val(),
        "rFonts" if in_rpr => {
            lvl.font =
                xml::attr(e, "ascii").or_else(|| xml::attr(e, "hAnsi")).map(|v| v.to_string());
        }
        _ => {}
    }
}

/// Replaces `%1`…`%9` in a level text with the counters of those levels, each in its own
/// level's format (decimal throughout for a legal-style level, `w:isLgl`).
fn render_template(
    template: &str,
    values: &[i64; LEVELS],
    levels: &[Option<&Level>; LEVELS],
    legal: bool,
) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                chars.next();
                if (1..=LEVELS as u32).contains(&d) {
                    let i = d as usize - 1;
                    let level = levels[i];
                    let format = if legal {
                        "decimal"
                    } else {
                        level.and_then(|l| l.format.as_deref()).unwrap_or("decimal")
                    };
                    let custom = level.and_then(|l| l.custom.as_deref());
                    out.push_str(&format_number(values[i], format, custom));
                }
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Formats one counter value in a `w:numFmt` (ECMA-376 §17.18.59). Formats with a bounded
/// set of symbols fall back to decimal past the end of the set, as the standard says.
pub(crate) fn format_number(n: i64, format: &str, custom: Option<&str>) -> String {
    if format == "none" {
        return String::new();
    }
    if n <= 0 {
        return n.to_string();
    }
    let small = usize::try_from(n).ok();
    let from_set = |set: &[&str]| small.and_then(|i| set.get(i - 1)).map(|s| s.to_string());
    let from_range = |first: u32, len: i64| {
        if n <= len {
            u32::try_from(n - 1).ok().and_then(|k| char::from_u32(first + k)).map(String::from)
        } else {
            None
        }
    };
    let formatted = match format {
        "decimal" | "decimalHalfWidth" | "ordinal" | "cardinalText" | "ordinalText" => None,
        "decimalZero" => Some(format!("{n:02}")),
        "upperRoman" => Some(roman(n)),
        "lowerRoman" => Some(roman(n).to_lowercase()),
        "upperLetter" => Some(letters(n)),
        "lowerLetter" => Some(letters(n).to_lowercase()),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => from_range(0x2460, 20),
        "decimalEnclosedFullstop" => from_range(0x2488, 20),
        "decimalEnclosedParen" => from_range(0x2474, 20),
        "ideographEnclosedCircle" => from_range(0x3280, 10),
        "decimalFullWidth" | "decimalFullWidth2" => Some(
            n.to_string()
                .chars()
                .filter_map(|d| d.to_digit(10).and_then(|d| char::from_u32(0xFF10 + d)))
                .collect(),
        ),
        "ideographTraditional" => {
            from_set(&["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"])
        }
        "ideographZodiac" => {
            from_set(&["子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"])
        }
        "ideographDigital" | "japaneseDigitalTenThousand" => Some(digits(n, &CJK_DIGITS)),
        "taiwaneseDigital" => {
            Some(digits(n, &["○", "一", "二", "三", "四", "五", "六", "七", "八", "九"]))
        }
        "chineseCounting" | "taiwaneseCounting" => Some(chinese_counting(n)),
        "chineseCountingThousand" | "taiwaneseCountingThousand" => {
            Some(grouped(n, &CHINESE_GROUPED))
        }
        "chineseLegalSimplified" => Some(grouped(n, &CHINESE_LEGAL)),
        "ideographLegalTraditional" => Some(grouped(n, &TRADITIONAL_LEGAL)),
        "japaneseCounting" => Some(grouped(n, &JAPANESE)),
        "custom" => custom.and_then(|sample| custom_zero_padded(n, sample)),
        _ => None,
    };
    formatted.unwrap_or_else(|| n.to_string())
}

const CJK_DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

fn digits(n: i64, set: &[&str; 10]) -> String {
    n.to_string().chars().filter_map(|d| d.to_digit(10)).map(|d| set[d as usize]).collect()
}

fn roman(mut n: i64) -> String {
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n > 32767 {
        return n.to_string();
    }
    let mut out = String::new();
    for (value, symbol) in TABLE {
        while n >= value {
            out.push_str(symbol);
            n -= value;
        }
    }
    out
}

/// Word's letter numbering repeats the letter: … Z, AA, BB, … ZZ, AAA.
fn letters(n: i64) -> String {
    if n > 780 {
        return n.to_string();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

/// `chineseCounting`: 一 … 十, 十一 … 九十九, then digit by digit (一〇〇).
fn chinese_counting(n: i64) -> String {
    if n < 10 {
        return CJK_DIGITS[n as usize].to_string();
    }
    if n < 100 {
        let (tens, ones) = (n / 10, n % 10);
        let mut out = String::new();
        if tens > 1 {
            out.push_str(CJK_DIGITS[tens as usize]);
        }
        out.push('十');
        if ones > 0 {
            out.push_str(CJK_DIGITS[ones as usize]);
        }
        return out;
    }
    digits(n, &CJK_DIGITS)
}

/// Digits and unit words of a grouped (counting-thousand) numeral system.
struct Grouped {
    digits: [&'static str; 10],
    /// 十, 百, 千
    units: [&'static str; 3],
    /// 万, 亿
    myriads: [&'static str; 2],
    /// Whether 10–19 drop the leading 一 (十一, not 一十一).
    bare_ten: bool,
    /// Whether skipped places are written as a zero (一百零一); Japanese writes 百一.
    zero: bool,
}

const CHINESE_GROUPED: Grouped = Grouped {
    digits: ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"],
    units: ["十", "百", "千"],
    myriads: ["万", "亿"],
    bare_ten: true,
    zero: true,
};
const CHINESE_LEGAL: Grouped = Grouped {
    digits: ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"],
    units: ["拾", "佰", "仟"],
    myriads: ["万", "亿"],
    bare_ten: false,
    zero: true,
};
const TRADITIONAL_LEGAL: Grouped = Grouped {
    digits: ["零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"],
    units: ["拾", "佰", "仟"],
    myriads: ["萬", "億"],
    bare_ten: false,
    zero: true,
};
const JAPANESE: Grouped = Grouped {
    digits: ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"],
    units: ["十", "百", "千"],
    myriads: ["万", "億"],
    bare_ten: true,
    zero: false,
};

/// A number written with unit words: 十一, 一百零一, 一千零一十, 一万二千.
fn grouped(n: i64, g: &Grouped) -> String {
    if n >= 1_0000_0000_0000 {
        return n.to_string();
    }
    // Split into groups of four digits (myriads), most significant first.
    let groups = [n / 1_0000_0000, (n / 1_0000) % 1_0000, n % 1_0000];
    let mut out = String::new();
    let mut pending_zero = false;
    for (gi, &group) in groups.iter().enumerate() {
        if group == 0 {
            if !out.is_empty() {
                pending_zero = true;
            }
            continue;
        }
        let places = [group / 1000, (group / 100) % 10, (group / 10) % 10, group % 10];
        for (pi, &d) in places.iter().enumerate() {
            if d == 0 {
                if !out.is_empty() {
                    pending_zero = true;
                }
                continue;
            }
            if pending_zero && g.zero {
                out.push_str(g.digits[0]);
            }
            pending_zero = false;
            let unit = match pi {
                0 => Some(g.units[2]),
                1 => Some(g.units[1]),
                2 => Some(g.units[0]),
                _ => None,
            };
            let japanese_one = !g.zero && d == 1 && unit.is_some();
            let bare_ten = g.bare_ten && pi == 2 && d == 1 && out.is_empty();
            if !(bare_ten || japanese_one) {
                out.push_str(g.digits[d as usize]);
            }
            if let Some(unit) = unit {
                out.push_str(unit);
            }
        }
        match gi {
            0 => out.push_str(g.myriads[1]),
            1 => out.push_str(g.myriads[0]),
            _ => {}
        }
    }
    out
}

/// A custom format whose sample is zero-padded decimal (`001, 002, 003, ...`).
fn custom_zero_padded(n: i64, sample: &str) -> Option<String> {
    let first = sample.split(',').next()?.trim();
    if !first.is_empty() && first.len() <= 10 && first.chars().all(|c| c.is_ascii_digit()) {
        Some(format!("{n:0width$}", width = first.len()))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_formats() {
        let counting: Vec<String> =
            [1, 10, 11, 20, 21, 99, 100].iter().map(|&n| chinese_counting(n)).collect();
        assert_eq!(counting, ["一", "十", "十一", "二十", "二十一", "九十九", "一〇〇"]);
        let thousand: Vec<String> = [1, 10, 11, 20, 100, 101, 110, 1000, 1010, 10001, 12000]
            .iter()
            .map(|&n| grouped(n, &CHINESE_GROUPED))
            .collect();
        assert_eq!(
            thousand,
            [
                "一",
                "十",
                "十一",
                "二十",
                "一百",
                "一百零一",
                "一百一十",
                "一千",
                "一千零一十",
                "一万零一",
                "一万二千"
            ]
        );
        assert_eq!(grouped(11, &CHINESE_LEGAL), "壹拾壹");
        assert_eq!(grouped(101, &JAPANESE), "百一");
        assert_eq!(format_number(2, "ideographTraditional", None), "乙");
        assert_eq!(format_number(11, "ideographTraditional", None), "11");
        assert_eq!(format_number(3, "decimalEnclosedCircleChinese", None), "③");
        assert_eq!(format_number(21, "decimalEnclosedCircle", None), "21");
    }

    #[test]
    fn latin_formats() {
        assert_eq!(format_number(14, "upperRoman", None), "XIV");
        assert_eq!(format_number(4, "lowerRoman", None), "iv");
        assert_eq!(format_number(28, "upperLetter", None), "BB");
        assert_eq!(format_number(3, "lowerLetter", None), "c");
        assert_eq!(format_number(7, "decimalZero", None), "07");
        assert_eq!(format_number(7, "custom", Some("001, 002, 003, ...")), "007");
        assert_eq!(format_number(7, "none", None), "");
    }
}
