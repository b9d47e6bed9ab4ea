"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { useEditValue } from "@/hooks/use-key-mutations";
import type { JsonBytes } from "@/lib/bytes";
import { formatTtl } from "@/lib/format";
import type { Decoded } from "@/lib/schemas/decode";
import { MAX_TTL_SECONDS } from "@/lib/schemas/keys";
import { DecodedOrRaw } from "../decoded/decoded-or-raw";
import { isParseError } from "../shared/bytes-codec";
import { BytesField, type Draft, EMPTY_DRAFT, readDraft } from "../shared/bytes-field";
import { BytesText, ValueBlock } from "../shared/bytes-text";
import { EditError, isConflict } from "../shared/edit-error";
import { ConfirmButton, FormRow, Panel } from "../shared/panel";
import { ValueEditor } from "../shared/value-editor";
import { useWholeValue, WholeNote } from "../shared/whole-value";

export type HashEntry = {
  field: JsonBytes;
  value: JsonBytes;
  ttl?: number;
  truncated?: true;
  valueLength?: number;
  decoded?: Decoded | null;
};
type Target = { conn: string; db: number; key: JsonBytes; decode?: string };

/**
 * One field: its value in full, edit (HSET with the value it had when editing began as
 * `expect`), delete (HDEL, same check) and, where the server has them, per-field TTLs.
 */
export function HashFieldPanel({
  target,
  entry,
  fieldTtl,
  writable,
  onClose,
  current: listed,
}: {
  target: Target;
  entry: HashEntry;
  /** The field as last fetched; null when it is gone. */
  current: HashEntry | null;
  fieldTtl: boolean;
  writable: boolean;
  onClose: () => void;
}) {
  const edit = useEditValue(target);
  const toast = useToast();
  // A previewed value is fetched whole before it is shown in full, edited or sent as `expect`.
  const whole = useWholeValue(
    target,
    { field: entry.field },
    listed ? { value: listed.value, length: listed.valueLength, decoded: listed.decoded } : null,
  );
  const current = listed && whole ? { ...listed, value: whole.value } : listed;
  const complete = whole?.complete ?? false;
  // The value when editing began (null: not editing).
  const [base, setBase] = useState<JsonBytes | null>(null);
  const conflict = isConflict(edit.error);
  const stop = () => {
    setBase(null);
    edit.reset();
  };
  const save = (value: JsonBytes, expect: JsonBytes | null) =>
    edit.mutate(
      { op: "hset", field: entry.field, value, expect },
      {
        onSuccess: () => {
          setBase(null);
          toast.show("success", "Field saved.");
        },
      },
    );
  const remove = () =>
    edit.mutate(
      // Only a value held whole can be the check; a huge one is deleted without it.
      { op: "hdel", field: entry.field, ...(complete && current && { expect: current.value }) },
      { onSuccess: onClose },
    );

  return (
    <Panel title={<BytesText value={entry.field} />} onClose={onClose} testId="field-panel">
      {base !== null ? (
        <ValueEditor
          base={base}
          current={current?.value ?? null}
          conflict={conflict}
          pending={edit.isPending}
          onSave={save}
          onCancel={stop}
        />
      ) : current === null ? (
        <Notice tone="warn" title="This field no longer exists" />
      ) : (
        <>
          <DecodedOrRaw
            target={target}
            decoded={whole?.decoded}
            raw={<ValueBlock value={current.value} label="Value" testId="field-value" tall />}
          />
          <WholeNote whole={whole} />
        </>
      )}
      <EditError
        error={edit.error}
        target={target}
        current={
          current ? <ValueBlock value={current.value} label="Now" /> : "The field was deleted."
        }
      />
      {fieldTtl && current && (
        <FieldTtl
          entry={current}
          writable={writable}
          onSet={(ttl) => edit.mutate({ op: "hexpire", field: entry.field, ttl })}
        />
      )}
      {writable && base === null && current && (
        <FormRow>
          <Button
            size="sm"
            disabled={!complete}
            onClick={() => {
              edit.reset();
              setBase(current.value);
            }}
          >
            Edit value
          </Button>
          <ConfirmButton
            label="Delete field"
            confirm="Delete this field?"
            onConfirm={remove}
            disabled={edit.isPending}
          />
        </FormRow>
      )}
    </Panel>
  );
}

/** A field's own TTL (HEXPIRE, Redis 7.4+): shown, set in seconds, removed. */
function FieldTtl({
  entry,
  writable,
  onSet,
}: {
  entry: HashEntry;
  writable: boolean;
  onSet: (ttl: number | null) => void;
}) {
  const [seconds, setSeconds] = useState("");
  const ttl = entry.ttl ?? -1;
  const valid = /^\d+$/.test(seconds) && Number(seconds) >= 1 && Number(seconds) <= MAX_TTL_SECONDS;
  return (
    <FormRow>
      <span className="text-sm">
        Field TTL: <span className="font-mono">{ttl >= 0 ? formatTtl(ttl) : "no expiry"}</span>
      </span>
      {writable && (
        <>
          <Input
            value={seconds}
            onChange={(e) => setSeconds(e.target.value)}
            inputMode="numeric"
            placeholder="seconds"
            aria-label="Field TTL in seconds"
            className="w-28 font-mono"
          />
          <Button size="sm" disabled={!valid} onClick={() => onSet(Number(seconds))}>
            Set field TTL
          </Button>
          {ttl >= 0 && (
            <Button size="sm" onClick={() => onSet(null)}>
              Remove field TTL
            </Button>
          )}
        </>
      )}
    </FormRow>
  );
}

/** A new field: HSET with `expect: null`, so an existing field is never overwritten unseen. */
export function HashAddForm({
  target,
  onDone,
}: {
  target: Target;
  onDone: (entry: HashEntry | null) => void;
}) {
  const edit = useEditValue(target);
  const [field, setField] = useState<Draft>(EMPTY_DRAFT);
  const [value, setValue] = useState<Draft>(EMPTY_DRAFT);
  const [error, setError] = useState<string | null>(null);
  const add = (e: React.FormEvent) => {
    e.preventDefault();
    const f = readDraft(field);
    const v = readDraft(value);
    if (isParseError(f) || isParseError(v))
      return setError((isParseError(f) ? f : (v as { error: string })).error);
    setError(null);
    edit.mutate(
      { op: "hset", field: f, value: v, expect: null },
      { onSuccess: () => onDone({ field: f, value: v }) },
    );
  };
  return (
    <form
      onSubmit={add}
      aria-label="Add field"
      className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <BytesField label="Field" draft={field} onChange={setField} autoFocus />
      <BytesField label="Value" draft={value} onChange={setValue} multiline />
      {error && <p className="text-xs text-red-600 dark:text-red-400">{error}</p>}
      <EditError
        error={edit.error}
        target={target}
        conflictTitle="This field already exists"
        conflictHint="Open it in the list to edit its value."
      />
      <FormRow>
        <Button type="submit" variant="primary" disabled={edit.isPending}>
          Add
        </Button>
        <Button onClick={() => onDone(null)}>Cancel</Button>
      </FormRow>
    </form>
  );
}
