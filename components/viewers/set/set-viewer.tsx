"use client";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useKeyDecode } from "@/hooks/use-decode-choice";
import { useEditValue } from "@/hooks/use-key-mutations";
import { type JsonBytes, keyId } from "@/lib/bytes";
import type { Decoded } from "@/lib/schemas/decode";
import { setValue } from "@/lib/schemas/values";
import { DecodedOrRaw } from "../decoded/decoded-or-raw";
import { RowValue } from "../decoded/decoded-summary";
import { isParseError } from "../shared/bytes-codec";
import { BytesField, type Draft, EMPTY_DRAFT, readDraft } from "../shared/bytes-field";
import { ValueBlock } from "../shared/bytes-text";
import { EditError } from "../shared/edit-error";
import { ExactBadge, exactFirst, useExactLookup } from "../shared/exact";
import { MatchFilter } from "../shared/match-filter";
import { ConfirmButton, FormRow, Panel } from "../shared/panel";
import { ScanMore } from "../shared/scan-more";
import { ValueRows } from "../shared/value-rows";
import { ValueFailed, ValueLoading } from "../shared/value-status";
import { useSetPages } from "./queries";

type Props = { conn: string; db: number; keyName: JsonBytes; writable: boolean };
type Target = { conn: string; db: number; key: JsonBytes };

/** A set: members by SSCAN (filterable, "Load more"); add members, remove the selected one. */
export function SetViewer({ conn, db, keyName, writable }: Props) {
  const decode = useKeyDecode(conn, db, keyName);
  const target = { conn, db, key: keyName, decode: decode.param };
  const [match, setMatch] = useState("");
  const [selected, setSelected] = useState<JsonBytes | null>(null);
  const [adding, setAdding] = useState(false);
  const pages = useSetPages(target, match);
  const lookup = useExactLookup(target, "set", setValue, match);
  const edit = useEditValue(target);
  const exact = lookup.data?.members ?? [];
  const exactId = exact[0] === undefined ? null : keyId(exact[0]);
  const scanned = useMemo(() => {
    const seen = new Set<string>();
    const out: JsonBytes[] = [];
    for (const page of pages.data?.pages ?? [])
      for (const m of page.members) {
        const id = keyId(m);
        if (!seen.has(id)) {
          seen.add(id);
          out.push(m);
        }
      }
    return out;
  }, [pages.data]);
  const members = useMemo(() => exactFirst(exact, scanned, keyId), [exact, scanned]);
  // Each member's decoding, from the page (`decoded` parallel to `members`) it came in.
  const decodings = useMemo(() => {
    const out = new Map<string, Decoded | null>();
    const pagesShown = [...(lookup.data ? [lookup.data] : []), ...(pages.data?.pages ?? [])];
    for (const page of pagesShown)
      for (const [i, m] of page.members.entries()) {
        const id = keyId(m);
        if (!out.has(id)) out.set(id, page.decoded?.[i] ?? null);
      }
    return out;
  }, [lookup.data, pages.data]);

  return (
    <div className="flex flex-col gap-3" data-testid="set-viewer">
      <div className="flex items-center gap-2">
        <MatchFilter
          value={match}
          onChange={setMatch}
          label="Filter members (glob)"
          placeholder="Filter members: alice or *@example.com"
        />
        {writable && (
          <Button onClick={() => setAdding(true)} disabled={adding}>
            Add member
          </Button>
        )}
      </div>
      {adding && <SetAddForm target={target} onDone={() => setAdding(false)} />}
      {pages.isPending ? (
        <ValueLoading />
      ) : pages.isError ? (
        <ValueFailed error={pages.error} target={target} />
      ) : (
        <ValueRows
          items={members}
          rowKey={(m) => keyId(m)}
          label="Members"
          columns={["Member"]}
          template="1fr"
          cells={(m) => [
            <span key="m">
              <RowValue value={m} decoded={decodings.get(keyId(m))} />
              {exactId !== null && keyId(m) === exactId && <ExactBadge />}
            </span>,
          ]}
          selected={selected === null ? null : keyId(selected)}
          onSelect={(m) => {
            edit.reset();
            setSelected(m);
          }}
          empty={
            match ? "No member matches this filter in what was scanned." : "This set is empty."
          }
          footer={
            <ScanMore
              loaded={members.length}
              total={pages.data?.pages[0]?.length ?? 0}
              unit="members"
              filtered={match !== ""}
              done={!pages.hasNextPage}
              fetching={pages.isFetching}
              onMore={() => pages.fetchNextPage()}
            />
          }
        />
      )}
      {selected !== null && (
        <Panel title="Member" onClose={() => setSelected(null)} testId="member-panel">
          <DecodedOrRaw
            target={target}
            decoded={decodings.get(keyId(selected))}
            raw={<ValueBlock value={selected} />}
          />
          <EditError error={edit.error} target={target} />
          {writable && (
            <FormRow>
              <ConfirmButton
                label="Remove member"
                confirm="Remove this member?"
                disabled={edit.isPending}
                onConfirm={() =>
                  edit.mutate(
                    { op: "srem", members: [selected] },
                    { onSuccess: () => setSelected(null) },
                  )
                }
              />
            </FormRow>
          )}
        </Panel>
      )}
    </div>
  );
}

function SetAddForm({ target, onDone }: { target: Target; onDone: () => void }) {
  const edit = useEditValue(target);
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label="Add member"
      className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        const member = readDraft(draft);
        if (isParseError(member)) return setError(member.error);
        setError(null);
        edit.mutate(
          { op: "sadd", members: [member] },
          {
            onSuccess: ({ result }) => {
              toast.show("success", result === 0 ? "Already a member." : "Member added.");
              setDraft(EMPTY_DRAFT);
              onDone();
            },
          },
        );
      }}
    >
      <BytesField label="New member" draft={draft} onChange={setDraft} autoFocus />
      {error && <p className="text-xs text-red-600 dark:text-red-400">{error}</p>}
      <EditError error={edit.error} target={target} />
      <FormRow>
        <Button type="submit" variant="primary" disabled={edit.isPending}>
          Add
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </FormRow>
    </form>
  );
}
