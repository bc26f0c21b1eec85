// A Node built-in loaded on first use instead of at start. The bundle is CommonJS, so `require` is
// the bundle's own; every built-in loaded eagerly is paid by every run, including the ones that
// fail before needing it.
export function lazyBuiltin(id) {
  let mod;
  return () => (mod ??= require(id));
}
