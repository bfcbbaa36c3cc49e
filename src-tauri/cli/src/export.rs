//! `export ID --format md|pdf --out PATH`: a programme's run-sheet as a file (or stdout).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use greenroom_core::{Error, Result, Store};
use greenroom_pdf::Paper;

use greenroom_pdf::export::{self, Format};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The programme.
    id: String,
    /// md or pdf.
    #[arg(long)]
    format: String,
    /// A file to write (replaced whole, never left half-written), or - for stdout.
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// a4 (default) or letter; PDF only.
    #[arg(long)]
    paper: Option<String>,
}

pub fn run(store: &Store, args: ExportArgs) -> Result<()> {
    let format: Format = args.format.parse()?;
    let paper: Paper = match &args.paper {
        Some(p) => p.parse()?,
        None => Paper::default(),
    };
    let p = store.get_programme(args.id.parse()?)?;
    if args.out.as_os_str() == "-" {
        let bytes = export::render(p, format, paper)?;
        let mut out = std::io::stdout().lock();
        return match out.write_all(&bytes).and_then(|()| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Export {
                message: format!("cannot write to standard output: {e}"),
            }),
            _ => Ok(()),
        };
    }
    let n = export::write(p, format, paper, &args.out)?;
    eprintln!("wrote {} ({n} bytes)", args.out.display());
    Ok(())
}
