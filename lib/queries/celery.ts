// Queries of the Celery page (components/celery). Everything is read on demand; the page's
// refresh button invalidates qk.celery. Results page through SCAN cursors (infinite query).
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { celery } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

export const MESSAGES_PAGE = 50;

export function celeryOverviewQuery(conn: string, db: number) {
  return queryOptions({
    queryKey: qk.celery(conn, db),
    queryFn: ({ signal }) => request(celery.overview, { params: { conn, db }, signal }),
    staleTime: 0,
  });
}

export function celeryMessagesQuery(conn: string, db: number, queue: string, offset: number) {
  return queryOptions({
    queryKey: qk.celeryMessages(conn, db, queue, offset),
    queryFn: ({ signal }) =>
      request(celery.messages, {
        params: { conn, db, name: queue },
        query: { offset, count: MESSAGES_PAGE },
        signal,
      }),
    staleTime: 0,
  });
}

export function celeryUnackedQuery(conn: string, db: number, offset: number) {
  return queryOptions({
    queryKey: qk.celeryUnacked(conn, db, offset),
    queryFn: ({ signal }) =>
      request(celery.unacked, {
        params: { conn, db },
        query: { offset, count: MESSAGES_PAGE },
        signal,
      }),
    staleTime: 0,
  });
}

export function celeryResultsQuery(conn: string, db: number) {
  return infiniteQueryOptions({
    queryKey: qk.celeryResults(conn, db),
    queryFn: ({ signal, pageParam }) =>
      request(celery.results, {
        params: { conn, db },
        query: { cursor: pageParam, count: 50 },
        signal,
      }),
    initialPageParam: "0",
    getNextPageParam: (last) => (last.cursor === "0" ? undefined : last.cursor),
    staleTime: 0,
  });
}
