//! The end-to-end tests, one module per area, linked into one test binary: each binary links
//! the whole pipeline with the bundled SQLite, so one binary instead of one per file is most of
//! the build time saved. Run one area with `cargo test -p taizhang-tests --test suite -- read::`.

mod browser;
mod check;
mod diff;
mod doc;
mod docx_corpus;
mod docx_features;
mod export;
mod formats_agree;
mod formats_web;
mod hostile;
mod layouts;
mod lossless;
mod parse;
mod quantities;
mod read;
mod reports_zh;
mod schemas;
