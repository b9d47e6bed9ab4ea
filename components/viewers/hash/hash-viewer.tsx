"use client";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { useKeyDecode } from "@/hooks/use-decode-choice";
import { type JsonBytes, keyId } from "@/lib/bytes";
import { formatTtl } from "@/lib/format";
import { hashValue } from "@/lib/schemas/values";
import { RowValue } from "../decoded/decoded-summary";
import { BytesText } from "../shared/bytes-text";
import { ExactBadge, exactFirst, useExactLookup } from "../shared/exact";
import { MatchFilter } from "../shared/match-filter";
import { ScanMore } from "../shared/scan-more";
import { SplitView } from "../shared/split-view";
import { ValueRows } from "../shared/value-rows";
import { ValueFailed, ValueLoading } from "../shared/value-status";
import { HashAddForm, type HashEntry, HashFieldPanel } from "./hash-field";
import { useHashPages } from "./queries";

type Props = { conn: string; db: number; keyName: JsonBytes; writable: boolean };

/**
 * A hash: fields and values by HSCAN (filterable, "Load more"), each value's decoded summary
 * inline, a field in full (decoded, or raw to edit) when selected.
 */
export function HashViewer({ conn, db, keyName, writable }: Props) {
  const decode = useKeyDecode(conn, db, keyName);
  const target = { conn, db, key: keyName, decode: decode.param };
  const [match, setMatch] = useState("");
  const [selected, setSelected] = useState<HashEntry | null>(null);
  const [adding, setAdding] = useState(false);
  const pages = useHashPages(target, match);
  const lookup = useExactLookup(target, "hash", hashValue, match);

  // HSCAN may return a field twice while Redis rehashes: keep the first.
  const exact = lookup.data?.entries ?? [];
  const exactId = exact[0] ? keyId(exact[0].field) : null;
  const scanned = useMemo(() => {
    const seen = new Set<string>();
    const out: HashEntry[] = [];
    for (const page of pages.data?.pages ?? [])
      for (const e of page.entries) {
        const id = keyId(e.field);
        if (!seen.has(id)) {
          seen.add(id);
          out.push(e);
        }
      }
    return out;
  }, [pages.data]);
  const entries = useMemo(
    () => exactFirst(exact, scanned, (e) => keyId(e.field)),
    [exact, scanned],
  );
  const first = pages.data?.pages[0];
  const fieldTtl = first?.fieldTtl ?? false;
  const selectedId = selected ? keyId(selected.field) : null;
  const current =
    selectedId === null ? undefined : entries.find((e) => keyId(e.field) === selectedId);

  return (
    <div className="flex flex-col gap-3" data-testid="hash-viewer">
      <div className="flex items-center gap-2">
        <MatchFilter
          value={match}
          onChange={setMatch}
          label="Filter fields (glob)"
          placeholder="Filter fields: name or *mail*"
        />
        {writable && (
          <Button onClick={() => setAdding(true)} disabled={adding}>
            Add field
          </Button>
        )}
      </div>
      {adding && (
        <HashAddForm
          target={target}
          onDone={(entry) => {
            setAdding(false);
            if (entry) setSelected(entry);
          }}
        />
      )}
      <SplitView
        list={
          pages.isPending ? (
            <ValueLoading />
          ) : pages.isError ? (
            <ValueFailed error={pages.error} target={target} />
          ) : (
            <ValueRows
              items={entries}
              rowKey={(e) => keyId(e.field)}
              label="Fields"
              columns={fieldTtl ? ["Field", "Value", "TTL"] : ["Field", "Value"]}
              template={fieldTtl ? "minmax(8rem,1fr) 2fr 5rem" : "minmax(8rem,1fr) 2fr"}
              cells={(e) => [
                <span key="f">
                  <BytesText value={e.field} className="text-zinc-900 dark:text-zinc-100" />
                  {exactId !== null && keyId(e.field) === exactId && <ExactBadge />}
                </span>,
                <span key="v">
                  <RowValue
                    value={e.value}
                    decoded={e.decoded}
                    length={e.valueLength}
                    className="text-zinc-600 dark:text-zinc-400"
                  />
                </span>,
                ...(fieldTtl
                  ? [
                      <span
                        key="t"
                        className="font-mono text-xs text-amber-700 dark:text-amber-400"
                      >
                        {e.ttl !== undefined && e.ttl >= 0 ? formatTtl(e.ttl) : ""}
                      </span>,
                    ]
                  : []),
              ]}
              selected={selectedId}
              onSelect={(e) => setSelected(e)}
              empty={
                match ? "No field matches this filter in what was scanned." : "This hash is empty."
              }
              footer={
                <ScanMore
                  loaded={entries.length}
                  total={first?.length ?? 0}
                  unit="fields"
                  filtered={match !== ""}
                  done={!pages.hasNextPage}
                  fetching={pages.isFetching}
                  onMore={() => pages.fetchNextPage()}
                />
              }
            />
          )
        }
        detail={
          selected && (
            <HashFieldPanel
              key={selectedId}
              target={target}
              entry={selected}
              // Not found: gone if the scan is complete; otherwise it may sit in an unloaded page.
              current={current ?? (pages.isFetching || pages.hasNextPage ? selected : null)}
              fieldTtl={fieldTtl}
              writable={writable}
              onClose={() => setSelected(null)}
            />
          )
        }
      />
    </div>
  );
}
