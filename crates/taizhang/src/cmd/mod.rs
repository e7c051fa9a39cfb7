//! One module per subcommand; each has its clap `Args` and a `run` returning the exit code.

pub mod check;
pub mod diff;
pub mod export;
pub mod parse;
pub mod quantities;
pub mod read;
pub mod schema;
