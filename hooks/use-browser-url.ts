"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { base64ToBytes, bytesToJson, type JsonBytes, keyParam } from "@/lib/bytes";

export type BrowserView = "list" | "tree";

export type BrowserUrlState = {
  match: string;
  type: string;
  view: BrowserView;
  delimiter: string;
  selected: JsonBytes | null;
};

function selectedFrom(params: URLSearchParams): JsonBytes | null {
  const key = params.get("key");
  if (key !== null) return key;
  const key64 = params.get("key64");
  if (key64 === null) return null;
  try {
    return bytesToJson(base64ToBytes(key64));
  } catch {
    return null;
  }
}

/** The key browser's state lives in the URL, so every view can be shared and reloaded. */
export function useBrowserUrl() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo<BrowserUrlState>(
    () => ({
      match: params.get("match") ?? "",
      type: params.get("type") ?? "",
      view: params.get("view") === "tree" ? "tree" : "list",
      delimiter: params.get("delim") || ":",
      selected: selectedFrom(params),
    }),
    [params],
  );
  const update = useCallback(
    (patch: Partial<BrowserUrlState>) => {
      const next = new URLSearchParams(params);
      const setOrDrop = (name: string, value: string, fallback = "") => {
        if (value === fallback) next.delete(name);
        else next.set(name, value);
      };
      if (patch.match !== undefined) setOrDrop("match", patch.match);
      if (patch.type !== undefined) setOrDrop("type", patch.type);
      if (patch.view !== undefined) setOrDrop("view", patch.view, "list");
      if (patch.delimiter !== undefined) setOrDrop("delim", patch.delimiter, ":");
      if (patch.selected !== undefined) {
        next.delete("key");
        next.delete("key64");
        if (patch.selected !== null) {
          const [name, value] = keyParam(patch.selected).split("=") as [string, string];
          next.set(name, decodeURIComponent(value));
        }
      }
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );
  return { ...state, update };
}
