"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import type { DecodeState } from "@/hooks/use-decode-choice";
import { toJsonText } from "@/lib/decode/render";
import type { Decoded, DecodeFormat, RenderStyle } from "@/lib/schemas/decode";
import { Segmented } from "../shared/segmented";
import { DecodeChips } from "./decode-chips";
import { DecodedTree } from "./decoded-tree";

// A decoded value, read-only: its chain as chips (to force another), the tree or the server's
// text rendering, Copy as JSON, and what stopped it: a `cut` (a limit) or an `error` (a forced
// chain that does not fit). Editing always goes through the raw bytes (the viewers' editors).

/** The rendering style each format's tree is in (the server's decoders say the same). */
const STYLE: Partial<Record<DecodeFormat, RenderStyle>> = { pickle: "python", marshal: "python" };
export const styleOf = (format: DecodeFormat): RenderStyle => STYLE[format] ?? "json";

type View = "tree" | "text";

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  // No async clipboard (a plain-http address that is not localhost): the old way.
  const area = document.createElement("textarea");
  area.value = text;
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("the browser refused");
}

export function DecodedView({
  decoded,
  state,
  tall = false,
}: {
  decoded: Decoded | null;
  state: DecodeState;
  /** Beside the rows or as the string's main view: room for more. */
  tall?: boolean;
}) {
  const [view, setView] = useState<View>("tree");
  const toast = useToast();
  const idBase = useId().replace(/:/g, "");
  // Text and hex are one string or one byte string: their tree would only quote the text.
  const flat = decoded?.format === "text" || decoded?.format === "hex";
  const tree = flat ? undefined : decoded?.tree;
  const shown: View = tree ? view : "text";
  const copy = () => {
    if (!decoded?.tree) return;
    copyText(toJsonText(decoded.tree, styleOf(decoded.format))).then(
      () => toast.show("success", "Copied as JSON."),
      (e: unknown) =>
        toast.show("error", `Could not copy: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  return (
    <div className="flex min-w-0 flex-col gap-2" data-testid="decoded-view">
      <div className="flex flex-wrap items-center gap-2">
        <DecodeChips decoded={decoded} state={state} />
        {decoded && !decoded.error && (
          <span
            data-testid="decoded-summary-line"
            className="text-xs text-zinc-600 dark:text-zinc-400"
          >
            {decoded.summary}
          </span>
        )}
        {decoded && !decoded.error && (
          <span className="ml-auto flex items-center gap-2">
            {tree && (
              <Segmented
                label="Decoded view"
                value={shown}
                options={["tree", "text"] as const}
                onChange={setView}
              />
            )}
            {tree && (
              <Button size="sm" onClick={copy}>
                Copy as JSON
              </Button>
            )}
          </span>
        )}
      </div>
      {decoded?.error && (
        <Notice tone="error" title={`Not ${decoded.chain.join(" → ")}`} className="break-words">
          <p>{decoded.error}</p>
          <p className="mt-1">
            The value is unchanged.{" "}
            <button
              type="button"
              onClick={state.reset}
              className="font-medium underline underline-offset-2"
            >
              Back to auto
            </button>
          </p>
        </Notice>
      )}
      {decoded === null && (
        <Notice tone="info">
          No known format was recognised. Pick one above to force it (protobuf is never detected).
        </Notice>
      )}
      {decoded?.cut && (
        <Notice tone="warn" title="Partly decoded">
          Decoding stopped: {decoded.cut}. What is shown is the start; the raw value is complete.
        </Notice>
      )}
      {decoded &&
        !decoded.error &&
        (shown === "tree" && tree ? (
          <DecodedTree tree={tree} style={styleOf(decoded.format)} idBase={idBase} />
        ) : (
          <pre
            data-testid="decoded-text"
            className={`${tall ? "max-h-[60vh]" : "max-h-64"} overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-[13px] break-all whitespace-pre-wrap dark:border-zinc-800 dark:bg-zinc-900`}
          >
            {decoded.text || <span className="text-zinc-400 italic">(empty)</span>}
          </pre>
        ))}
    </div>
  );
}
