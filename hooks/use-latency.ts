"use client";
import { useQuery } from "@tanstack/react-query";
import { latencyHistoryQuery, latencyQuery } from "@/lib/queries";

export function useLatency(conn: string, node: string | null) {
  return useQuery(latencyQuery(conn, node));
}

/** One event's history; nothing is asked while no event is chosen. */
export function useLatencyHistory(conn: string, event: string | null, node: string | null) {
  return useQuery(latencyHistoryQuery(conn, event, node));
}
