//! `import/`: listings imported into real database files, one or many, from files.

mod files;
mod listing;
