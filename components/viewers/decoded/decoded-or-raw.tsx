"use client";
import { type ReactNode, useState } from "react";
import { useKeyDecode } from "@/hooks/use-decode-choice";
import type { JsonBytes } from "@/lib/bytes";
import type { Decoded } from "@/lib/schemas/decode";
import { Segmented } from "../shared/segmented";
import { readsBetter } from "./decoded-summary";
import { DecodedView } from "./decoded-view";

type Target = { conn: string; db: number; key: JsonBytes };
type Mode = "decoded" | "raw";
const MODES: Mode[] = ["decoded", "raw"];

/**
 * An opened value of a collection (a hash field, a list item, a member, a stream field): its
 * decoding first when it reads better than the bytes or a chain is forced, else the raw bytes
 * (`raw`, the viewer's own block, which editing starts from), with a switch between the two.
 * A value nothing recognised shows raw alone (a chain is forced from a decoded one, or the
 * string viewer, for the key's pattern).
 */
export function DecodedOrRaw({
  target,
  decoded,
  raw,
  label,
}: {
  target: Target;
  decoded: Decoded | null | undefined;
  raw: ReactNode;
  label?: ReactNode;
}) {
  const state = useKeyDecode(target.conn, target.db, target.key);
  const [mode, setMode] = useState<Mode | null>(null);
  const forced = state.choice !== "auto";
  const natural: Mode = forced || readsBetter(decoded) ? "decoded" : "raw";
  const shown = mode ?? natural;
  // Nothing recognised and nothing forced: the bytes as before, without a switch to nothing.
  if (!decoded && !forced)
    return (
      <>
        {label}
        {raw}
      </>
    );
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <div className="flex items-center gap-2">
        {label}
        <Segmented
          label="Show value as"
          value={shown}
          options={MODES}
          onChange={setMode}
          size="xs"
        />
      </div>
      {shown === "decoded" ? <DecodedView decoded={decoded ?? null} state={state} tall /> : raw}
    </div>
  );
}
