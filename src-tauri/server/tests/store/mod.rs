mod migrate;
