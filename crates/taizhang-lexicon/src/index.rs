//! Word lists looked up at every position of a text.
//!
//! The extractor tests lists of up to a hundred words (verbs, stop words, links) at each
//! position it walks over. Comparing every word there costs a hundred UTF-8 decodings per
//! position; a [`WordIndex`] keeps the words as chars, grouped by their first and by their
//! last char, so a position is tested only against the few words that can match at all.

/// A word list indexed by first and last char. Lookups yield the matching words in list
/// order, as (index in the list, char length), so `find`, `any` and `max_by_key` over them
/// give what they give over the list.
#[derive(Debug)]
pub struct WordIndex {
    /// The words' chars, one after the other.
    chars: Vec<char>,
    /// Where each word is in `chars`, in list order.
    spans: Vec<(usize, usize)>,
    /// (first char, word index) of every word, sorted: the words starting with a char are
    /// a run, in list order.
    by_first: Vec<(char, usize)>,
    /// The same by last char.
    by_last: Vec<(char, usize)>,
    /// Bit `c % 1024` of each first char, then of each last char: most chars of a text
    /// start or end no word, and are turned away with one test.
    first_bits: Bits,
    last_bits: Bits,
}

impl WordIndex {
    /// The index of `list`. Panics on an empty word: every list is checked when it is read.
    pub fn new<'w>(list: impl IntoIterator<Item = &'w str>) -> WordIndex {
        let mut chars = Vec::new();
        let mut spans = Vec::new();
        for word in list {
            let start = chars.len();
            chars.extend(word.chars());
            assert!(chars.len() > start, "no empty word in a lexicon");
            spans.push((start, chars.len()));
        }
        let index = |key: fn(&(usize, usize)) -> usize| {
            let mut index: Vec<(char, usize)> =
                spans.iter().enumerate().map(|(k, span)| (chars[key(span)], k)).collect();
            index.sort_unstable();
            index
        };
        let by_first = index(|&(start, _)| start);
        let by_last = index(|&(_, end)| end - 1);
        let first_bits = Bits::of(by_first.iter().map(|e| e.0));
        let last_bits = Bits::of(by_last.iter().map(|e| e.0));
        WordIndex { chars, spans, by_first, by_last, first_bits, last_bits }
    }

    fn word(&self, k: usize) -> &[char] {
        let (start, end) = self.spans[k];
        &self.chars[start..end]
    }

    /// The words written at `at` (`chars[at..]` starts with them).
    pub fn starting_at<'a>(
        &'a self,
        chars: &'a [char],
        at: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let first = chars.get(at).copied().filter(|&c| self.first_bits.has(c));
        let run = first.map_or(&[][..], |c| run(&self.by_first, c));
        run.iter().filter_map(move |&(_, k)| {
            let w = self.word(k);
            (chars.get(at..at + w.len()) == Some(w)).then_some((k, w.len()))
        })
    }

    /// The words ending at `end` (`chars[..end]` ends with them).
    pub fn ending_at<'a>(
        &'a self,
        chars: &'a [char],
        end: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let last = end.checked_sub(1).and_then(|k| chars.get(k)).copied();
        let run =
            last.filter(|&c| self.last_bits.has(c)).map_or(&[][..], |c| run(&self.by_last, c));
        run.iter().filter_map(move |&(_, k)| {
            let w = self.word(k);
            let start = end.checked_sub(w.len())?;
            (chars[start..end] == *w).then_some((k, w.len()))
        })
    }
}

/// The entries of `index` keyed by `c`.
fn run(index: &[(char, usize)], c: char) -> &[(char, usize)] {
    let from = index.partition_point(|e| e.0 < c);
    let to = from + index[from..].partition_point(|e| e.0 == c);
    &index[from..to]
}

/// A set of chars by their code point modulo 1024: a char outside it is surely not in the
/// set it was built from.
#[derive(Debug)]
struct Bits([u64; 16]);

impl Bits {
    fn of(chars: impl Iterator<Item = char>) -> Bits {
        let mut bits = [0u64; 16];
        for c in chars {
            let b = c as usize % 1024;
            bits[b / 64] |= 1 << (b % 64);
        }
        Bits(bits)
    }

    fn has(&self, c: char) -> bool {
        let b = c as usize % 1024;
        self.0[b / 64] & (1 << (b % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_in_list_order() {
        let index = WordIndex::new(["建设", "新建", "建", "设"]);
        let chars: Vec<char> = "新建设".chars().collect();
        let starting: Vec<(usize, usize)> = index.starting_at(&chars, 1).collect();
        assert_eq!(starting, [(0, 2), (2, 1)]);
        let ending: Vec<(usize, usize)> = index.ending_at(&chars, 2).collect();
        assert_eq!(ending, [(1, 2), (2, 1)]);
        assert_eq!(index.ending_at(&chars, 0).count(), 0);
        assert_eq!(index.ending_at(&chars, 4).count(), 0);
        assert_eq!(index.starting_at(&chars, 3).count(), 0);
    }
}
