"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { STALE_DIM, useRedisStale } from "@/components/app/redis-stale";
import { BulkActionsButton } from "@/components/bulk/bulk-actions-button";
import { ExportButton } from "@/components/transfer/export-button";
import { ImportButton } from "@/components/transfer/import-button";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { StaleBadge } from "@/components/ui/stale";
import { useBrowserUrl } from "@/hooks/use-browser-url";
import { useKeyRows, useKeys } from "@/hooks/use-keys";
import { useRowMemory } from "@/hooks/use-row-memory";
import { useRowMeta } from "@/hooks/use-row-meta";
import { useScanAll } from "@/hooks/use-scan-all";
import { useThrottled } from "@/hooks/use-throttled";
import type { JsonBytes } from "@/lib/bytes";
import type { ScannedKeyJson } from "@/lib/schemas/keys";
import { CreateKeyButton } from "./create-key";
import { FilterBar } from "./filter-bar";
import { KeyDetails } from "./key-details";
import { KeyList, type MemorySort } from "./key-list";
import { KeyTree } from "./key-tree";
import { ScanStatus } from "./scan-status";
import { SplitPane } from "./split-pane";
import { useMemorySort } from "./use-memory-sort";

/** The key browser: filter and list (or tree) on the left, the open key's details on the right. */
/** How many pages Enter on the filter walks, at most, looking for a first match to open. */
const OPEN_FIRST_MAX_PAGES = 20;

export function KeyBrowser({ conn, db }: { conn: string; db: number }) {
  const url = useBrowserUrl();
  const filter = useMemo(() => ({ match: url.match, type: url.type }), [url.match, url.type]);
  const keys = useKeys(conn, db, filter);
  const rows = useKeyRows(keys.data);
  const rowMeta = useRowMeta(conn, db);
  const rowMemory = useRowMemory(conn, db);
  const scanAll = useScanAll(keys, filter);
  const filterRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement | null>(null);
  const memorySort = useMemorySort(rows, rowMemory, JSON.stringify([conn, db, filter]));
  const onVisible = useCallback(
    (visible: ScannedKeyJson[]) => {
      rowMeta.request(visible);
      rowMemory.request(visible);
    },
    [rowMeta.request, rowMemory.request],
  );
  const treeRows = useThrottled(rows, scanAll.running ? 1000 : 0);
  const stale = useRedisStale(conn);

  // "/" focuses the filter from anywhere except another text field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== "/" || target?.closest("input, textarea, select, [contenteditable]")) return;
      e.preventDefault();
      filterRef.current?.focus();
      filterRef.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const { update } = url;
  const onFilterChange = useCallback(
    (patch: Parameters<typeof update>[0]) => update(patch),
    [update],
  );
  const open = useCallback((key: JsonBytes) => update({ selected: key }), [update]);

  // Enter in the filter opens the first match: at once if the rows of that filter are here,
  // else as soon as its first page is (the exact key, when the filter names one, is first).
  const [openFirst, setOpenFirst] = useState<string | null>(null);
  const firstRow = memorySort.rows[0];
  const lastPage = keys.data?.pages.at(-1);
  const done = lastPage?.cursor === "0";
  // The last notice of a cluster walk that restarted part of itself (a failover mid-walk).
  const restarted = keys.data?.pages.findLast((p) => p.restarted)?.restarted;
  useEffect(() => {
    if (openFirst === null || openFirst !== url.match || keys.isPending || keys.isFetching) return;
    // The first pages of a sparse match can be empty: walk on (a few pages, as "Load more"
    // would) until one row turns up or the walk ends.
    const pages = keys.data?.pages.length ?? 0;
    if (!firstRow && !done && pages < OPEN_FIRST_MAX_PAGES) {
      void keys.fetchNextPage();
      return;
    }
    setOpenFirst(null);
    if (firstRow) open(firstRow.key);
  }, [openFirst, url.match, keys, firstRow, done, open]);
  const filtered = Boolean(url.match || url.type);

  const status = (
    <ScanStatus
      loaded={rows.length}
      dbsize={lastPage?.dbsize}
      progress={lastPage?.progress}
      filtered={filtered}
      done={done}
      restarted={restarted}
      fetching={keys.isFetching}
      scanningAll={scanAll.running}
      onLoadMore={() => keys.fetchNextPage()}
      onScanAll={scanAll.start}
      onCancel={scanAll.cancel}
    />
  );

  let body: React.ReactNode;
  if (keys.isPending) {
    body = (
      <div className="flex flex-1 items-center justify-center gap-2 text-sm text-zinc-500">
        <Spinner /> Scanning…
      </div>
    );
  } else if (keys.isError && rows.length === 0) {
    body = (
      <Notice tone="error" title="Could not list keys" className="m-3">
        {keys.error.message}
      </Notice>
    );
  } else if (rows.length === 0 && stale.stale) {
    // Not "This database is empty": with Redis away, nothing is known about its keys.
    body = (
      <div data-testid="keys-stale" className="m-3">
        <Notice tone="warn" title="Redis is unreachable">
          The key list cannot be read until it returns; this page refreshes it then.
        </Notice>
      </div>
    );
  } else if (rows.length === 0) {
    body = (
      <div
        className="flex flex-1 flex-col items-center justify-center gap-1 p-6 text-center text-sm text-zinc-500"
        data-testid="empty-keys"
      >
        {done ? (
          <p>{filtered ? "No key matches this filter." : "This database is empty."}</p>
        ) : (
          <>
            <p>No matches in the part of the keyspace scanned so far.</p>
            <p>Load more or scan all to keep looking.</p>
          </>
        )}
      </div>
    );
  } else if (url.view === "tree") {
    body = (
      <KeyTree
        rows={treeRows}
        delimiter={url.delimiter}
        selected={url.selected}
        onOpen={open}
        metaOf={rowMeta.metaOf}
        onVisible={rowMeta.request}
        listRef={listRef}
      />
    );
  } else {
    body = (
      <KeyList
        rows={memorySort.rows}
        selected={url.selected}
        onOpen={open}
        metaOf={rowMeta.metaOf}
        onVisible={onVisible}
        memoryOf={rowMemory.memoryOf}
        sort={memorySort.sort}
        sorting={memorySort.sorting}
        onSort={(to: MemorySort) => memorySort.setSort(to)}
        listRef={listRef}
      />
    );
  }

  const keysPane = (
    <section aria-label="Keys" className="flex min-h-0 flex-1 flex-col">
      <FilterBar
        conn={conn}
        db={db}
        match={url.match}
        type={url.type}
        view={url.view}
        delimiter={url.delimiter}
        inputRef={filterRef}
        onChange={onFilterChange}
        onRefresh={() => {
          scanAll.cancel();
          void keys.refresh();
        }}
        onArrowDown={() => listRef.current?.focus()}
        onSubmit={setOpenFirst}
        actions={
          <>
            <CreateKeyButton conn={conn} db={db} onCreated={open} />
            <BulkActionsButton conn={conn} db={db} match={filter.match} type={filter.type} />
            <ExportButton conn={conn} db={db} match={filter.match} type={filter.type} />
            <ImportButton conn={conn} db={db} />
          </>
        }
      />
      {keys.isError && rows.length > 0 && (
        <Notice tone="error" className="m-2">
          {keys.error.message}
        </Notice>
      )}
      {stale.stale && rows.length > 0 && (
        <StaleBadge label={stale.label} className="mx-3 mt-2 self-start" />
      )}
      <div
        className={cn("flex min-h-0 flex-1 flex-col", stale.stale && rows.length > 0 && STALE_DIM)}
      >
        {body}
      </div>
      {!keys.isPending && !(stale.stale && rows.length === 0) && status}
    </section>
  );

  return (
    <SplitPane
      leftLabel="Keys"
      left={keysPane}
      right={
        <section aria-label="Key details" className="h-full min-w-0">
          {url.selected === null ? (
            <div className="flex h-full items-center justify-center p-6 text-sm text-zinc-500">
              Select a key to see its type, TTL, size and value. ↑/↓ move, Enter opens, / filters.
            </div>
          ) : (
            <KeyDetails
              conn={conn}
              db={db}
              keyName={url.selected}
              onClose={() => update({ selected: null })}
              onRenamed={open}
            />
          )}
        </section>
      }
    />
  );
}
