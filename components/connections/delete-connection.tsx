"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useDeleteConnection } from "@/hooks/use-connection-mutations";
import type { ConnectionSummary } from "@/lib/schemas/connections";

/** Delete, behind a confirmation that names the connection (its Redis data is not touched). */
export function DeleteConnectionButton({ connection }: { connection: ConnectionSummary }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteConnection(connection.id, () => setOpen(false));
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        Delete
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Delete connection">
        <p className="text-sm">
          Delete the connection <strong className="break-all">{connection.name}</strong> (
          <span className="font-mono text-xs">
            {connection.host}:{connection.port}
          </span>
          )? Keyscope forgets its address and password; nothing in its Redis is changed.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Delete {connection.name}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
