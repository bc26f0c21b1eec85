// The public functions, shared by the Node entry (index.js) and the browser entry (web.js). Thin on
// purpose: all logic is in the Rust core. This layer only does what a JS caller expects of a JS
// library: it refuses arguments of the wrong type with a coded error before they reach the wasm
// (where `undefined` would silently become the text "undefined" and a typo'd option would be
// ignored), supplies defaults, and speaks of option names rather than the action's input names.
// Each entry passes in how the wasm gets loaded (`ensure`) and its own host defaults.
import * as glue from './acr_login.js';
// The catalog's example logs: the wasm is built without them, scripts/build.mjs writes them.
import { withExamples } from './catalog-examples.js';

/** An `Error` (a `TypeError` for an argument of the wrong type) with a stable `code`, like the wasm's. */
export function codedError(code, message, extra = {}, Type = Error) {
  const { cause, ...fields } = extra;
  return Object.assign(new Type(message, cause === undefined ? undefined : { cause }), { code }, fields);
}

/**
 * A value as a message may show it. Strings are described by length only: a caller's mistake is
 * often a token or secret in the wrong place, and an error message ends up in logs.
 */
export function describe(value) {
  if (value === null) return 'null';
  if (typeof value === 'string') return `a ${value.length}-character string`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  if (typeof value === 'bigint') return 'a bigint';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return String(typeof value);
}

const utf8 = new TextDecoder();

/** Pasted text: a string, or UTF-8 bytes (what `readFileSync` returns). */
function pastedText(value, fn) {
  if (typeof value === 'string') return value;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return utf8.decode(value);
  throw codedError('INVALID_TEXT', `${fn}() takes the text as a string (or UTF-8 bytes), got ${describe(value)}: check that the variable holding it is set`, {}, TypeError);
}

/** `now` in Unix seconds; the wasm itself refuses NaN, infinities and milliseconds (same code). */
function unixSeconds(value, fn) {
  if (value === undefined) return Math.floor(Date.now() / 1000);
  if (typeof value !== 'number') {
    throw codedError('INVALID_NOW', `${fn}(): now must be a number of Unix seconds, e.g. Math.floor(Date.now() / 1000), got ${describe(value)}`, {}, TypeError);
  }
  return value;
}

const CATALOG_ID = /^\s*AL\d+\s*$/i;

function catalogId(value) {
  if (typeof value === 'string' && CATALOG_ID.test(value)) return value;
  // Echoed only when short: an ID-shaped mistake, never a pasted token.
  const shown = typeof value === 'string' && value.length <= 12 && !value.includes('.') ? `\`${value}\`` : describe(value);
  throw codedError('UNKNOWN_CATALOG_ID', `explain(): ${shown} is not a catalog ID: IDs look like AL013 (see catalog())`, {}, typeof value === 'string' ? Error : TypeError);
}

// ----------------------------------------------------------------------- login / diagnose options

const text = (v) => typeof v === 'string';
const texts = (v) => text(v) || (Array.isArray(v) && v.every(text));
const positiveInteger = (v) => Number.isSafeInteger(v) && v > 0;
const count = (v) => Number.isSafeInteger(v) && v >= 0;
const RETRY = {
  maxAttempts: [positiveInteger, 'a positive integer'],
  baseDelayMs: [count, 'a whole number of milliseconds'],
  maxDelayMs: [count, 'a whole number of milliseconds'],
  maxRetryAfterMs: [count, 'a whole number of milliseconds'],
  propagationDelaysMs: [(v) => Array.isArray(v) && v.every(count), 'an array of whole numbers of milliseconds'],
};

/** Every option the core reads (crates/core/src/login/config.rs `LoginOptions::from_json`). */
const OPTIONS = {
  registries: [texts, 'a login server or an array of them'],
  authType: [text, "'oidc', 'client-secret', 'managed-identity', 'workload-identity' or 'basic'"],
  clientId: [text, 'a string'],
  tenantId: [text, 'a string'],
  clientSecret: [text, 'a string'],
  username: [text, 'a string'],
  password: [text, 'a string'],
  audience: [text, 'a string'],
  environment: [text, "'AzureCloud', 'AzureUSGovernment' or 'AzureChinaCloud'"],
  authorityHost: [text, 'an https URL'],
  repository: [text, 'a string'],
  actions: [texts, "'pull', 'push', 'delete' or an array of them"],
  idTokenRequestUrl: [text, 'a string'],
  idTokenRequestToken: [text, 'a string'],
  federatedToken: [text, 'a string (the contents of AZURE_FEDERATED_TOKEN_FILE)'],
  imdsEndpoint: [text, 'an http(s) URL'],
  scope: [text, 'a string'],
  timeoutMs: [positiveInteger, 'a positive whole number of milliseconds'],
  budgetMs: [positiveInteger, 'a positive whole number of milliseconds'],
  verifyBasic: [(v) => typeof v === 'boolean', 'a boolean'],
  retry: [(v) => v !== null && typeof v === 'object' && !Array.isArray(v), 'an object'],
  jitterSeed: [count, 'a non-negative safe integer'],
};
/** Names people reach for (the action's inputs, other SDKs' words) → the option. */
const OPTION_ALIASES = { registry: 'registries', server: 'registries', loginserver: 'registries', timeout: 'timeoutMs', budget: 'budgetMs', secret: 'clientSecret', authority: 'authorityHost', audiences: 'audience' };
const squash = (k) => k.toLowerCase().replace(/[-_\s]/g, '');

function suggestion(key, known, aliases = {}) {
  const s = squash(key);
  const hit = known.find((k) => squash(k) === s) ?? aliases[s];
  return hit ? `: did you mean \`${hit}\`?` : '';
}

const configError = (fn, option, message, extra = {}) => codedError(extra.code ?? 'CONFIG_BAD_VALUE', `${fn}(): ${message}`, { input: option, option }, TypeError);

function checkOptions(options, fn) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw configError(fn, 'options', `options must be an object such as { registries: 'myregistry' }, got ${describe(options)}`);
  }
  for (const [key, value] of Object.entries(options)) {
    const rule = OPTIONS[key];
    if (!rule) {
      throw configError(fn, key, `unknown option \`${key}\`${suggestion(key, Object.keys(OPTIONS), OPTION_ALIASES)} (options: ${Object.keys(OPTIONS).join(', ')})`, { code: 'CONFIG_UNKNOWN_OPTION' });
    }
    // null and undefined mean "not given", as in the action (an unset input).
    if (value === undefined || value === null) continue;
    if (!rule[0](value)) throw configError(fn, key, `option \`${key}\` must be ${rule[1]}, got ${describe(value)}`);
    if (key === 'retry') {
      for (const [k, v] of Object.entries(value)) {
        if (!RETRY[k]) throw configError(fn, 'retry', `unknown option \`retry.${k}\`${suggestion(k, Object.keys(RETRY))} (retry options: ${Object.keys(RETRY).join(', ')})`, { code: 'CONFIG_UNKNOWN_OPTION' });
        if (v !== undefined && v !== null && !RETRY[k][0](v)) throw configError(fn, 'retry', `option \`retry.${k}\` must be ${RETRY[k][1]}, got ${describe(v)}`);
      }
    }
  }
  return options;
}

const camel = (input) => (input === 'registry' ? 'registries' : input.replace(/-([a-z])/g, (_, c) => c.toUpperCase()));

const SECRET_OPTIONS = new Set(['clientSecret', 'password', 'idTokenRequestToken', 'federatedToken']);
/** Values a message may show as they are: what can only be a mistyped ID or host (as the action does). */
const SHOWABLE = [/^[{(]?[0-9a-f-]{1,40}[)}]?$/i, /^[\w.-]{1,16}$/, /^(https?:\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?\/?$/i];

/**
 * The core quotes a rejected value in its message. A secret put into the wrong option (the client
 * secret's value as `clientId`, say) is described by its length instead: messages reach logs.
 */
function withoutSecrets(message, options) {
  for (const [key, value] of Object.entries(options)) {
    for (const v of [value].flat()) {
      if (typeof v !== 'string' || v.length < 4 || (!SECRET_OPTIONS.has(key) && SHOWABLE.some((r) => r.test(v)))) continue;
      const shown = `the value (${v.length} characters)`;
      message = message.split(`\`${v}\``).join(shown).split(v).join(shown);
    }
  }
  return message;
}

/**
 * The core's configuration errors name the action's inputs (`input \`client-id\``, `auth-type:
 * basic`); a JS caller wrote options (`clientId`, `authType: 'basic'`). Same code and `input`,
 * plus `option`, and a message in the caller's words.
 */
function inCallersWords(e, fn, options) {
  if (typeof e?.code !== 'string' || !e.code.startsWith('CONFIG_') || typeof e.input !== 'string') return e;
  const message = withoutSecrets(String(e.message), options)
    .replace(/\binput `([a-z-]+)`/g, (_, input) => `option \`${camel(input)}\``)
    .replace(/`auth-type: ([a-z-]+)`/g, "`authType: '$1'`")
    .replace(/\bauth-type: ([a-z-]+)/g, "authType: '$1'");
  // Not `cause: e`: the original message would carry the value this one leaves out.
  return codedError(e.code, `${fn}(): ${message}`, { input: e.input, option: camel(e.input) });
}

// ------------------------------------------------------------------------------------------- host

const HOST_METHODS = ['now', 'onSecret', 'onNotice', 'preconnect', 'probe', 'request'];
/** Names a caller may give a method the core would then never call (the other SDKs' words). */
const HOST_ALIASES = { setsecret: 'onSecret', mask: 'onSecret', masksecret: 'onSecret', secret: 'onSecret', fetch: 'request', transport: 'request', notice: 'onNotice' };

/**
 * The object handed to the wasm: the caller's methods (called on the caller's object, so classes
 * work) over the entry's defaults. A method that is not a function, or a function under a name
 * that is clearly meant as one (`onsecret`, `setSecret`: secrets would go unmasked), is refused
 * rather than ignored; other members of the object are the caller's business.
 */
function hostFor(host, fn, defaults, failures) {
  if (host === undefined || host === null) host = {};
  if (typeof host !== 'object' && typeof host !== 'function') {
    throw codedError('INVALID_HOST', `${fn}(): host must be an object with optional methods ${HOST_METHODS.join(', ')}, got ${describe(host)}`, {}, TypeError);
  }
  for (const [key, value] of Object.entries(host)) {
    const meant = typeof value === 'function' && !HOST_METHODS.includes(key) && suggestion(key, HOST_METHODS, HOST_ALIASES);
    if (meant) {
      throw codedError('INVALID_HOST', `${fn}(): host.${key} is not a host method${meant} (methods: ${HOST_METHODS.join(', ')})`, { method: key }, TypeError);
    }
  }
  const out = { ...defaults };
  for (const name of HOST_METHODS) {
    const f = host[name];
    if (f === undefined || f === null) continue;
    if (typeof f !== 'function') {
      throw codedError('INVALID_HOST', `${fn}(): host.${name} must be a function, got ${describe(f)}`, { method: name }, TypeError);
    }
    out[name] = (...args) => f.apply(host, args);
  }
  if (typeof host.now === 'function') {
    const t = host.now();
    // Seconds here would put the whole flow in January 1970 (decodeToken's `now` is seconds;
    // this one is Date.now()'s milliseconds, like every timer the flow sets).
    if (typeof t !== 'number' || !Number.isFinite(t) || Math.abs(t) < 1e11) {
      throw codedError('INVALID_NOW', `${fn}(): host.now() must return milliseconds since the epoch, like Date.now(), got ${describe(t)}`, {}, TypeError);
    }
  }
  // The core reports a throwing onSecret nowhere; a secret it failed to mask must not be handed
  // back as if it had been.
  if (out.onSecret) {
    const mask = out.onSecret;
    out.onSecret = (value) => {
      try {
        mask(value);
      } catch (e) {
        failures.push(e);
      }
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------- the API

/**
 * The public functions over one way of loading the wasm. `ensure(fn)` loads it or throws why it
 * cannot; `hostDefaults()` are the entry's own host methods (Node: a transport and DNS/TLS
 * probes); `optionDefaults(options)` may fill options from the environment.
 */
export function createApi({ ensure, hostDefaults = () => ({}), optionDefaults = (o) => o }) {
  async function run(fn, call, options, host) {
    ensure(fn);
    const opts = optionDefaults(checkOptions(options, fn));
    const failures = [];
    const h = hostFor(host, fn, hostDefaults(), failures);
    let result;
    try {
      result = await call(JSON.stringify(opts), h);
    } catch (e) {
      throw inCallersWords(e, fn, opts);
    }
    if (failures.length) {
      throw codedError('HOST_ON_SECRET_FAILED', `${fn}(): host.onSecret threw, so a secret may not be masked: ${failures[0]?.message ?? failures[0]}`, { cause: failures[0] });
    }
    return result;
  }

  return {
    /** Header, claims and segment spans of a compact JWT. Throws `Error` with `code` `JWT_*`. */
    decodeJwt: (token) => {
      ensure('decodeJwt');
      return glue.decodeJwt(pastedText(token, 'decodeJwt'));
    },
    /** Every token found in a paste, recognised and explained. `now` in Unix seconds. */
    decodeToken: (text, now) => {
      ensure('decodeToken');
      return glue.decodeToken(pastedText(text, 'decodeToken'), unixSeconds(now, 'decodeToken'));
    },
    /** Every known failure in a pasted log, root cause first. `now` in Unix seconds. */
    scanLog: (text, now) => {
      ensure('scanLog');
      return glue.scanLog(pastedText(text, 'scanLog'), unixSeconds(now, 'scanLog'));
    },
    /** The full catalog entry for an ID such as `AL013`. Throws `code: UNKNOWN_CATALOG_ID`. */
    explain: (id) => {
      ensure('explain');
      return withExamples(glue.explain(catalogId(id)));
    },
    /** Every catalog entry. */
    catalog: () => {
      ensure('catalog');
      return glue.catalog().map(withExamples);
    },
    /**
     * Logs in to one or more registries: GitHub OIDC / client secret / managed identity / workload
     * identity / basic → ACR refresh token, with retries and a diagnosis. Resolves to a
     * `LoginResult` (`ok: false` with `diagnosis` on failure); rejects only for misuse: invalid
     * options (`code: CONFIG_*`, `option`), a bad `host` (`INVALID_HOST`), or the wasm not loaded.
     */
    login: (options, host) => run('login', glue.login, options, host),
    /** Runs every health check (like `az acr check-health`, without Docker) and reports them all. */
    diagnose: (options, host) => run('diagnose', glue.diagnose, options, host),
  };
}
