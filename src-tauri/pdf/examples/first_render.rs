//! Times the first PDF of a fresh process (font scan, library, layout, export), then a
//! warm one. Run in release: `cargo run --release -p greenroom-pdf --example first_render`;
//! pass a file name to also keep the PDF for a look.

use std::time::Instant;

use greenroom_pdf::{render_pdf, Paper};

#[path = "../tests/common/sheet.rs"]
mod sheet;

fn main() {
    let sheet = sheet::realistic(30);
    // `--fonts-first` splits the first render: the font index alone (from the cache, or a
    // scan of the system fonts), then the rest.
    if std::env::args().any(|a| a == "--fonts-first") {
        let start = Instant::now();
        greenroom_pdf::warm_up();
        println!("font index: {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    }
    let start = Instant::now();
    let pdf = render_pdf(&sheet, Paper::A4).expect("renders");
    let first = start.elapsed();
    let start = Instant::now();
    render_pdf(&sheet, Paper::A4).expect("renders");
    let warm = start.elapsed();
    if let Some(path) = std::env::args_os().skip(1).find(|a| a != "--fonts-first") {
        std::fs::write(path, &pdf).expect("writes the PDF");
    }
    println!(
        "first render: {:.1} ms, second render: {:.1} ms ({} bytes)",
        first.as_secs_f64() * 1e3,
        warm.as_secs_f64() * 1e3,
        pdf.len()
    );
}
