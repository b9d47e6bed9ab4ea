"use client";
import { useEffect, useRef, useState } from "react";
import { BROWSE_PAGE, SCAN_ALL_PAGE, type useKeys } from "./use-keys";

/**
 * "Scan all": keeps fetching pages in the background, 5000 names a request, until the walk ends
 * or the user cancels. A filter change or leaving the page cancels it too.
 */
export function useScanAll(keys: ReturnType<typeof useKeys>, resetWhen: unknown) {
  const [running, setRunning] = useState(false);
  const cancelled = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: resetWhen is the trigger itself
  useEffect(() => {
    cancelled.current = true;
    return () => {
      cancelled.current = true;
    };
  }, [resetWhen]);

  const start = async () => {
    cancelled.current = false;
    setRunning(true);
    keys.modeRef.current = SCAN_ALL_PAGE;
    try {
      let more = keys.hasNextPage;
      while (more && !cancelled.current) {
        const result = await keys.fetchNextPage({ cancelRefetch: false });
        if (result.isError) break;
        more = result.hasNextPage;
      }
    } finally {
      keys.modeRef.current = BROWSE_PAGE;
      setRunning(false);
    }
  };

  const cancel = () => {
    cancelled.current = true;
  };

  return { running, start, cancel };
}
