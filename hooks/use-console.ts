"use client";
import { useCallback, useRef, useState } from "react";
import { ApiClientError, request } from "@/lib/api-client";
import { cli } from "@/lib/endpoints";
import { type CliResultJson, DEFAULT_LIMIT, DEFAULT_LIMIT_BYTES } from "@/lib/schemas/cli";

// The console's session: what was run and what came back, newest last. A command runs with
// POST …/cli; refusals (400, 403, 428) are entries too, shown inline, and a 428 asks the page
// for the confirmation (the name to type is the one the server put in its message).

export type ConsoleEntry = {
  id: number;
  line: string;
  db: number;
  limit: number;
  limitBytes: number;
  pending: boolean;
  /** The cluster node it was sent to; undefined: routed by its keys (or the one server). */
  node?: string;
  result?: CliResultJson;
  error?: { status: number; code: string; message: string };
};

export type ConfirmRequest = { line: string; name: string; entryId: number };

const CONFIRM_NAME = /"confirm": "([^"]+)"/;

export function useConsole(conn: string, db: number) {
  const [entries, setEntries] = useState<ConsoleEntry[]>([]);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const nextId = useRef(1);

  const run = useCallback(
    async (
      line: string,
      opts: {
        confirm?: string;
        limit?: number;
        limitBytes?: number;
        replace?: number;
        node?: string;
      } = {},
    ) => {
      const limit = opts.limit ?? DEFAULT_LIMIT;
      const limitBytes = opts.limitBytes ?? DEFAULT_LIMIT_BYTES;
      const id = opts.replace ?? nextId.current++;
      const update = (patch: Partial<ConsoleEntry>) =>
        setEntries((all) => all.map((e) => (e.id === id ? { ...e, ...patch } : e)));
      const node = opts.node || undefined;
      const entry: ConsoleEntry = { id, line, db, limit, limitBytes, pending: true, node };
      setEntries((all) =>
        opts.replace === undefined ? [...all, entry] : all.map((e) => (e.id === id ? entry : e)),
      );
      try {
        const result = await request(cli.cli, {
          params: { conn, db },
          body: {
            line,
            limit,
            limitBytes,
            ...(node && { node }),
            ...(opts.confirm && { confirm: opts.confirm }),
          },
        });
        update({ pending: false, result });
      } catch (e) {
        const err =
          e instanceof ApiClientError
            ? { status: e.status, code: e.code, message: e.message }
            : { status: 0, code: "INTERNAL", message: (e as Error).message };
        update({ pending: false, error: err });
        const name = CONFIRM_NAME.exec(err.message)?.[1];
        if (err.code === "CONFIRMATION_REQUIRED" && name) setConfirm({ line, name, entryId: id });
      }
    },
    [conn, db],
  );

  const clear = useCallback(() => setEntries([]), []);
  return { entries, run, clear, confirm, setConfirm };
}
