"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useEditValue } from "@/hooks/use-key-mutations";
import type { JsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import { isParseError } from "../shared/bytes-codec";
import { BytesField, type Draft, EMPTY_DRAFT, readDraft } from "../shared/bytes-field";
import { EditError } from "../shared/edit-error";
import { FormRow } from "../shared/panel";

type Target = { conn: string; db: number; key: JsonBytes };

const BOX = "flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800";

/** LPUSH / RPUSH one value. */
export function ListPushForm({ target, onDone }: { target: Target; onDone: () => void }) {
  const edit = useEditValue(target);
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [error, setError] = useState<string | null>(null);
  const push = (end: "head" | "tail") => {
    const value = readDraft(draft);
    if (isParseError(value)) return setError(value.error);
    setError(null);
    edit.mutate(
      { op: "push", end, values: [value] },
      {
        onSuccess: ({ result }) => {
          toast.show("success", `Pushed to the ${end}; the list has ${result} items.`);
          onDone();
        },
      },
    );
  };
  return (
    <div className={BOX} role="group" aria-label="Push an item">
      <BytesField label="New item" draft={draft} onChange={setDraft} multiline autoFocus />
      {error && <p className="text-xs text-red-600 dark:text-red-400">{error}</p>}
      <EditError error={edit.error} target={target} />
      <FormRow>
        <Button variant="primary" onClick={() => push("head")} disabled={edit.isPending}>
          Push to head
        </Button>
        <Button variant="primary" onClick={() => push("tail")} disabled={edit.isPending}>
          Push to tail
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </FormRow>
    </div>
  );
}

/** LTRIM: keep items start…stop (negative counts from the tail), delete the rest. */
export function ListTrimForm({
  target,
  length,
  onDone,
}: {
  target: Target;
  length: number;
  onDone: () => void;
}) {
  const edit = useEditValue(target);
  const [start, setStart] = useState("0");
  const [stop, setStop] = useState("-1");
  const valid = /^-?\d+$/.test(start.trim()) && /^-?\d+$/.test(stop.trim());
  const norm = (n: number) => (n < 0 ? length + n : n);
  const kept = valid
    ? Math.max(0, Math.min(length - 1, norm(Number(stop))) - Math.max(0, norm(Number(start))) + 1)
    : 0;
  return (
    <form
      className={BOX}
      aria-label="Trim the list"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid)
          edit.mutate(
            { op: "ltrim", start: Number(start), stop: Number(stop) },
            { onSuccess: onDone },
          );
      }}
    >
      <FormRow>
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          Keep from index
          <Input
            value={start}
            onChange={(e) => setStart(e.target.value)}
            className="w-28 font-mono"
          />
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          to index (inclusive)
          <Input
            value={stop}
            onChange={(e) => setStop(e.target.value)}
            className="w-28 font-mono"
          />
        </label>
      </FormRow>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {valid
          ? `Keeps ${formatCount(kept)} of ${formatCount(length)} items and deletes ${formatCount(length - kept)}.${kept === 0 ? " The key will be deleted." : ""}`
          : "Indexes are whole numbers; -1 is the last item."}
      </p>
      <EditError error={edit.error} target={target} />
      <FormRow>
        <Button type="submit" variant="danger" disabled={!valid || edit.isPending}>
          Trim
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </FormRow>
    </form>
  );
}
