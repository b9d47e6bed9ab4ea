"use client";
import type { ReactNode } from "react";
import { TypeOptions } from "@/components/browser/type-options";
import { Input, Select } from "@/components/ui/input";

/** The glob and type a job works on (bulk, export), on one row; `children` adds to the row. */
export function MatchTypeFields({
  conn,
  db,
  match,
  onMatch,
  type,
  onType,
  children,
}: {
  conn: string;
  db: number;
  match: string;
  onMatch: (match: string) => void;
  type: string;
  onType: (type: string) => void;
  children?: ReactNode;
}) {
  return (
    <div className="flex gap-2">
      <label className="flex min-w-0 flex-1 flex-col gap-1">
        Keys matching (glob)
        <Input
          value={match}
          onChange={(e) => onMatch(e.target.value)}
          aria-label="Pattern"
          className="font-mono"
          spellCheck={false}
        />
      </label>
      <label className="flex flex-col gap-1">
        Type
        <Select
          value={type}
          onChange={(e) => onType(e.target.value)}
          aria-label="Type"
          className="w-32"
        >
          <TypeOptions conn={conn} db={db} value={type} anyLabel="any" />
        </Select>
      </label>
      {children}
    </div>
  );
}
