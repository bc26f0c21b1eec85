//! Runtime state shared by every listener: the (admin-editable) scenario, keys, clock, faults, log.

use crate::faults::FaultState;
use crate::jose::RsaSigningKey;
use crate::log::RequestLog;
use crate::pki::Pki;
use crate::scenario::{App, FederatedCredential, ManagedIdentity, Registry, Scenario, Tenant};
use crate::util::{system_now_f64, uuid_from};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, RwLock};

/// Mutable world: what the scenario declared, plus what changed at run time.
#[derive(Debug)]
pub struct World {
    pub scenario: Scenario,
    /// When each federated credential was created (emulator clock), keyed by (client id, FIC name).
    pub fic_created: HashMap<(String, String), f64>,
    /// Registry name → login server (`host:port`).
    pub login_servers: HashMap<String, String>,
    /// Registry name → tokens issued before this instant are refused (role-assignment mode switch).
    pub invalid_before: HashMap<String, i64>,
    pub github_request_token: String,
    /// Absolute expiry of each client secret and scope-map token (resolved from relative times).
    pub secret_expiry: HashMap<String, Option<i64>>,
}

pub struct Keys {
    pub github: RsaSigningKey,
    pub entra: RsaSigningKey,
    pub workload: RsaSigningKey,
}

#[derive(Debug, Clone, Default)]
pub struct Urls {
    pub github: String,
    pub entra: String,
    pub imds: String,
    pub admin: String,
    /// Registry name → base URL of its ACR auth endpoints (the realm's scheme and host).
    pub acr: HashMap<String, String>,
}

pub struct Shared {
    pub world: RwLock<World>,
    pub faults: Mutex<FaultState>,
    pub log: RequestLog,
    pub keys: Keys,
    pub pki: Pki,
    pub urls: Urls,
    pub state_dir: PathBuf,
    pub imds_identity_header: String,
    clock_offset_ms: AtomicI64,
}

impl Shared {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        world: World,
        faults: FaultState,
        log: RequestLog,
        keys: Keys,
        pki: Pki,
        urls: Urls,
        state_dir: PathBuf,
        imds_identity_header: String,
    ) -> Self {
        Shared {
            world: RwLock::new(world),
            faults: Mutex::new(faults),
            log,
            keys,
            pki,
            urls,
            state_dir,
            imds_identity_header,
            clock_offset_ms: AtomicI64::new(0),
        }
    }

    /// The emulator's clock: wall clock plus the admin-set offset (to expire tokens on demand).
    pub fn now_f64(&self) -> f64 {
        system_now_f64() + self.clock_offset_ms.load(Ordering::Relaxed) as f64 / 1000.0
    }

    pub fn now(&self) -> i64 {
        self.now_f64().floor() as i64
    }

    pub fn advance_clock(&self, secs: f64) -> f64 {
        let ms = (secs * 1000.0) as i64;
        (self.clock_offset_ms.fetch_add(ms, Ordering::Relaxed) + ms) as f64 / 1000.0
    }

    pub fn clock_offset(&self) -> f64 {
        self.clock_offset_ms.load(Ordering::Relaxed) as f64 / 1000.0
    }

    pub fn read(&self) -> std::sync::RwLockReadGuard<'_, World> {
        self.world.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> std::sync::RwLockWriteGuard<'_, World> {
        self.world.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// An Entra client: an app registration's service principal or a managed identity.
#[derive(Debug, Clone)]
pub struct Client<'a> {
    pub name: &'a str,
    pub client_id: &'a str,
    pub object_id: String,
    pub tenant_id: &'a str,
    pub fics: &'a [FederatedCredential],
    pub app: Option<&'a App>,
    pub identity: Option<&'a ManagedIdentity>,
}

impl Client<'_> {
    pub fn is_managed_identity(&self) -> bool {
        self.identity.is_some()
    }

    /// Whether a role assignment's `principal` refers to this client.
    pub fn is(&self, reference: &str) -> bool {
        reference == self.name
            || reference.eq_ignore_ascii_case(self.client_id)
            || reference.eq_ignore_ascii_case(&self.object_id)
    }
}

pub fn app_object_id(app: &App) -> String {
    app.object_id
        .clone()
        .unwrap_or_else(|| uuid_from(format!("sp:{}", app.client_id).as_bytes()))
}

pub fn identity_principal_id(mi: &ManagedIdentity) -> String {
    mi.principal_id
        .clone()
        .unwrap_or_else(|| uuid_from(format!("mi:{}", mi.client_id).as_bytes()))
}

pub fn identity_resource_id(mi: &ManagedIdentity) -> String {
    mi.resource_id.clone().unwrap_or_else(|| {
        format!(
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{}",
            mi.name
        )
    })
}

impl World {
    pub fn tenant(&self, id_or_domain: &str) -> Option<&Tenant> {
        self.scenario.tenants.iter().find(|t| {
            t.id.eq_ignore_ascii_case(id_or_domain)
                || t.domain
                    .as_deref()
                    .is_some_and(|d| d.eq_ignore_ascii_case(id_or_domain))
        })
    }

    pub fn tenant_mut(&mut self, id_or_domain: &str) -> Option<&mut Tenant> {
        self.scenario.tenants.iter_mut().find(|t| {
            t.id.eq_ignore_ascii_case(id_or_domain)
                || t.domain
                    .as_deref()
                    .is_some_and(|d| d.eq_ignore_ascii_case(id_or_domain))
        })
    }

    /// Finds a client by client id in one tenant (apps first, then managed identities).
    pub fn client<'a>(&'a self, tenant: &'a Tenant, client_id: &str) -> Option<Client<'a>> {
        if let Some(app) = tenant
            .apps
            .iter()
            .find(|a| a.client_id.eq_ignore_ascii_case(client_id))
        {
            return Some(Client {
                name: &app.name,
                client_id: &app.client_id,
                object_id: app_object_id(app),
                tenant_id: &tenant.id,
                fics: &app.federated_credentials,
                app: Some(app),
                identity: None,
            });
        }
        tenant
            .managed_identities
            .iter()
            .find(|m| m.client_id.eq_ignore_ascii_case(client_id))
            .map(|mi| Client {
                name: &mi.name,
                client_id: &mi.client_id,
                object_id: identity_principal_id(mi),
                tenant_id: &tenant.id,
                fics: &mi.federated_credentials,
                app: None,
                identity: Some(mi),
            })
    }

    /// Finds a client anywhere by name, client id or object id.
    pub fn client_by_ref(&self, reference: &str) -> Option<Client<'_>> {
        for t in &self.scenario.tenants {
            for a in &t.apps {
                if let Some(c) = self.client(t, &a.client_id).filter(|c| c.is(reference)) {
                    return Some(c);
                }
            }
            for m in &t.managed_identities {
                if let Some(c) = self.client(t, &m.client_id).filter(|c| c.is(reference)) {
                    return Some(c);
                }
            }
        }
        None
    }

    pub fn client_by_object_id(&self, oid: &str) -> Option<Client<'_>> {
        self.client_by_ref(oid)
            .filter(|c| c.object_id.eq_ignore_ascii_case(oid))
    }

    pub fn registry(&self, name: &str) -> Option<&Registry> {
        self.scenario.registries.iter().find(|r| r.name == name)
    }

    pub fn registry_mut(&mut self, name: &str) -> Option<&mut Registry> {
        self.scenario.registries.iter_mut().find(|r| r.name == name)
    }

    /// The tenant a registry trusts (declared, else the first tenant).
    pub fn registry_tenant(&self, reg: &Registry) -> Option<String> {
        reg.tenant
            .clone()
            .or_else(|| self.scenario.tenants.first().map(|t| t.id.clone()))
    }

    pub fn secret_expiry(&self, key: &str) -> Option<i64> {
        self.secret_expiry.get(key).copied().flatten()
    }
}

/// Resolves a relative or absolute expiry against the start instant.
pub fn resolve_expiry(absolute: Option<i64>, relative: Option<i64>, start: i64) -> Option<i64> {
    absolute.or(relative.map(|r| start + r))
}
