//! A local stand-in for the three services an ACR login talks to, speaking their wire formats on
//! 127.0.0.1 so the action, the npm package and users' own pipelines can be tested without Azure:
//!
//! * **GitHub Actions OIDC**: the runner's ID-token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`),
//!   discovery and JWKS; RS256 tokens with GitHub's claim set and subject rules.
//! * **Microsoft Entra ID**: `POST /{tenant}/oauth2/v2.0/token` (federated client assertion or
//!   client secret), managed identity (IMDS and App-Service style), Entra's error bodies.
//! * **ACR auth**: `/oauth2/exchange` and `/oauth2/token` (the realm of a registry's challenge),
//!   role-filtered access tokens signed with an `x5c` chain that a real CNCF distribution registry
//!   (`docker-registry`) trusts, the registry firewall, throttling.
//!
//! Out of scope: the registry API itself (`/v2/`): run the real `docker-registry` with the config
//! the emulator writes (see `tests/support/emulator.mjs`). Everything is driven by a scenario file
//! (SCENARIOS.md) and can be changed at run time through the admin endpoint, including faults.
//!
//! Where the public references are silent the behaviour is a documented guess, marked `// guess:`.

pub mod acr;
pub mod admin;
pub mod entra;
pub mod faults;
pub mod github;
pub mod http;
pub mod jose;
pub mod log;
pub mod pki;
pub mod scenario;
pub mod server;
pub mod util;
pub mod world;

#[cfg(test)]
mod flow_tests;

pub use scenario::Scenario;
pub use server::{start, Options, Running, StartError};
