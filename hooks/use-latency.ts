"use client";
import { useQuery } from "@tanstack/react-query";
import { latencyHistoryQuery, latencyQuery } from "@/lib/queries";

export function useLatency(conn: string) {
  return useQuery(latencyQuery(conn));
}

/** One event's history; nothing is asked while no event is chosen. */
export function useLatencyHistory(conn: string, event: string | null) {
  return useQuery(latencyHistoryQuery(conn, event));
}
