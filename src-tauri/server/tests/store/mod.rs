mod migrate;
mod tls;
