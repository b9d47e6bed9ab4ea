"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import type { ConfirmRequest } from "@/hooks/use-console";

/** A dangerous command runs once its name is typed (the server asked for it with a 428). */
export function ConfirmDialog({
  request,
  onCancel,
  onConfirm,
}: {
  request: ConfirmRequest | null;
  onCancel: () => void;
  onConfirm: (name: string) => void;
}) {
  const [typed, setTyped] = useState("");
  const matches = request !== null && typed.trim().toUpperCase() === request.name;
  const close = () => {
    setTyped("");
    onCancel();
  };
  return (
    <Dialog open={request !== null} onClose={close} title="Run a dangerous command?">
      {request && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!matches) return;
            setTyped("");
            onConfirm(request.name);
          }}
          className="space-y-3 text-sm"
        >
          <p>
            <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">
              {request.line}
            </code>{" "}
            can lose data or stop the server for everyone using it.
          </p>
          <label className="block">
            Type <strong className="font-mono">{request.name}</strong> to run it:
            <Input
              autoFocus
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-label="Command name to confirm"
              className="mt-1 w-full font-mono"
            />
          </label>
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={!matches}>
              Run {request.name}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
