"use client";
import { useEffect, useState } from "react";

/** The current time, re-rendering every `ms` (for live countdowns); frozen while not `running`. */
export function useNow(ms = 1000, running = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms, running]);
  return now;
}
