"use client";
import type { ReactNode } from "react";
import { useHydrated } from "@/hooks/use-hydrated";

/**
 * Renders its children only once the page has hydrated (nothing on the server).
 *
 * Why: the server renders every query as pending (it fetches nothing), but React hydrates a
 * page in passes: the shell first, then each Suspense boundary (the key browser's is one) in
 * later tasks. The shell's queries (connections, session, status) start as soon as it commits,
 * and on a busy or slow machine one of them can answer before a later boundary hydrates; then
 * useQuery returns that cached data during hydration (TanStack reads the cache, not a server
 * snapshot), the boundary renders e.g. "+ New key" where the server HTML has nothing, and
 * React throws error #418 and re-renders the tree. Measured on a production build with the
 * CPU throttled 2×: 6 of 20 loads of a key page (the "1 in 4" of issue 9); none with this.
 */
export function AfterHydration({ children }: { children: ReactNode }) {
  return useHydrated() ? children : null;
}
