// action/src/workflow.js: the runner protocol the action speaks (stdout commands, file commands,
// inputs, state), in the form the action ships: bundled to CommonJS by esbuild, as scripts/build.mjs
// does, so its lazy `require('node:crypto')` is the one that runs on a runner.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const dir = mkdtempSync(join(tmpdir(), 'acr-login-workflow-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const bundle = join(dir, 'workflow.cjs');
await esbuild.build({
  absWorkingDir: root, entryPoints: ['action/src/workflow.js'], outfile: bundle,
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
});
const workflow = createRequire(import.meta.url)(bundle);

const FILES = ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV'];
const DELIMITER = /^ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Runs `fn` with `env` applied on top of process.env; returns its stdout and the files it wrote. */
function step(env, fn) {
  const saved = { ...process.env };
  const files = {};
  for (const f of FILES) {
    delete process.env[f];
    if (env[f] === '') {
      files[f] = join(mkdtempSync(join(dir, 'step-')), f);
      writeFileSync(files[f], '');
      env = { ...env, [f]: files[f] };
    }
  }
  Object.assign(process.env, env);
  // The module writes the log with fs.writeSync(1, …) (see its `write`): capture those.
  const writeSync = fs.writeSync;
  let stdout = '';
  fs.writeSync = (fd, data, ...rest) => {
    if (fd !== 1) return writeSync(fd, data, ...rest);
    stdout += Buffer.from(data).toString('utf8');
    return Buffer.byteLength(data);
  };
  try {
    fn();
  } finally {
    fs.writeSync = writeSync;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
  return { stdout, files: Object.fromEntries(Object.entries(files).map(([f, p]) => [f, readFileSync(p, 'utf8')])) };
}

test('messages escape % CR LF, so a value can neither end its command nor start another', () => {
  const { stdout } = step({}, () => {
    workflow.debug('100%\r\n::error::injected');
    workflow.warning('a:b,c');
    workflow.setSecret('p%s\nw');
    workflow.info('plain %0A stays as written');
  });
  assert.equal(stdout, [
    '::debug::100%25%0D%0A::error::injected',
    '::warning::a:b,c',
    '::add-mask::p%25s%0Aw',
    'plain %0A stays as written',
    '',
  ].join('\n'));
});

test('groups, errors and non-string values are issued as @actions/core does', () => {
  const { stdout } = step({}, () => {
    workflow.startGroup('Diagnosis');
    workflow.endGroup();
    workflow.error(new TypeError('bad\nthing'));
    workflow.warning({ code: 'X' });
    workflow.debug(undefined);
  });
  assert.equal(stdout, '::group::Diagnosis\n::endgroup::\n::error::TypeError: bad%0Athing\n::warning::{"code":"X"}\n::debug::\n');
});

test('setOutput, saveState and exportVariable append the heredoc form with a fresh ghadelimiter_<uuid>', () => {
  const { stdout, files } = step({ GITHUB_OUTPUT: '', GITHUB_STATE: '', GITHUB_ENV: '' }, () => {
    workflow.setOutput('diagnosis', '{"a":1}\nsecond line');
    workflow.setOutput('count', 3);
    workflow.saveState('acr-login-logout', 'true');
    workflow.exportVariable('ACR_LOGIN_TEST_VAR', 'x=y');
    assert.equal(process.env.ACR_LOGIN_TEST_VAR, 'x=y', 'exportVariable also sets it for this process');
  });
  assert.equal(stdout, '', 'file commands write nothing to the log');
  const heredocs = (text) => [...text.matchAll(/^(.+)<<(.+)\n([^]*?)\n\2\n/gm)].map(([, name, delimiter, value]) => ({ name, delimiter, value }));
  const outputs = heredocs(files.GITHUB_OUTPUT);
  assert.deepEqual(outputs.map(({ name, value }) => [name, value]), [['diagnosis', '{"a":1}\nsecond line'], ['count', '3']]);
  assert.equal(outputs.map((o) => `${o.name}<<${o.delimiter}\n${o.value}\n${o.delimiter}\n`).join(''), files.GITHUB_OUTPUT, 'nothing but heredocs in the file');
  assert.deepEqual(heredocs(files.GITHUB_STATE).map(({ name, value }) => [name, value]), [['acr-login-logout', 'true']]);
  assert.deepEqual(heredocs(files.GITHUB_ENV).map(({ name, value }) => [name, value]), [['ACR_LOGIN_TEST_VAR', 'x=y']]);
  const delimiters = [...outputs, ...heredocs(files.GITHUB_STATE), ...heredocs(files.GITHUB_ENV)].map((h) => h.delimiter);
  for (const d of delimiters) assert.match(d, DELIMITER);
  assert.equal(new Set(delimiters).size, delimiters.length, 'one delimiter per command');
});

test('a name or value containing the delimiter is refused, and nothing is written', () => {
  const d = 'ghadelimiter_00000000-0000-4000-8000-000000000000';
  assert.equal(workflow.keyValueMessage('out', 'v', d), `out<<${d}\nv\n${d}`);
  assert.throws(() => workflow.keyValueMessage('out', `before\n${d}\nevil<<x`, d), { message: `Unexpected input: value should not contain the delimiter "${d}"` });
  assert.throws(() => workflow.keyValueMessage(`x${d}`, 'v', d), { message: `Unexpected input: name should not contain the delimiter "${d}"` });
  // Through setOutput, with the uuid pinned (the bundle loads node:crypto lazily, through require).
  const crypto = createRequire(import.meta.url)('node:crypto');
  const randomUUID = crypto.randomUUID;
  crypto.randomUUID = () => '00000000-0000-4000-8000-000000000000';
  try {
    let thrown;
    const { files } = step({ GITHUB_OUTPUT: '' }, () => {
      try { workflow.setOutput('token', `a\n${d}\nb`); } catch (e) { thrown = e; }
    });
    assert.match(thrown?.message ?? '', /value should not contain the delimiter/);
    assert.equal(files.GITHUB_OUTPUT, '');
  } finally {
    crypto.randomUUID = randomUUID;
  }
});

test('a file command whose file is missing throws; without the variable the stdout commands are used', () => {
  assert.throws(() => step({ GITHUB_OUTPUT: join(dir, 'no-such-dir', 'output') }, () => workflow.setOutput('a', 'b')), { message: /^Missing file at path: / });
  const { stdout } = step({}, () => {
    workflow.setOutput('a:b,c%', 'x\ny');
    workflow.saveState('s', true);
    workflow.exportVariable('ACR_LOGIN_TEST_VAR', { k: 1 });
    assert.equal(process.env.ACR_LOGIN_TEST_VAR, '{"k":1}');
  });
  assert.equal(stdout, '\n::set-output name=a%3Ab%2Cc%25::x%0Ay\n::save-state name=s::true\n::set-env name=ACR_LOGIN_TEST_VAR::{"k":1}\n');
});

test('getInput reads INPUT_<NAME>, trims unless told not to, and enforces required', () => {
  const env = { 'INPUT_CLIENT-ID': '  00000000-0000-0000-0000-000000000001 \n', INPUT_MY_INPUT: 'spaced name', INPUT_EMPTY: '' };
  step(env, () => {
    assert.equal(workflow.getInput('client-id'), '00000000-0000-0000-0000-000000000001');
    assert.equal(workflow.getInput('Client-Id'), '00000000-0000-0000-0000-000000000001', 'names are case-insensitive');
    assert.equal(workflow.getInput('client-id', { trimWhitespace: false }), env['INPUT_CLIENT-ID']);
    assert.equal(workflow.getInput('my input'), 'spaced name', 'spaces become underscores');
    assert.equal(workflow.getInput('absent'), '');
    assert.equal(workflow.getInput('empty', { required: false }), '');
    assert.throws(() => workflow.getInput('empty', { required: true }), { message: 'Input required and not supplied: empty' });
    assert.throws(() => workflow.getInput('absent', { required: true }), { message: 'Input required and not supplied: absent' });
    assert.equal(workflow.getInput('client-id', { required: true }), '00000000-0000-0000-0000-000000000001');
  });
});

test('getState reads STATE_<name> as saved, or empty', () => {
  step({ 'STATE_acr-login-undo-file': '/tmp/undo.json' }, () => {
    assert.equal(workflow.getState('acr-login-undo-file'), '/tmp/undo.json');
    assert.equal(workflow.getState('ACR-LOGIN-UNDO-FILE'), '', 'state names are not upper-cased');
    assert.equal(workflow.getState('other'), '');
  });
});

/** Runs these lines as a script file (not `node -e`, which loads node:crypto itself), with `env`. */
function runScript(name, lines, env = {}) {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n'));
  return spawnSync(process.execPath, [file], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
}

test('setFailed ends the process with exit code 1 and an error annotation; node:crypto loads only for a file command', () => {
  const out = join(dir, 'failed-output');
  writeFileSync(out, '');
  const r = runScript('failed.cjs', [
    `const w = require(${JSON.stringify(bundle)});`,
    "const before = process.moduleLoadList.includes('NativeModule crypto');",
    "w.info('before: ' + before);",
    "w.setFailed('login failed: 50%\\nsee the diagnosis');",
    "w.setOutput('x', 'y');",
    "w.info('after: ' + process.moduleLoadList.includes('NativeModule crypto'));",
  ], { GITHUB_OUTPUT: out });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'before: false\n::error::login failed: 50%25%0Asee the diagnosis\nafter: true\n');
  assert.equal(r.status, 1);
});

test('infoVerbatim pauses workflow commands around its text with a fresh token, without loading node:crypto', () => {
  const r = runScript('verbatim.cjs', [
    `const w = require(${JSON.stringify(bundle)});`,
    "w.infoVerbatim('Service said:\\n::add-mask::x\\n  ::error::forged');",
    "w.infoVerbatim('again');",
    "w.info('crypto: ' + process.moduleLoadList.includes('NativeModule crypto'));",
  ]);
  assert.equal(r.stderr, '');
  const lines = r.stdout.split('\n');
  const tokens = lines.filter((l) => l.startsWith('::stop-commands::')).map((l) => l.slice('::stop-commands::'.length));
  assert.equal(tokens.length, 2);
  for (const t of tokens) assert.match(t, /^acr-login-[0-9a-z]{26}$/);
  assert.notEqual(tokens[0], tokens[1], 'a token per block');
  assert.deepEqual(lines.slice(0, 5), [`::stop-commands::${tokens[0]}`, 'Service said:', '::add-mask::x', '  ::error::forged', `::${tokens[0]}::`]);
  assert.equal(lines.at(-2), 'crypto: false');
});

test('a full non-blocking stdout pipe (EAGAIN) loses nothing: the rest, and every later line, go through process.stdout in order', () => {
  const script = [
    "const fs = require('node:fs');",
    `const w = require(${JSON.stringify(bundle)});`,
    'const real = fs.writeSync;',
    'let calls = 0;',
    // The first write lands 3 bytes, the second finds the pipe full.
    "fs.writeSync = (fd, data, ...rest) => { if (fd !== 1) return real(fd, data, ...rest); calls++; if (calls === 1) return real(1, data.subarray(0, 3)); throw Object.assign(new Error('EAGAIN'), { code: 'EAGAIN' }); };",
    "w.info('first line');",
    "w.info('second line');",
    "w.setSecret('s3cr3t');",
  ].join('\n');
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'first line\nsecond line\n::add-mask::s3cr3t\n');
});
