"use client";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "./form-model";
import { FieldError } from "./tls-fields";
import type { NatRow } from "./topology-model";

const ROW_BUTTON = "h-8 w-8 shrink-0 px-0 text-zinc-500";

/**
 * The skeleton of a list of rows: the legend, each row's inputs with a × to remove it and its
 * error (`nodes.1`) under it, the list's own error, and "+ Add". Never fewer than `minRows`.
 */
function ListRows<T>({
  list,
  testId,
  legend,
  notice,
  rows,
  blank,
  minRows,
  onChange,
  errors,
  removeLabel,
  addLabel,
  inputs,
}: {
  list: "nodes" | "sentinels" | "natMap";
  testId: string;
  legend: React.ReactNode;
  /** Shown between the legend and the rows. */
  notice?: React.ReactNode;
  rows: T[];
  /** What "+ Add" appends. */
  blank: T;
  /** × is disabled at this many rows (none when omitted). */
  minRows?: number;
  onChange: (rows: T[]) => void;
  errors: FieldErrors;
  removeLabel: (i: number) => string;
  addLabel: React.ReactNode;
  /** Row `i`'s inputs; `invalid` is their aria-invalid. */
  inputs: (row: T, i: number, invalid: true | undefined) => React.ReactNode;
}) {
  return (
    <fieldset className="flex flex-col gap-1" data-testid={testId}>
      <legend className="mb-1 text-xs font-medium">{legend}</legend>
      {notice}
      {rows.map((row, i) => {
        const error = errors[`${list}.${i}`];
        return (
          // Rows have no identity but their place; inputs stay controlled, so index keys are safe.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <div key={i} className="flex flex-col gap-1">
            <div className="flex items-center gap-1">
              {inputs(row, i, error ? true : undefined)}
              <Button
                size="sm"
                variant="ghost"
                className={ROW_BUTTON}
                aria-label={removeLabel(i)}
                disabled={minRows !== undefined && rows.length <= minRows}
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
        <Button size="sm" variant="ghost" onClick={() => onChange([...rows, blank])}>
          {addLabel}
        </Button>
      </div>
    </fieldset>
  );
}

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
    <ListRows
      list={list}
      testId={`${list}-rows`}
      legend={list === "nodes" ? "Seed nodes" : "Sentinels"}
      rows={rows}
      blank=""
      minRows={1}
      onChange={onChange}
      errors={errors}
      removeLabel={(i) => `Remove ${label.toLowerCase()} ${i + 1}`}
      addLabel={<>+ Add {list === "nodes" ? "a seed node" : "a sentinel"}</>}
      inputs={(row, i, invalid) => (
        <Input
          aria-label={`${label} ${i + 1}`}
          value={row}
          onChange={(e) => onChange(rows.map((r, j) => (j === i ? e.target.value : r)))}
          placeholder={placeholder}
          aria-invalid={invalid}
          className="flex-1 font-mono"
          spellCheck={false}
        />
      )}
    />
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
    <ListRows
      list="natMap"
      testId="natmap-rows"
      legend={
        <>
          Address map{" "}
          <span className="font-normal text-zinc-500 dark:text-zinc-400">
            — optional: what a node announces → what Keyscope can reach (Docker, NAT, tunnels)
          </span>
        </>
      }
      notice={
        <>
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
        </>
      }
      rows={rows}
      blank={{ from: "", to: "" }}
      onChange={onChange}
      errors={errors}
      removeLabel={(i) => `Remove address mapping ${i + 1}`}
      addLabel="+ Add a mapping"
      inputs={(r, i, invalid) => (
        <>
          <Input
            aria-label={`Announced address ${i + 1}`}
            value={r.from}
            onChange={(e) => edit(i, "from", e.target.value)}
            placeholder="10.0.0.5:7000"
            aria-invalid={invalid}
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
            aria-invalid={invalid}
            className="min-w-0 flex-1 font-mono"
            spellCheck={false}
          />
        </>
      )}
    />
  );
}
