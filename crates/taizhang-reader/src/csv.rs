//! Comma-separated values as Excel and WPS write them (the `csv` crate, RFC 4180 quoting):
//! a field holding a comma, a quote or a line break is quoted, `""` is a quote, and a line
//! break inside quotes is a paragraph break of the cell. The text is decoded as a .txt is
//! (see [`crate::encoding`]): "CSV UTF-8" comes with a BOM, plain "CSV" on a Chinese
//! Windows is GBK/GB18030 without one.
//!
//! CSV is recognised by its content, not its name, and must not take TSV or the
//! cell-per-line layout away from the .txt reader: text is CSV when it has at least two
//! records, all of the same number of fields (two or more), and fewer TABs than field
//! separators. A file named `.csv` only needs the latter (a ragged file is read with its
//! short records padded, `padded-row`). The header is found as for .txt; every record is a
//! row, each field one cell.

use taizhang_model::table::{Cell, ReadWarning, Row, Table};

use crate::{Options, ReadError};

/// The table of a CSV file, with what was noticed on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CsvOutput {
    pub tables: Vec<Table>,
    pub warnings: Vec<ReadWarning>,
}

/// Reads `text` (already decoded) as CSV if it is CSV; `None` when it is not (it is then
/// some other text layout). `extension` is the file name's, lowercased.
pub fn read_csv(
    file: &str,
    text: &str,
    extension: &str,
    options: &Options,
) -> Result<Option<CsvOutput>, ReadError> {
    let named_csv = extension == "csv";
    // Cheap refusals first: text without a comma outside TABs' territory is never CSV.
    let commas = memchr::memchr_iter(b',', text.as_bytes()).count();
    if commas == 0 && !named_csv {
        return Ok(None);
    }
    let tabs = memchr::memchr_iter(b'\t', text.as_bytes()).count();
    if tabs >= commas && tabs > 0 {
        return Ok(None);
    }
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut cells = 0usize;
    let mut separators = 0usize;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                if !named_csv {
                    return Ok(None);
                }
                let line = e.position().map_or(0, csv::Position::line);
                return Err(ReadError::Encoding {
                    file: file.to_string(),
                    reason: taizhang_i18n::msg!("read.csv.bad", line = line, cause = e),
                });
            }
        }
        cells += record.len();
        separators += record.len().saturating_sub(1);
        if cells > options.max_cells {
            return Err(ReadError::Limit {
                file: file.to_string(),
                part: None,
                reason: taizhang_i18n::msg!("read.csv.too-many-fields", max = options.max_cells),
            });
        }
        records.push(record.iter().map(str::to_string).collect());
    }
    // A lone empty field is a blank line the csv crate kept (a final line of spaces).
    while records.last().is_some_and(|r| r.len() == 1 && r[0].trim().is_empty()) {
        records.pop();
    }
    let widest = records.iter().map(Vec::len).max().unwrap_or(0);
    let regular = records.len() >= 2 && widest >= 2 && records.iter().all(|r| r.len() == widest);
    let is_csv = tabs < separators && (regular || (named_csv && !records.is_empty()));
    if !is_csv {
        return Ok(None);
    }

    let mut output = CsvOutput::default();
    let mut rows = Vec::with_capacity(records.len());
    for (index, record) in records.into_iter().enumerate() {
        let found = record.len();
        let mut cells: Vec<Cell> =
            record.iter().map(|field| Cell::from_paragraphs(paragraphs(field))).collect();
        if found < widest {
            cells.resize_with(widest, || Cell::from_paragraphs(Vec::new()));
            output.warnings.push(ReadWarning {
                table: 0,
                row: index,
                code: taizhang_model::Code::PaddedRow.into(),
                message: crate::warning_text(taizhang_i18n::msg!(
                    "padded-row.csv",
                    row = index,
                    found = found,
                    widest = widest,
                    added = widest - found
                )),
            });
        }
        rows.push(Row { cells, ..Row::default() });
    }
    output.tables.push(Table::with_rows(0, rows));
    Ok(Some(output))
}

/// A field's paragraphs: split at line breaks (LF, CRLF or CR alike).
fn paragraphs(field: &str) -> Vec<String> {
    field.replace("\r\n", "\n").replace('\r', "\n").split('\n').map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> Option<CsvOutput> {
        read_csv(name, text, name.rsplit('.').next().unwrap_or(""), &Options::default()).unwrap()
    }

    fn texts(out: &CsvOutput) -> Vec<Vec<String>> {
        out.tables[0]
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn quoted_fields_keep_commas_quotes_and_line_breaks() {
        let text =
            "序号,任务,牵头单位\r\n1,\"二期,完成\",\"城建局\n交通局\"\r\n2,\"说\"\"好\"\"的\",\r\n";
        let out = read("a.txt", text).expect("CSV by content");
        assert_eq!(
            texts(&out),
            [
                vec!["序号", "任务", "牵头单位"],
                vec!["1", "二期,完成", "城建局\n交通局"],
                vec!["2", "说\"好\"的", ""],
            ]
        );
        assert_eq!(out.tables[0].rows[1].cells[2].paragraphs(), ["城建局", "交通局"]);
        assert!(out.warnings.is_empty());
    }

    #[test]
    fn tsv_and_cell_per_line_text_are_not_csv() {
        // TSV with a comma in a cell: more TABs than commas.
        assert!(read("a.txt", "序号\t任务\n1\t建设,完成\n2\t招标\n").is_none());
        // The cell-per-line layout, with ASCII commas in its text.
        assert!(read("a.txt", "\t原文表述\n\t二期,完成\n\n\t1,2\n\t3\n").is_none());
        // Even when named .csv, a file of TABs is the .txt reader's.
        assert!(read("a.csv", "a\tb\tc\n1\t2,3\t4\n").is_none());
        // Prose with commas but ragged records is not CSV by content.
        assert!(read("a.txt", "第一句,第二句\n第三句\n").is_none());
    }

    #[test]
    fn a_file_named_csv_may_be_ragged() {
        let out = read("a.csv", "a,b,c\n1,2\n").expect("named .csv");
        assert_eq!(texts(&out), [vec!["a", "b", "c"], vec!["1", "2", ""]]);
        assert_eq!(out.tables[0].rows[1].cells[2].paragraph_count(), 0, "padding, not a field");
        assert_eq!(out.warnings[0].code, "padded-row");
    }

    #[test]
    fn a_trailing_line_break_inside_quotes_is_an_empty_paragraph() {
        let out = read("a.txt", "a,b\n1,\"收回商铺。\n\"\n").unwrap();
        assert_eq!(out.tables[0].rows[1].cells[1].paragraphs(), ["收回商铺。", ""]);
    }

    #[test]
    fn fields_beyond_the_cell_limit_are_refused() {
        let options = Options { max_cells: 5, ..Options::default() };
        let err = read_csv("a.csv", "a,b,c\n1,2,3\n", "csv", &options).unwrap_err();
        assert!(err.to_string().contains("more than 5 fields"), "{err}");
    }
}
