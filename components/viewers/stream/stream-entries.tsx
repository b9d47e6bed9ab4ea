"use client";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useKeyDecode } from "@/hooks/use-decode-choice";
import { useEditValue } from "@/hooks/use-key-mutations";
import type { JsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import { RowValue } from "../decoded/decoded-summary";
import { BytesText } from "../shared/bytes-text";
import { SplitView } from "../shared/split-view";
import { ValueRows } from "../shared/value-rows";
import { ValueFailed, ValueLoading } from "../shared/value-status";
import { useStreamPages } from "./queries";
import { StreamAddForm } from "./stream-add";
import { type Entry, entryTime, StreamEntryPanel } from "./stream-entry";

export { entryTime };

type Target = { conn: string; db: number; key: JsonBytes };

/** Entries newest first, 100 at a time, "Load older" following the page's `next`. */
export function StreamEntries({ target: base, writable }: { target: Target; writable: boolean }) {
  const decode = useKeyDecode(base.conn, base.db, base.key);
  const target = { ...base, decode: decode.param };
  const pages = useStreamPages(target);
  const edit = useEditValue(target);
  const [selected, setSelected] = useState<Entry | null>(null);
  const [adding, setAdding] = useState(false);
  const entries = useMemo(() => (pages.data?.pages ?? []).flatMap((p) => p.entries), [pages.data]);
  if (pages.isPending) return <ValueLoading />;
  if (pages.isError) return <ValueFailed error={pages.error} target={target} />;
  const length = pages.data.pages[0]?.length ?? 0;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center gap-2 text-xs text-zinc-500">
        <span className="tabular-nums">
          Newest first · {formatCount(entries.length)} of {formatCount(length)} entries loaded
        </span>
        {pages.isFetching && <Spinner className="size-3" />}
        {writable && (
          <Button size="sm" className="ml-auto" onClick={() => setAdding(true)} disabled={adding}>
            Add entry
          </Button>
        )}
      </div>
      {adding && <StreamAddForm target={target} onDone={() => setAdding(false)} />}
      <SplitView
        list={
          <ValueRows
            items={entries}
            rowKey={(e) => e.id}
            label="Entries"
            columns={["ID", "Fields"]}
            template="12rem 1fr"
            cells={(e) => [
              <div key="id" className="flex flex-col">
                <span className="font-mono text-xs">{e.id}</span>
                <span className="text-[11px] text-zinc-500">{entryTime(e.id)}</span>
              </div>,
              <span key="f" className="font-mono">
                {e.fields.map(([name, value], i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: field names may repeat in an entry
                  <span key={i} className="mr-3">
                    <BytesText value={name} className="text-indigo-700 dark:text-indigo-300" />
                    <span className="text-zinc-400">=</span>
                    <RowValue
                      value={value}
                      decoded={e.decoded?.[i]}
                      length={e.previews?.find((p) => p.index === i)?.length}
                    />
                  </span>
                ))}
              </span>,
            ]}
            selected={selected?.id ?? null}
            onSelect={(e) => {
              edit.reset();
              setSelected(e);
            }}
            empty="This stream has no entries."
            footer={
              pages.hasNextPage && (
                <div className="flex items-center gap-2 border-t border-zinc-200 px-3 py-1.5 dark:border-zinc-800">
                  <Button
                    size="sm"
                    onClick={() => pages.fetchNextPage()}
                    disabled={pages.isFetchingNextPage}
                  >
                    Load older
                  </Button>
                </div>
              )
            }
          />
        }
        detail={
          selected && (
            <StreamEntryPanel
              key={selected.id}
              target={target}
              entry={selected}
              edit={edit}
              writable={writable}
              onClose={() => setSelected(null)}
            />
          )
        }
      />
    </div>
  );
}
