// How the action words an error it did not expect: a trap in the wasm core (a Rust panic) is called a
// bug in acr-login, with where to report it; any other error keeps its own message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError } from '../action/src/errors.js';

// (module (func (export "f") unreachable)): the trap a panic in the release build ends in.
const TRAP = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
  0x03, 0x02, 0x01, 0x00,
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,
]);

test('a wasm trap is reported as a bug, with the link to report it', () => {
  const { f } = new WebAssembly.Instance(new WebAssembly.Module(TRAP)).exports;
  const trap = (() => { try { f(); } catch (e) { return e; } })();
  assert.ok(trap instanceof WebAssembly.RuntimeError);
  const text = describeError(trap);
  assert.match(text, /internal error in its wasm core \(unreachable\)/);
  assert.match(text, /bug in acr-login, not in your setup/);
  assert.match(text, /https:\/\/github\.com\/org\/acr-login-action\/issues/);
});

test('any other error keeps its own message', () => {
  assert.equal(describeError(new Error("Input 'registry' is required")), "Input 'registry' is required");
  assert.equal(describeError('plain text'), 'plain text');
});
