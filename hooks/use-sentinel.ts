"use client";
import { useQuery } from "@tanstack/react-query";
import { sentinelQuery } from "@/lib/queries";

/** What the sentinels report about the connection's master, polled while the page is open. */
export function useSentinel(conn: string) {
  return useQuery(sentinelQuery(conn));
}
