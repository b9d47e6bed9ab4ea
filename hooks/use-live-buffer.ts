"use client";
import { useCallback, useRef, useState } from "react";

/**
 * What a live page keeps of a stream: the newest `max` items, newest first, with pause (items
 * arriving while paused are counted, not kept) and clear. A batch is one React update.
 */
export function useLiveBuffer<T>(max: number) {
  const [items, setItems] = useState<T[]>([]);
  const [paused, setPausedState] = useState(false);
  const [skipped, setSkipped] = useState(0);
  const pausedRef = useRef(false);
  const push = useCallback(
    (batch: T[]) => {
      if (batch.length === 0) return;
      if (pausedRef.current) {
        setSkipped((n) => n + batch.length);
        return;
      }
      setItems((prev) => [...batch.slice(-max).reverse(), ...prev].slice(0, max));
    },
    [max],
  );
  const setPaused = useCallback((p: boolean) => {
    pausedRef.current = p;
    setPausedState(p);
  }, []);
  const clear = useCallback(() => {
    setItems([]);
    setSkipped(0);
  }, []);
  return { items, paused, skipped, push, setPaused, clear };
}
