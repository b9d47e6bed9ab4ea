"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { type JsonBytes, jsonToBytes } from "@/lib/bytes";
import { isParseError } from "./bytes-codec";
import { BytesField, type Draft, draftOf, readDraft } from "./bytes-field";
import { FormRow } from "./panel";

/**
 * Edits one byte string (a hash value, a list item). `base` is the value when editing began and
 * is what the save expects to find; after a conflict the user has been shown `current`, so a
 * second save expects that instead ("Save anyway"). Invalid hex/base64 is refused here.
 */
export function ValueEditor({
  base,
  current,
  conflict,
  pending,
  onSave,
  onCancel,
}: {
  base: JsonBytes;
  current: JsonBytes | null;
  conflict: boolean;
  pending: boolean;
  onSave: (value: JsonBytes, expect: JsonBytes | null) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(base, true));
  const [error, setError] = useState<string | null>(null);
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const value = readDraft(draft);
    if (isParseError(value)) return setError(value.error);
    setError(null);
    // An unchanged value is not written back (nothing to do, and no TTL or version touched).
    const a = jsonToBytes(value);
    const b = jsonToBytes(base);
    if (!conflict && a.length === b.length && a.every((x, i) => x === b[i])) return onCancel();
    onSave(value, conflict ? current : base);
  };
  return (
    <form onSubmit={save} className="flex flex-col gap-2" aria-label="Edit value">
      <BytesField label="Value" draft={draft} onChange={setDraft} multiline autoFocus />
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <FormRow>
        <Button type="submit" variant="primary" disabled={pending}>
          {conflict ? "Save anyway" : "Save"}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </FormRow>
    </form>
  );
}
