//! Fault injection: rules (from the scenario or the admin endpoint) that replace or damage the
//! response of an endpoint on the n-th request, after n requests, by seeded probability, or always.

use crate::util::SplitMix64;
use serde::{Deserialize, Serialize};

/// Endpoint names rules can target (a trailing `*` matches a prefix, `*` alone everything).
pub const ENDPOINTS: &[&str] = &[
    "github.token",
    "github.discovery",
    "github.jwks",
    "entra.token",
    "entra.discovery",
    "imds.token",
    "acr.exchange",
    "acr.token",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer with `status` (429/500/502/503/...) in the service's own error shape.
    Status,
    /// Start a throttling window of `seconds`: every request in it gets 429 with a counting-down Retry-After.
    Throttle,
    /// TCP reset instead of a response.
    Reset,
    /// Close the connection without answering.
    Close,
    /// Send the headers and half the body, then close.
    CloseMidBody,
    /// A complete HTTP response whose body is cut in half (Content-Length matches the cut body).
    TruncatedBody,
    /// Wait `delay_ms`, then answer normally (set it beyond the client's timeout).
    Delay,
    /// 200 with a JSON content type and a body that is not JSON.
    MalformedJson,
    /// The real body replaced by an HTML page with `text/html` (a captive portal or proxy page).
    WrongContentType,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    #[serde(default)]
    pub id: Option<String>,
    pub endpoint: String,
    /// Only requests for this registry (ACR endpoints).
    #[serde(default)]
    pub registry: Option<String>,
    pub kind: FaultKind,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// Throttle window length.
    #[serde(default)]
    pub seconds: Option<u64>,
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Fire on the n-th matching request only (1-based).
    #[serde(default)]
    pub nth: Option<u64>,
    /// Fire on every matching request after the first `after`.
    #[serde(default)]
    pub after: Option<u64>,
    /// Fire with this probability (seeded PRNG).
    #[serde(default)]
    pub probability: Option<f64>,
    /// Fire at most this many times.
    #[serde(default)]
    pub times: Option<u64>,
}

impl FaultRule {
    pub fn validate(&self) -> Result<(), String> {
        let known = self.endpoint == "*"
            || ENDPOINTS.contains(&self.endpoint.as_str())
            || self
                .endpoint
                .strip_suffix('*')
                .is_some_and(|p| ENDPOINTS.iter().any(|e| e.starts_with(p)));
        if !known {
            return Err(format!(
                "fault endpoint '{}' is not one of {ENDPOINTS:?} (or a prefix*)",
                self.endpoint
            ));
        }
        if self.kind == FaultKind::Status && self.status.is_none() {
            return Err("fault kind status needs `status`".into());
        }
        if self.kind == FaultKind::Delay && self.delay_ms.is_none() {
            return Err("fault kind delay needs `delay_ms`".into());
        }
        if let Some(p) = self.probability {
            if !(0.0..=1.0).contains(&p) {
                return Err("probability is between 0 and 1".into());
            }
        }
        if self.nth == Some(0) {
            return Err("nth is 1-based".into());
        }
        Ok(())
    }

    fn matches(&self, endpoint: &str, registry: Option<&str>) -> bool {
        let ep = self.endpoint == "*"
            || self.endpoint == endpoint
            || self
                .endpoint
                .strip_suffix('*')
                .is_some_and(|p| endpoint.starts_with(p));
        ep && self.registry.as_deref().is_none_or(|r| Some(r) == registry)
    }
}

/// What to do to one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Fired {
    pub rule_id: String,
    pub kind: FaultKind,
    pub status: u16,
    pub retry_after: Option<u64>,
    pub delay_ms: u64,
}

#[derive(Debug)]
struct Active {
    rule: FaultRule,
    id: String,
    seen: u64,
    fired: u64,
    throttle_until: f64,
}

#[derive(Debug)]
pub struct FaultState {
    rules: Vec<Active>,
    rng: SplitMix64,
    next_id: u64,
}

impl FaultState {
    pub fn new(seed: u64) -> Self {
        FaultState {
            rules: Vec::new(),
            rng: SplitMix64::new(seed),
            next_id: 1,
        }
    }

    pub fn add(&mut self, rule: FaultRule) -> Result<String, String> {
        rule.validate()?;
        let id = rule.id.clone().unwrap_or_else(|| {
            let id = format!("fault-{}", self.next_id);
            self.next_id += 1;
            id
        });
        self.rules.retain(|a| a.id != id);
        self.rules.push(Active {
            rule,
            id: id.clone(),
            seen: 0,
            fired: 0,
            throttle_until: 0.0,
        });
        Ok(id)
    }

    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.rules.len();
        self.rules.retain(|a| a.id != id);
        before != self.rules.len()
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    pub fn list(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.rules
                .iter()
                .map(|a| {
                    let mut v = serde_json::to_value(&a.rule).expect("json");
                    v["id"] = a.id.clone().into();
                    v["seen"] = a.seen.into();
                    v["fired"] = a.fired.into();
                    v
                })
                .collect(),
        )
    }

    /// Decides the fate of one request; the first matching rule that fires wins.
    pub fn decide(&mut self, endpoint: &str, registry: Option<&str>, now: f64) -> Option<Fired> {
        for a in self.rules.iter_mut() {
            if !a.rule.matches(endpoint, registry) {
                continue;
            }
            if a.rule.kind == FaultKind::Throttle && now < a.throttle_until {
                let remaining = (a.throttle_until - now).ceil().max(1.0) as u64;
                return Some(Fired {
                    rule_id: a.id.clone(),
                    kind: FaultKind::Throttle,
                    status: 429,
                    retry_after: Some(remaining),
                    delay_ms: 0,
                });
            }
            a.seen += 1;
            if a.rule.times.is_some_and(|t| a.fired >= t) {
                continue;
            }
            let mut fire = match (a.rule.nth, a.rule.after) {
                (Some(n), _) => a.seen == n,
                (None, Some(n)) => a.seen > n,
                (None, None) => true,
            };
            if fire {
                if let Some(p) = a.rule.probability {
                    fire = self.rng.next_f64() < p;
                }
            }
            if !fire {
                continue;
            }
            a.fired += 1;
            let (status, retry_after) = match a.rule.kind {
                FaultKind::Throttle => {
                    let secs = a.rule.seconds.or(a.rule.retry_after).unwrap_or(10);
                    a.throttle_until = now + secs as f64;
                    (429, Some(secs))
                }
                FaultKind::Status => {
                    let s = a.rule.status.unwrap_or(503);
                    (
                        s,
                        a.rule
                            .retry_after
                            .or(if s == 429 { Some(10) } else { None }),
                    )
                }
                _ => (a.rule.status.unwrap_or(200), None),
            };
            return Some(Fired {
                rule_id: a.id.clone(),
                kind: a.rule.kind,
                status,
                retry_after,
                delay_ms: a.rule.delay_ms.unwrap_or(0),
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: serde_json::Value) -> FaultRule {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn nth_fires_once_on_that_request() {
        let mut s = FaultState::new(1);
        s.add(rule(serde_json::json!({"endpoint": "entra.token", "kind": "status", "status": 503, "nth": 2}))).unwrap();
        assert!(s.decide("entra.token", None, 0.0).is_none());
        assert_eq!(s.decide("entra.token", None, 0.0).unwrap().status, 503);
        assert!(s.decide("entra.token", None, 0.0).is_none());
        assert!(s.decide("acr.token", None, 0.0).is_none());
    }

    #[test]
    fn throttle_counts_down_retry_after() {
        let mut s = FaultState::new(1);
        s.add(rule(
            serde_json::json!({"endpoint": "acr.*", "kind": "throttle", "seconds": 5, "times": 1}),
        ))
        .unwrap();
        assert_eq!(
            s.decide("acr.token", Some("r"), 100.0).unwrap().retry_after,
            Some(5)
        );
        assert_eq!(
            s.decide("acr.exchange", Some("r"), 102.2)
                .unwrap()
                .retry_after,
            Some(3)
        );
        assert_eq!(
            s.decide("acr.token", Some("r"), 104.5).unwrap().retry_after,
            Some(1)
        );
        assert!(s.decide("acr.token", Some("r"), 105.1).is_none());
    }

    #[test]
    fn probability_is_seeded_and_times_caps() {
        let count = |seed| {
            let mut s = FaultState::new(seed);
            s.add(rule(
                serde_json::json!({"endpoint": "*", "kind": "reset", "probability": 0.3}),
            ))
            .unwrap();
            (0..1000)
                .filter(|_| s.decide("github.token", None, 0.0).is_some())
                .count()
        };
        assert_eq!(count(7), count(7));
        assert!((220..380).contains(&count(7)));
        let mut s = FaultState::new(1);
        s.add(rule(
            serde_json::json!({"endpoint": "imds.token", "kind": "close", "after": 1, "times": 2}),
        ))
        .unwrap();
        let fired: Vec<bool> = (0..5)
            .map(|_| s.decide("imds.token", None, 0.0).is_some())
            .collect();
        assert_eq!(fired, vec![false, true, true, false, false]);
    }

    #[test]
    fn registry_filter_and_validation() {
        let mut s = FaultState::new(1);
        s.add(rule(
            serde_json::json!({"endpoint": "acr.token", "registry": "a", "kind": "close"}),
        ))
        .unwrap();
        assert!(s.decide("acr.token", Some("b"), 0.0).is_none());
        assert!(s.decide("acr.token", Some("a"), 0.0).is_some());
        assert!(s
            .add(rule(
                serde_json::json!({"endpoint": "nope", "kind": "close"})
            ))
            .is_err());
        assert!(s
            .add(rule(serde_json::json!({"endpoint": "*", "kind": "status"})))
            .is_err());
        assert!(s.remove("fault-1"));
    }
}
