"use client";
import { type ReactNode, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { type JsonBytes, keyId } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import { zsetValue } from "@/lib/schemas/values";
import { RowValue } from "../decoded/decoded-summary";
import { ExactBadge, exactFirst, useExactLookup } from "../shared/exact";
import { WINDOW } from "../shared/paging";
import { ScanMore } from "../shared/scan-more";
import { ValueRows } from "../shared/value-rows";
import { ValueFailed, ValueLoading } from "../shared/value-status";
import { useZsetScan, useZsetWindow, type ZsetRange } from "./queries";
import { formatScore, type ZMember, ZsetMemberPanel } from "./zset-member";

type Target = { conn: string; db: number; key: JsonBytes; decode?: string };

/** Rank windows of 100 with previous / next; ranks count from 0 in the chosen order. */
export function ZsetRanks({
  target,
  range,
  writable,
}: {
  target: Target;
  range: ZsetRange;
  writable: boolean;
}) {
  const [offset, setOffset] = useState(0);
  const win = useZsetWindow(target, offset, range);
  if (win.isPending) return <ValueLoading />;
  if (win.isError && !win.data) return <ValueFailed error={win.error} target={target} />;
  const { members, length } = win.data;
  const start = win.data.offset ?? offset;
  const ranged = range.min !== "" || range.max !== "";
  const more = ranged ? members.length === WINDOW : start + members.length < length;
  const label = ranged ? "Positions" : "Ranks";
  const header = (
    <div className="flex items-center gap-2 text-xs text-zinc-500">
      <Button
        size="sm"
        onClick={() => setOffset(Math.max(0, start - WINDOW))}
        disabled={start === 0}
      >
        ‹ Prev
      </Button>
      {/* A window may hold fewer than WINDOW members (the byte budget): go on after its last. */}
      <Button size="sm" onClick={() => setOffset(start + members.length)} disabled={!more}>
        Next ›
      </Button>
      <span className="tabular-nums" data-testid="zset-window">
        {members.length > 0
          ? `${label} ${formatCount(start)}–${formatCount(start + members.length - 1)}${ranged ? " in the score range" : ""} · ${formatCount(length)} members`
          : `${formatCount(length)} members`}
      </span>
      {win.isFetching && <Spinner className="size-3" />}
    </div>
  );
  return (
    <ZsetBody
      target={target}
      members={members}
      firstRank={start}
      writable={writable}
      header={header}
      empty={ranged ? "No member in this score range." : "No members in this window."}
    />
  );
}

/** ZSCAN pages for a member pattern, with "Load more". */
export function ZsetScan({
  target,
  match,
  writable,
}: {
  target: Target;
  match: string;
  writable: boolean;
}) {
  const pages = useZsetScan(target, match);
  const lookup = useExactLookup(target, "zset", zsetValue, match);
  const exact = lookup.data?.members ?? [];
  const scanned = useMemo(() => {
    const seen = new Set<string>();
    const out: ZMember[] = [];
    for (const page of pages.data?.pages ?? [])
      for (const m of page.members) {
        const id = keyId(m.member);
        if (!seen.has(id)) {
          seen.add(id);
          out.push(m);
        }
      }
    return out;
  }, [pages.data]);
  const members = useMemo(
    () => exactFirst(exact, scanned, (m) => keyId(m.member)),
    [exact, scanned],
  );
  if (pages.isPending) return <ValueLoading />;
  if (pages.isError) return <ValueFailed error={pages.error} target={target} />;
  return (
    <ZsetBody
      target={target}
      members={members}
      firstRank={null}
      exactId={exact[0] ? keyId(exact[0].member) : null}
      writable={writable}
      empty="No member matches this filter in what was scanned."
      footer={
        <ScanMore
          loaded={members.length}
          total={pages.data.pages[0]?.length ?? 0}
          unit="members"
          filtered
          done={!pages.hasNextPage}
          fetching={pages.isFetching}
          onMore={() => pages.fetchNextPage()}
        />
      }
    />
  );
}

function ZsetBody({
  target,
  members,
  firstRank,
  exactId = null,
  writable,
  header,
  footer,
  empty,
}: {
  target: Target;
  members: ZMember[];
  firstRank: number | null;
  /** The member an exact lookup found, marked as such. */
  exactId?: string | null;
  writable: boolean;
  header?: ReactNode;
  footer?: ReactNode;
  empty: string;
}) {
  const [selected, setSelected] = useState<ZMember | null>(null);
  const selectedId = selected ? keyId(selected.member) : null;
  // null when it is not on screen any more (removed, or its new score moved it elsewhere).
  const current = selectedId ? (members.find((m) => keyId(m.member) === selectedId) ?? null) : null;
  const ranked = firstRank !== null;
  return (
    <>
      {header}
      <ValueRows
        items={members}
        rowKey={(m) => keyId(m.member)}
        label="Members"
        columns={ranked ? ["#", "Member", "Score"] : ["Member", "Score"]}
        template={ranked ? "4rem 1fr 9rem" : "1fr 9rem"}
        cells={(m, i) => [
          ...(ranked
            ? [
                <span key="r" className="font-mono text-xs text-zinc-500 tabular-nums">
                  {firstRank + i}
                </span>,
              ]
            : []),
          <span key="m">
            <RowValue value={m.member} decoded={m.decoded} />
            {exactId !== null && keyId(m.member) === exactId && <ExactBadge />}
          </span>,
          <span key="s" className="font-mono tabular-nums">
            {formatScore(m.score)}
          </span>,
        ]}
        selected={selectedId}
        onSelect={(m) => setSelected(m)}
        empty={empty}
        footer={footer}
      />
      {selected && (
        <ZsetMemberPanel
          key={selectedId}
          target={target}
          entry={selected}
          current={current}
          writable={writable}
          onClose={() => setSelected(null)}
        />
      )}
    </>
  );
}
