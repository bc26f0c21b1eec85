// Runs the committed action exactly as a GitHub runner does: `node action/dist/<step>.mjs` with
// INPUT_* variables and the GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV / GITHUB_STEP_SUMMARY files in
// a fresh RUNNER_TEMP; the post step gets the main step's saved state back as STATE_* variables.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './node.mjs';

/** Parses the runner's file-command format: `name=value` lines or `name<<DELIM` heredocs. */
export function parseFileCommands(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = line.match(/^([^=<]+)<<(.+)$/);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value = [];
      while (++i < lines.length && lines[i] !== delim) value.push(lines[i]);
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

/** A fresh runner workspace: temp dir, file-command files, HOME. */
export function newRunner() {
  const dir = mkdtempSync(join(tmpdir(), 'acr-login-runner-'));
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_PATH: join(dir, 'path'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  return { dir, files, home: dir };
}

/**
 * Runs one step (`main` or `post`) of the committed action under `node` with `inputs` (names as in
 * action.yml) and extra `env` (`dist`: another copy of action/dist). Resolves with { code, stdout, stderr, outputs, state, summary, env }.
 */
export function runStep({ node, step = 'main', inputs = {}, env = {}, runner = newRunner(), state = {}, dist = join(root, 'action', 'dist') }) {
  const stepEnv = {
    PATH: process.env.PATH,
    HOME: runner.home,
    RUNNER_TEMP: runner.dir,
    RUNNER_OS: 'Linux',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    ...runner.files,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, String(v)])),
    ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
    ...env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(node.bin, [join(dist, `${step}.cjs`)], { env: stepEnv, cwd: runner.dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      // A throw here would be lost in an event handler and leave the test waiting forever.
      try {
        const read = (f) => readFileSync(runner.files[f], 'utf8');
        resolve({
          code, stdout, stderr, runner,
          outputs: parseFileCommands(read('GITHUB_OUTPUT')),
          state: parseFileCommands(read('GITHUB_STATE')),
          env: parseFileCommands(read('GITHUB_ENV')),
          summary: read('GITHUB_STEP_SUMMARY'),
        });
      } catch (e) {
        reject(Object.assign(e, { message: `${step} step (exit ${code}): ${e.message}\n${stdout}\n${stderr}` }));
      }
    });
  });
}
