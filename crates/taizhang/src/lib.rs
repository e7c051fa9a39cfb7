//! taizhang turns Chinese government annual plan tables into structured data.
//!
//! # Steps
//!
//! 1. [`taizhang_reader`] reads the tables of a .docx, .txt or .xlsx file.
//! 2. [`taizhang_parser`] structures a table into a [`taizhang_model::Plan`].
//! 3. [`taizhang_emit`] writes plans as JSON (with a JSON Schema), CSV, Excel or SQLite.
//! 4. [`taizhang_diff`] compares two plans; [`taizhang_check`] checks one.

pub use taizhang_model as model;
