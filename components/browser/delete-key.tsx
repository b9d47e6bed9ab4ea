"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useDeleteKey } from "@/hooks/use-key-mutations";
import { displayJsonBytes, type JsonBytes } from "@/lib/bytes";

type Target = { conn: string; db: number; key: JsonBytes };

/** Delete with a confirmation; on a production connection the user types the key's name. */
export function DeleteKeyButton({
  target,
  production,
  onDeleted,
}: {
  target: Target;
  production: boolean;
  onDeleted: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const toast = useToast();
  const name = displayJsonBytes(target.key);
  const del = useDeleteKey(target, () => {
    setOpen(false);
    toast.show("success", `Deleted ${name || "(empty key)"}`);
    onDeleted();
  });
  const confirmed = !production || typed === name;
  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          setTyped("");
          setOpen(true);
        }}
      >
        Delete
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Delete key?">
        <div className="flex flex-col gap-3 text-sm">
          <p>
            This deletes <code className="font-mono break-all">{name || "(empty key)"}</code> from
            database {target.db}. It cannot be undone.
          </p>
          {production && (
            <label className="flex flex-col gap-1">
              This is a production connection. Type the key name to confirm:
              <Input
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                aria-label="Type the key name to confirm"
                className="font-mono"
              />
            </label>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button
              variant="danger"
              disabled={!confirmed || del.isPending}
              onClick={() => del.mutate()}
            >
              Delete
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
