// Post step: undo exactly what main added (restoring any entry it replaced), unless `logout: false`.
// Needs no docker CLI. Never fails the job: a logout problem is reported as a warning.
import * as core from '@actions/core';
import { readFileSync, rmSync } from 'node:fs';
import { undoCredentials } from './credentials.js';
import { STATE } from './state.js';

export async function run(env = process.env) {
  const undoFile = core.getState(STATE.undoFile);
  if (!undoFile) return core.debug('acr-login post: main step wrote nothing');
  try {
    if (core.getState(STATE.logout) === 'false') {
      core.info('acr-login: logout: false, leaving the credentials in place');
      return;
    }
    const { records } = JSON.parse(readFileSync(undoFile, 'utf8'));
    for (const line of await undoCredentials(records, env)) core.info(`acr-login logout: ${line}`);
  } catch (e) {
    core.warning(`acr-login logout: ${e.message}`);
  } finally {
    rmSync(undoFile, { force: true });
  }
}

run();
