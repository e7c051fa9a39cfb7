//! Word lists looked up at every position of a text.
//!
//! The extractor tests lists of up to a hundred words (verbs, stop words, links) at each
//! position it walks over. Comparing every word there costs a hundred UTF-8 decodings per
//! position; a [`Lexicon`] keeps the words as chars, grouped by their first and by their last
//! char, so a position is tested only against the few words that can match at all.

/// A word list indexed by first and last char. Lookups yield the matching words in list
/// order, as (index in the list, char length), so `find`, `any` and `max_by_key` over them
/// give what they give over the list.
#[derive(Debug)]
pub(crate) struct Lexicon {
    words: Vec<Vec<char>>,
    /// Each first char with the indices of the words starting with it, in list order;
    /// sorted by char.
    by_first: Vec<(char, Vec<usize>)>,
    /// The same by last char.
    by_last: Vec<(char, Vec<usize>)>,
    /// Bit `c % 1024` of each first char, then of each last char: most chars of a text
    /// start or end no word, and are turned away with one test.
    first_bits: Bits,
    last_bits: Bits,
}

/// The lexicon of a constant word list, built on first use.
macro_rules! lexicon {
    ($words:expr) => {{
        static LEXICON: std::sync::OnceLock<$crate::quantity::lexicon::Lexicon> =
            std::sync::OnceLock::new();
        LEXICON.get_or_init(|| $crate::quantity::lexicon::Lexicon::new($words))
    }};
}
pub(crate) use lexicon;

impl Lexicon {
    pub fn new<'w>(list: impl IntoIterator<Item = &'w str>) -> Lexicon {
        let words: Vec<Vec<char>> = list.into_iter().map(|w| w.chars().collect()).collect();
        let index = |key: fn(&[char]) -> Option<&char>| {
            let mut groups: Vec<(char, Vec<usize>)> = Vec::new();
            for (k, chars) in words.iter().enumerate() {
                let c = *key(chars).expect("no empty word in a lexicon");
                match groups.iter_mut().find(|g| g.0 == c) {
                    Some(group) => group.1.push(k),
                    None => groups.push((c, vec![k])),
                }
            }
            groups.sort_by_key(|g| g.0);
            groups
        };
        let by_first = index(<[char]>::first);
        let by_last = index(<[char]>::last);
        let first_bits = Bits::of(by_first.iter().map(|g| g.0));
        let last_bits = Bits::of(by_last.iter().map(|g| g.0));
        Lexicon { words, by_first, by_last, first_bits, last_bits }
    }

    /// The words written at `at` (`chars[at..]` starts with them).
    pub fn starting_at<'a>(
        &'a self,
        chars: &'a [char],
        at: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let first = chars.get(at).copied().filter(|&c| self.first_bits.has(c));
        let group = first.map_or(&[][..], |c| group(&self.by_first, c));
        group.iter().filter_map(move |&k| {
            let w = &self.words[k];
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
        let group =
            last.filter(|&c| self.last_bits.has(c)).map_or(&[][..], |c| group(&self.by_last, c));
        group.iter().filter_map(move |&k| {
            let w = &self.words[k];
            let start = end.checked_sub(w.len())?;
            (chars[start..end] == w[..]).then_some((k, w.len()))
        })
    }
}

fn group(index: &[(char, Vec<usize>)], c: char) -> &[usize] {
    index.binary_search_by_key(&c, |g| g.0).map_or(&[], |k| &index[k].1)
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
        let lexicon = Lexicon::new(["建设", "新建", "建", "设"]);
        let chars: Vec<char> = "新建设".chars().collect();
        let starting: Vec<(usize, usize)> = lexicon.starting_at(&chars, 1).collect();
        assert_eq!(starting, [(0, 2), (2, 1)]);
        let ending: Vec<(usize, usize)> = lexicon.ending_at(&chars, 2).collect();
        assert_eq!(ending, [(1, 2), (2, 1)]);
        assert_eq!(lexicon.ending_at(&chars, 0).count(), 0);
        assert_eq!(lexicon.ending_at(&chars, 4).count(), 0);
        assert_eq!(lexicon.starting_at(&chars, 3).count(), 0);
    }
}
