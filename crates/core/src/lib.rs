//! acr-login core: everything that can be decided without touching the world.
//!
//! In scope: decoding and classifying tokens, the error catalog, scanning pasted logs, the
//! GitHub OIDC → Entra ID → ACR login as a sans-IO state machine, docker-config merging and the
//! diagnostics logic. Out of scope: sockets, files, clocks, randomness and JS. Every host (the Node
//! action, the browser page, native tests) performs the I/O and passes `now` (Unix seconds) in.

mod b64;
pub mod json_writer;
pub mod jwt;
pub mod sort;
pub mod token;
pub mod catalog;
pub mod scan;
pub mod login;
pub mod diagnose;
pub mod docker_config;
