"use client";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useEditValue } from "@/hooks/use-key-mutations";
import type { JsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import type { StreamValueJson } from "@/lib/schemas/values";
import { BytesText } from "../shared/bytes-text";
import { EditError } from "../shared/edit-error";
import { ConfirmButton, FormRow, Panel } from "../shared/panel";
import { ValueRows } from "../shared/value-rows";
import { ValueFailed, ValueLoading } from "../shared/value-status";
import { useStreamPages } from "./queries";
import { StreamAddForm } from "./stream-add";

type Target = { conn: string; db: number; key: JsonBytes };
type Entry = StreamValueJson["entries"][number];

/** When an entry was added: the milliseconds part of its ID, in local time. */
export function entryTime(id: string): string {
  const ms = Number(id.split("-")[0]);
  // sv-SE spells dates as 2024-05-01 12:00:03, which sorts and reads the same everywhere.
  return Number.isFinite(ms) ? new Date(ms).toLocaleString("sv-SE") : "";
}

/** Entries newest first, 100 at a time, "Load older" following the page's `next`. */
export function StreamEntries({ target, writable }: { target: Target; writable: boolean }) {
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
                <BytesText value={value} />
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
      {selected && (
        <Panel
          title={`Entry ${selected.id}`}
          onClose={() => setSelected(null)}
          testId="entry-panel"
        >
          <p className="text-xs text-zinc-500">Added {entryTime(selected.id)}</p>
          <table className="w-full text-sm">
            <tbody>
              {selected.fields.map(([name, value], i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: field names may repeat in an entry
                <tr key={i} className="border-t border-zinc-100 align-top dark:border-zinc-900">
                  <th scope="row" className="w-1/3 py-1 pr-3 text-left font-normal break-all">
                    <BytesText value={name} />
                  </th>
                  <td className="py-1 break-all whitespace-pre-wrap">
                    <BytesText value={value} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <EditError error={edit.error} target={target} />
          {writable && (
            <FormRow>
              <ConfirmButton
                label="Delete entry"
                confirm="Delete this entry?"
                disabled={edit.isPending}
                onConfirm={() =>
                  edit.mutate(
                    { op: "xdel", ids: [selected.id] },
                    { onSuccess: () => setSelected(null) },
                  )
                }
              />
            </FormRow>
          )}
        </Panel>
      )}
    </div>
  );
}
