"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useEditValue } from "@/hooks/use-key-mutations";
import type { JsonBytes } from "@/lib/bytes";
import type { Decoded } from "@/lib/schemas/decode";
import { DecodedOrRaw } from "../decoded/decoded-or-raw";
import { isParseError } from "../shared/bytes-codec";
import { BytesField, type Draft, EMPTY_DRAFT, readDraft } from "../shared/bytes-field";
import { BytesText, ValueBlock } from "../shared/bytes-text";
import { EditError, isConflict } from "../shared/edit-error";
import { ConfirmButton, FormRow, Panel } from "../shared/panel";

export type Score = number | "inf" | "-inf";
export type ZMember = { member: JsonBytes; score: Score; decoded?: Decoded | null };
type Target = { conn: string; db: number; key: JsonBytes; decode?: string };

export function formatScore(score: Score): string {
  return typeof score === "number" ? String(score) : score === "inf" ? "+inf" : "-inf";
}

/** A score as typed: a finite number, or inf / +inf / -inf. */
export function parseScore(text: string): Score | null {
  const t = text.trim().toLowerCase();
  if (t === "inf" || t === "+inf") return "inf";
  if (t === "-inf") return "-inf";
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

const SCORE_HELP = "A score is a number such as 42 or -1.5e3, or inf / -inf.";

/**
 * One member: set its score (ZADD with the score it had as `expect`), add to it (ZINCRBY) or
 * remove it (ZREM).
 */
export function ZsetMemberPanel({
  target,
  entry,
  current,
  writable,
  onClose,
}: {
  target: Target;
  entry: ZMember;
  current: ZMember | null;
  writable: boolean;
  onClose: () => void;
}) {
  const edit = useEditValue(target);
  const toast = useToast();
  const shown = current ?? entry;
  const [score, setScore] = useState(formatScore(shown.score));
  const [by, setBy] = useState("1");
  // The score the next save expects: as loaded, then as this panel last set it.
  const [base, setBase] = useState<Score>(shown.score);
  const [error, setError] = useState<string | null>(null);
  const conflict = isConflict(edit.error);

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const next = parseScore(score);
    if (next === null) return setError(SCORE_HELP);
    setError(null);
    // After a conflict the user was shown the new score; if it left the window we do not know
    // it, and "Save anyway" then sets the score without a check.
    const expect = conflict ? (current?.score ?? undefined) : base;
    edit.mutate(
      { op: "zadd", member: entry.member, score: next, expect },
      {
        onSuccess: () => {
          setBase(next);
          toast.show("success", `Score set to ${formatScore(next)}.`);
        },
      },
    );
  };
  const increment = () => {
    const n = parseScore(by);
    if (typeof n !== "number") return setError("Increment by a finite number.");
    setError(null);
    edit.mutate(
      { op: "zincrby", member: entry.member, by: n },
      {
        onSuccess: ({ result }) => {
          toast.show("success", `New score: ${result}.`);
          setScore(String(result));
          setBase(parseScore(String(result)) ?? base);
        },
      },
    );
  };

  return (
    <Panel title={<BytesText value={entry.member} />} onClose={onClose} testId="member-panel">
      <DecodedOrRaw
        target={target}
        decoded={(current ?? entry).decoded}
        raw={<ValueBlock value={entry.member} label="Member" />}
      />
      <p className="text-sm">
        Score <span className="font-mono tabular-nums">{formatScore(shown.score)}</span>
        {current === null && (
          <span className="ml-2 text-xs text-zinc-500">(as loaded; not in the rows shown now)</span>
        )}
      </p>
      <EditError
        error={edit.error}
        target={target}
        current={current ? `Score now: ${formatScore(current.score)}` : "It left this window."}
      />
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {writable && (
        <div className="flex flex-wrap items-end gap-4">
          <form onSubmit={save} className="flex items-center gap-1" aria-label="Set score">
            <Input
              value={score}
              onChange={(e) => setScore(e.target.value)}
              aria-label="Score"
              className="h-7 w-32 font-mono text-xs"
            />
            <Button type="submit" variant="primary" size="sm" disabled={edit.isPending}>
              {conflict ? "Save anyway" : "Set score"}
            </Button>
          </form>
          <div className="flex items-center gap-1">
            <Input
              value={by}
              onChange={(e) => setBy(e.target.value)}
              aria-label="Increment by"
              className="h-7 w-20 font-mono text-xs"
            />
            <Button size="sm" onClick={increment} disabled={edit.isPending}>
              Increment
            </Button>
          </div>
          <ConfirmButton
            label="Remove member"
            confirm="Remove this member?"
            disabled={edit.isPending}
            onConfirm={() =>
              edit.mutate({ op: "zrem", members: [entry.member] }, { onSuccess: onClose })
            }
          />
        </div>
      )}
    </Panel>
  );
}

/** A new member with its score: ZADD with `expect: null`, so an existing member is not moved. */
export function ZsetAddForm({ target, onDone }: { target: Target; onDone: () => void }) {
  const edit = useEditValue(target);
  const [member, setMember] = useState<Draft>(EMPTY_DRAFT);
  const [score, setScore] = useState("0");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label="Add member"
      className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        const m = readDraft(member);
        const s = parseScore(score);
        if (isParseError(m)) return setError(m.error);
        if (s === null) return setError(SCORE_HELP);
        setError(null);
        edit.mutate({ op: "zadd", member: m, score: s, expect: null }, { onSuccess: onDone });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <BytesField
          label="Member"
          draft={member}
          onChange={setMember}
          autoFocus
          className="flex-1"
        />
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          Score
          <Input
            value={score}
            onChange={(e) => setScore(e.target.value)}
            className="w-32 font-mono"
          />
        </label>
      </div>
      {error && <p className="text-xs text-red-600 dark:text-red-400">{error}</p>}
      <EditError
        error={edit.error}
        target={target}
        conflictTitle="Already a member"
        conflictHint="Select it in the list to change its score."
      />
      <FormRow>
        <Button type="submit" variant="primary" disabled={edit.isPending}>
          Add
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </FormRow>
    </form>
  );
}
