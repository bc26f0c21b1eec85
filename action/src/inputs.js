// Every input, parsed into one typed object in one place. Bad values and combinations are rejected
// here with a message that names the input and says what would be accepted.
import * as workflow from './workflow.js';
import { lazyBuiltin } from './lazy.js';

const os = lazyBuiltin('node:os');

export class InputError extends Error {
  /** `env`: the environment variable the value came from, when the input itself was not set. */
  constructor(input, message, { env } = {}) {
    super(env ? `The ${env} environment variable (read because input '${input}' is not set): ${message}` : `Input '${input}': ${message}`);
    this.name = 'InputError';
    this.code = 'INVALID_INPUT';
    this.input = input;
    this.env = env ?? null;
  }
}

export const AUTH_TYPES = ['oidc', 'client-secret', 'managed-identity', 'workload-identity', 'basic'];
const ENVIRONMENTS = ['azurecloud', 'azureusgovernment', 'azurechinacloud'];
const DIAGNOSE = ['on-failure', 'always', 'never'];
const ACTIONS = ['pull', 'push', 'delete'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf(input, value, allowed) {
  const v = value.toLowerCase();
  if (!allowed.includes(v)) throw new InputError(input, `'${value}' is not one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  return v;
}

function bool(input, value) {
  if (/^(true|yes|1)$/i.test(value)) return true;
  if (/^(false|no|0)$/i.test(value)) return false;
  throw new InputError(input, `'${value}' is not a boolean: use 'true' or 'false'`);
}

/**
 * How a rejected value is shown: as it is when it can only be a mistyped ID, else by its length. A
 * secret pasted into the wrong variable (AZURE_CLIENT_SECRET's value in AZURE_CLIENT_ID, say) is
 * masked only when it came from `secrets.*`; `env:` and `vars.` values are not.
 */
function shown(value) {
  return /^[{(]?[0-9a-f-]{1,40}[)}]?$/i.test(value) || /^[\w.-]{1,16}$/.test(value) ? `'${value}'` : `the value (${value.length} characters)`;
}

function guid({ input, env, value }) {
  if (!GUID.test(value)) throw new InputError(input, `${shown(value)} is not a GUID such as 00000000-0000-0000-0000-000000000000 (copy it from the Overview page of the app or identity)`, { env });
  return value.toLowerCase();
}

/** A tenant as Entra takes it in the token URL: the Directory (tenant) GUID, or a verified domain. */
function tenant({ input, env, value }) {
  if (/^(common|organizations|consumers)$/i.test(value)) {
    throw new InputError(input, `'${value}' is not a tenant: client credentials and federated tokens need the Directory (tenant) ID of the app's own tenant`, { env });
  }
  if (GUID.test(value) || /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(value)) return value.toLowerCase();
  throw new InputError(input, `${shown(value)} is neither a Directory (tenant) ID such as 00000000-0000-0000-0000-000000000000 nor a tenant domain such as contoso.onmicrosoft.com`, { env });
}

/**
 * A path input: `~` or `~/…` means the home directory, which no shell expands in a `with:` value.
 * Taken literally it named a `~` directory in the workspace, where a docker build context or an
 * uploaded artifact would pick up the credential.
 */
function pathInput(value, env) {
  if (!/^~(\/|$)/.test(value)) return value;
  return (env.HOME || os().homedir()) + value.slice(1);
}

function list(value) {
  return value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
}

/**
 * Reads the inputs as the runner provides them (INPUT_* variables) plus the relevant environment.
 * `read(name)` defaults to the runner's INPUT_* variables (workflow.getInput); tests pass their own.
 */
export function parseInputs(env = process.env, read = (n) => workflow.getInput(n)) {
  const get = (n) => (read(n) ?? '').trim();
  const registries = list(get('registry'));
  if (registries.length === 0) throw new InputError('registry', 'is required: give a login server such as myregistry.azurecr.io (or just myregistry)');
  // A scheme and a trailing slash are what people copy from the portal or docker/login-action's
  // examples: the core drops them. A path is a repository or an API route, never a login server.
  for (const r of registries) {
    if (r.replace(/^https?:\/\//i, '').replace(/\/+$/, '').includes('/')) {
      throw new InputError('registry', `'${r}' must be a login server only, such as myregistry.azurecr.io, without a path (give the repository in 'repository' if you meant one)`);
    }
  }
  const authType = oneOf('auth-type', get('auth-type') || 'oidc', AUTH_TYPES);
  // The Azure SDKs' environment fallbacks, read only by the auth types that use them: a runner's
  // AZURE_CLIENT_ID meant for another tool must not block `basic`, which never sends a client ID.
  const needsApp = authType === 'oidc' || authType === 'client-secret' || authType === 'workload-identity';
  const orEnv = (input, envName, used) => {
    const value = get(input);
    if (value) return { input, value };
    const fallback = used ? (env[envName] ?? '').trim() : '';
    return fallback ? { input, env: envName, value: fallback } : null;
  };
  // managed-identity takes a client ID too: that of a user-assigned identity.
  const clientIdFrom = orEnv('client-id', 'AZURE_CLIENT_ID', authType !== 'basic');
  const tenantIdFrom = orEnv('tenant-id', 'AZURE_TENANT_ID', needsApp);
  const clientSecret = get('client-secret');
  const username = get('username');
  const password = get('password');

  if (needsApp && !clientIdFrom) throw new InputError('client-id', `is required with auth-type '${authType}': the Application (client) ID of the app registration or managed identity`);
  if (needsApp && !tenantIdFrom) throw new InputError('tenant-id', `is required with auth-type '${authType}': the Directory (tenant) ID`);
  if (authType === 'client-secret' && !clientSecret) throw new InputError('client-secret', "is required with auth-type 'client-secret' (or switch to auth-type 'oidc' and store no secret)");
  if (authType !== 'client-secret' && clientSecret) throw new InputError('client-secret', `is only used with auth-type 'client-secret', not '${authType}': remove it or set auth-type`);
  if (authType === 'basic' && (!username || !password)) throw new InputError(username ? 'password' : 'username', "is required with auth-type 'basic' (admin user or repository-scoped token)");
  if (authType !== 'basic' && (username || password)) throw new InputError(username ? 'username' : 'password', `is only used with auth-type 'basic', not '${authType}'`);

  const actions = list(get('actions') || 'pull').map((a) => oneOf('actions', a, ACTIONS));
  const timeout = Number(get('timeout') || '30');
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 600) throw new InputError('timeout', `'${get('timeout')}' must be a number of seconds between 1 and 600`);
  const environment = get('environment') ? oneOf('environment', get('environment'), ENVIRONMENTS) : null;
  // Only Entra ID is reached through the authority host: managed-identity asks IMDS, basic nobody.
  const authorityFrom = orEnv('authority-host', 'AZURE_AUTHORITY_HOST', needsApp);
  const authorityHost = authorityFrom?.value ?? null;
  if (authorityHost && !/^https:\/\//i.test(authorityHost)) throw new InputError('authority-host', `'${authorityHost}' must be an https:// URL such as https://login.microsoftonline.com`, { env: authorityFrom.env });
  const dockerConfigInput = pathInput(get('docker-config'), env);
  const authFileInput = pathInput(get('auth-file'), env);

  return {
    registries,
    authType,
    clientId: clientIdFrom ? guid(clientIdFrom) : null,
    tenantId: tenantIdFrom ? tenant(tenantIdFrom) : null,
    clientSecret: clientSecret || null,
    username: username || null,
    password: password || null,
    audience: get('audience') || null,
    environment,
    authorityHost,
    logout: bool('logout', get('logout') || 'true'),
    exposeToken: bool('expose-token', get('expose-token') || 'false'),
    diagnose: oneOf('diagnose', get('diagnose') || 'on-failure', DIAGNOSE),
    repository: get('repository') || null,
    actions,
    dockerConfigDir: dockerConfigInput || env.DOCKER_CONFIG || null,
    // Where the path came from, for a message that has to say which setting to change.
    dockerConfigFrom: dockerConfigInput ? 'input' : env.DOCKER_CONFIG ? 'env' : 'default',
    authFile: authFileInput || env.REGISTRY_AUTH_FILE || null,
    authFileFrom: authFileInput ? 'input' : env.REGISTRY_AUTH_FILE ? 'env' : null,
    timeoutSeconds: timeout,
  };
}
