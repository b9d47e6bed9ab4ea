"use client";
import { Input } from "@/components/ui/input";
import type { PasswordMode } from "./form-model";
import { Row } from "./form-row";
import { PasswordField } from "./password-field";

/**
 * A username and a password side by side: the data nodes' (ids `conn-username`, `conn-password`)
 * or the sentinels' (`conn-sentinel-…`). The password keeps, replaces or removes a saved one.
 */
export function UsernamePasswordFields({
  idPrefix,
  unchangedTestId,
  labels,
  username,
  onUsername,
  password,
  errors,
}: {
  /** The inputs' ids are `${idPrefix}-username` and `${idPrefix}-password`. */
  idPrefix: string;
  /** The testid of a saved password's "unchanged" (PasswordField's default when omitted). */
  unchangedTestId?: string;
  labels: { username: string; password: string };
  username: string;
  onUsername: (v: string) => void;
  password: {
    /** The connection is saved and has this password. */
    saved: boolean;
    mode: PasswordMode;
    value: string;
    onMode: (m: PasswordMode) => void;
    onChange: (v: string) => void;
  };
  /** The errors of the two fields (FieldErrors' entries under their keys). */
  errors: { username?: string; password?: string };
}) {
  const usernameId = `${idPrefix}-username`;
  const passwordId = `${idPrefix}-password`;
  return (
    <div className="grid grid-cols-2 gap-3">
      <Row label={labels.username} htmlFor={usernameId} error={errors.username}>
        <Input
          id={usernameId}
          value={username}
          onChange={(e) => onUsername(e.target.value)}
          placeholder="default"
          autoComplete="off"
        />
      </Row>
      <Row label={labels.password} htmlFor={passwordId} error={errors.password}>
        <PasswordField
          id={passwordId}
          unchangedTestId={unchangedTestId}
          saved={password.saved}
          mode={password.mode}
          value={password.value}
          onMode={password.onMode}
          onChange={password.onChange}
          invalid={!!errors.password}
        />
      </Row>
    </div>
  );
}
