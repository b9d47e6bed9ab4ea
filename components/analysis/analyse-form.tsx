"use client";
import { type FormEvent, useState } from "react";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { useDatabases } from "@/hooks/use-connections";
import { formatCount } from "@/lib/format";
import { type AnalysisMode, analysisBody } from "@/lib/schemas/analysis";

export type AnalyseRequest = { db: number; body: z.input<typeof analysisBody> };

/** "Analyse": which database, full or a sample, the delimiters, MEMORY USAGE's sample count. */
export function AnalyseForm({
  conn,
  busy,
  onStart,
}: {
  conn: string;
  busy: boolean;
  onStart: (req: AnalyseRequest) => void;
}) {
  const databases = useDatabases(conn);
  const list = databases.data?.databases ?? [];
  const [db, setDb] = useState<number | null>(null);
  const [mode, setMode] = useState<AnalysisMode>("full");
  const [sampleSize, setSampleSize] = useState("10000");
  const [delimiter, setDelimiter] = useState(":");
  const [memorySamples, setMemorySamples] = useState("5");
  const [error, setError] = useState<string | null>(null);
  // The biggest database is the likeliest to be asked about.
  const chosen = db ?? [...list].sort((a, b) => b.keys - a.keys)[0]?.db ?? 0;

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = analysisBody.safeParse({
      mode,
      delimiter,
      memorySamples: Number(memorySamples),
      ...(mode === "sample" && { sampleSize: Number(sampleSize) }),
    });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      return;
    }
    setError(null);
    onStart({ db: chosen, body: parsed.data });
  }

  return (
    <form
      onSubmit={submit}
      data-testid="analyse-form"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-white p-3 text-xs dark:border-zinc-800 dark:bg-zinc-900/40"
    >
      <label className="flex flex-col gap-1">
        Database
        <Select
          aria-label="Database to analyse"
          value={chosen}
          onChange={(e) => setDb(Number(e.target.value))}
          className="w-56 font-mono text-xs"
        >
          {list.length === 0 && <option value={chosen}>db{chosen}</option>}
          {list.map((d) => (
            <option key={d.db} value={d.db}>
              db{d.db} · {formatCount(d.keys)} keys
            </option>
          ))}
        </Select>
      </label>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1">Mode</legend>
        <div className="flex h-8 items-center gap-3">
          {(["full", "sample"] as const).map((m) => (
            <label key={m} className="flex items-center gap-1">
              <input
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              {m === "full" ? "Full (every key)" : "Sample"}
            </label>
          ))}
        </div>
      </fieldset>
      {mode === "sample" && (
        <label className="flex flex-col gap-1">
          Sample size
          <Input
            aria-label="Sample size"
            type="number"
            min={100}
            max={1_000_000}
            value={sampleSize}
            onChange={(e) => setSampleSize(e.target.value)}
            className="w-28"
          />
        </label>
      )}
      <label className="flex flex-col gap-1">
        Delimiters
        <Input
          aria-label="Delimiters"
          value={delimiter}
          onChange={(e) => setDelimiter(e.target.value)}
          className="w-20 font-mono"
          title="Each character splits namespaces, e.g. :/."
        />
      </label>
      <label className="flex flex-col gap-1">
        Memory samples
        <Input
          aria-label="Memory samples"
          type="number"
          min={0}
          max={1000}
          value={memorySamples}
          onChange={(e) => setMemorySamples(e.target.value)}
          className="w-20"
        />
        <span className="text-[11px] text-zinc-500 dark:text-zinc-400">0 = exact, slower</span>
      </label>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Analysing…" : `Analyse db${chosen}`}
      </Button>
      {error && <p className="w-full text-red-700 dark:text-red-400">{error}</p>}
    </form>
  );
}
