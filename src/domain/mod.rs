//! The domain (DESIGN.md §6): facts every stage shares. Imports nothing else of ours.

pub mod acts;
pub mod calendar;
pub mod dates;
pub mod kind;
pub mod lang;
pub mod path;
