// The audit page's query: pages of the log, newest first, each request reading a bounded part
// of it; `next` is the cursor of the page after (older), null at the oldest kept entry.
import { infiniteQueryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { audit } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

/** Entries one request returns at most. */
export const AUDIT_PAGE_SIZE = 200;

export function auditQuery(q: string) {
  return infiniteQueryOptions({
    queryKey: qk.audit(q),
    queryFn: ({ signal, pageParam }) =>
      request(audit.list, {
        query: { limit: String(AUDIT_PAGE_SIZE), q, ...(pageParam && { before: pageParam }) },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    // New entries show up by themselves on the first page; once older pages are loaded, a
    // refetch would read them all again (up to 4 MiB each), so it waits for the user.
    refetchInterval: (query) => ((query.state.data?.pages.length ?? 1) > 1 ? false : 10_000),
  });
}
