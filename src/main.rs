//! The `zhfix` command: a thin client of the `zhfix` library.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
