"use client";
import Link from "next/link";
import { bytesToBase64Url, displayJsonBytes, jsonToBytes, keyId } from "@/lib/bytes";
import { formatBytes, formatCount, formatPercent, formatTtl } from "@/lib/format";
import type { ReportJson } from "@/lib/schemas/analysis";
import { type NamespaceRow, prefixLabel } from "./namespace-tree";
import { SortableTable } from "./sortable-table";

type TopKey = ReportJson["topKeys"][number];

// The two figures every table of the report has, one definition each.
const keysColumn = <R extends { keys: number }>() => ({
  id: "keys",
  label: "Keys",
  numeric: true,
  sort: (r: R) => r.keys,
  cell: (r: R) => formatCount(r.keys),
});
const memoryColumn = <R extends { memoryBytes: number }>() => ({
  id: "memory",
  label: "Memory",
  numeric: true,
  sort: (r: R) => r.memoryBytes,
  cell: (r: R) => formatBytes(r.memoryBytes),
});

/** Every namespace of the report, at every depth, sortable by each figure. */
export function NamespaceTable({ rows }: { rows: readonly NamespaceRow[] }) {
  return (
    <SortableTable
      testId="namespace-table"
      rows={rows}
      rowKey={(r) => `${r.depth}:${keyId(r.prefix)}`}
      initialSort={{ id: "memory", desc: true }}
      limit={200}
      columns={[
        {
          id: "prefix",
          label: "Prefix",
          sort: prefixLabel,
          cell: (r) => <span className="font-mono break-all">{prefixLabel(r)}</span>,
        },
        { id: "depth", label: "Depth", numeric: true, sort: (r) => r.depth, cell: (r) => r.depth },
        keysColumn(),
        memoryColumn(),
        {
          id: "share",
          label: "Share",
          numeric: true,
          sort: (r) => r.share,
          cell: (r) => formatPercent(r.share),
        },
        {
          id: "noTtl",
          label: "No TTL",
          numeric: true,
          sort: (r) => r.noTtlKeys,
          cell: (r) => formatCount(r.noTtlKeys),
        },
      ]}
    />
  );
}

/** The key browser's address of one key (key64 takes any bytes). */
export function keyHref(conn: string, db: number, key: TopKey["key"]): string {
  return `/c/${encodeURIComponent(conn)}/db/${db}?key64=${bytesToBase64Url(jsonToBytes(key))}`;
}

/** A top-keys list (by memory or by length); each key opens in the browser. */
export function TopKeysTable({
  conn,
  db,
  rows,
  testId,
  by,
}: {
  conn: string;
  db: number;
  rows: readonly TopKey[];
  testId: string;
  by: "memory" | "length";
}) {
  return (
    <SortableTable
      testId={testId}
      rows={rows}
      rowKey={(r) => keyId(r.key)}
      initialSort={{ id: by, desc: true }}
      limit={100}
      columns={[
        {
          id: "key",
          label: "Key",
          cell: (r) => (
            <Link
              href={keyHref(conn, db, r.key)}
              className="font-mono break-all text-indigo-600 hover:underline dark:text-indigo-400"
            >
              {displayJsonBytes(r.key)}
            </Link>
          ),
        },
        { id: "type", label: "Type", sort: (r) => r.type, cell: (r) => r.type },
        { id: "encoding", label: "Encoding", cell: (r) => r.encoding ?? "—" },
        {
          id: "memory",
          label: "Memory",
          numeric: true,
          sort: (r) => r.memoryBytes ?? -1,
          cell: (r) => formatBytes(r.memoryBytes),
        },
        {
          id: "length",
          label: "Length",
          numeric: true,
          sort: (r) => r.length ?? -1,
          cell: (r) => (r.length === null ? "—" : formatCount(r.length)),
        },
        {
          id: "ttl",
          label: "TTL",
          numeric: true,
          sort: (r) => r.ttl,
          cell: (r) => (r.ttl < 0 ? "none" : formatTtl(r.ttl)),
        },
      ]}
    />
  );
}

export function TypesTable({ rows, total }: { rows: ReportJson["byType"]; total: number }) {
  return (
    <SortableTable
      testId="types-table"
      rows={rows}
      rowKey={(r) => r.type}
      initialSort={{ id: "memory", desc: true }}
      columns={[
        { id: "type", label: "Type", sort: (r) => r.type, cell: (r) => r.type },
        keysColumn(),
        memoryColumn(),
        {
          id: "share",
          label: "Share",
          numeric: true,
          sort: (r) => r.memoryBytes,
          cell: (r) => formatPercent(total ? r.memoryBytes / total : null),
        },
      ]}
    />
  );
}

export function EncodingsTable({ rows }: { rows: ReportJson["encodings"] }) {
  return (
    <SortableTable
      testId="encodings-table"
      rows={rows}
      rowKey={(r) => `${r.type}/${r.encoding}`}
      initialSort={{ id: "memory", desc: true }}
      columns={[
        { id: "type", label: "Type", sort: (r) => r.type, cell: (r) => r.type },
        { id: "encoding", label: "Encoding", sort: (r) => r.encoding, cell: (r) => r.encoding },
        keysColumn(),
        memoryColumn(),
      ]}
    />
  );
}
