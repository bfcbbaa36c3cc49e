//! The desk's client as a shell runs it. A test binary of its own: a member's token
//! is found through `XDG_CONFIG_HOME`, which this process points at a temp folder
//! (set before anything reads it; no other test shares the process).

mod live;
