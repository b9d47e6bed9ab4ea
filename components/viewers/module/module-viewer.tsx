"use client";
import { Notice } from "@/components/ui/notice";
import type { JsonBytes } from "@/lib/bytes";
import { formatBytes } from "@/lib/format";
import { prettyJson } from "@/lib/json-pretty";
import { ValueFailed, ValueLoading } from "../shared/value-status";
import { useModuleValue } from "./queries";

type Props = { conn: string; db: number; keyName: JsonBytes };

/** RedisJSON documents as pretty JSON (numbers exact); other module types as a notice. */
export function ModuleViewer({ conn, db, keyName }: Props) {
  const target = { conn, db, key: keyName };
  const value = useModuleValue(target);
  if (value.isPending) return <ValueLoading />;
  if (value.isError) return <ValueFailed error={value.error} target={target} />;
  const v = value.data;
  if ("unsupported" in v) {
    return (
      <Notice tone="info" title={`A ${v.type} value`}>
        Keyscope cannot show values of the module type <code className="font-mono">{v.type}</code>.
        It uses {formatBytes(v.memoryBytes)} of memory; type, TTL, rename and delete above work as
        for any key.
      </Notice>
    );
  }
  if (v.type !== "ReJSON-RL") return null;
  if (v.json === null) {
    // Over 16 MiB (its start is not cut, see lib/redis/types/json.ts), EVAL refused, or gone.
    return (
      <Notice tone="warn" title="This JSON document could not be read">
        {v.truncated && `It is too large to show whole (${formatBytes(v.memoryBytes)} in memory).`}
      </Notice>
    );
  }
  return (
    <div className="flex flex-col gap-2" data-testid="json-viewer">
      <p className="text-xs text-zinc-500">
        RedisJSON document · {formatBytes(v.memoryBytes)} in memory
        {v.truncated && " · too large to show whole: the start is shown"}
      </p>
      <pre
        data-testid="value-text"
        className="max-h-[60vh] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[13px] break-all whitespace-pre-wrap dark:border-zinc-800 dark:bg-zinc-900"
      >
        {(!v.truncated && prettyJson(v.json)) || v.json}
      </pre>
    </div>
  );
}
