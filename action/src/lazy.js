// A Node built-in loaded on first use instead of at start: every built-in loaded eagerly is paid by
// every run, including the ones that fail before needing it. process.getBuiltinModule works in the
// CommonJS bundle and in the ES modules the tests import alike (Node ≥ 20.16; `require` before).
export function lazyBuiltin(id) {
  let mod;
  return () => (mod ??= process.getBuiltinModule?.(id) ?? require(id));
}
