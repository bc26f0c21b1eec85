//! The login flow as a sans-IO state machine: GitHub OIDC (or a secret, IMDS, a federated token
//! file, or basic credentials) → Entra ID → ACR `/oauth2/exchange` → optionally an ACR access token
//! to verify permissions.
//!
//! **In scope**: building every request (URLs, headers, form bodies), reading every response,
//! retries (429 with `Retry-After`, 5xx, transient transport errors, AADSTS70021 propagation), the
//! overall time budget, the GitHub token's freshness, explaining every failure as a
//! [`Finding`](crate::diagnose::Finding) with a catalog ID, and masking. **Out of scope**: sockets,
//! DNS, TLS, timers, clocks, files: the host does them and reports back.
//!
//! ```text
//!                 ┌──────────────── identity track ────────────────┐
//!   start ──► GitHub token ─► Entra token ────────────────────────┐ │   (or: IMDS, secret,
//!     │         (fresh before every Entra attempt)                │ │    federated file)
//!     │                                                           ▼ │
//!     └──► per registry: [DNS ─► TLS]* ─► /v2/ challenge ─► await ─► /oauth2/exchange
//!                                                     ─► [/oauth2/token + permissions]** ─► done
//!   * diagnose only   ** when `repository` is set, always when diagnosing
//!   basic: challenge ─► GET realm with Basic (verify) ─► done
//! ```
//!
//! The challenges go out together with the first identity request, so a login is three
//! sequential round trips (GitHub, Entra, exchange). Host loop:
//!
//! ```text
//! loop match login.poll() {
//!     Send(req)   => start it; later handle_response(req.id, resp, now) or
//!                    handle_transport_error(req.id, kind, msg, now)
//!     Probe(p)    => resolve / TLS-connect; later handle_probe(p.id, result, now)
//!     Mask(s)     => core.setSecret(s)
//!     Notice(t)   => log t
//!     Wait{until} => wait for a completion or until `until`, then handle_timeout(now)
//!     Done(c) | Failed(d) => stop
//! }
//! ```
//!
//! Time is Unix **milliseconds** here (`now_ms`): back-off and check durations need sub-second
//! precision; token expiries are compared in seconds.

mod challenge;
mod classify;
mod config;
mod http;
mod machine;
mod permissions;
mod secret;

#[cfg(test)]
mod tests;

pub use challenge::{parse_www_authenticate, Challenge};
pub use config::{normalize_registry, split_registries, AuthType, Cloud, ConfigError, LoginOptions, Plan, RepoAction, RetryPolicy};
pub use http::{encode, form_body, iso8601, parse_form, seconds_label, HttpRequest, HttpResponse, Method, RequestId, TransportErrorKind};
pub use machine::{Credentials, Identity, Login, Probe, ProbeKind, ProbeResult, RegistryCredential, Step, TOKEN_USERNAME};
pub use permissions::{analyze as analyze_permissions, PermissionReport};
pub use secret::{redact, Secret};
