//! ashyq («ашық», *open*): a static site generator for the bilingual (Kazakh and Russian)
//! publication of an organisation's internal analysis of corruption risks.
//!
//! The pipeline, one module per stage (DESIGN.md §6):
//!
//! ```text
//! content -> site -> markdown/render -> output
//! (load)     (model)  (pages to HTML)    (public/ or memory)
//! ```
//!
//! This file is the index; the pipeline itself is in [`build`](mod@build): load the folder,
//! place the pages, render them in parallel, write them, swap the new tree in.

// The print macros panic on a closed pipe or a full disk: all text goes through `console`.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod build;
pub mod check;
pub mod content;
pub mod deploy;
pub mod diagnostic;
pub mod domain;
pub mod import;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod workspace;
