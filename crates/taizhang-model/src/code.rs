//! The stable codes of reader warnings, plan warnings and check findings.
//!
//! Every code any crate writes is a variant here, and its string is fixed: the `code` fields
//! of the JSON hold [`Code::as_str`]. The strings are the ones taizhang has always written:
//! the check's are `area/name` (`measure/empty`); the reader's and most of the parser's are a
//! bare name (`title-row`, `empty-measure`), and a plan lists a reader warning as `read/` and
//! the reader's code. They are kept as they are, since consumers match on them: a renaming
//! would gain those consumers nothing. `empty-measure` (a plan warning) and `measure/empty`
//! (a check finding) name one fact in two documents.

/// Where a code is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// A reader warning (`Tables.warnings`), listed again in a plan as `read/` + the code.
    Read,
    /// A plan warning (`Plan.warnings`).
    Parse,
    /// A check finding (`CheckReport.findings`).
    Check,
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $text:literal in [$($area:ident),+];)+) => {
        /// A stable code. See the module documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)+
        }

        impl Code {
            /// Every code, in the order of the README's tables.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// The code as written in the JSON.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)+
                }
            }

            /// Where the code is written.
            pub const fn areas(self) -> &'static [Area] {
                match self {
                    $(Code::$variant => &[$(Area::$area),+],)+
                }
            }
        }
    };
}

codes! {
    /// A title above the header, not part of the table.
    TitleRow = "title-row" in [Read];
    /// Text outside any table (a title, a note under the table). No longer written: that text
    /// is data now (`Tables::preamble`, `Table::after`); kept so that older outputs read.
    SkippedText = "skipped-text" in [Read];
    /// A row shorter than the table, padded with empty cells (in a plan: `missing-cell`).
    PaddedRow = "padded-row" in [Read];
    /// A row longer than the header.
    LongRow = "long-row" in [Read];
    /// A header cell spanning several columns.
    HeaderSpan = "header-span" in [Read];
    /// A hidden sheet of a workbook.
    HiddenSheet = "hidden-sheet" in [Read];
    /// Workbook sheets that name a part (or a name) an earlier sheet has: read once.
    RepeatedSheet = "repeated-sheet" in [Read];
    /// A vertically merged cell that continues no merge.
    VmergeWithoutStart = "vmerge-without-start" in [Read];
    /// A page-layout table of an HTML page (its own text; the tables inside it are read).
    LayoutTable = "layout-table" in [Read];
    /// A `display:none` row with text in an HTML table.
    HiddenRow = "hidden-row" in [Read];
    /// Text formatted as hidden in a .docx or .doc cell: read as text (nothing is dropped),
    /// though Word does not show it.
    HiddenText = "hidden-text" in [Read];
    /// Bytes the detected encoding could not decode (replaced by U+FFFD).
    EncodingErrors = "encoding-errors" in [Read];
    /// A .doc whose compound file is damaged (a chain that loops or leaves the file): what
    /// could be read is kept.
    DamagedContainer = "damaged-container" in [Read];
    /// A .doc whose properties are cut short or run past their end: cut where they break.
    DamagedDocument = "damaged-document" in [Read];
    /// A .doc table row whose row end is missing.
    RowWithoutEnd = "row-without-end" in [Read];
    /// A numbered measure with no text (`10. `).
    EmptyMeasure = "empty-measure" in [Parse];
    /// A data row without a number of its own in a table whose rows are numbered.
    NoSeq = "no-seq" in [Parse];
    /// A row shorter than the table (the reader padded it).
    MissingCell = "missing-cell" in [Parse];
    /// A row repeating the header (a table continued on a new page).
    RepeatedHeader = "repeated-header" in [Parse];
    /// A `[bookmark: …]` marker left by a text export.
    BookmarkArtefact = "bookmark-artefact" in [Parse];
    /// Rows much wider than the header, reported once with their count.
    WideRow = "wide-row" in [Parse];
    /// The year was taken from the file name.
    YearFromFileName = "year-from-file-name" in [Parse];
    /// A running total lower than the amount before it.
    SeriesDecreasing = "series/decreasing" in [Check];
    /// The last running total of the year differs from the goal.
    SeriesFinalMismatch = "series/final-mismatch" in [Check];
    /// Amounts over the whole year neither add up to the goal nor end at it.
    SeriesSumMismatch = "series/sum-mismatch" in [Check];
    /// A goal amount no milestone mentions.
    GoalUnscheduled = "goal/unscheduled" in [Check];
    /// A period before the period above it.
    SchedulePeriodOrder = "schedule/period-order" in [Check];
    /// A period covering quarters the period above it covers.
    SchedulePeriodOverlap = "schedule/period-overlap" in [Check];
    /// A period the quarter model cannot place.
    ScheduleUnknownPeriod = "schedule/unknown-period" in [Parse, Check];
    /// A numbered measure with no text (the check's name of `empty-measure`).
    MeasureEmpty = "measure/empty" in [Check];
    /// An item with no lead unit.
    ItemNoLead = "item/no-lead" in [Check];
    /// A row that repeats an earlier row.
    ItemDuplicate = "item/duplicate" in [Check];
}

impl Code {
    /// The code written as `text`, if any.
    pub fn from_code_str(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }

    /// The codes written in `area`.
    pub fn of(area: Area) -> impl Iterator<Item = Code> {
        Code::ALL.iter().copied().filter(move |c| c.areas().contains(&area))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let text = String::deserialize(deserializer)?;
        Code::from_code_str(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown code `{text}`")))
    }
}

impl From<Code> for String {
    fn from(code: Code) -> String {
        code.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_read_back() {
        for (k, code) in Code::ALL.iter().enumerate() {
            assert_eq!(Code::from_code_str(code.as_str()), Some(*code));
            assert!(Code::ALL[..k].iter().all(|c| c.as_str() != code.as_str()), "{code}");
        }
        assert_eq!(Code::from_code_str("nope"), None);
        assert_eq!(Code::of(Area::Check).count(), 10);
        let json = serde_json::to_string(&Code::MeasureEmpty).expect("json");
        assert_eq!(json, "\"measure/empty\"");
        assert_eq!(serde_json::from_str::<Code>(&json).expect("a code"), Code::MeasureEmpty);
        assert!(serde_json::from_str::<Code>("\"nope\"").is_err());
    }
}
