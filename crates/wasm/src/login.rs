//! `login(options, host)` / `diagnose(options, host)`: the core's state machine driven with the
//! global `fetch` (gloo-net), an `AbortController` per request for its timeout, and `setTimeout`
//! for waits. `docker*` functions: the core's docker-config edits. Conversions only: every
//! decision is in `acr_login_core`.
//!
//! `host` (all optional): `now() → ms` (default `Date.now()`), `onSecret(value)` (mask it),
//! `onNotice(text)`, `preconnect(origin)` (a hint: a request to this origin follows once a
//! pending one answers, so a transport may open the connection now), `probe({kind, host, port,
//! timeoutMs}) → Promise<{ok, unsupported, detail, error}>` (DNS / TLS checks; without it those
//! checks are skipped), and `request({method, url, headers: [[name, value]], body, timeoutMs,
//! signal}) → Promise<{status, headers: [[name, value]], body}>`: a transport to use instead of
//! the global fetch (Node's fetch costs a short-lived process ~120 ms and ~12 MB just to load;
//! the action passes one built on node:https). It rejects with an Error whose `name`/`message`/`code` say why.

use crate::convert::{js_error, to_js};
use acr_login_core::diagnose::{render_markdown, render_text, Diagnosis};
use acr_login_core::docker_config::{self, ConfigFormat, Undo};
use acr_login_core::login::{HttpRequest, HttpResponse, Identity, Login, LoginOptions, Method, Probe, ProbeKind, ProbeResult, RegistryCredential, RequestId, Secret, Step, TransportErrorKind};
use serde::Serialize;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

struct Host {
    obj: JsValue,
}

impl Host {
    fn func(&self, name: &str) -> Option<js_sys::Function> {
        if self.obj.is_undefined() || self.obj.is_null() {
            return None;
        }
        js_sys::Reflect::get(&self.obj, &name.into()).ok()?.dyn_into::<js_sys::Function>().ok()
    }

    fn now(&self) -> i64 {
        self.func("now").and_then(|f| f.call0(&self.obj).ok()).and_then(|v| v.as_f64()).unwrap_or_else(js_sys::Date::now) as i64
    }

    fn call1(&self, name: &str, arg: &str) {
        if let Some(f) = self.func(name) {
            let _ = f.call1(&self.obj, &arg.into());
        }
    }
}

enum Outcome {
    Response(HttpResponse),
    Transport(TransportErrorKind, String),
    Probe(ProbeResult),
}

type Pending = Pin<Box<dyn Future<Output = Outcome>>>;

/// A `setTimeout` as a future; cleared when dropped, so no timer outlives the flow (it would keep
/// Node's event loop, and so the action, alive).
struct Sleep {
    id: JsValue,
    fut: JsFuture,
}

impl Sleep {
    fn new(ms: f64) -> Sleep {
        let mut id = JsValue::UNDEFINED;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            id = set_timeout(&resolve, ms);
        });
        Sleep { id, fut: JsFuture::from(promise) }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        Pin::new(&mut self.fut).poll(cx).map(|_| ())
    }
}

enum Event {
    Done(RequestId, Outcome),
    Timer,
}

/// The first of the pending requests (or the timer) to finish.
struct FirstReady<'a> {
    pending: &'a mut Vec<(RequestId, Pending)>,
    sleep: Option<&'a mut Sleep>,
}

impl Future for FirstReady<'_> {
    type Output = Event;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Event> {
        let this = &mut *self;
        for i in 0..this.pending.len() {
            if let Poll::Ready(o) = this.pending[i].1.as_mut().poll(cx) {
                let (id, _) = this.pending.remove(i);
                return Poll::Ready(Event::Done(id, o));
            }
        }
        if let Some(s) = this.sleep.as_mut() {
            if Pin::new(&mut **s).poll(cx).is_ready() {
                return Poll::Ready(Event::Timer);
            }
        }
        Poll::Pending
    }
}

fn new_abort_controller() -> web_sys::AbortController {
    web_sys::AbortController::new().unwrap_or_else(|_| wasm_bindgen::throw_str("AbortController is not available"))
}

/// The request's deadline: aborts it. Cleared when the request ends or the flow does, so no timer
/// outlives the flow and keeps Node's event loop (and the action) alive.
fn abort_timer(controller: &web_sys::AbortController, ms: u64) -> JsValue {
    let abort = controller.clone();
    let on_timeout = Closure::once_into_js(move || abort.abort());
    set_timeout(on_timeout.unchecked_ref(), ms as f64)
}

async fn fetch(req: HttpRequest, controller: web_sys::AbortController, timer: JsValue) -> Outcome {
    let method = match req.method {
        Method::Get => gloo_net::http::Method::GET,
        Method::Post => gloo_net::http::Method::POST,
    };
    let mut b = gloo_net::http::RequestBuilder::new(&req.url).method(method).abort_signal(Some(&controller.signal()));
    for (k, v) in &req.headers {
        b = b.header(k, v);
    }
    let result = async {
        let request = match req.body {
            Some(body) => b.body(body)?,
            None => b.build()?,
        };
        let resp = request.send().await?;
        let status = resp.status();
        let headers: Vec<(String, String)> = resp.headers().entries().collect();
        let body = resp.text().await?;
        Ok::<_, gloo_net::Error>(HttpResponse { status, headers, body })
    }
    .await;
    clear_timeout(&timer);
    match result {
        Ok(r) => Outcome::Response(r),
        Err(gloo_net::Error::JsError(e)) => Outcome::Transport(TransportErrorKind::from_error_text(&e.name, &e.message), e.message),
        Err(e) => Outcome::Transport(TransportErrorKind::Other, e.to_string()),
    }
}

/// The request through the host's own transport (see the module docs). The host is called now,
/// not at the first poll, so the request is on its way before a `preconnect` hint that follows it.
fn host_request(func: js_sys::Function, this: JsValue, req: HttpRequest, controller: web_sys::AbortController) -> impl Future<Output = Outcome> {
    let set = |o: &js_sys::Object, k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(o, &k.into(), v);
    };
    let arg = js_sys::Object::new();
    set(&arg, "method", &req.method.as_str().into());
    set(&arg, "url", &req.url.as_str().into());
    let headers = js_sys::Array::new();
    for (k, v) in &req.headers {
        headers.push(&js_sys::Array::of2(&k.as_str().into(), &v.as_str().into()));
    }
    set(&arg, "headers", &headers);
    set(&arg, "body", &req.body.as_deref().map(JsValue::from).unwrap_or(JsValue::NULL));
    set(&arg, "timeoutMs", &(req.timeout_ms as f64).into());
    set(&arg, "signal", &controller.signal());
    let call = func.call1(&this, &arg);
    async move {
        let field = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).unwrap_or(JsValue::UNDEFINED);
        let result = match call {
            Ok(v) => match v.dyn_into::<js_sys::Promise>() {
                Ok(p) => JsFuture::from(p).await,
                Err(v) => Ok(v),
            },
            Err(e) => Err(e),
        };
        match result {
            Ok(v) => {
                let mut headers = Vec::new();
                if let Ok(arr) = field(&v, "headers").dyn_into::<js_sys::Array>() {
                    for pair in arr.iter() {
                        let name = js_sys::Reflect::get_u32(&pair, 0).ok().and_then(|x| x.as_string()).unwrap_or_default();
                        let value = js_sys::Reflect::get_u32(&pair, 1).ok().and_then(|x| x.as_string()).unwrap_or_default();
                        headers.push((name, value));
                    }
                }
                let status = field(&v, "status").as_f64().unwrap_or(0.0) as u16;
                Outcome::Response(HttpResponse { status, headers, body: field(&v, "body").as_string().unwrap_or_default() })
            }
            Err(e) => {
                let name = field(&e, "name").as_string().unwrap_or_default();
                let message = field(&e, "message").as_string().unwrap_or_else(|| e.as_string().unwrap_or_default());
                let code = field(&e, "code").as_string().unwrap_or_default();
                let text = if code.is_empty() || message.contains(&code) { message } else { format!("{code}: {message}") };
                Outcome::Transport(TransportErrorKind::from_error_text(&name, &text), text)
            }
        }
    }
}

async fn probe(f: Option<(js_sys::Function, JsValue)>, p: Probe) -> Outcome {
    let Some((func, this)) = f else {
        return Outcome::Probe(ProbeResult { unsupported: true, ..Default::default() });
    };
    let arg = js_sys::Object::new();
    let kind = match p.kind {
        ProbeKind::Dns => "dns",
        ProbeKind::Tls => "tls",
    };
    let _ = js_sys::Reflect::set(&arg, &"kind".into(), &kind.into());
    let _ = js_sys::Reflect::set(&arg, &"host".into(), &p.host.into());
    let _ = js_sys::Reflect::set(&arg, &"port".into(), &(p.port as f64).into());
    let _ = js_sys::Reflect::set(&arg, &"timeoutMs".into(), &(p.timeout_ms as f64).into());
    let value = match func.call1(&this, &arg) {
        Ok(v) => match v.dyn_into::<js_sys::Promise>() {
            Ok(promise) => JsFuture::from(promise).await,
            Err(v) => Ok(v),
        },
        Err(e) => Err(e),
    };
    // Read field by field: typed serde here would cost the wasm its error formatting.
    let field = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let result = match value {
        Ok(v) => ProbeResult {
            ok: field(&v, "ok").as_bool().unwrap_or(false),
            unsupported: field(&v, "unsupported").as_bool().unwrap_or(false),
            detail: field(&v, "detail").as_string().unwrap_or_default(),
            error: field(&v, "error").as_string().map(|e| TransportErrorKind::from_error_text("", &e)),
        },
        Err(e) => {
            let msg = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "probe failed".into());
            ProbeResult { ok: false, detail: msg, ..Default::default() }
        }
    };
    Outcome::Probe(result)
}

// The two branches below only a request reaches: functions of their own, kept apart by wasm-opt too
// (NOT_INLINED in scripts/build.mjs). V8 compiles a wasm function whole at its first call, so a
// run that fails before any request (a job without `id-token: write`, the commonest failure) then
// compiles neither. Inlined, they made the login future one 26 KB function, compiled every run.

/// Starts a request: through the host's transport when it gives one, else the global fetch.
#[inline(never)]
fn send(req: HttpRequest, request_fn: Option<&js_sys::Function>, host: &Host, controllers: &RefCell<Vec<(web_sys::AbortController, JsValue)>>) -> (RequestId, Pending) {
    let c = new_abort_controller();
    let id = req.id;
    match request_fn {
        // The host enforces `timeoutMs` itself; the signal ends it early.
        Some(f) => {
            controllers.borrow_mut().push((c.clone(), JsValue::UNDEFINED));
            (id, Box::pin(host_request(f.clone(), host.obj.clone(), req, c)))
        }
        None => {
            let timer = abort_timer(&c, req.timeout_ms);
            controllers.borrow_mut().push((c.clone(), timer.clone()));
            (id, Box::pin(fetch(req, c, timer)))
        }
    }
}

/// Hands the machine what happened while it waited.
#[inline(never)]
fn deliver(machine: &mut Login, event: Event, now: i64) {
    match event {
        Event::Done(id, Outcome::Response(r)) => machine.handle_response(id, r, now),
        Event::Done(id, Outcome::Transport(k, m)) => machine.handle_transport_error(id, k, &m, now),
        Event::Done(id, Outcome::Probe(r)) => machine.handle_probe(id, r, now),
        Event::Timer => machine.handle_timeout(now),
    }
}

/// Runs the machine to its end: `Done` or `Failed`.
async fn drive(mut machine: Login, host: &Host) -> Step {
    let mut pending: Vec<(RequestId, Pending)> = Vec::new();
    let controllers: RefCell<Vec<(web_sys::AbortController, JsValue)>> = RefCell::default();
    let probe_fn = host.func("probe").map(|f| (f, host.obj.clone()));
    let request_fn = host.func("request");
    let end = loop {
        match machine.poll() {
            Step::Send(req) => pending.push(send(req, request_fn.as_ref(), host, &controllers)),
            Step::Probe(p) => pending.push((p.id, Box::pin(probe(probe_fn.clone(), p)))),
            Step::Mask(s) => host.call1("onSecret", s.expose()),
            Step::Notice(t) => host.call1("onNotice", &t),
            Step::Preconnect(origin) => host.call1("preconnect", &origin),
            Step::Wait { until_ms } => {
                let mut sleep = until_ms.map(|u| Sleep::new((u - host.now()).max(0) as f64));
                let event = FirstReady { pending: &mut pending, sleep: sleep.as_mut() }.await;
                drop(sleep);
                deliver(&mut machine, event, host.now());
            }
            end @ (Step::Done(_) | Step::Failed(_)) => break end,
        }
    };
    // Requests the outcome no longer needs: end them now rather than at their timeouts.
    for (c, timer) in controllers.borrow().iter() {
        if !timer.is_undefined() {
            clear_timeout(timer);
        }
        c.abort();
    }
    end
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoginResult<'a> {
    ok: bool,
    registries: Option<&'a [RegistryCredential]>,
    identity: Option<&'a Identity>,
    expires_at: Option<i64>,
    diagnosis: &'a Diagnosis,
    /// The diagnosis as a fixed-width table (log) and markdown (job summary).
    text: String,
    markdown: String,
    /// One line (success) or the top finding with its fix (failure).
    message: String,
}

fn config_error_js(e: acr_login_core::login::ConfigError) -> JsValue {
    js_error(e.code(), &e.to_string(), Some(&[("input", e.input().into())]))
}

async fn run(options_json: &str, host: JsValue, diagnose: bool) -> Result<JsValue, JsValue> {
    let host = Host { obj: host };
    let opts = LoginOptions::from_json(options_json).map_err(config_error_js)?;
    let start = if diagnose { Login::diagnose(&opts, host.now()) } else { Login::new(&opts, host.now()) };
    let machine = start.map_err(config_error_js)?;
    let registries = machine.registries().join(", ");
    let end = drive(machine, &host).await;
    let (ok, creds, diagnosis) = match &end {
        Step::Done(c) => (true, Some(&**c), &c.diagnosis),
        Step::Failed(d) => (false, None, &**d),
        _ => unreachable!("drive ends in Done or Failed"),
    };
    let heading = match (diagnose, ok) {
        (true, true) => format!("ACR diagnosis for {registries}: all checks passed"),
        (true, false) => format!("ACR diagnosis for {registries}: problems found"),
        (false, true) => format!("Logged in to {registries}"),
        (false, false) => format!("ACR login to {registries} failed"),
    };
    let message = if ok { heading.clone() } else { diagnosis.message() };
    let result = LoginResult {
        ok,
        registries: creds.filter(|_| !diagnose).map(|c| c.registries.as_slice()),
        identity: creds.map(|c| &c.identity),
        expires_at: creds.filter(|_| !diagnose).and_then(|c| c.expires_at),
        diagnosis,
        text: render_text(diagnosis),
        markdown: render_markdown(diagnosis, &heading),
        message,
    };
    to_js(&result)
}

/// `login(optionsJson, host?)` → `{ok, registries, identity, expiresAt, diagnosis, text,
/// markdown, message}`. Options are `JSON.stringify`ed (camelCase). An explained failure resolves
/// with `ok: false`; only invalid options reject, with `Error{code: "CONFIG_*", input}`.
#[wasm_bindgen(js_name = login)]
pub async fn login(options_json: String, host: JsValue) -> Result<JsValue, JsValue> {
    run(&options_json, host, false).await
}

/// `diagnose(optionsJson, host?)` → `{ok, identity, diagnosis, text, markdown, message}`.
#[wasm_bindgen(js_name = diagnose)]
pub async fn diagnose(options_json: String, host: JsValue) -> Result<JsValue, JsValue> {
    run(&options_json, host, true).await
}

fn format(kind: &str) -> ConfigFormat {
    if kind == "containers" {
        ConfigFormat::Containers
    } else {
        ConfigFormat::Docker
    }
}

fn config_error(e: docker_config::DockerConfigError) -> JsValue {
    js_error(e.code(), &e.to_string(), None)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MergeResult {
    text: String,
    /// Keep privately (0600): it may hold the replaced entry verbatim.
    undo: String,
    helper: Option<docker_config::Helper>,
}

/// `dockerConfigMerge(existing|null, file, registry, username, password, "docker"|"containers")`
/// → `{text, undo, helper}`; throws `Error{code: "DOCKER_CONFIG_*"}` naming the file and the fix.
#[wasm_bindgen(js_name = dockerConfigMerge)]
pub fn docker_config_merge(existing: Option<String>, file: &str, registry: &str, username: &str, password: &str, kind: &str) -> Result<JsValue, JsValue> {
    let m = docker_config::merge(existing.as_deref(), file, registry, username, &Secret::new(password), format(kind)).map_err(config_error)?;
    to_js(&MergeResult { text: m.text, undo: m.undo.to_json(), helper: m.helper })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UndoResult {
    text: Option<String>,
    outcome: docker_config::UndoOutcome,
}

/// `dockerConfigUndo(existing|null, file, undo)` → `{text|null, outcome}` (`removed`, `restored`,
/// `changed-since`, `absent`, `delete-file`).
#[wasm_bindgen(js_name = dockerConfigUndo)]
pub fn docker_config_undo(existing: Option<String>, file: &str, undo: &str) -> Result<JsValue, JsValue> {
    let u = Undo::from_json(undo).ok_or_else(|| js_error("INVALID_UNDO", "the undo record is not one this version wrote", None))?;
    let r = docker_config::undo(existing.as_deref(), file, &u).map_err(config_error)?;
    to_js(&UndoResult { text: r.text, outcome: r.outcome })
}

/// `dockerConfigWithoutHelpers(existing, file, registries[])` → text for a private config dir.
#[wasm_bindgen(js_name = dockerConfigWithoutHelpers)]
pub fn docker_config_without_helpers(existing: &str, file: &str, registries: Vec<String>) -> Result<String, JsValue> {
    docker_config::without_helpers(existing, file, &registries).map_err(config_error)
}

/// `dockerHelperPayload(registry, username, password)` → stdin for `docker-credential-* store`.
#[wasm_bindgen(js_name = dockerHelperPayload)]
pub fn docker_helper_payload(registry: &str, username: &str, password: &str) -> String {
    docker_config::helper_payload(registry, username, &Secret::new(password))
}
