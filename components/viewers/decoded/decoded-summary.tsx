import type { JsonBytes } from "@/lib/bytes";
import type { Decoded } from "@/lib/schemas/decode";
import { BytesText } from "../shared/bytes-text";
import { PreviewBadge } from "../shared/whole-value";

// A value in a row of a collection: its decoded summary as a badge, then the decoded text when
// it reads better than the bytes (a pickle, a compressed value), else the bytes as they are.

/** Plain JSON reads as well raw (the panels pretty-print it): decoded views come second for it. */
export const isPlainJson = (d: Decoded | null | undefined) =>
  !!d && !d.error && d.chain.length === 1 && d.chain[0] === "json";

/** A decoding that reads better than its bytes: shown instead of them in rows, first in panels. */
export const readsBetter = (d: Decoded | null | undefined): d is Decoded =>
  !!d && !d.error && !isPlainJson(d) && d.format !== "text" && d.format !== "hex";

const ROW_TEXT_MAX = 400;

export function DecodedBadge({ decoded }: { decoded: Decoded | null | undefined }) {
  if (!decoded) return null;
  if (decoded.error)
    return (
      <span
        data-testid="decoded-badge"
        title={decoded.error}
        className="mr-1 inline-block max-w-full truncate rounded bg-rose-100 px-1 align-bottom font-sans text-[11px] text-rose-900 dark:bg-rose-950 dark:text-rose-200"
      >
        not {decoded.chain.join(" → ")}
      </span>
    );
  return (
    <span
      data-testid="decoded-badge"
      title={decoded.cut ? `${decoded.summary} (partly decoded: ${decoded.cut})` : decoded.summary}
      className="mr-1 inline-block max-w-full truncate rounded bg-indigo-100 px-1 align-bottom font-sans text-[11px] text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200"
    >
      {decoded.summary}
      {decoded.cut && " …"}
    </span>
  );
}

export function RowValue({
  value,
  decoded,
  length,
  className,
}: {
  value: JsonBytes;
  decoded: Decoded | null | undefined;
  /** The full length when `value` is a preview. */
  length?: number;
  className?: string;
}) {
  return (
    <>
      <PreviewBadge length={length} />
      <DecodedBadge decoded={decoded} />
      {readsBetter(decoded) ? (
        <span className="font-mono text-zinc-700 dark:text-zinc-300">
          {decoded.text.slice(0, ROW_TEXT_MAX)}
        </span>
      ) : (
        <BytesText value={value} className={className} />
      )}
    </>
  );
}
