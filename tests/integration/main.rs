//! Integration tests: one binary, modules by concern.

mod cli;
mod extraction;
mod incremental;
mod quality;
mod relevance;
mod schema_doc;
mod util;
