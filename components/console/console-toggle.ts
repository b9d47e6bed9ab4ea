"use client";
import { useSyncExternalStore } from "react";

// Whether the console drawer is open: one flag the header's button and the drawer share (they
// sit in different parts of the layout), kept for the tab's life.
let open = false;
const listeners = new Set<() => void>();

export function setConsoleOpen(next: boolean): void {
  open = next;
  for (const l of listeners) l();
}

export function toggleConsole(): void {
  setConsoleOpen(!open);
}

export function useConsoleOpen(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
    () => false,
  );
}
