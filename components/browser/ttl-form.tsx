"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { useSetTtl } from "@/hooks/use-key-mutations";
import { useNow } from "@/hooks/use-now";
import type { JsonBytes } from "@/lib/bytes";
import { formatTtl } from "@/lib/format";
import { MAX_TTL_SECONDS } from "@/lib/schemas/keys";
import { parseDuration } from "@/lib/ttl-input";

/**
 * The TTL ticking down from when it was read; calls `onExpired` once when it reaches zero.
 * `paused` (Redis unreachable: the TTL read may be out of date) stops it where it is.
 */
export function TtlCountdown({
  ttl,
  fetchedAt,
  onExpired,
  paused = false,
}: {
  ttl: number;
  fetchedAt: number;
  onExpired: () => void;
  paused?: boolean;
}) {
  const now = useNow(1000, !paused);
  const left = ttl < 0 ? ttl : Math.max(0, Math.ceil(ttl - (now - fetchedAt) / 1000));
  const expired = ttl >= 0 && left === 0;
  useEffect(() => {
    if (expired) onExpired();
  }, [expired, onExpired]);
  if (ttl < 0) return <span className="text-zinc-500">no expiry</span>;
  return (
    <span
      className="text-amber-700 dark:text-amber-400"
      data-testid="ttl-countdown"
      data-paused={paused || undefined}
      title={
        paused ? `${left} seconds when last read (paused: Redis unreachable)` : `${left} seconds`
      }
    >
      {formatTtl(left)}
    </span>
  );
}

type Target = { conn: string; db: number; key: JsonBytes };

/** Parses the form into whole seconds ≥ 1 (a duration such as 90s, 15m, 1h30m), or an error sentence. */
function secondsFrom(mode: "seconds" | "at", seconds: string, at: string): number | string {
  if (mode === "seconds") return parseDuration(seconds);
  const when = new Date(at).getTime();
  if (Number.isNaN(when)) return "Pick a date and time.";
  const n = Math.round((when - Date.now()) / 1000);
  if (n < 1) return "Pick a time in the future.";
  return Math.min(n, MAX_TTL_SECONDS);
}

/** Set a TTL in seconds or as a date and time, or remove it. */
export function TtlForm({ target, ttl }: { target: Target; ttl: number }) {
  const setTtl = useSetTtl(target);
  const [mode, setMode] = useState<"seconds" | "at">("seconds");
  const [seconds, setSeconds] = useState("");
  const [at, setAt] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const value = secondsFrom(mode, seconds, at);
    if (typeof value === "string") {
      setError(value);
      return;
    }
    setError(null);
    setTtl.mutate(value, { onSuccess: () => setSeconds("") });
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-2" aria-label="Set TTL">
      <Select
        value={mode}
        onChange={(e) => setMode(e.target.value as "seconds" | "at")}
        aria-label="TTL as"
        className="w-36"
      >
        <option value="seconds">Expire in</option>
        <option value="at">Expire at</option>
      </Select>
      {mode === "seconds" ? (
        <Input
          value={seconds}
          onChange={(e) => setSeconds(e.target.value)}
          placeholder="90s, 1h30m, 2d"
          aria-label="TTL duration"
          title="Seconds, or a duration with units: s, m, h, d, w (e.g. 1h30m)"
          className="w-40 font-mono"
        />
      ) : (
        <Input
          type="datetime-local"
          value={at}
          onChange={(e) => setAt(e.target.value)}
          aria-label="Expire at"
          className="w-52"
        />
      )}
      <Button type="submit" variant="primary" disabled={setTtl.isPending}>
        Set TTL
      </Button>
      {ttl >= 0 && (
        <Button onClick={() => setTtl.mutate(null)} disabled={setTtl.isPending}>
          Remove TTL
        </Button>
      )}
      {error && (
        <span role="alert" className="w-full text-xs text-red-600 dark:text-red-400">
          {error}
        </span>
      )}
    </form>
  );
}
