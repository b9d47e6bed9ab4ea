import type { JsonBytes } from "@/lib/bytes";

/** What every viewer gets; `length` is the key's length from key info (null when unknown). */
export type ViewerProps = {
  conn: string;
  db: number;
  keyName: JsonBytes;
  length: number | null;
  writable: boolean;
};
