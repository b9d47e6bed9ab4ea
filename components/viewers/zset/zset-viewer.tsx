"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useKeyDecode } from "@/hooks/use-decode-choice";
import type { JsonBytes } from "@/lib/bytes";
import { MatchFilter } from "../shared/match-filter";
import { Segmented } from "../shared/segmented";
import type { ZsetRange } from "./queries";
import { ZsetAddForm } from "./zset-member";
import { ZsetRanks, ZsetScan } from "./zset-rows";

type Props = { conn: string; db: number; keyName: JsonBytes; writable: boolean };

// As ZRANGE BYSCORE takes them: 10, (10 (exclusive), -inf, +inf. Empty means unbounded.
const BOUND = /^\(?(-?inf|\+inf|-?\d+(\.\d+)?([eE][-+]?\d+)?)$/;

/**
 * A sorted set in rank windows (ascending or descending), optionally within a score range; a
 * member pattern switches to ZSCAN, which walks the set in no particular order.
 */
export function ZsetViewer({ conn, db, keyName, writable }: Props) {
  const decode = useKeyDecode(conn, db, keyName);
  const target = { conn, db, key: keyName, decode: decode.param };
  const [order, setOrder] = useState<ZsetRange["order"]>("asc");
  const [applied, setApplied] = useState({ min: "", max: "" });
  const [min, setMin] = useState("");
  const [max, setMax] = useState("");
  const [match, setMatch] = useState("");
  const [adding, setAdding] = useState(false);
  const minOk = min.trim() === "" || BOUND.test(min.trim());
  const maxOk = max.trim() === "" || BOUND.test(max.trim());
  const range: ZsetRange = { order, min: applied.min, max: applied.max };

  return (
    <div className="flex flex-col gap-3" data-testid="zset-viewer">
      <div className="flex flex-wrap items-center gap-2">
        <Segmented
          label="Order"
          value={order}
          options={["asc", "desc"] as const}
          labels={{ asc: "low → high", desc: "high → low" }}
          disabled={() => match !== ""}
          onChange={setOrder}
        />
        <form
          className="flex items-center gap-1"
          aria-label="Score range"
          onSubmit={(e) => {
            e.preventDefault();
            if (minOk && maxOk) setApplied({ min: min.trim(), max: max.trim() });
          }}
        >
          <Input
            value={min}
            onChange={(e) => setMin(e.target.value)}
            placeholder="min score"
            aria-label="Minimum score"
            aria-invalid={!minOk}
            disabled={match !== ""}
            className="h-7 w-24 font-mono text-xs aria-invalid:border-red-500"
          />
          <span className="text-xs text-zinc-500">to</span>
          <Input
            value={max}
            onChange={(e) => setMax(e.target.value)}
            placeholder="max score"
            aria-label="Maximum score"
            aria-invalid={!maxOk}
            disabled={match !== ""}
            className="h-7 w-24 font-mono text-xs aria-invalid:border-red-500"
          />
          <Button size="sm" type="submit" disabled={!minOk || !maxOk || match !== ""}>
            Apply
          </Button>
        </form>
        {writable && (
          <Button size="sm" className="ml-auto" onClick={() => setAdding(true)} disabled={adding}>
            Add member
          </Button>
        )}
      </div>
      {(!minOk || !maxOk) && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          A score bound is a number such as 10 or 2.5, with “(” in front to exclude it, or -inf /
          +inf.
        </p>
      )}
      <div className="flex">
        <MatchFilter
          value={match}
          onChange={setMatch}
          label="Filter members (glob)"
          placeholder="Filter members (ZSCAN, unordered): alice or *bot*"
        />
      </div>
      {adding && <ZsetAddForm target={target} onDone={() => setAdding(false)} />}
      {match ? (
        <ZsetScan key={match} target={target} match={match} writable={writable} />
      ) : (
        <ZsetRanks key={JSON.stringify(range)} target={target} range={range} writable={writable} />
      )}
    </div>
  );
}
