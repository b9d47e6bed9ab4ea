"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
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
import { CredentialFields, StandaloneAddress } from "./address-fields";
import { ColorPicker } from "./color-picker";
import {
  checkBody,
  errorsFromMessage,
  type FieldErrors,
  type FormState,
  initialState,
  type SetField,
  testBody,
} from "./form-model";
import { Row } from "./form-row";
import { TestResult } from "./test-result";
import { ModePicker, TopologyFields } from "./topology-fields";

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
  const set: SetField = (f, v) => {
    setState((s) => ({ ...s, [f]: v }));
    // A list's rows carry their own errors ("nodes.1"): editing the list clears them all.
    setErrors((e) =>
      Object.fromEntries(
        Object.entries(e).filter(([k]) => k !== f && k !== "form" && !k.startsWith(`${f}.`)),
      ),
    );
  };
  const onServerError = (e: unknown) => {
    if (e instanceof ApiClientError && e.code === "BAD_REQUEST")
      setErrors(errorsFromMessage(e.message, state));
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
      <ModePicker state={state} set={set} />
      {state.mode === "standalone" ? (
        <StandaloneAddress state={state} set={set} errors={errors} connection={connection} />
      ) : (
        <TopologyFields state={state} set={set} errors={errors} connection={connection} />
      )}
      <CredentialFields state={state} set={set} errors={errors} connection={connection} />
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        {state.mode !== "cluster" && (
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
        )}
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
