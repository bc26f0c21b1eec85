// Post step: undo exactly what main added (restoring any entry it replaced), unless `logout: false`.
// Needs no docker CLI. Never fails the job: a logout problem is reported as a warning.
import * as workflow from './workflow.js';
import { readFileSync, rmSync } from 'node:fs';
import { undoCredentials } from './credentials.js';
import { STATE } from './state.js';
import { describeError } from './errors.js';

export async function run(env = process.env) {
  const undoFile = workflow.getState(STATE.undoFile);
  if (!undoFile) return workflow.debug('acr-login post: main step wrote nothing');
  try {
    if (workflow.getState(STATE.logout) === 'false') {
      workflow.info('acr-login: logout: false, leaving the credentials in place');
      return;
    }
    let text;
    try {
      text = readFileSync(undoFile, 'utf8');
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
      // A post step run twice, or RUNNER_TEMP emptied before it: no record, so nothing to undo
      // here. A warning all the same, since in the second case the login may still be in place.
      workflow.warning(`acr-login logout: nothing left to undo: the login step's undo record ${undoFile} is gone (an earlier post step already logged out, or RUNNER_TEMP was cleaned before this one). Should the login still be in the docker config, \`docker logout <registry>\` removes it.`);
      return;
    }
    const { records } = JSON.parse(text);
    for (const line of await undoCredentials(records, env)) workflow.info(`acr-login logout: ${line}`);
  } catch (e) {
    workflow.warning(`acr-login logout: ${describeError(e)}`);
  } finally {
    rmSync(undoFile, { force: true });
  }
}
