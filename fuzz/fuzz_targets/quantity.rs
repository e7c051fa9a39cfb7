//! Any text → `taizhang_parser::quantity::extract`, checking what the output contract promises
//! of every quantity: its offsets are char offsets of its own text, in order, never
//! overlapping.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let quantities = taizhang_parser::quantity::extract(text);
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for q in &quantities {
        assert!(q.start < q.end && q.end <= chars.len(), "span {}..{} of {text:?}", q.start, q.end);
        let span: String = chars[q.start..q.end].iter().collect();
        assert_eq!(span, q.text, "text of {}..{} in {text:?}", q.start, q.end);
        assert!(q.start >= last_end, "{:?} overlaps the quantity before it in {text:?}", q.text);
        last_end = q.end;
    }
});
