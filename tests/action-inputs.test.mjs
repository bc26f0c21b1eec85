// The committed bundle loads (wasm included) under both Node versions and rejects bad inputs with a
// message that names the input, before anything touches the network.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NODES } from './support/node.mjs';
import { runStep } from './support/runner.mjs';

const APP = '11111111-2222-3333-4444-555555555555';
const TENANT = '66666666-7777-8888-9999-000000000000';

const BAD = [
  [{}, 'registry', 'is required'],
  [{ registry: 'https://myacr.azurecr.io/v2/' }, 'registry', 'without a path'],
  [{ registry: 'myacr' }, 'client-id', "auth-type 'oidc'"],
  [{ registry: 'myacr', 'client-id': APP }, 'tenant-id', 'Directory (tenant) ID'],
  [{ registry: 'myacr', 'client-id': 'my-app', 'tenant-id': TENANT }, 'client-id', 'is not a GUID'],
  [{ registry: 'myacr', 'client-id': APP, 'tenant-id': 'common' }, 'tenant-id', "'common' is not a tenant"],
  [{ registry: 'myacr', 'client-id': APP, 'tenant-id': 'my tenant' }, 'tenant-id', 'nor a tenant domain'],
  [{ registry: 'myacr', 'client-id': APP, 'tenant-id': TENANT, 'auth-type': 'password' }, 'auth-type', "'oidc', 'client-secret'"],
  [{ registry: 'myacr', 'client-id': APP, 'tenant-id': TENANT, 'auth-type': 'client-secret' }, 'client-secret', 'is required'],
  [{ registry: 'myacr', 'client-id': APP, 'tenant-id': TENANT, 'client-secret': 'abc' }, 'client-secret', "only used with auth-type 'client-secret'"],
  [{ registry: 'myacr', 'auth-type': 'basic', username: 'u' }, 'password', "auth-type 'basic'"],
  [{ registry: 'myacr', 'client-id': APP, 'tenant-id': TENANT, logout: 'maybe' }, 'logout', 'not a boolean'],
  [{ registry: 'myacr', 'client-id': APP, 'tenant-id': TENANT, actions: 'pull,write' }, 'actions', "'write' is not one of"],
  [{ registry: 'myacr', 'client-id': APP, 'tenant-id': TENANT, timeout: '-1' }, 'timeout', 'between 1 and 600'],
  [{ registry: 'myacr', 'client-id': APP, 'tenant-id': TENANT, 'authority-host': 'http://login' }, 'authority-host', 'https://'],
];

for (const node of NODES) {
  describe(`${node.name}: input validation`, () => {
    for (const [inputs, name, words] of BAD) {
      test(`rejects ${JSON.stringify(inputs)} naming '${name}'`, async () => {
        const r = await runStep({ node, inputs });
        assert.equal(r.code, 1, r.stderr);
        const error = r.stdout.split('\n').find((l) => l.startsWith('::error::'));
        assert.ok(error, `no ::error:: line in ${r.stdout}`);
        assert.match(error, new RegExp(`Input '${name}'`));
        assert.ok(error.includes(words), `${error} does not say "${words}"`);
        assert.doesNotMatch(r.stderr, /Error:|at .*\.mjs/, 'a crash instead of an explained failure');
      });
    }
    test('a tenant domain is a tenant: the step goes on to the login (here: no OIDC permission)', async () => {
      const r = await runStep({ node, inputs: { registry: 'myacr', 'client-id': APP, 'tenant-id': 'Contoso.onmicrosoft.com', diagnose: 'never' } });
      const error = r.stdout.split('\n').find((l) => l.startsWith('::error::'));
      assert.doesNotMatch(error, /tenant-id/);
      assert.match(error, /^::error::AL001 /);
    });

    test('a registry outside Azure gets no Entra token: refused before any request, basic suggested', async () => {
      // ACTIONS_ID_TOKEN_REQUEST_URL is unset: had the step gone on, it would fail on the OIDC permission.
      const r = await runStep({ node, inputs: { registry: 'ghcr.io', 'client-id': APP, 'tenant-id': TENANT } });
      assert.equal(r.code, 1, r.stderr);
      const error = r.stdout.split('\n').find((l) => l.startsWith('::error::'));
      assert.match(error, /registry/);
      assert.match(error, /`ghcr\.io` is not an Azure Container Registry login server/);
      assert.match(error, /auth-type: basic/);
      assert.doesNotMatch(r.stdout, /AL001/);
    });

    test('a secret given as input never reaches the log, even in a rejection', async () => {
      const secret = 'Zx9~verysecretvalue.' + node.major;
      const r = await runStep({ node, inputs: { registry: 'myacr', 'client-id': APP, 'tenant-id': TENANT, 'client-secret': secret } });
      assert.equal(r.code, 1);
      assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret));
    });
  });
}
