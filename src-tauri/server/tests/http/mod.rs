mod error;
mod serve;
