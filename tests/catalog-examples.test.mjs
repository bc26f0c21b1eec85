// The catalog's example logs ship next to the wasm, not inside it (crates/core's `examples` feature is
// off for crates/wasm; scripts/build.mjs writes them as pkg/ and www/pkg/catalog-examples.js): the
// npm API and the page still give every entry its examples, and the wasm holds none of their texts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { catalog, explain } from 'acr-login';
// The raw wasm exports, initialised by the import above (same module instance as pkg/api.js uses).
import * as glue from '../pkg/acr_login.js';
import PKG_EXAMPLES from '../pkg/catalog-examples.js';
import PAGE_EXAMPLES from '../www/pkg/catalog-examples.js';
import { catalog as pageCatalog, load } from '../www/analyse.js';
import { EXAMPLES_MODULE, readCatalogExamples } from '../scripts/lib/catalog-examples.mjs';
import { root } from './support/node.mjs';

const entries = catalog();

test('every entry of the npm catalog() has examples, and explain(id) gives the same ones', () => {
  assert.ok(entries.length >= 60, `${entries.length} entries`);
  for (const e of entries) {
    assert.ok(e.examples.length >= 1, `${e.id} has no example`);
    assert.ok(e.examples.every((x) => typeof x.text === 'string' && x.source), `${e.id}: text and source`);
    assert.deepEqual(explain(e.id).examples, e.examples, e.id);
  }
  // Each call hands out its own copies.
  catalog()[0].examples[0].text = 'changed by a caller';
  assert.deepEqual(catalog()[0].examples, entries[0].examples);
});

test('the generated modules are current, the same for the page and the package, and name only entries', () => {
  const sources = readCatalogExamples();
  assert.deepEqual(PKG_EXAMPLES, sources, 'pkg/catalog-examples.js is stale: run `node scripts/build.mjs`');
  assert.deepEqual(PAGE_EXAMPLES, PKG_EXAMPLES);
  assert.ok(readFileSync(join(root, 'www', 'pkg', EXAMPLES_MODULE)).equals(readFileSync(join(root, 'pkg', EXAMPLES_MODULE))));
  assert.deepEqual(Object.keys(sources), entries.map((e) => e.id), 'one examples record per entry, in ID order');
  assert.ok(Object.values(sources).flat().some((x) => x.text.includes('\r\n')), 'the `<<< crlf` blocks keep their CRLF');
});

test('the page\'s catalog() carries the same examples as the npm API', async () => {
  await load();
  assert.deepEqual(pageCatalog().map((e) => [e.id, e.examples]), entries.map((e) => [e.id, e.examples]));
});

test('the wasm carries no example: its catalog() has none, and its bytes hold none of their texts', () => {
  assert.ok(glue.catalog().every((e) => Array.isArray(e.examples) && e.examples.length === 0), 'the wasm was built with the examples feature');
  const wasm = readFileSync(join(root, 'pkg', 'acr_login_bg.wasm')).toString('latin1');
  // The texts the wasm rightly holds (titles, patterns, fixes...): an example slice found in them
  // would prove nothing, so each example is checked by a 60-character slice found nowhere else.
  const rest = JSON.stringify(glue.catalog());
  const utf8AsLatin1 = (s) => Buffer.from(s, 'utf8').toString('latin1');
  let checked = 0;
  for (const e of entries) {
    for (const [i, x] of e.examples.entries()) {
      const text = x.text.replaceAll('\r\n', '\n'); // compiled in with LF line ends
      let slice = null;
      for (let at = 0; at + 60 <= text.length && !slice; at += 10) {
        const s = text.slice(at, at + 60);
        if (!rest.includes(JSON.stringify(s).slice(1, -1))) slice = s;
      }
      slice ??= text; // shorter than 60 characters
      assert.ok(!wasm.includes(utf8AsLatin1(slice)), `${e.id} example ${i} is in the wasm: ${JSON.stringify(slice)}`);
      checked++;
    }
  }
  assert.equal(checked, Object.values(PKG_EXAMPLES).flat().length);
});
