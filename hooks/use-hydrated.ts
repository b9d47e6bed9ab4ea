"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and during hydration, true from the first render after it. Parts that
 * show query data use it (through components/app/after-hydration.tsx) so that the HTML React
 * hydrates against is always the server's "nothing loaded yet": see there for why.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
