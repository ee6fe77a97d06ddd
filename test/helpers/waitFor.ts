/**
 * `waitFor(fn, what)`: poll until `fn` returns a truthy value and return it; fail naming `what`
 * after the timeout. The one wait helper of every test (node:test suites and the e2e suites in
 * the extension host): tests wait on conditions, never on fixed sleeps.
 */
/** Poll until `fn` returns a truthy value (no fixed sleeps in tests). */
export async function waitFor<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 30_000, everyMs = 20): Promise<NonNullable<Awaited<T>>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<Awaited<T>>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
