"use client";
import { useQuery } from "@tanstack/react-query";
import { type ValueTarget, valueQueries } from "@/lib/queries";
import { listValue } from "@/lib/schemas/values";
import { WINDOW } from "../shared/paging";

/** One LRANGE window; the previous window stays on screen while the next one loads. */
export function useListWindow(t: ValueTarget, offset: number) {
  return useQuery(valueQueries.window(t, "list", listValue, { offset, count: WINDOW }));
}
