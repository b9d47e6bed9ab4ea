"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useEditValue } from "@/hooks/use-key-mutations";
import type { JsonBytes } from "@/lib/bytes";
import { EditError } from "../shared/edit-error";
import { filledPairs, type Pair, PairsEditor } from "../shared/pairs-editor";
import { FormRow } from "../shared/panel";

type Target = { conn: string; db: number; key: JsonBytes };

export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

/** XADD: field/value rows and an ID (`*` lets Redis pick the next one, which is almost always right). */
export function StreamAddForm({ target, onDone }: { target: Target; onDone: () => void }) {
  const edit = useEditValue(target);
  const toast = useToast();
  const [pairs, setPairs] = useState<Pair[]>([["", ""]]);
  const [id, setId] = useState("*");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label="Add entry"
      className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        const fields = filledPairs(pairs);
        const trimmed = id.trim() || "*";
        if (fields.length === 0) return setError("An entry needs at least one field.");
        if (trimmed !== "*" && !STREAM_ID.test(trimmed))
          return setError("The ID is * or milliseconds-sequence, such as 1700000000000-0.");
        setError(null);
        edit.mutate(
          { op: "xadd", fields, id: trimmed },
          {
            onSuccess: ({ result }) => {
              toast.show("success", `Added entry ${result}.`);
              onDone();
            },
          },
        );
      }}
    >
      <PairsEditor pairs={pairs} onChange={setPairs} labels={["Field", "Value"]} />
      <label className="flex items-center gap-2 text-xs text-zinc-500">
        ID
        <Input value={id} onChange={(e) => setId(e.target.value)} className="w-56 font-mono" />
      </label>
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <EditError error={edit.error} target={target} />
      <FormRow>
        <Button type="submit" variant="primary" disabled={edit.isPending}>
          Add entry
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </FormRow>
    </form>
  );
}
