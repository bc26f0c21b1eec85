// Bundled for @actions/core's `import * as crypto from 'crypto'`: it needs only randomUUID(), for
// file-command delimiters, so node:crypto is loaded when that is first called rather than at start.
export function randomUUID() {
  return require('node:crypto').randomUUID();
}
