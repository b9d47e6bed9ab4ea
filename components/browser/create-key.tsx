"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { CREATE_FORMS } from "@/components/viewers/create-forms";
import { isParseError } from "@/components/viewers/shared/bytes-codec";
import {
  BytesField,
  type Draft,
  EMPTY_DRAFT,
  readDraft,
  TEXTAREA,
} from "@/components/viewers/shared/bytes-field";
import { filledPairs, type Pair, PairsEditor } from "@/components/viewers/shared/pairs-editor";
import { useConnection } from "@/hooks/use-connections";
import { type CreateInput, useCreateKey } from "@/hooks/use-key-mutations";
import { ApiClientError } from "@/lib/api-client";
import { displayJsonBytes, type JsonBytes } from "@/lib/bytes";
import { CREATABLE_TYPES, type CreatableType } from "@/lib/redis-types";
import { parseDuration } from "@/lib/ttl-input";

type Form = {
  type: CreatableType;
  key: Draft;
  ttl: string;
  value: Draft;
  lines: string;
  pairs: Pair[];
};

const INITIAL: Form = {
  type: "string",
  key: EMPTY_DRAFT,
  ttl: "",
  value: EMPTY_DRAFT,
  lines: "",
  pairs: [["", ""]],
};

/** The request body for the form, or what is wrong with it. */
function bodyOf(f: Form): CreateInput | string {
  const key = readDraft(f.key);
  if (isParseError(key)) return `Key name: ${key.error}`;
  if (displayJsonBytes(key) === "") return "Enter a key name.";
  let ttl: number | undefined;
  if (f.ttl.trim() !== "") {
    const parsed = parseDuration(f.ttl);
    if (typeof parsed === "string") return parsed;
    ttl = parsed;
  }
  const lines = f.lines.split("\n").filter((l) => l !== "");
  return CREATE_FORMS[f.type].body({
    key,
    ttl,
    value: f.value,
    lines,
    pairs: filledPairs(f.pairs),
  });
}

/** "New key": type, name, first contents and an optional TTL; refuses to replace a key. */
export function CreateKeyButton({
  conn,
  db,
  onCreated,
}: {
  conn: string;
  db: number;
  onCreated: (key: JsonBytes) => void;
}) {
  const { connection } = useConnection(conn);
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<Form>(INITIAL);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const create = useCreateKey(conn, db, (key) => {
    setOpen(false);
    toast.show("success", `Created ${displayJsonBytes(key)}`);
    onCreated(key);
  });
  const exists = create.error instanceof ApiClientError && create.error.code === "CONFLICT";
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const close = () => {
    setOpen(false);
    create.reset();
  };
  const input = CREATE_FORMS[form.type].input;

  // Like every write control, absent on a read-only connection (and until it is known).
  if (!connection || connection.readOnly) return null;
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setForm(INITIAL);
          setError(null);
          create.reset();
          setOpen(true);
        }}
      >
        + New key
      </Button>
      <Dialog open={open} onClose={close} title="New key">
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const body = bodyOf(form);
            if (typeof body === "string") return setError(body);
            setError(null);
            create.mutate(body);
          }}
        >
          <div className="flex gap-2">
            <label className="flex flex-col gap-1 text-xs text-zinc-500">
              Type
              <Select
                value={form.type}
                onChange={(e) => set({ type: e.target.value as CreatableType })}
                className="w-28"
              >
                {CREATABLE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </Select>
            </label>
            <BytesField
              label="Key name"
              draft={form.key}
              onChange={(key) => set({ key })}
              autoFocus
              className="flex-1"
            />
          </div>
          {input.kind === "value" && (
            <BytesField
              label="Value"
              draft={form.value}
              onChange={(value) => set({ value })}
              multiline
            />
          )}
          {input.kind === "lines" && (
            <label className="flex flex-col gap-1 text-xs text-zinc-500">
              {input.label}
              <textarea
                value={form.lines}
                onChange={(e) => set({ lines: e.target.value })}
                spellCheck={false}
                className={`${TEXTAREA} min-h-24`}
              />
            </label>
          )}
          {input.kind === "pairs" && (
            <PairsEditor
              pairs={form.pairs}
              onChange={(pairs) => set({ pairs })}
              labels={input.labels}
              narrowSecond={input.narrowSecond ?? false}
            />
          )}
          <label className="flex items-center gap-2 text-xs text-zinc-500">
            TTL
            <Input
              value={form.ttl}
              onChange={(e) => set({ ttl: e.target.value })}
              placeholder="none · 90s, 1h, 2d"
              className="w-40 font-mono"
            />
          </label>
          {error && (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {error}
            </p>
          )}
          {exists && (
            <Notice tone="warn">A key with this name already exists; nothing was changed.</Notice>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              Create
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
