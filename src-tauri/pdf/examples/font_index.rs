//! Builds the font index and exits: run as a whole process to time the font part of
//! a one-off export, cold (no cache) against warm (the cache written by the run
//! before). See docs/PERFORMANCE.md, "PDF export: fonts".

fn main() {
    greenroom_pdf::warm_up();
}
