"use client";
import { useMemo, useState } from "react";
import { NodeErrors } from "@/components/diagnostics/node-errors";
import { ToolHeader } from "@/components/diagnostics/setting-chip";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useClients } from "@/hooks/use-clients";
import { useConnection } from "@/hooks/use-connections";
import { formatCount } from "@/lib/format";
import { CLIENTS_POLL_MS } from "@/lib/queries";
import type { ClientRow } from "@/lib/schemas/diagnostics";
import {
  type ClientFilter,
  filterClients,
  type Sort,
  type SortKey,
  sortClients,
} from "./client-rows";
import { ClientsTable } from "./clients-table";
import { KillDialog } from "./kill-dialog";

/** Rows drawn at once: a longer table is narrowed with the filter rather than scrolled. */
const DRAWN_ROWS = 1000;

/** Who is connected: CLIENT LIST as a sortable, filterable table, refreshed every few seconds. */
export function ClientsView({ conn }: { conn: string }) {
  const [paused, setPaused] = useState(false);
  const [filter, setFilter] = useState<ClientFilter>({ text: "", flags: "", db: "" });
  const [sort, setSort] = useState<Sort>({ key: "id", desc: false });
  const [killing, setKilling] = useState<ClientRow | null>(null);
  const clients = useClients(conn, !paused);
  const { connection } = useConnection(conn);
  const canWrite = connection !== undefined && !connection.readOnly;
  const data = clients.data;
  const dbs = useMemo(
    () => [...new Set((data?.clients ?? []).map((c) => c.db))].sort((a, b) => a - b),
    [data],
  );
  const rows = useMemo(
    () => sortClients(filterClients(data?.clients ?? [], filter), sort),
    [data, filter, sort],
  );
  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: false }));
  const own = data?.clients.filter((c) => c.self).length ?? 0;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="clients">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-3 p-4">
        <ToolHeader title="Clients">
          {data && (
            <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="clients-count">
              {formatCount(data.total)} connected · {formatCount(own)} of them Keyscope's
            </span>
          )}
          {clients.isFetching && <Spinner className="size-3 text-zinc-400" />}
          <div className="ml-auto flex items-center gap-2">
            <Button size="sm" onClick={() => setPaused((p) => !p)} aria-pressed={paused}>
              {paused ? "Resume" : "Pause"}
            </Button>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {paused ? "paused" : `every ${CLIENTS_POLL_MS / 1000} s`}
            </span>
            <Button size="sm" onClick={() => clients.refetch()} disabled={clients.isFetching}>
              Refresh
            </Button>
          </div>
        </ToolHeader>
        <div className="flex flex-wrap items-center gap-2">
          <Input
            aria-label="Filter clients"
            placeholder="Filter: address, name, command, user"
            className="w-80"
            value={filter.text}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          />
          <Input
            aria-label="Flags"
            placeholder="Flags, e.g. N"
            className="w-40 font-mono"
            value={filter.flags}
            onChange={(e) => setFilter({ ...filter, flags: e.target.value })}
          />
          <Select
            aria-label="Database"
            value={filter.db}
            onChange={(e) => setFilter({ ...filter, db: e.target.value })}
          >
            <option value="">Any db</option>
            {dbs.map((db) => (
              <option key={db} value={db}>
                db {db}
              </option>
            ))}
          </Select>
          {data && (
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {formatCount(rows.length)} shown
            </span>
          )}
        </div>
        {clients.isError && (
          <Notice tone="error" title="Could not list the clients">
            {clients.error.message}
          </Notice>
        )}
        <NodeErrors nodes={data?.nodes} />
        {data?.truncated && (
          <Notice
            tone="warn"
            title={`Only the first ${formatCount(data.clients.length)} of ${formatCount(data.total)} clients`}
          >
            Keyscope lists at most {formatCount(data.clients.length)} clients at once; filter by the
            address or name you look for.
          </Notice>
        )}
        {!data && clients.isPending && (
          <div className="flex items-center gap-2 text-sm text-zinc-500">
            <Spinner /> Reading CLIENT LIST…
          </div>
        )}
        {data &&
          (rows.length === 0 ? (
            <Notice title="No client matches">
              Change the filter to see the {formatCount(data.total)} connected clients.
            </Notice>
          ) : (
            <ClientsTable
              rows={rows.slice(0, DRAWN_ROWS)}
              sort={sort}
              onSort={onSort}
              onKill={canWrite ? setKilling : undefined}
            />
          ))}
        {rows.length > DRAWN_ROWS && (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            The first {formatCount(DRAWN_ROWS)} rows of {formatCount(rows.length)} are drawn; narrow
            the filter for the others.
          </p>
        )}
      </div>
      {killing && <KillDialog conn={conn} client={killing} onClose={() => setKilling(null)} />}
    </div>
  );
}
