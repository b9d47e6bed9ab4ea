"use client";
import { Input } from "@/components/ui/input";
import type { ConnectionSummary } from "@/lib/schemas/connections";
import type { FieldErrors, FormState, SetField } from "./form-model";
import { Choice, Row } from "./form-row";
import { TlsFields } from "./tls-fields";
import { UsernamePasswordFields } from "./username-password";

type Props = {
  state: FormState;
  set: SetField;
  errors: FieldErrors;
  connection?: ConnectionSummary;
};

const HOW = [
  { value: "fields", label: "Host and port" },
  { value: "url", label: "URL" },
] as const;

/** A standalone server: a URL, or host and port (the credentials follow in CredentialFields). */
export function StandaloneAddress({ state, set, errors, connection }: Props) {
  return (
    <>
      <Choice label="Address" value={state.how} options={HOW} onChange={(h) => set("how", h)} />
      {state.how === "url" ? (
        <Row
          label="URL"
          htmlFor="conn-url"
          error={errors.url}
          hint={
            connection
              ? "Replaces the host, port, username and TLS (and the password when the URL has one)."
              : "redis://[user:password@]host:port, rediss:// for TLS"
          }
        >
          <Input
            id="conn-url"
            value={state.url}
            onChange={(e) => set("url", e.target.value)}
            placeholder="redis://127.0.0.1:6379"
            aria-invalid={errors.url ? true : undefined}
            className="font-mono"
          />
        </Row>
      ) : (
        <div className="grid grid-cols-[1fr_7rem] gap-3">
          <Row label="Host" htmlFor="conn-host" error={errors.host}>
            <Input
              id="conn-host"
              value={state.host}
              onChange={(e) => set("host", e.target.value)}
              aria-invalid={errors.host ? true : undefined}
            />
          </Row>
          <Row label="Port" htmlFor="conn-port" error={errors.port}>
            <Input
              id="conn-port"
              inputMode="numeric"
              value={state.port}
              onChange={(e) => set("port", e.target.value)}
              aria-invalid={errors.port ? true : undefined}
            />
          </Row>
        </div>
      )}
    </>
  );
}

/**
 * Username, password and TLS: of the one server, of every cluster node, or of the master and
 * replicas a sentinel set names (the sentinels' own are in TopologyFields).
 */
export function CredentialFields({ state, set, errors, connection }: Props) {
  const master = state.mode === "sentinel";
  return (
    <>
      <UsernamePasswordFields
        idPrefix="conn"
        labels={{
          username: master ? "Master username" : "Username",
          password: master ? "Master password" : "Password",
        }}
        username={state.username}
        onUsername={(v) => set("username", v)}
        password={{
          saved: !!connection?.hasPassword,
          mode: state.passwordMode,
          value: state.password,
          onMode: (m) => set("passwordMode", m),
          onChange: (v) => set("password", v),
        }}
        errors={{ username: errors.username, password: errors.password }}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={state.tls} onChange={(e) => set("tls", e.target.checked)} />
        TLS
      </label>
      {state.tls && <TlsFields state={state} set={set} errors={errors} saved={!!connection?.tls} />}
    </>
  );
}
