//! Integration tests: one binary, modules by concern.

mod cli;
mod extraction;
mod generated;
mod quality;
mod relevance;
mod schema_doc;
mod util;
