"use client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { useKillClient } from "@/hooks/use-clients";
import type { ClientRow } from "@/lib/schemas/diagnostics";

/** Confirms CLIENT KILL ID for one client, warning when it is one of Keyscope's own. */
export function KillDialog({
  conn,
  client,
  onClose,
}: {
  conn: string;
  client: ClientRow;
  onClose: () => void;
}) {
  const kill = useKillClient(conn);
  const toast = useToast();
  return (
    <Dialog open onClose={onClose} title={`Kill client ${client.id}?`}>
      <div className="flex flex-col gap-3 text-sm">
        <div className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-800/60">
          <span className="text-zinc-500">addr</span>
          <span>{client.addr}</span>
          {client.node && (
            <>
              <span className="text-zinc-500">node</span>
              <span>{client.node}</span>
            </>
          )}
          <span className="text-zinc-500">name</span>
          <span>{client.name || "—"}</span>
          <span className="text-zinc-500">last command</span>
          <span>{client.cmd || "—"}</span>
          <span className="text-zinc-500">user</span>
          <span>{client.user ?? "—"}</span>
        </div>
        {client.self && (
          <Notice tone="warn" title="This is one of Keyscope's own connections">
            Keyscope's pages (or a stream someone has open) use it; it will reconnect, and a stream
            on it ends.
          </Notice>
        )}
        <p className="text-zinc-600 dark:text-zinc-400">
          CLIENT KILL closes the connection at once; a command it is running is cut off. Most client
          libraries reconnect by themselves, so a killed client often comes back within a second
          under a new id.
        </p>
        {kill.isError && (
          <Notice tone="error" title="Not killed">
            {kill.error.message}
          </Notice>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="danger"
            disabled={kill.isPending}
            onClick={() =>
              kill.mutate(
                { id: client.id, node: client.node },
                {
                  onSuccess: () => {
                    toast.show("success", `Client ${client.id} (${client.addr}) was killed`);
                    onClose();
                  },
                },
              )
            }
          >
            Kill (CLIENT KILL ID {client.id})
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
