//! The domain words of plan tables, as data.
//!
//! Every word taizhang knows about plan tables lives in one of the tab-separated files under
//! `data/` in this crate, one entry a line, each file saying in its head what its columns
//! mean. They are compiled in (`include_str!`) and read once, on first use:
//!
//! | file | what it holds |
//! | --- | --- |
//! | `header-roles.tsv` | the column roles, in order of precedence |
//! | `header-words.tsv` | the words that name each role in a header, and how they match |
//! | `periods.tsv` | period labels named by a word (`上半年`), with their quarters |
//! | `units.tsv` | units and counters: base unit, how the extractor reads them, their kind |
//! | `rate-denominators.tsv` | units that may follow `/` in a rate (`吨/日`) |
//! | `cues.tsv` | comparator cues (`不少于`, `以上`, `左右`) and running-total cues (`累计`) |
//! | `connectives.tsv` | words around unit names that give their part (`牵头单位：`, `配合`) |
//! | `leader-titles.tsv` | titles of officials (`副市长`) |
//! | `office-words.tsv` | words that name an office in a header (`处室`), and duty words (`责任`: `责任处室` is a lead column) |
//! | `unit-endings.tsv` | endings of unit names (`局`, `委员会`) |
//! | `collective-kinds.tsv` | kinds of units a `各…、…` collective names (`人民政府`, `街道`) |
//! | `collective-units.tsv` | unit names that contain `、` and are one unit |
//! | `quantity-words.tsv` | words the quantity extractor reads by (verbs before an object, idioms, `其中`) |
//! | `time-words.tsv` | words of deadlines after 年 and N月 (`底`, `中旬` with its day), short durations, time frames (`近3年`) |
//! | `names.tsv` | words in names of areas, issuers and places (`市`, `人民政府办公室`, `新区`) |
//! | `numerals.tsv` | Chinese digits and multipliers |
//! | `punctuation.tsv` | range separators, sentence and clause ends, list separators |
//! | `markers.tsv` | bookmark artefacts, the forms of list numbers and point markers (`一是`), `附件` marks, part headings (`第一部分`) |
//!
//! Adding a header synonym, a counter or a period label is one line in one of these files.
//! A user adds words at run time with a lexicon file ([`LexiconFile`], `--lexicon FILE`).
//!
//! ```
//! use taizhang_lexicon::{builtin, HeaderRole};
//! use taizhang_model::plan::ColumnRole;
//! let lexicon = builtin();
//! assert_eq!(lexicon.header_line_role("牵头单位"), Some(HeaderRole::Sure(ColumnRole::Lead)));
//! assert_eq!(lexicon.header_line_role("工作任务"), Some(HeaderRole::Task));
//! assert_eq!(taizhang_lexicon::digit_value('两'), Some(2));
//! ```

use std::sync::OnceLock;

use taizhang_model::plan::ColumnRole;

mod chars;
mod index;
mod list;
mod tsv;
mod user;

pub use chars::{
    attachment_mark, bookmark_marks, digit_char, digit_value, is_clause_break, is_list_after_han,
    is_list_close, is_list_open, is_list_separator, is_numeral, is_part_heading, is_point_mark,
    is_range_separator, is_sentence_end, is_small_numeral, multiplier_char, multiplier_value,
    part_open,
};
pub use index::WordIndex;
pub use list::{leading_list_number, small_numeral_value, ListNumber};
pub use taizhang_model::plan::UnitKind;
pub use user::{LexiconError, LexiconFile};

/// What a header word says about its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderRole {
    /// The column has this role.
    Sure(ColumnRole),
    /// A 任务 column: the measure column of a table that has none, else a section.
    Task,
    /// 内容: the goal under a task or measure column, else the measure.
    Content,
    /// 责任单位, 责任部门, `…处室`: the lead, or the support after another lead column.
    LeadGeneric,
    /// A header word that names no role by itself (单位, 时间, 主体): the cells decide.
    Ambiguous,
}

impl HeaderRole {
    /// The role taken when nothing else in the header decides.
    pub fn role(self) -> ColumnRole {
        match self {
            HeaderRole::Sure(r) => r,
            HeaderRole::Task => ColumnRole::Section,
            HeaderRole::Content => ColumnRole::Measure,
            HeaderRole::LeadGeneric => ColumnRole::Lead,
            HeaderRole::Ambiguous => ColumnRole::Other,
        }
    }
}

/// How a header word is found in a header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    Contains,
    Whole,
    Prefix,
    Suffix,
}

/// One line of `header-words.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderWord {
    pub role: HeaderRole,
    pub word: String,
    pub matching: Match,
    /// The role's place in `header-roles.tsv` (0 first).
    pub rank: usize,
}

impl HeaderWord {
    fn matches(&self, line: &str) -> bool {
        match self.matching {
            Match::Contains => line.contains(&self.word),
            Match::Whole => line == self.word,
            Match::Prefix => line.starts_with(&self.word),
            Match::Suffix => line.ends_with(&self.word),
        }
    }
}

/// A period label named by a word (`上半年`: quarters 1–2; `年初`: none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodLabel {
    pub label: String,
    /// None for a vague period.
    pub quarters: Option<(u8, u8)>,
}

/// How the quantity extractor reads a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitClass {
    /// 量词 (a measure word: 个, 家, 座): the object usually follows (`65个摄像头`).
    Counter,
    /// A physical, time or rate unit (公里, 吨/日, 小时).
    Measure,
    /// Money (元, 美元).
    Money,
    /// `%`, `‰`, 百分点.
    Percent,
    /// A noun used as the unit where no measure word is written (`约20家庭`).
    Noun,
}

/// One line of `units.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitEntry {
    pub surface: String,
    pub base: String,
    pub class: UnitClass,
    pub kind: UnitKind,
}

/// A comparison a cue gives its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueCmp {
    Ge,
    Le,
    Approx,
}

/// Where a cue stands (the `where` column of `cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CuePlace {
    Before,
    BeforeBare,
    Distant,
    NotBefore,
    After,
    NotAfter,
    Cumulative,
    Total,
    /// One char that marks a sum so far right before the number or a [`CuePlace::TotalVerb`].
    TotalChar,
    TotalVerb,
    /// Words holding a [`CuePlace::TotalChar`] that are none (`公共`).
    NotTotal,
    /// Words saying the number is a level reached (`达到`, `总量`).
    Level,
    /// Words saying the number is a figure of the whole project (`总投资`).
    WholeProject,
    /// Words after a time point that make it a deadline (`前`, `以前`).
    By,
}

/// One line of `cues.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub place: CuePlace,
    pub word: String,
    pub cmp: Option<CueCmp>,
}

/// The part a connective gives a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitPart {
    Lead,
    Support,
}

/// Where a connective stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectivePlace {
    /// Before the units (`牵头单位：A`).
    Label,
    /// After them (`A牵头`, `A（牵头）`).
    Suffix,
    /// A header note saying that the first unit listed leads (`排在第一位的为牵头单位`).
    FirstLeads,
}

/// The lists of `quantity-words.tsv`: the words the quantity extractor reads numbers and their
/// objects by (each list's meaning is in the file's head).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityList {
    OneCounter,
    OneWordLeft,
    NotAmountAfter,
    Idiom,
    RightStop,
    LeadingStop,
    InnerStop,
    NominalSuffix,
    NounWithStop,
    LeftVerb,
    PrefixVerb,
    LeftLink,
    NotAmountBefore,
    VagueBefore,
    MoreAfter,
    DateLeft,
    VerbNounAfter,
    OneCharObject,
    ObjectPrefix,
}

impl QuantityList {
    pub const ALL: [QuantityList; 19] = [
        QuantityList::OneCounter,
        QuantityList::OneWordLeft,
        QuantityList::NotAmountAfter,
        QuantityList::Idiom,
        QuantityList::RightStop,
        QuantityList::LeadingStop,
        QuantityList::InnerStop,
        QuantityList::NominalSuffix,
        QuantityList::NounWithStop,
        QuantityList::LeftVerb,
        QuantityList::PrefixVerb,
        QuantityList::LeftLink,
        QuantityList::NotAmountBefore,
        QuantityList::VagueBefore,
        QuantityList::MoreAfter,
        QuantityList::DateLeft,
        QuantityList::VerbNounAfter,
        QuantityList::OneCharObject,
        QuantityList::ObjectPrefix,
    ];

    /// The name in `quantity-words.tsv` (`left-verb`).
    pub fn name(self) -> &'static str {
        match self {
            QuantityList::OneCounter => "one-counter",
            QuantityList::OneWordLeft => "one-word-left",
            QuantityList::NotAmountAfter => "not-amount-after",
            QuantityList::Idiom => "idiom",
            QuantityList::RightStop => "right-stop",
            QuantityList::LeadingStop => "leading-stop",
            QuantityList::InnerStop => "inner-stop",
            QuantityList::NominalSuffix => "nominal-suffix",
            QuantityList::NounWithStop => "noun-with-stop",
            QuantityList::LeftVerb => "left-verb",
            QuantityList::PrefixVerb => "prefix-verb",
            QuantityList::LeftLink => "left-link",
            QuantityList::NotAmountBefore => "not-amount-before",
            QuantityList::VagueBefore => "vague-before",
            QuantityList::MoreAfter => "more-after",
            QuantityList::DateLeft => "date-left",
            QuantityList::VerbNounAfter => "verb-noun-after",
            QuantityList::OneCharObject => "one-char-object",
            QuantityList::ObjectPrefix => "object-prefix",
        }
    }
}

/// The lists of `time-words.tsv`: words of deadlines and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeList {
    /// What follows 年 in a deadline at the year's close (`底`, `末`); a `by` cue may follow.
    YearClose,
    /// What follows 年 in a deadline within the year (`内`, `度内`).
    YearEnd,
    /// What may follow N月 in a label naming a month (`底前`, `中旬`).
    MonthTail,
    /// Units of a short time, by base, after which `内` makes a limit (`小时`, `工作日`).
    ShortDuration,
    /// Units of time that name a programme when a [`TimeList::CircleEnd`] follows (`分钟`).
    CircleDuration,
    /// What ends such a programme's name (`圈`: `15分钟社区生活圈`).
    CircleEnd,
    /// Units of time (by base) a frame word makes a time frame (`年`, `个月`).
    FrameUnit,
    /// Words before such a number that make it a time frame (`近`, `过去`).
    FrameBefore,
    /// Words right after such a unit that make it a time frame or a deadline (`来`, `内`).
    FrameAfter,
    /// What a phase label opens with (`第`: `第一阶段`).
    PhaseOpen,
    /// What a phase label ends with (`阶段`, `季度`).
    PhaseEnd,
    /// Words naming the plan's year in a deadline (`今年`, `本年`).
    ThisYear,
    /// Words naming the year after the plan's (`明年`).
    NextYear,
    /// Single chars before 年 that make it a count of years or another year (`几`, `去`).
    YearCountBefore,
    /// What follows a quarter's number in a deadline at its end (`季度末`).
    QuarterEnd,
    /// What may follow N月 in a deadline, with its day ([`Lexicon::month_parts`]).
    MonthPart,
}

impl TimeList {
    pub const ALL: [TimeList; 16] = [
        TimeList::YearClose,
        TimeList::YearEnd,
        TimeList::MonthTail,
        TimeList::ShortDuration,
        TimeList::CircleDuration,
        TimeList::CircleEnd,
        TimeList::FrameUnit,
        TimeList::FrameBefore,
        TimeList::FrameAfter,
        TimeList::PhaseOpen,
        TimeList::PhaseEnd,
        TimeList::ThisYear,
        TimeList::NextYear,
        TimeList::YearCountBefore,
        TimeList::QuarterEnd,
        TimeList::MonthPart,
    ];

    /// The name in `time-words.tsv` (`year-end`).
    pub fn name(self) -> &'static str {
        match self {
            TimeList::YearClose => "year-close",
            TimeList::YearEnd => "year-end",
            TimeList::MonthTail => "month-tail",
            TimeList::ShortDuration => "short-duration",
            TimeList::CircleDuration => "circle-duration",
            TimeList::CircleEnd => "circle-end",
            TimeList::FrameUnit => "frame-unit",
            TimeList::FrameBefore => "frame-before",
            TimeList::FrameAfter => "frame-after",
            TimeList::PhaseOpen => "phase-open",
            TimeList::PhaseEnd => "phase-end",
            TimeList::ThisYear => "this-year",
            TimeList::NextYear => "next-year",
            TimeList::YearCountBefore => "year-count-before",
            TimeList::QuarterEnd => "quarter-end",
            TimeList::MonthPart => "month-part",
        }
    }
}

/// The day of the month a month-part word (`time-words.tsv`) falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthDay {
    /// This day (`上旬` → 10).
    Day(u8),
    /// The month's last day (`下旬`, `底`).
    Last,
}

/// The lists of `names.tsv`: words in the names of areas, offices and places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameList {
    /// Endings of area names (`市`, `自治区`).
    AreaEnding,
    /// Office words that belong to the issuer after its area (`人民政府办公室`).
    IssuerOffice,
    /// Suffixes bare place names share (`镇`, `街道`).
    PlaceSuffix,
    /// Endings of whole names (`新区`, `开发区`).
    WholePlace,
    /// Endings besides the unit endings that make a name no bare place name (`园`).
    NotBareEnding,
    /// Words that make a name no bare place name (`各`, `相关`).
    NotBare,
}

impl NameList {
    pub const ALL: [NameList; 6] = [
        NameList::AreaEnding,
        NameList::IssuerOffice,
        NameList::PlaceSuffix,
        NameList::WholePlace,
        NameList::NotBareEnding,
        NameList::NotBare,
    ];

    /// The name in `names.tsv` (`area-ending`).
    pub fn name(self) -> &'static str {
        match self {
            NameList::AreaEnding => "area-ending",
            NameList::IssuerOffice => "issuer-office",
            NameList::PlaceSuffix => "place-suffix",
            NameList::WholePlace => "whole-place",
            NameList::NotBareEnding => "not-bare-ending",
            NameList::NotBare => "not-bare",
        }
    }
}

/// The lists of `office-words.tsv`: words that name an office in a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeList {
    /// Words that name an office (`处室`, `科室`, `单位`).
    Office,
    /// Words that make a header holding an office word a lead column (`责任`).
    Duty,
}

impl OfficeList {
    pub const ALL: [OfficeList; 2] = [OfficeList::Office, OfficeList::Duty];

    /// The name in `office-words.tsv` (`duty`).
    pub fn name(self) -> &'static str {
        match self {
            OfficeList::Office => "office",
            OfficeList::Duty => "duty",
        }
    }
}

/// One line of `connectives.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connective {
    pub part: UnitPart,
    pub word: String,
    pub place: ConnectivePlace,
}

/// The words of plan tables: the built-in data ([`builtin`]), with what a lexicon file adds
/// ([`Lexicon::extended`]).
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Sorted by rank; within a rank in file order.
    header_words: Vec<HeaderWord>,
    periods: Vec<PeriodLabel>,
    units: Vec<UnitEntry>,
    rate_denominators: Vec<String>,
    cues: Vec<Cue>,
    connectives: Vec<Connective>,
    leader_titles: Vec<String>,
    collective_units: Vec<String>,
    /// `office-words.tsv`, in file order.
    office_words: Vec<(OfficeList, String)>,
    unit_endings: Vec<String>,
    /// Longest first.
    collective_kinds: Vec<String>,
    /// `names.tsv`, in file order.
    names: Vec<(NameList, String)>,
    /// `quantity-words.tsv`, in file order.
    quantity_words: Vec<(QuantityList, String)>,
    /// `time-words.tsv`, in file order.
    time_words: Vec<(TimeList, String)>,
    /// The month-part list of `time-words.tsv` with its days, in file order.
    month_parts: Vec<(String, MonthDay)>,
    /// The roles in order of precedence.
    roles: Vec<HeaderRole>,
}

/// The built-in lexicon, read from the data files on first use.
pub fn builtin() -> &'static Lexicon {
    static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
    BUILTIN.get_or_init(|| match Lexicon::from_data() {
        Ok(lexicon) => lexicon,
        // The data is compiled in and read by the tests: an error here is a broken build.
        Err(e) => panic!("built-in lexicon: {e}"),
    })
}

macro_rules! data {
    ($file:literal) => {
        ($file, include_str!(concat!("../data/", $file)))
    };
}

impl Lexicon {
    fn from_data() -> Result<Lexicon, LexiconError> {
        let roles = tsv::rows(data!("header-roles.tsv"), 1)?
            .iter()
            .map(|row| header_role(row.field(0)).ok_or_else(|| row.error("unknown role")))
            .collect::<Result<Vec<_>, _>>()?;
        let mut lexicon = Lexicon {
            header_words: Vec::new(),
            periods: Vec::new(),
            units: Vec::new(),
            rate_denominators: Vec::new(),
            cues: Vec::new(),
            connectives: Vec::new(),
            leader_titles: Vec::new(),
            collective_units: Vec::new(),
            names: Vec::new(),
            time_words: Vec::new(),
            month_parts: Vec::new(),
            quantity_words: Vec::new(),
            office_words: Vec::new(),
            unit_endings: Vec::new(),
            collective_kinds: Vec::new(),
            roles,
        };
        for row in &tsv::rows(data!("header-words.tsv"), 2)? {
            let role = header_role(row.field(0)).ok_or_else(|| row.error("unknown role"))?;
            let matching = match row.field(2) {
                "" | "contains" => Match::Contains,
                "whole" => Match::Whole,
                "prefix" => Match::Prefix,
                "suffix" => Match::Suffix,
                _ => return Err(row.error("match is contains, whole, prefix or suffix")),
            };
            lexicon.push_header_word(role, row.field(1), matching);
        }
        lexicon.sort_header_words();
        for row in &tsv::rows(data!("periods.tsv"), 1)? {
            let quarter =
                |k: usize| row.field(k).parse::<u8>().ok().filter(|q| (1..=4).contains(q));
            let quarters = match (row.field(1), row.field(2)) {
                ("", "") => None,
                _ => match (quarter(1), quarter(2)) {
                    (Some(first), Some(last)) if first <= last => Some((first, last)),
                    _ => return Err(row.error("quarters are 1 to 4, or none for a vague period")),
                },
            };
            lexicon.periods.push(PeriodLabel { label: row.field(0).to_string(), quarters });
        }
        // Longer labels first, so that `上半年度` is never read as `上半年` + `度`.
        lexicon.periods.sort_by_key(|p| std::cmp::Reverse(p.label.chars().count()));
        for row in &tsv::rows(data!("units.tsv"), 4)? {
            let entry = unit_entry(row.field(0), row.field(1), row.field(2), row.field(3))
                .map_err(|e| row.error(e))?;
            lexicon.units.push(entry);
        }
        for row in &tsv::rows(data!("rate-denominators.tsv"), 1)? {
            lexicon.rate_denominators.push(row.field(0).to_string());
        }
        for row in &tsv::rows(data!("cues.tsv"), 2)? {
            let place = match row.field(0) {
                "before" => CuePlace::Before,
                "before-bare" => CuePlace::BeforeBare,
                "distant" => CuePlace::Distant,
                "not-before" => CuePlace::NotBefore,
                "after" => CuePlace::After,
                "not-after" => CuePlace::NotAfter,
                "cumulative" => CuePlace::Cumulative,
                "total" => CuePlace::Total,
                "total-char" => CuePlace::TotalChar,
                "total-verb" => CuePlace::TotalVerb,
                "not-total" => CuePlace::NotTotal,
                "level" => CuePlace::Level,
                "whole-project" => CuePlace::WholeProject,
                "by" => CuePlace::By,
                _ => return Err(row.error("unknown place")),
            };
            let cmp = match row.field(2) {
                "" => None,
                "ge" => Some(CueCmp::Ge),
                "le" => Some(CueCmp::Le),
                "approx" => Some(CueCmp::Approx),
                _ => return Err(row.error("cmp is ge, le or approx")),
            };
            let needs_cmp = matches!(
                place,
                CuePlace::Before | CuePlace::BeforeBare | CuePlace::Distant | CuePlace::After
            );
            if needs_cmp != cmp.is_some() {
                return Err(row.error("a comparator cue needs cmp, other cues have none"));
            }
            lexicon.cues.push(Cue { place, word: row.field(1).to_string(), cmp });
        }
        for row in &tsv::rows(data!("connectives.tsv"), 2)? {
            let (part, place) = match row.field(0) {
                "lead-label" => (UnitPart::Lead, ConnectivePlace::Label),
                "support-label" => (UnitPart::Support, ConnectivePlace::Label),
                "lead-suffix" => (UnitPart::Lead, ConnectivePlace::Suffix),
                "support-suffix" => (UnitPart::Support, ConnectivePlace::Suffix),
                "first-leads" => (UnitPart::Lead, ConnectivePlace::FirstLeads),
                _ => return Err(row.error(
                    "kind is lead-label, support-label, lead-suffix, support-suffix or first-leads",
                )),
            };
            lexicon.connectives.push(Connective { part, word: row.field(1).to_string(), place });
        }
        let mut titles: Vec<String> = tsv::rows(data!("leader-titles.tsv"), 1)?
            .iter()
            .map(|row| row.field(0).to_string())
            .collect();
        titles.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        lexicon.leader_titles = titles;
        lexicon.office_words =
            tsv::word_lists(data!("office-words.tsv"), &OfficeList::ALL, OfficeList::name)?;
        for row in &tsv::rows(data!("unit-endings.tsv"), 1)? {
            lexicon.unit_endings.push(row.field(0).to_string());
        }
        for row in &tsv::rows(data!("collective-kinds.tsv"), 1)? {
            lexicon.collective_kinds.push(row.field(0).to_string());
        }
        lexicon.collective_kinds.sort_by_key(|k| std::cmp::Reverse(k.chars().count()));
        for row in &tsv::rows(data!("collective-units.tsv"), 1)? {
            lexicon.collective_units.push(row.field(0).to_string());
        }
        lexicon.names = tsv::word_lists(data!("names.tsv"), &NameList::ALL, NameList::name)?;
        lexicon.quantity_words =
            tsv::word_lists(data!("quantity-words.tsv"), &QuantityList::ALL, QuantityList::name)?;
        (lexicon.time_words, lexicon.month_parts) = time_words(data!("time-words.tsv"))?;
        Ok(lexicon)
    }

    fn push_header_word(&mut self, role: HeaderRole, word: &str, matching: Match) {
        let rank = self.roles.iter().position(|r| *r == role).unwrap_or(self.roles.len());
        self.header_words.push(HeaderWord { role, word: word.to_string(), matching, rank });
    }

    fn sort_header_words(&mut self) {
        // Stable: within a role the words keep their order.
        self.header_words.sort_by_key(|w| w.rank);
    }

    /// The built-in lexicon with what `file` adds.
    pub fn extended(&self, file: &LexiconFile) -> Lexicon {
        let mut lexicon = self.clone();
        file.apply(&mut lexicon);
        lexicon
    }

    /// The role one header line names (blanks removed): the role of highest precedence among
    /// the words found in it.
    pub fn header_line_role(&self, line: &str) -> Option<HeaderRole> {
        if line.is_empty() {
            return None;
        }
        self.header_words.iter().find(|w| w.matches(line)).map(|w| w.role)
    }

    /// The header words, in order of precedence.
    pub fn header_words(&self) -> &[HeaderWord] {
        &self.header_words
    }

    /// Period labels named by a word, longest first.
    pub fn periods(&self) -> &[PeriodLabel] {
        &self.periods
    }

    /// The unit table, in file order.
    pub fn units(&self) -> &[UnitEntry] {
        &self.units
    }

    /// The kind of a unit by its base (`公里` → length), if the table has it.
    pub fn unit_kind(&self, base: &str) -> Option<UnitKind> {
        self.units.iter().find(|u| u.base == base).map(|u| u.kind)
    }

    /// Units that may follow `/` in a rate.
    pub fn rate_denominators(&self) -> impl Iterator<Item = &str> {
        self.rate_denominators.iter().map(String::as_str)
    }

    /// The cues of one place, in file order.
    pub fn cues(&self, place: CuePlace) -> impl Iterator<Item = &Cue> {
        self.cues.iter().filter(move |c| c.place == place)
    }

    /// Connectives, in file order.
    pub fn connectives(&self) -> &[Connective] {
        &self.connectives
    }

    /// The connective words of one part and place, in file order.
    pub fn connective_words(
        &self,
        part: UnitPart,
        place: ConnectivePlace,
    ) -> impl Iterator<Item = &str> {
        self.connectives
            .iter()
            .filter(move |c| c.part == part && c.place == place)
            .map(|c| c.word.as_str())
    }

    /// Titles of officials, longest first.
    pub fn leader_titles(&self) -> impl Iterator<Item = &str> {
        self.leader_titles.iter().map(String::as_str)
    }

    /// The words of one list of `office-words.tsv`, in file order: words that name an office
    /// in a header (`处室`, `单位`), and the duty words that go with them (`责任`).
    pub fn office_words(&self, list: OfficeList) -> impl Iterator<Item = &str> {
        self.office_words.iter().filter(move |(l, _)| *l == list).map(|(_, w)| w.as_str())
    }

    /// Endings of unit names (`局`, `委员会`).
    pub fn unit_endings(&self) -> impl Iterator<Item = &str> {
        self.unit_endings.iter().map(String::as_str)
    }

    /// Kinds of units a `各…` collective names, longest first.
    pub fn collective_kinds(&self) -> impl Iterator<Item = &str> {
        self.collective_kinds.iter().map(String::as_str)
    }

    /// Unit names that contain `、` and are one unit.
    pub fn collective_units(&self) -> impl Iterator<Item = &str> {
        self.collective_units.iter().map(String::as_str)
    }

    /// The words of one list of `quantity-words.tsv`, in file order.
    pub fn quantity_words(&self, list: QuantityList) -> impl Iterator<Item = &str> {
        self.quantity_words.iter().filter(move |(l, _)| *l == list).map(|(_, w)| w.as_str())
    }

    /// The words of one list of `time-words.tsv`, in file order.
    pub fn time_words(&self, list: TimeList) -> impl Iterator<Item = &str> {
        self.time_words.iter().filter(move |(l, _)| *l == list).map(|(_, w)| w.as_str())
    }

    /// The month-part list of `time-words.tsv`: what may follow N月 in a deadline and the day
    /// it falls on, in file order.
    pub fn month_parts(&self) -> impl Iterator<Item = (&str, MonthDay)> {
        self.month_parts.iter().map(|(w, d)| (w.as_str(), *d))
    }

    /// The words of one list of `names.tsv`, in file order.
    pub fn names(&self, list: NameList) -> impl Iterator<Item = &str> {
        self.names.iter().filter(move |(l, _)| *l == list).map(|(_, w)| w.as_str())
    }
}

/// The lists of `time-words.tsv`, and the month-part words with their days.
type TimeWords = (Vec<(TimeList, String)>, Vec<(String, MonthDay)>);

/// Reads `time-words.tsv`: its lists, and the month-part words with their days.
fn time_words(file: (&'static str, &str)) -> Result<TimeWords, LexiconError> {
    let (mut words, mut parts) = (Vec::new(), Vec::new());
    for (list, row) in tsv::list_rows(file, &TimeList::ALL, TimeList::name)? {
        let day = row.field(2);
        if list == TimeList::MonthPart {
            let day = match day {
                "last" => MonthDay::Last,
                _ => match day.parse::<u8>() {
                    Ok(d) if (1..=28).contains(&d) => MonthDay::Day(d),
                    _ => return Err(row.error("the day is 1 to 28, or last")),
                },
            };
            parts.push((row.field(1).to_string(), day));
        } else if !day.is_empty() {
            return Err(row.error("only a month-part word has a day"));
        }
        words.push((list, row.field(1).to_string()));
    }
    Ok((words, parts))
}

fn header_role(name: &str) -> Option<HeaderRole> {
    use ColumnRole::*;
    let role = match name {
        "seq" => Seq,
        "section" => Section,
        "measure" => Measure,
        "goal" => Goal,
        "schedule" => Schedule,
        "lead" => Lead,
        "support" => Support,
        "deadline" => Deadline,
        "leaders" => Leaders,
        "progress" => Progress,
        "remarks" => Remarks,
        "other" => Other,
        "task" => return Some(HeaderRole::Task),
        "content" => return Some(HeaderRole::Content),
        "lead-generic" => return Some(HeaderRole::LeadGeneric),
        "ambiguous" => return Some(HeaderRole::Ambiguous),
        _ => return None,
    };
    Some(HeaderRole::Sure(role))
}

fn unit_part(name: &str) -> Option<UnitPart> {
    match name {
        "lead" => Some(UnitPart::Lead),
        "support" => Some(UnitPart::Support),
        _ => None,
    }
}

fn unit_entry(
    surface: &str,
    base: &str,
    class: &str,
    kind: &str,
) -> Result<UnitEntry, taizhang_i18n::Msg> {
    let class = match class {
        "counter" => UnitClass::Counter,
        "measure" => UnitClass::Measure,
        "money" => UnitClass::Money,
        "percent" => UnitClass::Percent,
        "noun" => UnitClass::Noun,
        _ => return Err(taizhang_i18n::msg!("lexicon.err.class")),
    };
    let kind = UnitKind::from_name(kind).ok_or_else(|| {
        let names: Vec<&str> = UnitKind::ALL.iter().map(|k| k.name()).collect();
        taizhang_i18n::msg!("lexicon.err.kind", kinds = names.join(", "))
    })?;
    let base = if base.is_empty() { surface } else { base };
    Ok(UnitEntry { surface: surface.to_string(), base: base.to_string(), class, kind })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnRole::*;

    #[test]
    fn every_word_list_has_words() {
        let lexicon = builtin();
        for list in NameList::ALL {
            assert!(lexicon.names(list).next().is_some(), "{}", list.name());
        }
        for list in QuantityList::ALL {
            assert!(lexicon.quantity_words(list).next().is_some(), "{}", list.name());
        }
        for list in TimeList::ALL {
            assert!(lexicon.time_words(list).next().is_some(), "{}", list.name());
        }
        for list in OfficeList::ALL {
            assert!(lexicon.office_words(list).next().is_some(), "{}", list.name());
        }
        assert!(lexicon.time_words(TimeList::ShortDuration).any(|w| w == "工作日"));
        assert!(lexicon.time_words(TimeList::FrameBefore).any(|w| w == "过去"));
        assert_eq!(lexicon.office_words(OfficeList::Duty).next(), Some("责任"));
        assert_eq!(lexicon.quantity_words(QuantityList::ObjectPrefix).next(), Some("其中"));
        assert_eq!(lexicon.names(NameList::IssuerOffice).next(), Some("人民政府办公厅"));
        assert!(lexicon.cues(CuePlace::By).any(|c| c.word == "以前"));
        assert_eq!(digit_char(2), Some('二'));
        assert_eq!(multiplier_char(10), Some('十'));
        assert!(is_numeral('两') && is_numeral('亿') && !is_numeral('年'));
    }

    #[test]
    fn month_parts_have_days() {
        let parts: Vec<_> = builtin().month_parts().collect();
        assert_eq!(parts[0], ("上旬", MonthDay::Day(10)));
        assert!(parts.contains(&("中旬", MonthDay::Day(20))));
        assert!(parts.contains(&("下旬", MonthDay::Last)));
        // Every month-part word is also in the time-word lists, under its own list.
        let listed = builtin().time_words(TimeList::MonthPart).count();
        assert_eq!(listed, parts.len());
    }

    #[test]
    fn a_line_added_to_time_words_is_read() {
        let text = include_str!("../data/time-words.tsv");
        let (_, before) = time_words(("time-words.tsv", text)).expect("reads");
        assert!(!before.iter().any(|(w, _)| w == "初"));
        let extended = format!("{text}month-part\t初\t5\n");
        let (words, after) = time_words(("time-words.tsv", &extended)).expect("reads");
        assert_eq!(after.len(), before.len() + 1);
        assert_eq!(after.last(), Some(&("初".to_string(), MonthDay::Day(5))));
        assert!(words.iter().any(|(l, w)| *l == TimeList::MonthPart && w == "初"));
        // A day out of range, or a day on a list that has none, is an error naming the line.
        let bad = format!("{text}month-part\t初\t31\n");
        assert!(time_words(("time-words.tsv", &bad)).is_err());
        let bad = format!("{text}month-tail\t初\t5\n");
        assert!(time_words(("time-words.tsv", &bad)).is_err());
    }

    #[test]
    fn the_data_reads() {
        let lexicon = builtin();
        assert!(lexicon.header_words().len() > 40);
        assert!(lexicon.units().len() > 100);
        assert_eq!(lexicon.periods()[0].label.chars().count(), 4);
        assert_eq!(lexicon.unit_kind("平方米"), Some(UnitKind::Area));
        assert_eq!(lexicon.unit_kind("元"), Some(UnitKind::Money));
        assert_eq!(lexicon.cues(CuePlace::Cumulative).count(), 2);
        assert_eq!(lexicon.cues(CuePlace::Total).count(), 4);
    }

    #[test]
    fn precedence_decides_between_roles() {
        let role = |line: &str| builtin().header_line_role(line);
        assert_eq!(role("原文表述具体措施"), Some(HeaderRole::Sure(Measure)));
        assert_eq!(role("2020年工作目标"), Some(HeaderRole::Sure(Goal)));
        assert_eq!(role("完成时间节点"), Some(HeaderRole::Sure(Schedule)));
        assert_eq!(role("责任单位配合"), Some(HeaderRole::Sure(Support)));
        assert_eq!(role("序"), Some(HeaderRole::Sure(Seq)));
        assert_eq!(role("序言"), None);
        assert_eq!(role("备注"), Some(HeaderRole::Sure(Remarks)));
        assert_eq!(role("牵头领导"), Some(HeaderRole::Sure(Leaders)));
        assert_eq!(role("责任单位"), Some(HeaderRole::LeadGeneric));
        assert_eq!(role("单位"), Some(HeaderRole::Ambiguous));
        assert_eq!(role("协作单位"), Some(HeaderRole::Sure(Support)));
        assert_eq!(role(""), None);
    }

    #[test]
    fn every_role_has_a_rank() {
        let lexicon = builtin();
        assert!(lexicon.header_words().iter().all(|w| w.rank < lexicon.roles.len()));
        assert!(lexicon.header_words().windows(2).all(|w| w[0].rank <= w[1].rank));
    }
}
