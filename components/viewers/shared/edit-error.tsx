"use client";
import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { ApiClientError } from "@/lib/api-client";
import { type JsonBytes, keyId } from "@/lib/bytes";
import { qk } from "@/lib/query-keys";

type Target = { conn: string; db: number; key: JsonBytes };

export function isConflict(error: unknown): boolean {
  return error instanceof ApiClientError && error.code === "CONFLICT";
}

/**
 * What an edit's refusal means, next to the form that caused it. CONFLICT: the value changed
 * since it was loaded; it has been reloaded, `current` shows it, and saving again replaces it.
 * WRONG_TYPE and NOT_FOUND: the key itself changed; reloading the key shows what is there now.
 * Other errors are toasted by the QueryClient and not repeated here.
 */
export function EditError({
  error,
  target,
  current,
  conflictTitle = "Changed since you loaded it",
  conflictHint = "Save again to replace it, or cancel.",
}: {
  error: unknown;
  target: Target;
  current?: ReactNode;
  conflictTitle?: string;
  conflictHint?: string;
}) {
  const client = useQueryClient();
  if (!(error instanceof ApiClientError)) return null;
  const reload = (
    <Button
      size="sm"
      className="mt-2"
      onClick={() =>
        client.invalidateQueries({ queryKey: qk.key(target.conn, target.db, keyId(target.key)) })
      }
    >
      Reload key
    </Button>
  );
  if (error.code === "CONFLICT") {
    return (
      <Notice tone="warn" title={conflictTitle}>
        {current !== undefined && <div className="mt-1 flex flex-col gap-1">{current}</div>}
        <p className="mt-1">{conflictHint}</p>
      </Notice>
    );
  }
  if (error.code === "WRONG_TYPE") {
    return (
      <Notice tone="error" title="This key changed type">
        {error.message} Nothing was changed.
        <div>{reload}</div>
      </Notice>
    );
  }
  if (error.code === "NOT_FOUND") {
    return (
      <Notice tone="error" title="This key no longer exists">
        It may have expired or been deleted. Nothing was changed.
        <div>{reload}</div>
      </Notice>
    );
  }
  return null;
}
