"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { useRenameKey } from "@/hooks/use-key-mutations";
import { ApiClientError } from "@/lib/api-client";
import { displayJsonBytes, type JsonBytes, jsonToBytes, utf8OrNull } from "@/lib/bytes";

type Target = { conn: string; db: number; key: JsonBytes };

/** Rename, refusing to replace an existing key unless the user ticks "overwrite". */
export function RenameKeyButton({
  target,
  onRenamed,
}: {
  target: Target;
  onRenamed: (key: JsonBytes) => void;
}) {
  const [open, setOpen] = useState(false);
  const current = utf8OrNull(jsonToBytes(target.key)) ?? "";
  const [name, setName] = useState(current);
  const [overwrite, setOverwrite] = useState(false);
  const rename = useRenameKey(target, (newKey) => {
    setOpen(false);
    onRenamed(newKey);
  });
  const conflict = rename.error instanceof ApiClientError && rename.error.code === "CONFLICT";
  const close = () => {
    setOpen(false);
    rename.reset();
  };
  return (
    <>
      <Button
        onClick={() => {
          setName(current);
          setOverwrite(false);
          setOpen(true);
        }}
      >
        Rename
      </Button>
      <Dialog open={open} onClose={close} title="Rename key">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            rename.mutate({ newKey: name, overwrite });
          }}
          className="flex flex-col gap-3"
        >
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            From <code className="font-mono break-all">{displayJsonBytes(target.key)}</code>
          </p>
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label="New key name"
            autoFocus
            className="font-mono"
          />
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={overwrite}
              onChange={(e) => setOverwrite(e.target.checked)}
            />
            Overwrite the target if it exists
          </label>
          {conflict && (
            <Notice tone="warn">
              A key with that name already exists. Tick “overwrite” to replace it.
            </Notice>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={rename.isPending || name === current}>
              Rename
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
