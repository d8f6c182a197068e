//! Integration tests: one binary, modules by concern.

mod cli;
mod extraction;
mod quality;
mod schema_doc;
mod util;
