"use client";
import { useCallback, useEffect, useRef, useState } from "react";

// The console's command history, per connection, kept in localStorage (read after mount, so the
// server render and the first client render agree). Bounded: the oldest lines go first.
export const HISTORY_MAX = 200;

const storageKey = (conn: string) => `keyscope:console-history:${conn}`;

function load(conn: string): string[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(storageKey(conn)) ?? "[]");
    return Array.isArray(parsed)
      ? parsed.filter((l) => typeof l === "string").slice(-HISTORY_MAX)
      : [];
  } catch {
    return [];
  }
}

export function useConsoleHistory(conn: string) {
  const [lines, setLines] = useState<string[]>([]);
  /** Where ↑/↓ are in the history: lines.length = the line being typed. */
  const cursor = useRef(0);
  useEffect(() => {
    const loaded = load(conn);
    setLines(loaded);
    cursor.current = loaded.length;
  }, [conn]);

  const add = useCallback(
    (line: string) => {
      setLines((prev) => {
        const next = (prev[prev.length - 1] === line ? prev : [...prev, line]).slice(-HISTORY_MAX);
        try {
          window.localStorage.setItem(storageKey(conn), JSON.stringify(next));
        } catch {
          // A full or refused storage only loses the history, never the command.
        }
        cursor.current = next.length;
        return next;
      });
    },
    [conn],
  );

  /** The line one step back (-1) or forward (+1), or null when there is none. */
  const step = useCallback(
    (dir: -1 | 1): string | null => {
      const at = cursor.current + dir;
      if (at < 0 || at > lines.length) return null;
      cursor.current = at;
      return at === lines.length ? "" : (lines[at] ?? "");
    },
    [lines],
  );

  return { lines, add, step };
}
