"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { useConfigSettings, useRewriteConfig } from "@/hooks/use-config-settings";
import { SETTINGS, type SettingName } from "@/lib/schemas/config-settings";
import { NodeTitle } from "./node-picker";
import { SettingDialog, showSetting } from "./setting-dialog";

// AOF is switched from the persistence card, next to its status.
const HERE: SettingName[] = [
  "maxmemory",
  "maxmemory-policy",
  "maxmemory-samples",
  "maxmemory-eviction-tenacity",
  "lazyfree-lazy-eviction",
  "lazyfree-lazy-expire",
  "lazyfree-lazy-user-del",
];

/** Eviction settings with CONFIG SET, and CONFIG REWRITE when the server has a config file. */
export function SettingsCard({
  conn,
  canWrite,
  node = null,
}: {
  conn: string;
  canWrite: boolean;
  /** On a cluster: the picked node (null: the first master, named in the title). */
  node?: string | null;
}) {
  const settings = useConfigSettings(conn, node);
  const rewrite = useRewriteConfig(conn, node);
  const toast = useToast();
  const [editing, setEditing] = useState<{ name: SettingName; current: string } | null>(null);
  const data = settings.data;
  const rows = data?.settings.filter((s) => HERE.includes(s.name)) ?? [];
  return (
    <Card
      title={<NodeTitle title="Eviction settings" node={data?.node} picked={node} />}
      testId="settings-card"
      actions={
        canWrite &&
        data?.configFile && (
          <Button
            size="sm"
            title={`Write the running settings to ${data.configFile}`}
            disabled={rewrite.isPending}
            onClick={() =>
              rewrite.mutate(undefined, {
                onSuccess: (r) => toast.show("success", `Saved the settings to ${r.configFile}`),
              })
            }
          >
            Save to config file
          </Button>
        )
      }
    >
      {settings.isPending && <Spinner className="text-zinc-400" />}
      {settings.isError && <Notice tone="error">{settings.error.message}</Notice>}
      {data && !data.available && (
        <Notice>This server refuses CONFIG GET, so its settings cannot be shown or changed.</Notice>
      )}
      <table className="w-full text-sm">
        <tbody>
          {rows.map((s) => (
            <tr
              key={s.name}
              className="border-t border-zinc-100 first:border-0 dark:border-zinc-800"
            >
              <td className="py-1.5 pr-2">
                <div>{SETTINGS[s.name].label}</div>
                <div className="font-mono text-[11px] text-zinc-500">{s.name}</div>
              </td>
              <td className="py-1.5 font-mono text-xs">{showSetting(s.name, s.value)}</td>
              <td className="py-1.5 text-right">
                {canWrite && (
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Edit ${s.name}`}
                    onClick={() => setEditing({ name: s.name, current: s.value })}
                  >
                    Edit
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && !data.configFile && canWrite && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Changes apply at once but are lost on restart: this server has no config file to save them
          to.
        </p>
      )}
      {editing && (
        <SettingDialog
          conn={conn}
          node={node}
          name={editing.name}
          current={editing.current}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
