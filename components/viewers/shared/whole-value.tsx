"use client";
import { useQuery } from "@tanstack/react-query";
import type { JsonBytes } from "@/lib/bytes";
import { formatBytes } from "@/lib/format";
import { type ItemAddress, type ValueTarget, valueQueries } from "@/lib/queries";
import type { Decoded } from "@/lib/schemas/decode";
import { ITEM_LIMIT_DEFAULT, ITEM_LIMIT_MAX } from "@/lib/schemas/types/item";
import { PREVIEW_BYTES } from "@/lib/schemas/values";

/** What a page showed: the value, its full length when that was only a preview, its decoding. */
export type Shown = { value: JsonBytes; length?: number; decoded?: Decoded | null };

export type Whole = {
  value: JsonBytes;
  /** The value is all there: safe to edit and to send back as `expect`. */
  complete: boolean;
  /** Why not (loading, too large, failed), for the panel to say. */
  note: string | null;
  /** Its decoding (with `decode=`): the item read's, with the full limits, once it is there. */
  decoded?: Decoded | null;
};

/**
 * Whether an opened value is read again for its decoding: a page decodes each value within a
 * small share of limits and time (PAGE_ITEM_LIMITS, PAGE_DECODE_MS), so one cut short, or left
 * undecoded when the page ran out of time, is decoded alone with the full limits.
 */
export function needsWholeDecoding(t: ValueTarget, shown: Shown | null): boolean {
  if (!t.decode || !shown) return false;
  return shown.decoded == null || (!!shown.decoded.cut && !shown.decoded.error);
}

/**
 * A selected value in full: a page sends values over 4 KiB as previews, so opening one fetches
 * it whole (GET …/key/value/item, up to 16 MiB; a bigger one shows its first 1 MiB and cannot be
 * edited here). A value that was not cut is used as it is, without a request.
 */
export function useWholeValue(
  t: ValueTarget,
  address: ItemAddress,
  shown: Shown | null,
): Whole | null {
  const length = shown?.length;
  const limit =
    length !== undefined && length > ITEM_LIMIT_MAX ? ITEM_LIMIT_DEFAULT : ITEM_LIMIT_MAX;
  const decodeWhole = needsWholeDecoding(t, shown);
  const q = useQuery({
    ...valueQueries.item(t, address, limit),
    enabled: length !== undefined || decodeWhole,
  });
  if (!shown) return null;
  const decoded = q.data && q.data.decoded !== undefined ? q.data.decoded : shown.decoded;
  if (length === undefined) return { value: shown.value, complete: true, note: null, decoded };
  if (q.data)
    return {
      decoded,
      value: q.data.value,
      complete: !q.data.truncated,
      note: q.data.truncated
        ? `The first ${formatBytes(limit)} of ${formatBytes(q.data.length)}: too large to show whole or edit here.`
        : null,
    };
  return {
    decoded,
    value: shown.value,
    complete: false,
    note: q.isError
      ? `Showing the first ${formatBytes(PREVIEW_BYTES)}: the whole value could not be loaded (${q.error.message}).`
      : `Loading the whole value (${formatBytes(length)})…`,
  };
}

/** Beside a row's value: it is a preview of so many bytes. */
export function PreviewBadge({ length }: { length: number | undefined }) {
  if (length === undefined) return null;
  return (
    <span
      data-testid="preview-badge"
      title={`A preview: the first ${formatBytes(PREVIEW_BYTES)}. Select the row to see it whole.`}
      className="mr-1 rounded bg-amber-100 px-1 font-sans text-[11px] whitespace-nowrap text-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      preview · {formatBytes(length)}
    </span>
  );
}

export function WholeNote({ whole }: { whole: Whole | null }) {
  if (!whole?.note) return null;
  return (
    <p data-testid="whole-note" className="text-xs text-amber-700 dark:text-amber-400">
      {whole.note}
    </p>
  );
}
