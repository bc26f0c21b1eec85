export * from './index.js';
/** Fetch and compile the wasm (once). Pass bytes, a URL or a Response to load it from elsewhere. */
export function ready(moduleOrPath?: BufferSource | URL | string | Response | WebAssembly.Module): Promise<void>;
