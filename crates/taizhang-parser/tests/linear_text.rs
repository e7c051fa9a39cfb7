//! Hostile texts for the scanners of the quantity extractor, the schedule splitter and the
//! deadline reader: long runs of numerals (`十十十…`, `亿亿亿…`), long chains of period
//! labels, long runs of digits and blanks. Each must take time proportional to its length.
//!
//! Two checks per shape: an absolute limit at 100,000 chars (100 ms in an optimized build;
//! in a debug build, which runs this code about twenty times slower, 2 s), and the slope:
//! four times the text must take under twelve times as long (sixteen is the factor a scanner that
//! rescans from each position shows). Both are far from what linear code takes and far below
//! what a quadratic regression takes (seconds to minutes at this size), so a loaded machine
//! does not make them flaky.

use std::time::{Duration, Instant};

use taizhang_parser::{parse_schedule, quantity, text};

/// The limit for one pass over 100,000 chars.
fn limit() -> Duration {
    if cfg!(debug_assertions) {
        Duration::from_secs(2)
    } else {
        Duration::from_millis(100)
    }
}

/// The fastest of three runs of `f` (the least disturbed by other work on the machine).
fn fastest(f: &dyn Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Every scanner over `text`.
fn scan_all(text: &str) {
    std::hint::black_box(quantity::extract(text));
    std::hint::black_box(parse_schedule(text));
    std::hint::black_box(text::deadlines(text, Some(2020), true));
    std::hint::black_box(text::goal_points(text));
    std::hint::black_box(text::heading_text(text));
}

/// Makes a text of about the length given.
type Shape = Box<dyn Fn(usize) -> String>;

fn shapes() -> Vec<(&'static str, Shape)> {
    vec![
        ("十", Box::new(|n| "十".repeat(n))),
        ("亿", Box::new(|n| "亿".repeat(n))),
        ("一", Box::new(|n| "一".repeat(n))),
        ("十 then 月", Box::new(|n| format!("{}月底前", "十".repeat(n)))),
        ("百分之 then 十", Box::new(|n| format!("百分之{}", "十".repeat(n)))),
        ("一二 pairs", Box::new(|n| "一二".repeat(n / 2))),
        ("quarter chain", Box::new(|n| "一季度、".repeat(n / 4))),
        ("quarter list", Box::new(|n| format!("{}季度", "一、".repeat(n / 2)))),
        ("digits", Box::new(|n| "1".repeat(n))),
        ("digits and commas", Box::new(|n| "1,000".repeat(n / 5))),
        ("blanks then a number", Box::new(|n| format!("{}5个", " ".repeat(n)))),
        ("clauses", Box::new(|n| "。一".repeat(n / 2))),
        ("cue words", Box::new(|n| "累计完成".repeat(n / 4) + "5个")),
        ("numbers without units", Box::new(|n| "建设5".repeat(n / 3))),
        ("numbers with units", Box::new(|n| "新建学校5所".repeat(n / 6))),
    ]
}

#[test]
fn a_hundred_thousand_chars_of_any_shape_scan_within_the_limit() {
    for (name, make) in shapes() {
        let text = make(100_000);
        let took = fastest(&|| scan_all(&text));
        eprintln!("{name}: {took:?}");
        assert!(took < limit(), "{name}: {took:?} for 100,000 chars (limit {:?})", limit());
    }
}

#[test]
fn four_times_the_text_takes_about_four_times_as_long() {
    for (name, make) in shapes() {
        let (small, large) = (make(25_000), make(100_000));
        // A quadratic scan gives 16× every time; a busy machine gives a high ratio now and
        // then: the shape fails only when three measurements in a row are above 12×.
        let mut ratios = Vec::new();
        for _ in 0..3 {
            let t_small = fastest(&|| scan_all(&small));
            let t_large = fastest(&|| scan_all(&large));
            // Below a millisecond, timer and cache noise dominate: only the limit above applies.
            if t_large < Duration::from_millis(2) {
                ratios.clear();
                break;
            }
            let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
            ratios.push(format!("{ratio:.1}× ({t_small:?} → {t_large:?})"));
            if ratio < 12.0 {
                ratios.clear();
                break;
            }
        }
        assert!(ratios.is_empty(), "{name}: 4× the text took {}", ratios.join(", then "));
    }
}

#[test]
fn the_hostile_runs_give_no_quantities_and_lose_nothing() {
    assert!(quantity::extract(&"十".repeat(100_000)).is_empty());
    assert!(quantity::extract(&"亿".repeat(100_000)).is_empty());
    // A real number after a long run is still read.
    let text = format!("{}，新建学校5所", "十".repeat(1000));
    let found = quantity::extract(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].value, Some(5.0));
}
