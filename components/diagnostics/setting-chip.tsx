"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { SettingDialog } from "@/components/overview/setting-dialog";
import { Button } from "@/components/ui/button";
import { qk } from "@/lib/query-keys";
import { SETTINGS, type SettingName } from "@/lib/schemas/config-settings";

/**
 * One server setting a tool depends on, with an Edit button that opens the overview's dialog
 * (old → new, CONFIG SET through PUT …/config). The tool's own figures are read again after.
 */
export function SettingChip({
  conn,
  name,
  value,
  canWrite,
  node = null,
}: {
  conn: string;
  /** On a cluster: the node whose setting this is (null: the first master). */
  node?: string | null;
  name: SettingName;
  /** The server's value as CONFIG GET gives it; null where CONFIG is refused. */
  value: number | null;
  canWrite: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const client = useQueryClient();
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 px-2 py-0.5 text-xs dark:border-zinc-800"
      data-testid={`setting-${name}`}
    >
      <span className="text-zinc-500 dark:text-zinc-400" title={name}>
        {SETTINGS[name].label}
      </span>
      <span className="font-mono font-medium">{value === null ? "unknown" : value}</span>
      {canWrite && value !== null && (
        <Button
          size="sm"
          variant="ghost"
          className="h-5 px-1"
          aria-label={`Edit ${name}`}
          onClick={() => setEditing(true)}
        >
          Edit
        </Button>
      )}
      {editing && value !== null && (
        <SettingDialog
          conn={conn}
          name={name}
          node={node}
          current={String(value)}
          onClose={() => {
            setEditing(false);
            client.invalidateQueries({ queryKey: qk.slowlogs(conn) });
            client.invalidateQueries({ queryKey: qk.latencyAll(conn) });
          }}
        />
      )}
    </span>
  );
}

/** The title row of a tool page: its name, then figures and actions. */
export function ToolHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <h1 className="mr-2 text-lg font-semibold">{title}</h1>
      {children}
    </div>
  );
}
