"use client";
import { useEffect, useRef, useState } from "react";
import type { useKeys } from "./use-keys";

/**
 * "Scan all": keeps fetching pages in the background, 5000 names a request, until the walk ends,
 * a page fails or the user cancels. A filter change or leaving the page cancels it too. While it
 * does not run, the list's next page is a browse page again (once the page in flight landed).
 */
export function useScanAll(keys: ReturnType<typeof useKeys>, resetWhen: unknown) {
  const [running, setRunning] = useState(false);
  const asked = useRef(false);
  const { isFetching, hasNextPage, isFetchNextPageError, fetchNextPage } = keys;
  const { nextIsScanAll, setScanAll } = keys;

  // biome-ignore lint/correctness/useExhaustiveDependencies: resetWhen is the trigger itself
  useEffect(() => setRunning(false), [resetWhen]);

  useEffect(() => {
    if (isFetching) return;
    if (!running) {
      if (nextIsScanAll && hasNextPage) setScanAll(false);
      return;
    }
    if (!hasNextPage || (asked.current && isFetchNextPageError)) {
      setRunning(false);
      return;
    }
    // One page at a time: this runs again when the page has landed (isFetching turns false).
    asked.current = true;
    void fetchNextPage({ cancelRefetch: false });
  }, [
    running,
    isFetching,
    hasNextPage,
    isFetchNextPageError,
    fetchNextPage,
    nextIsScanAll,
    setScanAll,
  ]);

  const start = () => {
    asked.current = false;
    setScanAll(true);
    setRunning(true);
  };
  const cancel = () => setRunning(false);

  return { running, start, cancel };
}
