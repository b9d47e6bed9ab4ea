"use client";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "./form-model";
import { FieldError } from "./tls-fields";
import type { NatRow } from "./topology-model";

const ROW_BUTTON = "h-8 w-8 shrink-0 px-0 text-zinc-500";

/**
 * A list of "host:port" inputs (seed nodes, sentinels): add and remove rows, never fewer than
 * one; each row's error (`nodes.1`) shows under it, the list's own ("give at least one") below.
 */
export function AddrRows({
  list,
  label,
  rows,
  onChange,
  errors,
  placeholder,
}: {
  list: "nodes" | "sentinels";
  label: string;
  rows: string[];
  onChange: (rows: string[]) => void;
  errors: FieldErrors;
  placeholder: string;
}) {
  return (
    <fieldset className="flex flex-col gap-1" data-testid={`${list}-rows`}>
      <legend className="mb-1 text-xs font-medium">
        {list === "nodes" ? "Seed nodes" : "Sentinels"}
      </legend>
      {rows.map((row, i) => {
        const error = errors[`${list}.${i}`];
        return (
          // Rows have no identity but their place; inputs stay controlled, so index keys are safe.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <div key={i} className="flex flex-col gap-1">
            <div className="flex items-center gap-1">
              <Input
                aria-label={`${label} ${i + 1}`}
                value={row}
                onChange={(e) => onChange(rows.map((r, j) => (j === i ? e.target.value : r)))}
                placeholder={placeholder}
                aria-invalid={error ? true : undefined}
                className="flex-1 font-mono"
                spellCheck={false}
              />
              <Button
                size="sm"
                variant="ghost"
                className={ROW_BUTTON}
                aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
                disabled={rows.length <= 1}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                ×
              </Button>
            </div>
            {error && <FieldError text={error} />}
          </div>
        );
      })}
      {errors[list] && <FieldError text={errors[list]} />}
      <div>
        <Button size="sm" variant="ghost" onClick={() => onChange([...rows, ""])}>
          + Add {list === "nodes" ? "a seed node" : "a sentinel"}
        </Button>
      </div>
    </fieldset>
  );
}

/**
 * NAT map rows: the address a node announces → the one Keyscope can reach. A saved map is never
 * sent back (the list has only its size), so editing shows the count, and rows replace it.
 */
export function NatMapRows({
  rows,
  stored,
  changed,
  onChange,
  errors,
}: {
  rows: NatRow[];
  /** How many entries the saved connection has (0 for a new one). */
  stored: number;
  changed: boolean;
  onChange: (rows: NatRow[]) => void;
  errors: FieldErrors;
}) {
  const edit = (i: number, part: keyof NatRow, v: string) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [part]: v } : r)));
  return (
    <fieldset className="flex flex-col gap-1" data-testid="natmap-rows">
      <legend className="mb-1 text-xs font-medium">
        Address map{" "}
        <span className="font-normal text-zinc-500 dark:text-zinc-400">
          — optional: what a node announces → what Keyscope can reach (Docker, NAT, tunnels)
        </span>
      </legend>
      {stored > 0 && !changed && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="natmap-stored">
          {stored} stored {stored === 1 ? "entry is" : "entries are"} kept unless you enter rows
          (which replace them).{" "}
          <button
            type="button"
            className="text-indigo-600 hover:underline dark:text-indigo-400"
            onClick={() => onChange([])}
          >
            Remove them
          </button>
        </p>
      )}
      {stored > 0 && changed && rows.length === 0 && (
        <p className="text-xs text-amber-700 dark:text-amber-300">
          The stored entries are removed on save.
        </p>
      )}
      {rows.map((r, i) => {
        const error = errors[`natMap.${i}`];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <div key={i} className="flex flex-col gap-1">
            <div className="flex items-center gap-1">
              <Input
                aria-label={`Announced address ${i + 1}`}
                value={r.from}
                onChange={(e) => edit(i, "from", e.target.value)}
                placeholder="10.0.0.5:7000"
                aria-invalid={error ? true : undefined}
                className="min-w-0 flex-1 font-mono"
                spellCheck={false}
              />
              <span aria-hidden className="px-1 text-zinc-400">
                →
              </span>
              <Input
                aria-label={`Reachable address ${i + 1}`}
                value={r.to}
                onChange={(e) => edit(i, "to", e.target.value)}
                placeholder="127.0.0.1:17000"
                aria-invalid={error ? true : undefined}
                className="min-w-0 flex-1 font-mono"
                spellCheck={false}
              />
              <Button
                size="sm"
                variant="ghost"
                className={ROW_BUTTON}
                aria-label={`Remove address mapping ${i + 1}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                ×
              </Button>
            </div>
            {error && <FieldError text={error} />}
          </div>
        );
      })}
      {errors.natMap && <FieldError text={errors.natMap} />}
      <div>
        <Button size="sm" variant="ghost" onClick={() => onChange([...rows, { from: "", to: "" }])}>
          + Add a mapping
        </Button>
      </div>
    </fieldset>
  );
}
