"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { useSetConfig } from "@/hooks/use-config-settings";
import { useOverview } from "@/hooks/use-overview";
import { formatBytes, parseBytes } from "@/lib/format";
import { afterChange, memoryWarnings } from "@/lib/memory-warnings";
import { SETTINGS, type SettingName, settingValueError } from "@/lib/schemas/config-settings";

/** A setting's value for a person: sizes in KiB/MiB/GiB, 0 bytes as "no limit". */
export function showSetting(name: SettingName, value: string): string {
  if (SETTINGS[name].kind !== "bytes") return value;
  const n = Number(value);
  return n === 0 ? "0 (no limit)" : `${formatBytes(n)} (${value} bytes)`;
}

/** The new value as CONFIG SET takes it, from what was typed; sizes accept "512mb". */
function toConfigValue(name: SettingName, typed: string): string {
  if (SETTINGS[name].kind !== "bytes") return typed.trim();
  const n = parseBytes(typed);
  return n === null ? typed.trim() : String(n);
}

/** Edit one setting: pick the new value, see old → new, apply with CONFIG SET. */
export function SettingDialog({
  conn,
  node = null,
  name,
  current,
  initial,
  onClose,
}: {
  conn: string;
  /** On a cluster: the node whose setting this is (null: the first master). */
  node?: string | null;
  name: SettingName;
  current: string;
  /** The value to start from (e.g. "yes" for "turn AOF on"); the current one by default. */
  initial?: string;
  onClose: () => void;
}) {
  const spec = SETTINGS[name];
  const [typed, setTyped] = useState(initial ?? current);
  const toast = useToast();
  const set = useSetConfig(conn, node);
  const value = toConfigValue(name, typed);
  const error = settingValueError(name, value);
  const changed = value !== current;
  // What this does to memory, from the overview's figures (the same cached query the page polls).
  const memory = useOverview(conn, node).data?.memory;
  const state = memory && {
    usedBytes: memory.usedBytes,
    maxmemoryBytes: memory.maxmemoryBytes,
    policy: memory.policy,
  };
  const warnings =
    state && changed && !error ? memoryWarnings(state, afterChange(state, name, value)) : [];
  // Confirmed for these very warnings: another value with other figures asks again.
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const understood = warnings.length > 0 && confirmed === warnings.join("\n");
  const blocked = warnings.length > 0 && !understood;
  const apply = () =>
    set.mutate(
      { name, value, expect: current },
      {
        onSuccess: (r) => {
          toast.show("success", `${name} is now ${showSetting(name, r.value)}`);
          // The server's own figures, measured as it applied the change (they may differ from
          // the page's by a poll): said once more, in case memory moved since the dialog opened.
          for (const w of r.warnings ?? []) toast.show("error", w);
          onClose();
        },
      },
    );
  return (
    <Dialog open onClose={onClose} title={`Change ${spec.label}`}>
      <div className="flex flex-col gap-3 text-sm">
        <p className="text-zinc-600 dark:text-zinc-400">
          <code className="font-mono">{name}</code>: {spec.help}
        </p>
        <div className="flex flex-col gap-1">
          <span>New value</span>
          {spec.kind === "enum" || spec.kind === "bool" ? (
            <Select value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="New value">
              {(spec.kind === "bool" ? ["yes", "no"] : spec.options).map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </Select>
          ) : (
            <Input
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-label="New value"
              className="font-mono"
              placeholder={spec.kind === "bytes" ? "e.g. 512mb, 2gb or 0" : undefined}
              autoFocus
            />
          )}
        </div>
        {error && typed !== "" && <p className="text-xs text-red-600 dark:text-red-400">{error}</p>}
        <div
          data-testid="setting-change"
          className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-800/60"
        >
          <span className="text-zinc-500">current</span>
          <span>{showSetting(name, current)}</span>
          <span className="text-zinc-500">new</span>
          <span className={changed && !error ? "font-semibold" : undefined}>
            {error ? "—" : showSetting(name, value)}
          </span>
        </div>
        {warnings.length > 0 && (
          <div data-testid="setting-warning">
            <Notice tone="warn" title="Think twice before applying">
              {warnings.map((w) => (
                <p key={w}>{w}</p>
              ))}
              <label className="mt-2 flex items-center gap-2 font-medium">
                <input
                  type="checkbox"
                  checked={understood}
                  onChange={(e) => setConfirmed(e.target.checked ? warnings.join("\n") : null)}
                />
                Apply it anyway
              </label>
            </Notice>
          </div>
        )}
        {set.isError && (
          <Notice tone="error" title="Not changed">
            {set.error.message}
          </Notice>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            disabled={!changed || error !== null || set.isPending || blocked}
            onClick={apply}
          >
            Apply (CONFIG SET)
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
