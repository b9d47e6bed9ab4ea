"use client";
import { Fragment, useCallback, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { DecodeScope, DecodeState } from "@/hooks/use-decode-choice";
import { useDismiss } from "@/hooks/use-dismiss";
import {
  COMPRESSIONS,
  type Compression,
  DECODE_FORMATS,
  type Decoded,
  type DecodeFormat,
} from "@/lib/schemas/decode";
import type { ForcedChain } from "./memory";

// The decoding chain as chips, outermost first (`zlib` → `pickle`). Each chip is a menu to
// force another compression (or none) or format; the choice is saved for the key's pattern
// (or this key only) and re-reads the value with decode=<chain>. "Auto" forgets it.

const isCompression = (s: string): s is Compression =>
  (COMPRESSIONS as readonly string[]).includes(s);

const CHIP =
  "inline-flex h-6 items-center gap-1 rounded-full border px-2 font-mono text-[11px] font-medium";
const CHIP_TONE = {
  compression:
    "border-teal-300 bg-teal-50 text-teal-900 hover:bg-teal-100 dark:border-teal-800 dark:bg-teal-950/60 dark:text-teal-200 dark:hover:bg-teal-900/60",
  format:
    "border-indigo-300 bg-indigo-50 text-indigo-900 hover:bg-indigo-100 dark:border-indigo-800 dark:bg-indigo-950/60 dark:text-indigo-200 dark:hover:bg-indigo-900/60",
  none: "border-dashed border-zinc-300 text-zinc-500 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-400 dark:hover:bg-zinc-800",
  error:
    "border-red-300 bg-red-50 text-red-900 hover:bg-red-100 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200 dark:hover:bg-red-900/60",
} as const;

type Option = { value: string; label: string };

function ChipMenu({
  label,
  text,
  tone,
  options,
  current,
  forced,
  pattern,
  onPick,
  onAuto,
}: {
  label: string;
  text: string;
  tone: keyof typeof CHIP_TONE;
  options: Option[];
  current: string;
  forced: boolean;
  pattern: string;
  onPick: (value: string, scope: DecodeScope) => void;
  onAuto: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [onlyKey, setOnlyKey] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const id = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, box);
  const pick = (value: string) => {
    setOpen(false);
    onPick(value, onlyKey ? "key" : "pattern");
  };
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={label}
        data-testid="decode-chip"
        onClick={() => setOpen((o) => !o)}
        className={cn(CHIP, CHIP_TONE[tone])}
      >
        {text}
        <span aria-hidden className="text-[9px] opacity-70">
          ▾
        </span>
      </button>
      {open && (
        <div
          role="menu"
          aria-label={label}
          className="absolute left-0 top-full z-40 mt-1 w-64 rounded-lg border border-zinc-200 bg-white p-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <button
            type="button"
            role="menuitemradio"
            aria-checked={!forced}
            onClick={() => {
              setOpen(false);
              onAuto();
            }}
            className="flex w-full items-center gap-2 rounded-md px-2 py-1 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
          >
            <span className="w-3 text-indigo-600 dark:text-indigo-400">{forced ? "" : "✓"}</span>
            Auto (detect)
          </button>
          <div className="my-1 border-t border-zinc-100 dark:border-zinc-800" />
          <div className="grid grid-cols-2 gap-0.5">
            {options.map((o) => {
              const checked = forced && o.value === current;
              return (
                <button
                  key={o.value}
                  type="button"
                  role="menuitemradio"
                  aria-checked={checked}
                  onClick={() => pick(o.value)}
                  className="flex items-center gap-2 rounded-md px-2 py-1 text-left font-mono text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800"
                >
                  <span className="w-3 text-indigo-600 dark:text-indigo-400">
                    {checked ? "✓" : ""}
                  </span>
                  {o.label}
                </button>
              );
            })}
          </div>
          <div className="mt-1 border-t border-zinc-100 px-2 pt-1.5 pb-1 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <label htmlFor={id} className="flex items-center gap-1.5">
              <input
                id={id}
                type="checkbox"
                checked={onlyKey}
                onChange={(e) => setOnlyKey(e.target.checked)}
              />
              This key only
            </label>
            {!onlyKey && (
              <p className="mt-1 break-all">
                Applies to keys like <code className="font-mono">{pattern}</code>
              </p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

const FORMAT_OPTIONS: Option[] = DECODE_FORMATS.map((f) => ({ value: f, label: f }));
const COMPRESSION_OPTIONS: Option[] = [
  { value: "", label: "none" },
  ...COMPRESSIONS.map((c) => ({ value: c, label: c })),
];

/** The chips of a decoding (null: nothing was recognised, so a format can still be forced). */
export function DecodeChips({ decoded, state }: { decoded: Decoded | null; state: DecodeState }) {
  const forced = state.choice !== "auto";
  const format: DecodeFormat = decoded?.format ?? "text";
  const compression = decoded?.compression;
  const choose = (chain: ForcedChain, scope: DecodeScope) => state.choose(chain, scope);
  const chain = decoded?.chain ?? [];
  const failed = !!decoded?.error;
  const compressionChip = (text: string, tone: keyof typeof CHIP_TONE) => (
    <ChipMenu
      label="Compression"
      text={text}
      tone={tone}
      options={COMPRESSION_OPTIONS}
      current={state.choice === "auto" ? "" : (state.choice.compression ?? "")}
      forced={forced}
      pattern={state.pattern}
      onAuto={state.reset}
      onPick={(c, scope) => choose({ ...(c && { compression: c as Compression }), format }, scope)}
    />
  );
  const formatChip = (text: string, tone: keyof typeof CHIP_TONE) => (
    <ChipMenu
      label="Format"
      text={text}
      tone={tone}
      options={FORMAT_OPTIONS}
      current={state.choice === "auto" ? "" : state.choice.format}
      forced={forced}
      pattern={state.pattern}
      onAuto={state.reset}
      onPick={(f, scope) =>
        choose({ ...(compression && { compression }), format: f as DecodeFormat }, scope)
      }
    />
  );
  return (
    <div className="flex flex-wrap items-center gap-1" data-testid="decode-chain">
      {!chain.some(isCompression) && compressionChip("uncompressed", "none")}
      {!chain.some(isCompression) && <Arrow />}
      {chain.length === 0 && formatChip("not recognised", "none")}
      {chain.map((step, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: chain steps are positional
        <Fragment key={`${i}:${step}`}>
          {i > 0 && <Arrow />}
          {isCompression(step)
            ? compressionChip(step, failed ? "error" : "compression")
            : formatChip(step, failed ? "error" : "format")}
        </Fragment>
      ))}
      {forced && state.rule ? (
        <span className="ml-1 inline-flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400">
          <span data-testid="decode-forced">
            forced for{" "}
            <code className="font-mono text-zinc-700 dark:text-zinc-300">{state.rule.pattern}</code>
          </span>
          <button
            type="button"
            onClick={state.reset}
            className="rounded px-1 font-medium text-indigo-700 hover:underline dark:text-indigo-300"
          >
            Reset to auto
          </button>
        </span>
      ) : (
        decoded && <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">detected</span>
      )}
    </div>
  );
}

function Arrow() {
  return (
    <span aria-hidden className="text-xs text-zinc-400">
      →
    </span>
  );
}
