// Main step. The only place that calls setFailed.
import * as core from '@actions/core';
import { parseInputs } from './inputs.js';
import { decodeJwt } from './wasm.js';

export async function run() {
  try {
    const inputs = parseInputs();
    for (const secret of [inputs.clientSecret, inputs.password]) if (secret) core.setSecret(secret);
    core.info(`acr-login: ${inputs.authType} login to ${inputs.registries.join(', ')}`);
    // The wasm is live from here on; the login flow itself arrives with the login work.
    void decodeJwt;
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}

run();
