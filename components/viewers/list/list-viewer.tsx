"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useKeyDecode } from "@/hooks/use-decode-choice";
import type { JsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import type { Decoded } from "@/lib/schemas/decode";
import { RowValue } from "../decoded/decoded-summary";
import { WINDOW } from "../shared/paging";
import { SplitView } from "../shared/split-view";
import { ValueRows } from "../shared/value-rows";
import { ValueFailed, ValueLoading } from "../shared/value-status";
import { ListItemPanel } from "./list-item";
import { ListPushForm, ListTrimForm } from "./list-tools";
import { useListWindow } from "./queries";

type Props = { conn: string; db: number; keyName: JsonBytes; writable: boolean };
type Selected = { index: number; value: JsonBytes; length?: number; decoded?: Decoded | null };

/** A list in windows of 100 (LRANGE): head, previous, next, tail, or jump to any index. */
export function ListViewer({ conn, db, keyName, writable }: Props) {
  const decode = useKeyDecode(conn, db, keyName);
  const target = { conn, db, key: keyName, decode: decode.param };
  const [offset, setOffset] = useState(0);
  const [jump, setJump] = useState("");
  const [selected, setSelected] = useState<Selected | null>(null);
  const [tool, setTool] = useState<"push" | "trim" | null>(null);
  const win = useListWindow(target, offset);

  if (win.isPending) return <ValueLoading />;
  if (win.isError && !win.data) return <ValueFailed error={win.error} target={target} />;
  const { items, length } = win.data;
  const decodings = win.data.decoded;
  const start = win.data.offset;
  // Items cut to a preview in this window, by their position in it.
  const cut = new Map((win.data.previews ?? []).map((p) => [p.index, p.length]));
  const lastStart = Math.max(0, length - WINDOW);

  // A negative index counts from the tail, as LINDEX does: -1 is the last item.
  const go = (e: React.FormEvent) => {
    e.preventDefault();
    if (!/^-?\d+$/.test(jump.trim())) return;
    const n = Number(jump);
    const index = Math.max(0, Math.min(length - 1, n < 0 ? length + n : n));
    setOffset(index);
    setSelected(null);
  };
  const inWindow = selected && selected.index >= start && selected.index < start + items.length;
  const current = inWindow ? (items[selected.index - start] ?? null) : null;
  const currentLength = inWindow ? cut.get(selected.index - start) : undefined;
  const currentDecoded = inWindow ? decodings?.[selected.index - start] : selected?.decoded;

  return (
    <div className="flex flex-col gap-3" data-testid="list-viewer">
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => setOffset(0)} disabled={start === 0}>
          ⇤ Head
        </Button>
        <Button
          size="sm"
          onClick={() => setOffset(Math.max(0, start - WINDOW))}
          disabled={start === 0}
        >
          ‹ Prev
        </Button>
        {/* A window may hold fewer than WINDOW items (the byte budget): go on after its last. */}
        <Button
          size="sm"
          onClick={() => setOffset(start + Math.max(items.length, 1))}
          disabled={start + items.length >= length}
        >
          Next ›
        </Button>
        <Button size="sm" onClick={() => setOffset(lastStart)} disabled={start >= lastStart}>
          Tail ⇥
        </Button>
        <form onSubmit={go} className="flex items-center gap-1">
          <Input
            value={jump}
            onChange={(e) => setJump(e.target.value)}
            inputMode="numeric"
            placeholder="index"
            aria-label="Jump to index"
            className="h-7 w-24 font-mono text-xs"
          />
          <Button size="sm" type="submit">
            Go
          </Button>
        </form>
        <span className="text-xs text-zinc-500 tabular-nums" data-testid="list-window">
          {items.length > 0
            ? `Items ${formatCount(start)}–${formatCount(start + items.length - 1)} of ${formatCount(length)}`
            : `No items at ${formatCount(start)}; the list has ${formatCount(length)}`}
        </span>
        {win.isFetching && <Spinner className="size-3" />}
        {writable && (
          <span className="ml-auto flex gap-2">
            <Button size="sm" onClick={() => setTool(tool === "push" ? null : "push")}>
              Push
            </Button>
            <Button size="sm" onClick={() => setTool(tool === "trim" ? null : "trim")}>
              Trim
            </Button>
          </span>
        )}
      </div>
      {tool === "push" && <ListPushForm target={target} onDone={() => setTool(null)} />}
      {tool === "trim" && (
        <ListTrimForm target={target} length={length} onDone={() => setTool(null)} />
      )}
      <SplitView
        list={
          <ValueRows
            items={items}
            rowKey={(_, i) => String(start + i)}
            label="Items"
            columns={["Index", "Value"]}
            template="5rem 1fr"
            cells={(item, i) => [
              <span key="i" className="font-mono text-xs text-zinc-500 tabular-nums">
                {start + i}
              </span>,
              <span key="v">
                <RowValue value={item} decoded={decodings?.[i]} length={cut.get(i)} />
              </span>,
            ]}
            selected={selected ? String(selected.index) : null}
            onSelect={(value, i) =>
              setSelected({ index: start + i, value, length: cut.get(i), decoded: decodings?.[i] })
            }
            empty="No items in this window."
          />
        }
        detail={
          selected && (
            <ListItemPanel
              key={selected.index}
              target={target}
              index={selected.index}
              current={current ?? selected.value}
              length={current ? currentLength : selected.length}
              decoded={currentDecoded}
              writable={writable}
              onClose={() => setSelected(null)}
            />
          )
        }
      />
    </div>
  );
}
