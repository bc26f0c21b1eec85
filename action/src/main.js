// Main step: inputs → the wasm login (GitHub OIDC → Entra → ACR) → docker config, outputs, state
// for post, job summary; on failure the diagnosis. The only place that calls setFailed.
import * as workflow from './workflow.js';
import { readFileSync, appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseInputs } from './inputs.js';
import { closeIdle, preconnect, request } from './net.js';
import { lazyBuiltin } from './lazy.js';
import { explainFileError, undoCredentials, writeCredentials } from './credentials.js';
import { writePrivateJson } from './files.js';
import { STATE } from './state.js';
import * as wasm from './wasm.js';
import { describeError } from './errors.js';

// Only the fallbacks for an unset HOME or RUNNER_TEMP need it, and a runner sets both.
const os = lazyBuiltin('node:os');

/** The options object the wasm core reads (see LoginOptions::from_json). */
export function loginOptions(inputs, env, federatedToken) {
  return {
    registries: inputs.registries,
    authType: inputs.authType,
    clientId: inputs.clientId,
    tenantId: inputs.tenantId,
    clientSecret: inputs.clientSecret,
    username: inputs.username,
    password: inputs.password,
    audience: inputs.audience,
    environment: inputs.environment,
    authorityHost: inputs.authorityHost,
    repository: inputs.repository,
    actions: inputs.repository ? inputs.actions : null,
    idTokenRequestUrl: env.ACTIONS_ID_TOKEN_REQUEST_URL || null,
    idTokenRequestToken: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN || null,
    federatedToken,
    // The Azure SDKs' override of the IMDS host (pod identity); also how tests reach a stand-in.
    imdsEndpoint: env.AZURE_POD_IDENTITY_AUTHORITY_HOST || null,
    timeoutMs: Math.round(inputs.timeoutSeconds * 1000),
  };
}

function summary(markdown, env) {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
}

function iso(secs) {
  return secs ? new Date(secs * 1000).toISOString().replace('.000Z', 'Z') : '';
}

/** The diagnosis table, folded in the log. */
function logDiagnosis(text) {
  workflow.startGroup('Diagnosis');
  workflow.infoVerbatim(text);
  workflow.endGroup();
}

function failWith(e) {
  workflow.setFailed(describeError(e));
}

export async function run(env = process.env) {
  try {
    if (wasm.wasmLoadError()) return failWith(wasm.wasmLoadError());
    return await step(env);
  } catch (e) {
    // Whatever was not explained on the way still ends in one ::error:: line, not a stack dump.
    return failWith(e);
  } finally {
    closeIdle();
  }
}

async function step(env) {
  let inputs;
  try {
    inputs = parseInputs(env);
  } catch (e) {
    return failWith(e);
  }
  // Mask every credential given before anything else is logged.
  for (const s of [inputs.clientSecret, inputs.password, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN]) if (s) workflow.setSecret(s);
  let federatedToken = null;
  if (inputs.authType === 'workload-identity') {
    const file = env.AZURE_FEDERATED_TOKEN_FILE;
    if (!file) return failWith(new Error("auth-type 'workload-identity' needs AZURE_FEDERATED_TOKEN_FILE (set by the AKS workload identity webhook on the runner pod); it is not set"));
    try {
      federatedToken = readFileSync(file, 'utf8').trim();
    } catch (e) {
      return failWith(new Error(`AZURE_FEDERATED_TOKEN_FILE: cannot read ${file} (${e.code ?? e.message})`));
    }
    if (federatedToken) workflow.setSecret(federatedToken);
  }
  const options = JSON.stringify(loginOptions(inputs, env, federatedToken));
  const host = {
    now: () => Date.now(),
    onSecret: (s) => workflow.setSecret(s),
    onNotice: (t) => workflow.info(t),
    // DNS and TLS checks run only in a diagnosis: load them then.
    probe: async (p) => (await import('./probes.js')).probe(p, env),
    request: (r) => request(r, env),
    preconnect: (origin) => preconnect(origin, env),
  };
  workflow.info(`acr-login: ${inputs.authType} login to ${inputs.registries.join(', ')}`);
  let result;
  try {
    result = await wasm.login(options, host);
  } catch (e) {
    return failWith(e);
  }
  if (!result.ok) {
    let report = result;
    if (inputs.diagnose !== 'never') {
      workflow.info('Login failed; running the diagnosis');
      try {
        report = await wasm.diagnose(options, host);
      } catch { /* keep the login's own report */ }
    }
    logDiagnosis(report.text);
    workflow.setOutput('diagnosis', JSON.stringify(report.diagnosis));
    summary(report.ok ? result.markdown : report.markdown, env);
    // The login's own failure is the one to explain: the diagnosis may pass a blip that failed it.
    return workflow.setFailed(report.ok || !report.diagnosis.top ? result.message : report.message);
  }

  const runnerTemp = env.RUNNER_TEMP || os().tmpdir();
  let written;
  try {
    written = await writeCredentials({
      registries: result.registries,
      dockerConfigDir: inputs.dockerConfigDir || join(env.HOME || os().homedir(), '.docker'),
      dockerConfigFrom: inputs.dockerConfigFrom,
      authFile: inputs.authFile,
      authFileFrom: inputs.authFileFrom,
      runnerTemp,
      env,
      info: (t) => workflow.info(t),
    });
  } catch (e) {
    return failWith(e);
  }
  let undoFile = null;
  try {
    if (written.dockerConfig) workflow.exportVariable('DOCKER_CONFIG', written.dockerConfig);
    try {
      undoFile = writePrivateJson(runnerTemp, 'acr-login-undo', { records: written.records });
    } catch (e) {
      throw explainFileError(e, { place: 'temp', path: runnerTemp }, 'write');
    }
    workflow.saveState(STATE.undoFile, undoFile);
    workflow.saveState(STATE.logout, String(inputs.logout));
  } catch (e) {
    // Without its state the post step cannot log out, and a self-hosted runner would keep the
    // credential for every later job: take it back and fail.
    await undoCredentials(written.records, env).catch(() => {});
    if (undoFile) rmSync(undoFile, { force: true });
    return failWith(e);
  }

  const first = result.registries[0];
  workflow.setOutput('login-server', result.registries.map((r) => r.loginServer).join(','));
  workflow.setOutput('username', first.username);
  workflow.setOutput('expires-at', iso(result.expiresAt));
  workflow.setOutput('identity', result.identity?.summary ?? '');
  if (inputs.exposeToken) workflow.setOutput('token', first.password);

  let report = result;
  if (inputs.diagnose === 'always') {
    try {
      report = await wasm.diagnose(options, host);
      logDiagnosis(report.text);
    } catch { /* the login worked; the report is extra */ }
  }
  workflow.setOutput('diagnosis', JSON.stringify(report.diagnosis));
  const expiry = result.expiresAt ? ` until ${iso(result.expiresAt)}` : '';
  for (const r of result.registries) workflow.info(`Logged in to ${r.loginServer}${expiry} as ${result.identity?.summary ?? r.username}`);
  summary(report.markdown, env);
}
