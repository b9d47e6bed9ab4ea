import type { DNode } from "../node";
import type { Cursor } from "./cursor";

// The Java serialization stream's vocabulary (Object Serialization Stream Protocol, Java SE 17
// spec §6.4.2 "Terminal Symbols and Constants") and the class descriptors read from it.

export const TC = {
  NULL: 0x70,
  REFERENCE: 0x71,
  CLASSDESC: 0x72,
  OBJECT: 0x73,
  STRING: 0x74,
  ARRAY: 0x75,
  CLASS: 0x76,
  BLOCKDATA: 0x77,
  ENDBLOCKDATA: 0x78,
  RESET: 0x79,
  BLOCKDATALONG: 0x7a,
  EXCEPTION: 0x7b,
  LONGSTRING: 0x7c,
  PROXYCLASSDESC: 0x7d,
  ENUM: 0x7e,
} as const;
export const BASE_HANDLE = 0x7e0000;
export const SC_WRITE_METHOD = 0x01;
export const SC_SERIALIZABLE = 0x02;
export const SC_EXTERNALIZABLE = 0x04;
export const SC_BLOCK_DATA = 0x08;

export type FieldDesc = { type: string; name: string; cls?: string };
export type ClassDesc = {
  name: string;
  flags: number;
  fields: FieldDesc[];
  super: ClassDesc | null;
};
/** What one class of an object's hierarchy wrote: its fields, then its own block data/objects. */
export type ClassData = {
  desc: ClassDesc;
  fields: [string, DNode][];
  annotation: (DNode | Uint8Array)[];
};

/** Modified UTF-8 (DataInput.readUTF): NUL as C0 80, supplementary characters as two 3-byte surrogates. */
export function modifiedUtf8(b: Uint8Array, c: Cursor): string {
  let out = "";
  const units: number[] = [];
  for (let i = 0; i < b.length; ) {
    const x = b[i] as number;
    if (x < 0x80) {
      units.push(x);
      i++;
    } else if ((x & 0xe0) === 0xc0 && i + 1 < b.length) {
      units.push(((x & 0x1f) << 6) | ((b[i + 1] as number) & 0x3f));
      i += 2;
    } else if ((x & 0xf0) === 0xe0 && i + 2 < b.length) {
      units.push(
        ((x & 0x0f) << 12) | (((b[i + 1] as number) & 0x3f) << 6) | ((b[i + 2] as number) & 0x3f),
      );
      i += 3;
    } else c.fail("bad modified UTF-8");
    if (units.length >= 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}
