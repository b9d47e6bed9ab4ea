"use client";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { PasswordMode } from "./form-model";

/**
 * The password of a connection. The server never sends a saved password back, so a saved one
 * shows as "unchanged" with Replace and Remove; a new connection just has the input.
 */
export function PasswordField({
  id = "conn-password",
  unchangedTestId = "password-unchanged",
  saved,
  mode,
  value,
  onMode,
  onChange,
  invalid,
}: {
  /** The input's id (the form has two: the data nodes' and the sentinels'). */
  id?: string;
  unchangedTestId?: string;
  /** The connection is saved and has a password. */
  saved: boolean;
  mode: PasswordMode;
  value: string;
  onMode: (m: PasswordMode) => void;
  onChange: (v: string) => void;
  invalid?: boolean;
}) {
  if (saved && mode === "keep")
    return (
      <div className="flex items-center gap-2">
        <span
          data-testid={unchangedTestId}
          title="Stored encrypted on the server, and never sent back to a browser"
          className="flex h-8 min-w-0 flex-1 items-center truncate rounded-md border border-dashed border-zinc-300 px-2 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400"
        >
          unchanged
        </span>
        <Button size="sm" onClick={() => onMode("replace")}>
          Replace
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onMode("remove")}>
          Remove
        </Button>
      </div>
    );
  if (saved && mode === "remove")
    return (
      <div className="flex items-center gap-2">
        <span className="flex h-8 min-w-0 flex-1 items-center truncate text-sm text-amber-700 dark:text-amber-300">
          removed on save
        </span>
        <Button size="sm" variant="ghost" onClick={() => onMode("keep")}>
          Undo
        </Button>
      </div>
    );
  return (
    <div className="flex items-center gap-2">
      <Input
        id={id}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={saved ? "new password" : "none"}
        aria-invalid={invalid || undefined}
        className="flex-1"
      />
      {saved && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            onChange("");
            onMode("keep");
          }}
        >
          Keep stored
        </Button>
      )}
    </div>
  );
}
