"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { useEditValue } from "@/hooks/use-key-mutations";
import { type JsonBytes, keyId } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import type { StreamGroupsJson } from "@/lib/schemas/values";
import { BytesText } from "../shared/bytes-text";
import { EditError } from "../shared/edit-error";
import { ConfirmButton, FormRow } from "../shared/panel";
import { useStreamGroups } from "./queries";
import { STREAM_ID } from "./stream-add";

type Target = { conn: string; db: number; key: JsonBytes };
type Group = StreamGroupsJson["groups"][number];

/** Idle times read better rounded: 850 ms, 12 s, 4 min, 3 h, 2 d. */
function formatIdle(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

const TH = "py-1 pr-3 text-left text-xs font-medium text-zinc-500";
const TD = "py-1 pr-3 font-mono text-xs tabular-nums";

/** Consumer groups with their consumers, lag and oldest pending entries; create, delete, ack. */
export function StreamGroups({ target, writable }: { target: Target; writable: boolean }) {
  const groups = useStreamGroups(target);
  const edit = useEditValue(target);
  if (groups.isPending) return <p className="text-sm text-zinc-500">Loading groups…</p>;
  if (groups.isError)
    return (
      <Notice tone="error" title="Could not read the consumer groups">
        {groups.error.message}
      </Notice>
    );
  const list = groups.data.groups;
  return (
    <div className="flex flex-col gap-3" data-testid="stream-groups">
      {writable && <CreateGroup target={target} />}
      <EditError error={edit.error} target={target} />
      {list.length === 0 && (
        <p className="py-4 text-center text-sm text-zinc-500">
          No consumer groups. Readers using XREADGROUP create them with XGROUP CREATE.
        </p>
      )}
      {list.map((g) => (
        <GroupCard
          key={keyId(g.name)}
          group={g}
          writable={writable}
          pending={edit.isPending}
          onAck={(id) => edit.mutate({ op: "xack", group: g.name, ids: [id] })}
          onDestroy={() => edit.mutate({ op: "xgroup-destroy", group: g.name })}
        />
      ))}
    </div>
  );
}

function GroupCard({
  group: g,
  writable,
  pending,
  onAck,
  onDestroy,
}: {
  group: Group;
  writable: boolean;
  pending: boolean;
  onAck: (id: string) => void;
  onDestroy: () => void;
}) {
  return (
    <section
      className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid="stream-group"
    >
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <h3 className="font-medium">
          <BytesText value={g.name} />
        </h3>
        <span className="text-xs text-zinc-500">
          pending{" "}
          <b className="font-mono text-zinc-800 dark:text-zinc-200">{formatCount(g.pending)}</b>
        </span>
        <span className="text-xs text-zinc-500">
          lag{" "}
          <b className="font-mono text-zinc-800 dark:text-zinc-200">
            {g.lag === null ? "unknown" : formatCount(g.lag)}
          </b>
        </span>
        <span className="text-xs text-zinc-500">
          last delivered <span className="font-mono">{g.lastDeliveredId}</span>
        </span>
        {writable && (
          <span className="ml-auto">
            <ConfirmButton
              label="Delete group"
              confirm="Delete the group and its pending list?"
              disabled={pending}
              onConfirm={onDestroy}
            />
          </span>
        )}
      </header>
      {g.consumers.length > 0 ? (
        <table className="w-full">
          <thead>
            <tr>
              <th className={TH}>Consumer</th>
              <th className={TH}>Pending</th>
              <th className={TH}>Idle</th>
            </tr>
          </thead>
          <tbody>
            {g.consumers.map((c) => (
              <tr key={keyId(c.name)} className="border-t border-zinc-100 dark:border-zinc-900">
                <td className={TD}>
                  <BytesText value={c.name} />
                </td>
                <td className={TD}>{formatCount(c.pending)}</td>
                <td className={TD}>{formatIdle(c.idleMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-xs text-zinc-500">No consumers yet.</p>
      )}
      {g.pendingEntries.length > 0 && (
        <details open={g.pendingEntries.length <= 10}>
          <summary className="cursor-pointer text-xs text-zinc-500">
            Oldest pending entries ({formatCount(g.pendingEntries.length)}
            {g.pending > g.pendingEntries.length ? ` of ${formatCount(g.pending)}` : ""})
          </summary>
          <table className="mt-1 w-full">
            <thead>
              <tr>
                <th className={TH}>Entry</th>
                <th className={TH}>Consumer</th>
                <th className={TH}>Idle</th>
                <th className={TH}>Deliveries</th>
                {writable && <th className={TH} aria-label="Actions" />}
              </tr>
            </thead>
            <tbody>
              {g.pendingEntries.map((p) => (
                <tr key={p.id} className="border-t border-zinc-100 dark:border-zinc-900">
                  <td className={TD}>{p.id}</td>
                  <td className={TD}>
                    <BytesText value={p.consumer} />
                  </td>
                  <td className={TD}>{formatIdle(p.idleMs)}</td>
                  <td className={TD}>{p.deliveries}</td>
                  {writable && (
                    <td className="py-0.5 text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={pending}
                        onClick={() => onAck(p.id)}
                      >
                        Ack
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

/** XGROUP CREATE: from new entries only ($), from the first entry (0), or after a given ID. */
function CreateGroup({ target }: { target: Target }) {
  const edit = useEditValue(target);
  const [name, setName] = useState("");
  const [from, setFrom] = useState<"$" | "0" | "id">("$");
  const [id, setId] = useState("");
  const idOk = from !== "id" || STREAM_ID.test(id.trim());
  return (
    <form
      aria-label="Create consumer group"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name || !idOk) return;
        edit.mutate(
          { op: "xgroup-create", group: name, id: from === "id" ? id.trim() : from },
          { onSuccess: () => setName("") },
        );
      }}
    >
      <FormRow>
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="new group name"
          aria-label="Group name"
          className="w-48 font-mono"
        />
        <Select
          value={from}
          onChange={(e) => setFrom(e.target.value as typeof from)}
          aria-label="Deliver from"
        >
          <option value="$">new entries only ($)</option>
          <option value="0">the first entry (0)</option>
          <option value="id">after an ID…</option>
        </Select>
        {from === "id" && (
          <Input
            value={id}
            onChange={(e) => setId(e.target.value)}
            placeholder="1700000000000-0"
            aria-label="Start after ID"
            aria-invalid={!idOk}
            className="w-48 font-mono"
          />
        )}
        <Button type="submit" disabled={!name || !idOk || edit.isPending}>
          Create group
        </Button>
      </FormRow>
      <EditError error={edit.error} target={target} conflictTitle="A group with that name exists" />
    </form>
  );
}
