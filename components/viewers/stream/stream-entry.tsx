"use client";
import type { useEditValue } from "@/hooks/use-key-mutations";
import type { JsonBytes } from "@/lib/bytes";
import type { Decoded } from "@/lib/schemas/decode";
import type { StreamValueJson } from "@/lib/schemas/values";
import { DecodedOrRaw } from "../decoded/decoded-or-raw";
import { BytesText, ValueBlock } from "../shared/bytes-text";
import { EditError } from "../shared/edit-error";
import { ConfirmButton, FormRow, Panel } from "../shared/panel";
import { useWholeValue, WholeNote } from "../shared/whole-value";

type Target = { conn: string; db: number; key: JsonBytes; decode?: string };
export type Entry = StreamValueJson["entries"][number];

/** When an entry was added: the milliseconds part of its ID, in local time. */
export function entryTime(id: string): string {
  const ms = Number(id.split("-")[0]);
  // sv-SE spells dates as 2024-05-01 12:00:03, which sorts and reads the same everywhere.
  return Number.isFinite(ms) ? new Date(ms).toLocaleString("sv-SE") : "";
}

/** One field of an entry in full: JSON pretty-printed, a preview fetched whole. */
function EntryField({
  target,
  id,
  n,
  name,
  value,
  length,
  decoded,
}: {
  target: Target;
  id: string;
  n: number;
  name: JsonBytes;
  value: JsonBytes;
  length?: number;
  decoded?: Decoded | null;
}) {
  const whole = useWholeValue(target, { id, n }, { value, length, decoded });
  return (
    <div className="flex flex-col gap-1" data-testid="entry-field">
      <DecodedOrRaw
        target={target}
        decoded={whole?.decoded}
        label={<BytesText value={name} className="text-xs text-indigo-700 dark:text-indigo-300" />}
        raw={<ValueBlock value={whole?.value ?? value} tall />}
      />
      <WholeNote whole={whole} />
    </div>
  );
}

/** The selected entry beside the rows: every field in full, and its deletion (XDEL). */
export function StreamEntryPanel({
  target,
  entry,
  edit,
  writable,
  onClose,
}: {
  target: Target;
  entry: Entry;
  edit: ReturnType<typeof useEditValue>;
  writable: boolean;
  onClose: () => void;
}) {
  const cut = new Map((entry.previews ?? []).map((p) => [p.index, p.length]));
  return (
    <Panel title={`Entry ${entry.id}`} onClose={onClose} testId="entry-panel">
      <p className="text-xs text-zinc-500">Added {entryTime(entry.id)}</p>
      {entry.fields.map(([name, value], i) => (
        <EntryField
          // biome-ignore lint/suspicious/noArrayIndexKey: field names may repeat in an entry
          key={i}
          target={target}
          id={entry.id}
          n={i}
          name={name}
          value={value}
          length={cut.get(i)}
          decoded={entry.decoded?.[i]}
        />
      ))}
      <EditError error={edit.error} target={target} />
      {writable && (
        <FormRow>
          <ConfirmButton
            label="Delete entry"
            confirm="Delete this entry?"
            disabled={edit.isPending}
            onConfirm={() => edit.mutate({ op: "xdel", ids: [entry.id] }, { onSuccess: onClose })}
          />
        </FormRow>
      )}
    </Panel>
  );
}
