// The one wasm, instantiated synchronously from the file shipped next to the bundle (the bundle is
// CommonJS, so __dirname is its directory).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from 'acr-login-glue';

initSync({ module: readFileSync(join(__dirname, 'acr_login_bg.wasm')) });

export * from 'acr-login-glue';
