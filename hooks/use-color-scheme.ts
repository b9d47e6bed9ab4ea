"use client";
import { useSyncExternalStore } from "react";

// The OS colour scheme, live: the app follows it with Tailwind's `dark:` (prefers-color-scheme),
// and canvas charts, which CSS cannot reach, follow it through this hook.
const QUERY = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

export function useColorScheme(): "light" | "dark" {
  return useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(QUERY).matches ? "dark" : "light"),
    () => "light",
  );
}
