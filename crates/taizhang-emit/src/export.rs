//! Exports of a plan to CSV, Excel and SQLite.
