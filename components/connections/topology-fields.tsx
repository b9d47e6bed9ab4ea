"use client";
import { Input } from "@/components/ui/input";
import type { ConnectionMode } from "@/lib/connection-modes";
import type { ConnectionSummary } from "@/lib/schemas/connections";
import { AddrRows, NatMapRows } from "./addr-rows";
import type { FieldErrors, FormState, SetField } from "./form-model";
import { Choice, Row } from "./form-row";
import { UsernamePasswordFields } from "./username-password";

const MODES: readonly { value: ConnectionMode; label: string }[] = [
  { value: "standalone", label: "Standalone" },
  { value: "cluster", label: "Cluster" },
  { value: "sentinel", label: "Sentinel" },
];

export function ModePicker({ state, set }: { state: FormState; set: SetField }) {
  return (
    <Row label="Mode">
      <Choice
        label="Mode"
        testId="mode-picker"
        value={state.mode}
        options={MODES}
        onChange={(m) => set("mode", m)}
      />
    </Row>
  );
}

/**
 * Where a cluster or a sentinel set is: seed nodes, or the sentinels and the master they watch
 * with the sentinels' own credentials; both with an optional address map. The data nodes'
 * username, password and TLS follow in the form's credential fields.
 */
export function TopologyFields({
  state,
  set,
  errors,
  connection,
}: {
  state: FormState;
  set: SetField;
  errors: FieldErrors;
  connection?: ConnectionSummary;
}) {
  if (state.mode === "standalone") return null;
  // The stored map belongs to the saved mode's nodes; a new mode starts without one shown.
  const stored = connection?.natMapEntries ?? 0;
  const nat = (
    <NatMapRows
      rows={state.natMap}
      stored={stored}
      changed={state.natMapChanged}
      errors={errors}
      onChange={(rows) => {
        set("natMap", rows);
        set("natMapChanged", true);
      }}
    />
  );
  if (state.mode === "cluster")
    return (
      <>
        <AddrRows
          list="nodes"
          label="Seed node"
          rows={state.nodes}
          onChange={(rows) => set("nodes", rows)}
          errors={errors}
          placeholder="10.0.0.1:7000"
        />
        <p className="-mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Any node of the cluster: Keyscope asks it for the others. The username, password and TLS
          below serve every node.
        </p>
        {nat}
      </>
    );
  const savedSentinelPassword = !!connection?.hasSentinelPassword && connection.mode === "sentinel";
  return (
    <>
      <AddrRows
        list="sentinels"
        label="Sentinel"
        rows={state.sentinels}
        onChange={(rows) => set("sentinels", rows)}
        errors={errors}
        placeholder="10.0.1.1:26379"
      />
      <Row
        label="Master name"
        htmlFor="conn-master-name"
        error={errors.masterName}
        hint="The name the sentinels monitor the master under (sentinel monitor <name> …)"
      >
        <Input
          id="conn-master-name"
          value={state.masterName}
          onChange={(e) => set("masterName", e.target.value)}
          placeholder="mymaster"
          aria-invalid={errors.masterName ? true : undefined}
          className="font-mono"
        />
      </Row>
      <UsernamePasswordFields
        idPrefix="conn-sentinel"
        unchangedTestId="sentinel-password-unchanged"
        labels={{ username: "Sentinel username", password: "Sentinel password" }}
        username={state.sentinelUsername}
        onUsername={(v) => set("sentinelUsername", v)}
        password={{
          saved: savedSentinelPassword,
          mode: state.sentinelPasswordMode,
          value: state.sentinelPassword,
          onMode: (m) => set("sentinelPasswordMode", m),
          onChange: (v) => set("sentinelPassword", v),
        }}
        errors={{ username: errors.sentinelUsername, password: errors.sentinelPassword }}
      />
      {nat}
    </>
  );
}
