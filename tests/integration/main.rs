//! Integration tests: one binary, modules by concern.

mod cli;
mod export;
mod extraction;
mod generated;
mod incremental;
mod phrases;
mod quality;
mod quickwit_config;
mod relevance;
mod schema_doc;
mod util;
