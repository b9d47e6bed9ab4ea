// State that must be one per Node.js process (registries, caches, timers), kept on globalThis.
//
// Why not plain module variables: a production build loads a module once per *layer*, not once
// per process. Measured with `next build` (Next 16.4.6, Turbopack) and `node scripts/start.mjs`:
// a temporary module holding a random id and a counter, imported by two route handlers, a page
// and proxy.ts. Both route handlers saw the same id and one shared counter (so route bundles do
// not each get a copy), but proxy.ts had its own copy and server components (pages) another;
// a counter kept through this helper was one for all four. State read in one layer and written
// in another (revoked sessions: proxy.ts checks them, the logout route adds them) is therefore
// only shared through globalThis. Everything else uses the same helper, so that importing a
// module from a page or proxy.ts can never split its state (and a hot reload in `next dev`,
// which re-runs modules, keeps it).
// Not `server-only`: proxy.ts imports lib/auth/secrets.ts, which uses this.

/** The process-wide value called `name`, made by `init` on first use. */
export function processState<T>(name: string, init: () => T): T {
  const key = Symbol.for(`keyscope.${name}`);
  const g = globalThis as unknown as Record<symbol, { value: T } | undefined>;
  g[key] ??= { value: init() };
  return g[key].value;
}
