"use client";
import { STALE_DIM, useRedisStale } from "@/components/app/redis-stale";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { StaleBadge } from "@/components/ui/stale";
import { ValueViewer } from "@/components/viewers/value-viewer";
import { useConnection } from "@/hooks/use-connections";
import { useKeyInfo } from "@/hooks/use-key";
import { ApiClientError } from "@/lib/api-client";
import { type JsonBytes, keyId } from "@/lib/bytes";
import { formatBytes, formatCount } from "@/lib/format";
import { typeEntry } from "@/lib/redis-types";
import { DeleteKeyButton } from "./delete-key";
import { KeyApp } from "./key-app";
import { KeyName } from "./key-name";
import { RenameKeyButton } from "./rename-key";
import { TtlCountdown, TtlForm } from "./ttl-form";
import { TypeBadge } from "./type-badge";

type Props = {
  conn: string;
  db: number;
  keyName: JsonBytes;
  onClose: () => void;
  onRenamed: (key: JsonBytes) => void;
};

function lengthText(length: number | null, type: string): string {
  if (length === null) return "—";
  const unit = typeEntry(type)?.unit;
  return unit ? `${formatCount(length)} ${unit[length === 1 ? 0 : 1]}` : formatCount(length);
}

/** Everything about the open key: type, TTL (live), encoding, memory, length, actions, value. */
export function KeyDetails({ conn, db, keyName, onClose, onRenamed }: Props) {
  const info = useKeyInfo(conn, db, keyName);
  const { connection } = useConnection(conn);
  const writable = connection !== undefined && !connection.readOnly;
  const stale = useRedisStale(conn);

  if (info.isPending) {
    return (
      <div className="flex items-center gap-2 p-6 text-sm text-zinc-500">
        <Spinner /> Loading key…
      </div>
    );
  }
  if (info.isError) {
    const gone = info.error instanceof ApiClientError && info.error.code === "NOT_FOUND";
    return (
      <div className="p-4">
        <Notice
          tone={gone ? "warn" : "error"}
          title={gone ? "This key no longer exists" : "Could not load this key"}
        >
          {gone ? "It may have expired or been deleted." : info.error.message}
        </Notice>
        <div className="mt-3 flex gap-2">
          <Button size="sm" onClick={() => info.refetch()}>
            Retry
          </Button>
          <Button size="sm" variant="ghost" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
    );
  }

  const k = info.data;
  const target = { conn, db, key: keyName };
  return (
    <div className="flex flex-col gap-4 p-4" data-testid="key-details">
      <header className="flex items-start gap-3">
        <TypeBadge type={k.type} />
        <h2 className="min-w-0 flex-1 text-base font-semibold break-all">
          <KeyName value={k.key} />
        </h2>
        {stale.stale && <StaleBadge label={stale.label} />}
        <Button
          size="sm"
          variant="ghost"
          onClick={() => info.refetch()}
          aria-label="Reload key"
          title="Reload"
        >
          ↻
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close key" title="Close">
          ✕
        </Button>
      </header>

      {k.app && <KeyApp keyName={keyName} app={k.app} />}

      <dl
        className={cn(
          "grid grid-cols-2 gap-x-6 gap-y-2 rounded-md border border-zinc-200 p-3 text-sm sm:grid-cols-4 dark:border-zinc-800",
          stale.stale && STALE_DIM,
        )}
      >
        <Fact label="Type" value={k.type} />
        <Fact
          label="TTL"
          value={
            <TtlCountdown
              ttl={k.ttl}
              fetchedAt={info.dataUpdatedAt}
              onExpired={() => info.refetch()}
              paused={stale.stale}
            />
          }
        />
        <Fact label="Encoding" value={k.encoding ?? "—"} />
        <Fact label="Memory" value={formatBytes(k.memoryBytes)} />
        <Fact label="Length" value={lengthText(k.length, k.type)} />
      </dl>

      {writable ? (
        <div className="flex flex-wrap items-end gap-3">
          <TtlForm target={target} ttl={k.ttl} />
          <div className="ml-auto flex gap-2">
            <RenameKeyButton target={target} onRenamed={onRenamed} />
            <DeleteKeyButton
              target={target}
              production={connection?.production ?? false}
              onDeleted={onClose}
            />
          </div>
        </div>
      ) : (
        connection?.readOnly && (
          <Notice tone="info">
            Read-only connection: editing, TTL changes and deletes are disabled.
          </Notice>
        )
      )}

      {/* Keyed by key and type: another key, or this one with a new type, starts afresh. */}
      <div className={cn("flex flex-col", stale.stale && STALE_DIM)}>
        <ValueViewer
          key={`${keyId(keyName)}:${k.type}`}
          conn={conn}
          db={db}
          keyName={keyName}
          type={k.type}
          length={k.length}
          writable={writable}
        />
      </div>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="truncate font-mono tabular-nums">{value}</dd>
    </div>
  );
}
