"use client";
import { type FormEvent, useState } from "react";
import { NodeSelect } from "@/components/cluster/node-select";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/input";
import type { PickableNode } from "@/hooks/use-cluster";
import type { ProfilerFilters } from "@/hooks/use-profiler";

// Start a run: its length and the filters the server applies before sending a line.

const DURATIONS = [10, 30, 60, 120, 300] as const;

const EMPTY: ProfilerFilters = {
  seconds: 60,
  match: "",
  commands: "",
  key: "",
  client: "",
  db: "",
  node: "",
};

function Field({
  label,
  hint,
  id,
  children,
}: {
  label: string;
  hint: string;
  id: string;
  children: React.ReactNode;
}) {
  return (
    <div
      className="flex min-w-0 flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400"
      title={hint}
    >
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

export function ProfilerForm({
  running,
  nodes,
  onStart,
  onStop,
}: {
  running: boolean;
  /** A cluster's nodes (null on one server): the run watches one of them or every master. */
  nodes: readonly PickableNode[] | null;
  onStart: (f: ProfilerFilters) => void;
  onStop: () => void;
}) {
  const [f, setF] = useState<ProfilerFilters>(EMPTY);
  const set = (k: keyof ProfilerFilters) => (e: { target: { value: string } }) =>
    setF((old) => ({ ...old, [k]: k === "seconds" ? Number(e.target.value) : e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (running) onStop();
    else onStart(f);
  };
  return (
    <form
      onSubmit={submit}
      className={cn(
        "grid grid-cols-2 items-end gap-2",
        nodes
          ? "md:grid-cols-[7rem_12rem_minmax(10rem,2fr)_minmax(7rem,1fr)_minmax(7rem,1fr)_minmax(7rem,1fr)_4rem_auto]"
          : "md:grid-cols-[7rem_minmax(10rem,2fr)_minmax(8rem,1fr)_minmax(8rem,1fr)_minmax(8rem,1fr)_4rem_auto]",
      )}
      data-testid="profiler-form"
    >
      <Field
        id="profiler-seconds"
        label="Duration"
        hint="MONITOR stops by itself after this long (at most 5 minutes)"
      >
        <Select
          value={f.seconds}
          id="profiler-seconds"
          onChange={set("seconds")}
          disabled={running}
        >
          {DURATIONS.map((s) => (
            <option key={s} value={s}>
              {s < 60 ? `${s} s` : `${s / 60} min`}
            </option>
          ))}
        </Select>
      </Field>
      {nodes && (
        <Field
          id="profiler-node"
          label="Node"
          hint="Every master sees the commands on its keys; a replica shows the reads sent to it (and what it replicates)"
        >
          <NodeSelect
            nodes={nodes}
            value={f.node}
            onChange={(node) => setF((old) => ({ ...old, node }))}
            none="All masters"
            disabled={running}
            testId="profiler-node"
          />
        </Field>
      )}
      <Field
        id="profiler-match"
        label="Command line"
        hint='A glob over the line as MONITOR prints it, e.g. "SET" "user:*'
      >
        <Input
          value={f.match}
          id="profiler-match"
          onChange={set("match")}
          disabled={running}
          placeholder={'"SET" "user:*'}
        />
      </Field>
      <Field
        id="profiler-commands"
        label="Commands"
        hint="Command names, separated by spaces or commas, any case"
      >
        <Input
          value={f.commands}
          id="profiler-commands"
          onChange={set("commands")}
          disabled={running}
          placeholder="get set del"
        />
      </Field>
      <Field id="profiler-key" label="Key" hint="A glob over the command's first key">
        <Input
          value={f.key}
          id="profiler-key"
          onChange={set("key")}
          disabled={running}
          placeholder="session:*"
        />
      </Field>
      <Field
        id="profiler-client"
        label="Client"
        hint="Part of the client's address: 10.0.0.7, :5432, lua"
      >
        <Input
          value={f.client}
          id="profiler-client"
          onChange={set("client")}
          disabled={running}
          placeholder="10.0.0.7"
        />
      </Field>
      <Field id="profiler-db" label="DB" hint="Only commands run on this database">
        <Input
          value={f.db}
          id="profiler-db"
          onChange={set("db")}
          disabled={running}
          inputMode="numeric"
          placeholder="all"
        />
      </Field>
      <Button type="submit" variant={running ? "danger" : "primary"} data-testid="profiler-toggle">
        {running ? "Stop" : "Start"}
      </Button>
    </form>
  );
}
