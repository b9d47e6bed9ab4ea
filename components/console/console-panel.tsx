"use client";
import { useState } from "react";
import { NodeSelect } from "@/components/cluster/node-select";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useClusterNodes } from "@/hooks/use-cluster";
import { useCommands } from "@/hooks/use-commands";
import { useConnections } from "@/hooks/use-connections";
import { type ConsoleEntry, useConsole } from "@/hooks/use-console";
import { useConsoleHistory } from "@/hooks/use-console-history";
import { commandOf } from "@/lib/cli/command-help";
import { MAX_LIMIT, MAX_LIMIT_BYTES } from "@/lib/schemas/cli";
import { ConfirmDialog } from "./confirm-dialog";
import { ConsoleInput } from "./console-input";
import { ConsoleOutput } from "./console-output";

/** The console, as a page (/c/{conn}/db/{db}/cli) and as the drawer: the same component. */
export function ConsolePanel({
  conn,
  db,
  autoFocus,
  onClose,
}: {
  conn: string;
  db: number;
  autoFocus?: boolean;
  onClose?: () => void;
}) {
  const session = useConsole(conn, db);
  const history = useConsoleHistory(conn);
  const commands = useCommands(conn);
  const connection = useConnections().data?.connections.find((c) => c.id === conn);
  const docs = commands.data?.commands ?? [];
  // On a cluster: "" routes each command by its keys' slot; a node runs it there (INFO, CONFIG…).
  const nodes = useClusterNodes(conn);
  const [node, setNode] = useState("");

  const run = (line: string) => {
    history.add(line);
    if (/^\s*clear\s*$/i.test(line)) return session.clear(); // as in redis-cli
    void session.run(line, { node });
  };
  // "Show more" asks again, so only for commands the server flags read-only.
  const canRerun = (line: string) =>
    commandOf(line.trim().split(/\s+/), docs)?.flags.includes("readonly") === true;
  const more = (e: ConsoleEntry) =>
    void session.run(e.line, {
      replace: e.id,
      node: e.node,
      limit: Math.min(e.limit * 10, MAX_LIMIT),
      limitBytes: Math.min(e.limitBytes * 10, MAX_LIMIT_BYTES),
    });

  return (
    <section
      aria-label="Console"
      className="flex min-h-0 flex-1 flex-col bg-white dark:bg-zinc-950"
    >
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3 py-1.5 text-xs dark:border-zinc-800">
        <span className="font-medium">Console</span>
        <span className="text-zinc-500 dark:text-zinc-400">
          {connection?.name ?? conn} · db {db}
          {connection?.readOnly && " · read-only: writes are refused"}
        </span>
        <span className="flex-1" />
        <Button size="sm" variant="ghost" onClick={session.clear} title="Clear (Ctrl+L)">
          Clear
        </Button>
        {onClose && (
          <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close the console">
            ✕
          </Button>
        )}
      </div>
      {session.entries.length === 0 ? (
        <div className="min-h-0 flex-1 overflow-auto p-3">
          <Notice title="Run a Redis command">
            Commands run on a connection of their own (keyscope-console) in db {db}. Dangerous ones
            (FLUSHDB, KEYS, CONFIG SET…) ask you to type their name first; SUBSCRIBE, MONITOR and
            MULTI have their own tools. Tab completes, ↑/↓ recall, Ctrl+L clears.
          </Notice>
        </div>
      ) : (
        <ConsoleOutput entries={session.entries} canRerun={canRerun} onMore={more} />
      )}
      <ConsoleInput
        db={db}
        docs={docs}
        onRun={run}
        onClear={session.clear}
        stepHistory={history.step}
        autoFocus={autoFocus}
        node={node || undefined}
        nodePicker={
          nodes && (
            <NodeSelect
              nodes={nodes}
              value={node}
              onChange={setNode}
              none="Route by key"
              className="w-56 text-xs"
              testId="console-node"
            />
          )
        }
      />
      <ConfirmDialog
        request={session.confirm}
        onCancel={() => session.setConfirm(null)}
        onConfirm={(name) => {
          const asked = session.confirm;
          session.setConfirm(null);
          // The confirmed run takes the place of the refusal that asked for it.
          if (asked)
            void session.run(asked.line, {
              confirm: name,
              replace: asked.entryId,
              node: session.entries.find((e) => e.id === asked.entryId)?.node,
            });
        }}
      />
    </section>
  );
}
