//! The admin endpoint (plain HTTP on 127.0.0.1, documented in SCENARIOS.md): switch faults, move
//! the clock, and edit registries, apps and the GitHub job while clients run.

use crate::faults::FaultRule;
use crate::http::{Request, Response};
use crate::scenario::{
    FederatedCredential, GithubConfig, GithubJob, Registry, MAX_FEDERATED_CREDENTIALS,
};
use crate::world::{resolve_expiry, Shared};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn ok(v: Value) -> Response {
    Response::json(200, &v)
}

fn bad(status: u16, msg: impl Into<String>) -> Response {
    Response::json(status, &json!({"error": msg.into()}))
}

/// RFC 7386 JSON merge patch.
pub fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

fn patched<T: Serialize + DeserializeOwned>(current: &T, patch: &Value) -> Result<T, String> {
    let mut v = serde_json::to_value(current).map_err(|e| e.to_string())?;
    merge(&mut v, patch);
    serde_json::from_value(v).map_err(|e| e.to_string())
}

fn body(req: &Request) -> Result<Value, Response> {
    if req.body.is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_slice(&req.body).map_err(|e| bad(400, format!("body is not JSON: {e}")))
}

pub fn handle(shared: &Shared, req: &Request) -> Response {
    match route(shared, req) {
        Ok(r) | Err(r) => r,
    }
}

fn route(shared: &Shared, req: &Request) -> Result<Response, Response> {
    let segs: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let now = shared.now();
    let r = match (req.method.as_str(), segs.as_slice()) {
        ("GET", ["admin", "state"]) => {
            let w = shared.read();
            ok(json!({
                "clockOffsetSecs": shared.clock_offset(),
                "now": now,
                "loginServers": w.login_servers,
                "faults": shared.faults.lock().unwrap_or_else(|e| e.into_inner()).list(),
                "scenario": w.scenario,
            }))
        }
        ("GET", ["admin", "faults"]) => ok(shared
            .faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .list()),
        ("POST", ["admin", "faults"]) => {
            let rule: FaultRule =
                serde_json::from_value(body(req)?).map_err(|e| bad(400, e.to_string()))?;
            let id = shared
                .faults
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .add(rule)
                .map_err(|e| bad(400, e))?;
            Response::json(201, &json!({"id": id}))
        }
        ("DELETE", ["admin", "faults"]) => {
            shared
                .faults
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clear();
            ok(json!({"cleared": true}))
        }
        ("DELETE", ["admin", "faults", id]) => {
            let removed = shared
                .faults
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(id);
            if removed {
                ok(json!({"removed": id}))
            } else {
                bad(404, format!("no fault {id}"))
            }
        }
        ("POST", ["admin", "clock"]) => {
            let b = body(req)?;
            let secs = b
                .get("advance_secs")
                .and_then(Value::as_f64)
                .ok_or_else(|| bad(400, "advance_secs (number) is required"))?;
            ok(json!({"clockOffsetSecs": shared.advance_clock(secs), "now": shared.now()}))
        }
        ("PUT", ["admin", "registries", name]) => {
            let patch = body(req)?;
            let mut w = shared.write();
            let current = w
                .registry(name)
                .cloned()
                .ok_or_else(|| bad(404, format!("no registry {name}")))?;
            let mut next: Registry = patched(&current, &patch).map_err(|e| bad(400, e))?;
            next.name = current.name.clone();
            if next.role_assignment_mode != current.role_assignment_mode {
                // Switching modes invalidates every credential minted before (documented ACR behaviour).
                w.invalid_before.insert(current.name.clone(), now + 1);
            }
            if let Some(ls) = patch.get("login_server").and_then(Value::as_str) {
                w.login_servers.insert(current.name.clone(), ls.to_string());
            }
            for t in &next.tokens {
                w.secret_expiry.insert(
                    format!("token:{}:{}", next.name, t.name),
                    resolve_expiry(t.expires, t.expires_in_secs, now),
                );
            }
            *w.registry_mut(name).expect("exists") = next.clone();
            ok(serde_json::to_value(next).expect("json"))
        }
        ("PUT", ["admin", "tenants", tenant, "apps", client]) => {
            let patch = body(req)?;
            let mut w = shared.write();
            let t = w
                .tenant_mut(tenant)
                .ok_or_else(|| bad(404, format!("no tenant {tenant}")))?;
            let idx = t
                .apps
                .iter()
                .position(|a| a.client_id.eq_ignore_ascii_case(client) || a.name == *client)
                .ok_or_else(|| bad(404, format!("no app {client}")))?;
            let next: crate::scenario::App =
                patched(&t.apps[idx], &patch).map_err(|e| bad(400, e))?;
            let old_fics: Vec<String> = t.apps[idx]
                .federated_credentials
                .iter()
                .map(|f| f.name.clone())
                .collect();
            t.apps[idx] = next.clone();
            for f in &next.federated_credentials {
                if !old_fics.contains(&f.name) {
                    w.fic_created
                        .insert((next.client_id.clone(), f.name.clone()), shared.now_f64());
                }
            }
            for s in &next.secrets {
                w.secret_expiry.insert(
                    format!("secret:{}:{}", next.client_id, s.value),
                    resolve_expiry(s.expires, s.expires_in_secs, now),
                );
            }
            ok(serde_json::to_value(next).expect("json"))
        }
        ("POST", ["admin", "tenants", tenant, owner_kind, client, "federated-credentials"])
            if *owner_kind == "apps" || *owner_kind == "managed-identities" =>
        {
            let fic: FederatedCredential =
                serde_json::from_value(body(req)?).map_err(|e| bad(400, e.to_string()))?;
            if fic.audiences.len() != 1 {
                return Err(bad(400, "a federated credential has exactly one audience"));
            }
            let mut w = shared.write();
            let t = w
                .tenant_mut(tenant)
                .ok_or_else(|| bad(404, format!("no tenant {tenant}")))?;
            let (client_id, list) = if *owner_kind == "apps" {
                let a = t
                    .apps
                    .iter_mut()
                    .find(|a| a.client_id.eq_ignore_ascii_case(client) || a.name == *client);
                let a = a.ok_or_else(|| bad(404, format!("no app {client}")))?;
                (a.client_id.clone(), &mut a.federated_credentials)
            } else {
                let m = t
                    .managed_identities
                    .iter_mut()
                    .find(|m| m.client_id.eq_ignore_ascii_case(client) || m.name == *client);
                let m = m.ok_or_else(|| bad(404, format!("no managed identity {client}")))?;
                (m.client_id.clone(), &mut m.federated_credentials)
            };
            if list.len() >= MAX_FEDERATED_CREDENTIALS {
                return Err(bad(400, format!("at most {MAX_FEDERATED_CREDENTIALS} federated credentials per app or identity")));
            }
            if list
                .iter()
                .any(|f| f.issuer == fic.issuer && f.subject == fic.subject)
            {
                return Err(bad(
                    409,
                    "a federated credential with this issuer and subject exists",
                ));
            }
            list.push(fic.clone());
            w.fic_created
                .insert((client_id, fic.name.clone()), shared.now_f64());
            Response::json(201, &serde_json::to_value(fic).expect("json"))
        }
        ("PUT", ["admin", "github"]) => {
            let patch = body(req)?;
            let mut w = shared.write();
            let next: GithubConfig =
                patched(&w.scenario.github, &patch).map_err(|e| bad(400, e))?;
            w.scenario.github = next.clone();
            ok(serde_json::to_value(next).expect("json"))
        }
        ("PUT", ["admin", "github", "job"]) => {
            let patch = body(req)?;
            let mut w = shared.write();
            let next: GithubJob =
                patched(&w.scenario.github.job, &patch).map_err(|e| bad(400, e))?;
            w.scenario.github.job = next.clone();
            ok(json!({"job": next, "subject": next.subject()}))
        }
        ("GET", ["admin", "github", "token"]) => {
            let w = shared.read();
            let token = crate::github::mint(shared, &w, req.query_value("audience"));
            ok(json!({"value": token}))
        }
        ("POST", ["admin", "workload-token"]) => {
            let w = shared.read();
            let wi = w
                .scenario
                .host
                .workload_identity
                .clone()
                .ok_or_else(|| bad(404, "no workload_identity in the scenario"))?;
            let path = shared.state_dir.join("azure-identity-token");
            std::fs::write(&path, crate::github::mint_workload(shared, &wi))
                .map_err(|e| bad(500, e.to_string()))?;
            ok(json!({"tokenFile": path}))
        }
        ("POST", ["admin", "shutdown"]) => {
            std::thread::spawn(|| {
                std::thread::sleep(std::time::Duration::from_millis(50));
                std::process::exit(0);
            });
            ok(json!({"shutdown": true}))
        }
        _ => bad(404, format!("no admin route {} {}", req.method, req.path)),
    };
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_patch_follows_rfc7386() {
        let mut t = json!({"a": 1, "b": {"c": 2, "d": 3}});
        merge(&mut t, &json!({"a": null, "b": {"c": 5}, "e": [1]}));
        assert_eq!(t, json!({"b": {"c": 5, "d": 3}, "e": [1]}));
    }

    #[test]
    fn patched_registry_keeps_unmentioned_fields() {
        let r = Registry {
            name: "r".into(),
            anonymous_pull: true,
            ..Default::default()
        };
        let n: Registry = patched(
            &r,
            &json!({"network_default_action": "Deny", "ip_rules": ["127.0.0.2"]}),
        )
        .unwrap();
        assert!(n.anonymous_pull);
        assert_eq!(n.ip_rules, vec!["127.0.0.2"]);
        assert!(patched::<Registry>(&r, &json!({"typo_field": 1})).is_err());
    }
}
