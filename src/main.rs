//! The `ashyq` binary: the command line of the library (see `cli`).

// The print macros panic on a closed pipe or a full disk: all text goes through `cli::console`.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::run().into()
}

// Thousands of small strings per build, from two threads: mimalloc is markedly faster than the
// system allocator here (see bench/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
