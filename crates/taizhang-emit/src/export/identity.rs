//! Who issued a plan, which plan it is, and the ids every export gives its rows.
//!
//! A plan's **content fingerprint** is the SHA-256 of its year and of what each item says:
//! section, measure text, goal, the schedule's periods and texts, lead and supporting units,
//! in table order, with all whitespace removed. Row numbers, `（N）` and `N.` numbering, cell
//! layout and the file format do not enter it, so the same table read from .docx and from
//! .txt has the same fingerprint, and any change of wording, a unit or a period gives another.
//!
//! Ids are derived from the fingerprint, never from load order or paths: the plan's id (53
//! bits, exact in Excel and JSON) from the fingerprint alone, a row's id (63 bits, SQLite
//! only) from the fingerprint, its table and its position among the plan's rows of that
//! table: each table's rows of one plan have consecutive ids from a start derived from the
//! fingerprint and the table (a source's warnings from the source too). Exporting the same
//! content again, from any file and into any database, gives the same ids.
//!
//! Plans with the same **lineage** (issuer, year and title, nulls included) are revisions of
//! one plan: each new content of a lineage is its next revision.

use sha2::{Digest, Sha256};
use taizhang_model::Plan;

/// What identifies one plan in a ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// `plans.id`: from the fingerprint, below 2^53.
    pub id: i64,
    /// The content fingerprint, lowercase hex SHA-256.
    pub fingerprint: String,
    /// The city or office that issued the plan, when the document or `--issuer` names it.
    pub issuer: Option<String>,
    pub year: Option<i32>,
    /// The plan's title, when the document has one.
    pub title: Option<String>,
    /// The source as the plan records it.
    pub file: String,
    pub format: String,
    pub sha256: String,
    pub table: Option<i64>,
}

impl Identity {
    /// The identity of `plan`: issuer and title as the plan records them (the parser takes
    /// them from the document), else `issuer`, the name given on the command line; its year
    /// and source, the fingerprint and the id.
    pub fn of(plan: &Plan, issuer: Option<&str>) -> Identity {
        let fingerprint = fingerprint(plan);
        let issuer = plan
            .issuer
            .clone()
            .or_else(|| issuer.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned));
        let format = serde_json::to_value(plan.source.format)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        Identity {
            // 53 bits: spreadsheets and JSON readers hold it exactly as a number.
            id: id63(&[b"plan", fingerprint.as_bytes()]) >> 10,
            fingerprint,
            issuer,
            year: plan.year,
            title: plan.title.clone(),
            file: plan.source.file.clone(),
            format,
            sha256: plan.source.sha256.clone(),
            table: plan.source.table.and_then(|t| i64::try_from(t).ok()),
        }
    }

    /// The key revisions share: issuer, year and title (a JSON array, nulls kept).
    pub fn lineage(&self) -> String {
        serde_json::to_string(&(&self.issuer, self.year, &self.title)).unwrap_or_default()
    }

    /// The id of row `key` of table `table` of this plan.
    pub fn row_id(&self, table: &str, key: &str) -> i64 {
        id63(&[self.fingerprint.as_bytes(), table.as_bytes(), key.as_bytes()])
    }

    /// The ids of the rows of table `table` of this plan (`scope` tells apart several runs
    /// of one table, such as the warnings of each source), in the order the rows come: a
    /// run of consecutive ids from a start derived from the fingerprint, the table and the
    /// scope. The same rows of the same content get the same ids in every export; and a plan's
    /// rows go into SQLite's tables and indexes in key order, each next to the one before,
    /// rather than each at a random place of a table bigger than the page cache.
    pub fn row_ids(&self, table: &str, scope: &str) -> RowIds {
        // Below 2^62, so that a run of up to 2^62 rows stays positive.
        let start =
            id63(&[self.fingerprint.as_bytes(), b"run", table.as_bytes(), scope.as_bytes()]) >> 1;
        RowIds { next: start.max(1) }
    }
}

/// Consecutive row ids (see [`Identity::row_ids`]).
#[derive(Debug, Clone)]
pub struct RowIds {
    next: i64,
}

impl RowIds {
    /// The id of the next row.
    pub fn next_id(&mut self) -> i64 {
        let id = self.next;
        self.next = self.next.saturating_add(1);
        id
    }
}

/// The content fingerprint of `plan` (see the module documentation).
pub fn fingerprint(plan: &Plan) -> String {
    let mut hash = Sha256::new();
    let mut put = |text: &str| {
        let mut buf = [0u8; 4];
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            hash.update(c.encode_utf8(&mut buf).as_bytes());
        }
        // A separator no cell holds: `ab`+`c` and `a`+`bc` hash differently.
        hash.update([0x1f]);
    };
    put(&plan.year.map(|y| y.to_string()).unwrap_or_default());
    for item in &plan.items {
        put("\u{1e}");
        put(item.section.as_deref().unwrap_or_default());
        put(item.measure.as_ref().map_or("", |m| m.text.as_str()));
        put(&item.goal.text);
        for m in &item.schedule {
            put(m.topic.as_deref().unwrap_or_default());
            put(m.label.as_deref().unwrap_or_default());
            put(&m.text);
        }
        put("\u{1d}");
        for unit in &item.lead {
            put(unit);
        }
        put("\u{1d}");
        for unit in &item.support {
            put(unit);
        }
    }
    hex(&hash.finalize())
}

/// The item's section, measure and goal without digits or whitespace, hashed (16 hex
/// digits): two revisions of an item that differ only in their numbers (`完成投资10亿元` →
/// `完成投资12亿元`) have the same shape.
pub fn shape(item: &taizhang_model::Item) -> String {
    let mut hash = Sha256::new();
    let mut buf = [0u8; 4];
    let texts = [
        item.section.as_deref().unwrap_or_default(),
        item.measure.as_ref().map_or("", |m| m.text.as_str()),
        item.goal.text.as_str(),
    ];
    for text in texts {
        let kept = text.chars().filter(|c| {
            !(c.is_whitespace() || c.is_ascii_digit() || ('０'..='９').contains(c) || *c == '.')
        });
        for c in kept {
            hash.update(c.encode_utf8(&mut buf).as_bytes());
        }
        hash.update([0x1f]);
    }
    hex(&hash.finalize()[..8])
}

/// A positive 63-bit id from the SHA-256 of `parts`.
fn id63(parts: &[&[u8]]) -> i64 {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part);
        hash.update([0x1f]);
    }
    let digest = hash.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    // Never 0: SQLite and people read 0 as "no id".
    i64::from_be_bytes(first).wrapping_abs().max(1) & i64::MAX
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_positive_and_differ() {
        let a = id63(&[b"plan", b"a"]);
        let b = id63(&[b"plan", b"b"]);
        assert!(a > 0 && b > 0 && a != b);
        assert_eq!(a, id63(&[b"plan", b"a"]));
    }
}
