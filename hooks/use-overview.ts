"use client";
import { useQuery } from "@tanstack/react-query";
import { overviewHistoryQuery, overviewQuery } from "@/lib/queries";

export { OVERVIEW_POLL_MS } from "@/lib/queries";

export function useOverview(conn: string, node: string | null = null) {
  return useQuery(overviewQuery(conn, node));
}

export function useOverviewHistory(conn: string) {
  return useQuery(overviewHistoryQuery(conn));
}
