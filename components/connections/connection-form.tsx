"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import {
  useCreateConnection,
  useTestConnection,
  useUpdateConnection,
} from "@/hooks/use-connection-mutations";
import { ApiClientError } from "@/lib/api-client";
import type {
  ConnectionInput,
  ConnectionPatch,
  ConnectionSummary,
} from "@/lib/schemas/connections";
import { ColorPicker } from "./color-picker";
import {
  checkBody,
  errorsFromMessage,
  type FieldErrors,
  type FormState,
  initialState,
  testBody,
} from "./form-model";
import { PasswordField } from "./password-field";
import { TestResult } from "./test-result";
import { FieldError, TlsFields } from "./tls-fields";

/**
 * Add a connection (no `connection`) or edit a saved one, in a dialog: Test tries what the
 * form holds without saving it; Save checks it with the API's schema, then sends it.
 */
export function ConnectionForm({
  connection,
  open,
  onClose,
}: {
  connection?: ConnectionSummary;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={connection ? `Edit ${connection.name}` : "Add a connection"}
      className="max-h-[calc(100vh-2rem)] w-[min(44rem,calc(100vw-2rem))] overflow-y-auto"
    >
      {/* Mounted only while open, so every opening starts from the saved values. */}
      <FormBody connection={connection} onClose={onClose} />
    </Dialog>
  );
}

function FormBody({
  connection,
  onClose,
}: {
  connection?: ConnectionSummary;
  onClose: () => void;
}) {
  const [state, setState] = useState<FormState>(() => initialState(connection));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <F extends keyof FormState>(f: F, v: FormState[F]) => {
    setState((s) => ({ ...s, [f]: v }));
    setErrors(({ [f]: _, form: __, ...rest }) => rest);
  };
  const onServerError = (e: unknown) => {
    if (e instanceof ApiClientError && e.code === "BAD_REQUEST")
      setErrors(errorsFromMessage(e.message));
  };
  const create = useCreateConnection(() => onClose());
  const update = useUpdateConnection(connection?.id ?? "", () => onClose());
  const test = useTestConnection();
  const saving = create.isPending || update.isPending;

  const save = () => {
    const checked = checkBody(state, connection);
    if (checked.errors) return setErrors(checked.errors);
    if (connection) update.mutate(checked.body as ConnectionPatch, { onError: onServerError });
    else create.mutate(checked.body as ConnectionInput, { onError: onServerError });
  };
  const runTest = () => {
    test.reset();
    test.mutate(testBody(state, connection), { onError: onServerError });
  };
  const savedPassword = !!connection?.hasPassword;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      noValidate
      className="flex flex-col gap-3"
      data-testid="connection-form"
    >
      <Row label="Name" htmlFor="conn-name" error={errors.name}>
        <Input
          id="conn-name"
          value={state.name}
          onChange={(e) => set("name", e.target.value)}
          autoFocus
          aria-invalid={errors.name ? true : undefined}
          placeholder="e.g. cache (staging)"
        />
      </Row>
      <div role="radiogroup" aria-label="Address" className="flex gap-1 text-sm">
        {(["fields", "url"] as const).map((how) => (
          <button
            key={how}
            type="button"
            role="radio"
            aria-checked={state.how === how}
            onClick={() => set("how", how)}
            className={cn(
              "rounded-md px-2 py-1",
              state.how === how
                ? "bg-zinc-100 font-medium dark:bg-zinc-800"
                : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
            )}
          >
            {how === "fields" ? "Host and port" : "URL"}
          </button>
        ))}
      </div>
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
        <>
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
          <div className="grid grid-cols-2 gap-3">
            <Row label="Username" htmlFor="conn-username" error={errors.username}>
              <Input
                id="conn-username"
                value={state.username}
                onChange={(e) => set("username", e.target.value)}
                placeholder="default"
                autoComplete="off"
              />
            </Row>
            <Row label="Password" htmlFor="conn-password" error={errors.password}>
              <PasswordField
                saved={savedPassword}
                mode={state.passwordMode}
                value={state.password}
                onMode={(m) => set("passwordMode", m)}
                onChange={(v) => set("password", v)}
                invalid={!!errors.password}
              />
            </Row>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={state.tls}
              onChange={(e) => set("tls", e.target.checked)}
            />
            TLS
          </label>
          {state.tls && (
            <TlsFields state={state} set={set} errors={errors} saved={!!connection?.tls} />
          )}
        </>
      )}
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <Row label="Databases" htmlFor="conn-databases" error={errors.databases}>
          <Input
            id="conn-databases"
            inputMode="numeric"
            value={state.databases}
            onChange={(e) => set("databases", e.target.value)}
            aria-invalid={errors.databases ? true : undefined}
            className="w-24"
          />
        </Row>
        <label className="flex h-8 items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={state.readOnly}
            onChange={(e) => set("readOnly", e.target.checked)}
          />
          Read-only
        </label>
        <label className="flex h-8 items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={state.production}
            onChange={(e) => set("production", e.target.checked)}
          />
          Production <span className="text-xs text-zinc-500">(marked red in the header)</span>
        </label>
      </div>
      <Row label="Colour" error={errors.color}>
        <ColorPicker value={state.color} onChange={(c) => set("color", c)} />
      </Row>
      {errors.form && <Notice tone="error">{errors.form}</Notice>}
      {test.isPending && (
        <p className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Testing…
        </p>
      )}
      {test.data && <TestResult result={test.data} />}
      <div className="flex items-center gap-2 pt-1">
        <Button onClick={runTest} disabled={test.isPending}>
          Test
        </Button>
        <span className="flex-1" />
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={saving}>
          {saving && <Spinner className="size-3" />}
          Save
        </Button>
      </div>
    </form>
  );
}

function Row({
  label,
  htmlFor,
  error,
  hint,
  children,
}: {
  label: string;
  htmlFor?: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      {htmlFor ? (
        <label htmlFor={htmlFor} className="text-xs font-medium">
          {label}
        </label>
      ) : (
        <span className="text-xs font-medium">{label}</span>
      )}
      {children}
      {hint && !error && <p className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>}
      {error && <FieldError text={error} />}
    </div>
  );
}
