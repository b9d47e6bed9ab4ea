"use client";
import { useCallback, useSyncExternalStore } from "react";
import {
  choiceFor,
  type DecodeChoice,
  decodeParamOf,
  type ForcedChain,
  forget,
  parseRules,
  patternOf,
  type Rule,
  remember,
  ruleFor,
  serializeRules,
  storageKey,
} from "@/components/viewers/decoded/memory";
import type { JsonBytes } from "@/lib/bytes";
import type { AppInfo } from "@/lib/schemas/apps";
import { useKeyInfo } from "./use-key";

// The decode choice of a key, from the per-pattern rules of its connection in localStorage
// (components/viewers/decoded/memory.ts). Every viewer of the key and its chips read the same
// store, so a choice made in one place re-reads the value everywhere; other tabs follow through
// the `storage` event.

const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; rules: Rule[] }>();
const NONE: Rule[] = [];

function read(conn: string): Rule[] {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(storageKey(conn));
  } catch {
    // Storage off (privacy mode): choices last until the page reloads, in `cache`.
    return cache.get(conn)?.rules ?? NONE;
  }
  const hit = cache.get(conn);
  if (hit && hit.raw === raw) return hit.rules;
  const rules = parseRules(raw);
  cache.set(conn, { raw, rules });
  return rules;
}

function write(conn: string, rules: Rule[]): void {
  const raw = serializeRules(rules);
  cache.set(conn, { raw, rules });
  try {
    window.localStorage.setItem(storageKey(conn), raw);
  } catch {}
  for (const l of listeners) l();
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

export type DecodeScope = "pattern" | "key";

export type DecodeState = {
  choice: DecodeChoice;
  /** `decode=` for the value reads. */
  param: string;
  /** The pattern a choice made here is saved under. */
  pattern: string;
  /** The saved rule in effect, when the choice is not detection. */
  rule: Rule | undefined;
  choose: (chain: ForcedChain, scope?: DecodeScope) => void;
  /** Back to detection: forgets the rule in effect. */
  reset: () => void;
};

export function useDecodeChoice(conn: string, key: JsonBytes, app?: AppInfo): DecodeState {
  const rules = useSyncExternalStore(
    subscribe,
    () => read(conn),
    () => NONE,
  );
  const pattern = patternOf(key, app);
  const rule = ruleFor(rules, key);
  const choice = choiceFor(rules, key);
  const exactPattern = typeof key === "string" ? key.replace(/[\\*]/g, (c) => `\\${c}`) : pattern;
  const choose = useCallback(
    (chain: ForcedChain, scope: DecodeScope = "pattern") =>
      write(
        conn,
        remember(read(conn), scope === "key" ? exactPattern : pattern, chain, Date.now()),
      ),
    [conn, pattern, exactPattern],
  );
  const reset = useCallback(() => {
    const current = ruleFor(read(conn), key);
    if (current) write(conn, forget(read(conn), current.pattern));
  }, [conn, key]);
  return { choice, param: decodeParamOf(choice), pattern, rule, choose, reset };
}

/** The decode choice of an open key, with its app (from the key info the details loaded). */
export function useKeyDecode(conn: string, db: number, key: JsonBytes): DecodeState {
  const info = useKeyInfo(conn, db, key);
  return useDecodeChoice(conn, key, info.data?.app);
}
