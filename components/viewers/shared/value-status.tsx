"use client";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { ApiClientError } from "@/lib/api-client";
import { type JsonBytes, keyId } from "@/lib/bytes";
import { qk } from "@/lib/query-keys";

export function ValueLoading() {
  return (
    <div className="flex items-center gap-2 text-sm text-zinc-500">
      <Spinner /> Loading value…
    </div>
  );
}

/** A value that could not be read: a key that changed type or vanished gets a reload button. */
export function ValueFailed({
  error,
  target,
}: {
  error: Error;
  target: { conn: string; db: number; key: JsonBytes };
}) {
  const client = useQueryClient();
  const code = error instanceof ApiClientError ? error.code : null;
  const title =
    code === "WRONG_TYPE"
      ? "This key changed type"
      : code === "NOT_FOUND"
        ? "This key no longer exists"
        : "Could not read the value";
  return (
    <Notice tone={code === "NOT_FOUND" ? "warn" : "error"} title={title}>
      {error.message}
      <div>
        <Button
          size="sm"
          className="mt-2"
          onClick={() =>
            client.invalidateQueries({
              queryKey: qk.key(target.conn, target.db, keyId(target.key)),
            })
          }
        >
          Reload key
        </Button>
      </div>
    </Notice>
  );
}
