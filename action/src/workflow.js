// The GitHub Actions runner's workflow commands, issued exactly as @actions/core 3.0.1 issues them
// (lib/core.js, command.js, file-command.js, utils.js), for the dozen functions this action uses.
// Why not @actions/core itself: even with its HTTP client stubbed out it added ~5.8 KB of minified
// JavaScript (job summaries, OIDC, paths, platform) and loaded node:os, fs/promises and readline on
// every start, for a protocol this small.
//
// Protocol, as the runner reads it:
// - stdout lines `::name key=value,key=value::message`; the message escapes % CR LF and a property
//   value also : and , (the runner unescapes them), so no value can end a command or start another;
// - file commands (outputs, state, env) append `name<<ghadelimiter_<uuid>` EOL value EOL delimiter
//   to the file named by GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV, refusing a name or value that
//   contains the delimiter; when that variable is unset (an old runner), the deprecated
//   `::set-output`, `::save-state` and `::set-env` stdout commands instead, as @actions/core does;
// - inputs arrive as INPUT_<NAME> and the main step's saved state as STATE_<name> variables.
import { appendFileSync, existsSync, writeSync } from 'node:fs';
import { lazyBuiltin } from './lazy.js';

// os.EOL's own definition; node:os is not otherwise loaded by the post step.
const EOL = process.platform === 'win32' ? '\r\n' : '\n';
// Only a file command needs it (for the delimiter): not every run should pay for loading crypto.
const crypto = lazyBuiltin('node:crypto');

let stdoutStream = false;

/**
 * Writes to the job log. A plain write to fd 1 rather than `process.stdout`: creating that stream
 * for a pipe loads node:net and friends, ~5 ms of every run (profiled, Node 20). Should the pipe be
 * non-blocking and full (EAGAIN), this and every later line go through the stream, in order.
 */
function write(text) {
  let rest = Buffer.from(text, 'utf8');
  while (!stdoutStream && rest.length) {
    try {
      rest = rest.subarray(writeSync(1, rest));
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      stdoutStream = true;
    }
  }
  if (rest.length) process.stdout.write(rest);
}

/** Resolves once every log line is out: at once, unless a full pipe sent some through the stream. */
export function flushed() {
  return stdoutStream ? new Promise((resolve) => process.stdout.write('', resolve)) : Promise.resolve();
}

/** What a command or file carries for `input`: strings as they are, '' for null, else JSON. */
function commandValue(input) {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string' || input instanceof String) return input;
  return JSON.stringify(input);
}

function escapeData(s) {
  return commandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s) {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Writes `::command k=v,...::message`; properties with an empty value are left out. */
function issueCommand(command, properties, message) {
  let line = `::${command || 'missing.command'}`;
  const keys = Object.keys(properties);
  // @actions/core writes the space whenever there are keys, even if every value is then skipped.
  if (keys.length > 0) line += ` ${keys.filter((k) => properties[k]).map((k) => `${k}=${escapeProperty(properties[k])}`).join(',')}`;
  write(`${line}::${escapeData(message)}${EOL}`);
}

/**
 * The heredoc form of a file command: `name<<delimiter`, the value, the delimiter. `delimiter` is
 * random so that a value cannot end the heredoc early and inject another output or variable; one
 * that contains it anyway is refused.
 */
export function keyValueMessage(name, value, delimiter = `ghadelimiter_${crypto().randomUUID()}`) {
  const converted = commandValue(value);
  if (name.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (converted.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  return `${name}<<${delimiter}${EOL}${converted}${EOL}${delimiter}`;
}

function issueFileCommand(command, message) {
  const path = process.env[`GITHUB_${command}`];
  if (!path) throw new Error(`Unable to find environment variable for file command ${command}`);
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`);
  appendFileSync(path, `${commandValue(message)}${EOL}`, { encoding: 'utf8' });
}

/**
 * The input `name` as action.yml spells it, from INPUT_<NAME> (spaces become _, upper case);
 * '' when unset. Trimmed unless `trimWhitespace: false`; `required: true` throws when empty.
 */
export function getInput(name, options) {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
  if (options && options.required && !value) throw new Error(`Input required and not supplied: ${name}`);
  if (options && options.trimWhitespace === false) return value;
  return value.trim();
}

/** Sets the step output `name` (non-strings as JSON). */
export function setOutput(name, value) {
  if (process.env.GITHUB_OUTPUT) return issueFileCommand('OUTPUT', keyValueMessage(name, value));
  write(EOL);
  issueCommand('set-output', { name }, commandValue(value));
}

/** Sets `name` for this process and for the job's later steps. */
export function exportVariable(name, value) {
  const converted = commandValue(value);
  process.env[name] = converted;
  if (process.env.GITHUB_ENV) return issueFileCommand('ENV', keyValueMessage(name, value));
  issueCommand('set-env', { name }, converted);
}

/** Saves `name` for the post step, which reads it back with getState(name). */
export function saveState(name, value) {
  if (process.env.GITHUB_STATE) return issueFileCommand('STATE', keyValueMessage(name, value));
  issueCommand('save-state', { name }, commandValue(value));
}

/** The value the main step saved as `name`, or ''. */
export function getState(name) {
  return process.env[`STATE_${name}`] || '';
}

/** The runner replaces `secret` with *** in every later log line. */
export function setSecret(secret) {
  issueCommand('add-mask', {}, secret);
}

export function info(message) {
  write(message + EOL);
}

/**
 * Log lines the runner must not read as commands: text that quotes servers (a diagnosis) could
 * otherwise hold a line starting with `::` (the runner trims lines before looking). Commands are
 * paused with `::stop-commands::<token>` and resumed by `::<token>::`, a token no text can guess:
 * the servers wrote that text before the token existed, and never see this process's Math.random
 * (~104 bits here; node:crypto would add ~6 ms to every failing run that writes no file command).
 */
export function infoVerbatim(message) {
  const part = () => Math.random().toString(36).slice(2, 15).padEnd(13, '0');
  const token = `acr-login-${part()}${part()}`;
  write(`::stop-commands::${token}${EOL}${message}${EOL}::${token}::${EOL}`);
}

/** Shown only when the job runs with debug logging (RUNNER_DEBUG=1). */
export function debug(message) {
  issueCommand('debug', {}, message);
}

/** A warning annotation. */
export function warning(message) {
  issueCommand('warning', {}, message instanceof Error ? message.toString() : message);
}

/** An error annotation; it does not by itself fail the step. */
export function error(message) {
  issueCommand('error', {}, message instanceof Error ? message.toString() : message);
}

/** Fails the step (exit code 1 when the process ends) with an error annotation. */
export function setFailed(message) {
  process.exitCode = 1;
  error(message);
}

/** Starts a collapsible group of log lines, ended by endGroup(). */
export function startGroup(name) {
  issueCommand('group', {}, name);
}

export function endGroup() {
  issueCommand('endgroup', {}, '');
}
