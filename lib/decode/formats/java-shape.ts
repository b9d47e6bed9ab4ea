import { bytesNode, type DNode } from "../node";
import type { ClassData } from "./java-stream";

// What a Java object looks like in the tree, from what each class in its hierarchy wrote. The
// JDK classes a Spring Session or cache value is made of write themselves with writeObject, so
// their fields say little (HashMap: loadFactor, threshold) and the content is in the block data
// and objects that follow: those are read back as the map, list or date they are. Anything
// else is an object with its fields, and what its own writeObject wrote, as bytes and objects.

const MAPS = new Set([
  "java.util.HashMap",
  "java.util.LinkedHashMap",
  "java.util.TreeMap",
  "java.util.Hashtable",
  "java.util.Properties",
  "java.util.IdentityHashMap",
  "java.util.concurrent.ConcurrentHashMap",
  "java.util.WeakHashMap",
]);
const LISTS = new Set([
  "java.util.ArrayList",
  "java.util.LinkedList",
  "java.util.Vector",
  "java.util.ArrayDeque",
  "java.util.concurrent.CopyOnWriteArrayList",
]);
const SETS = new Set([
  "java.util.HashSet",
  "java.util.LinkedHashSet",
  "java.util.TreeSet",
  "java.util.concurrent.CopyOnWriteArraySet",
]);
const BOXED = new Set([
  "java.lang.Integer",
  "java.lang.Long",
  "java.lang.Short",
  "java.lang.Byte",
  "java.lang.Double",
  "java.lang.Float",
  "java.lang.Boolean",
  "java.lang.Character",
]);
const DATES = new Set(["java.util.Date", "java.sql.Timestamp", "java.sql.Date"]);

/** The objects (not block data) every class of the hierarchy wrote itself. */
function written(data: ClassData[]): DNode[] {
  const out: DNode[] = [];
  for (const d of data) for (const a of d.annotation) if (!(a instanceof Uint8Array)) out.push(a);
  return out;
}

export function javaShape(cls: string, data: ClassData[]): DNode {
  const fields = data.flatMap((d) => d.fields);
  if (BOXED.has(cls)) {
    const value = fields.find(([name]) => name === "value");
    if (value) return value[1];
  }
  if (MAPS.has(cls)) {
    const objs = written(data);
    // ConcurrentHashMap ends its pairs with null, null.
    if (cls.endsWith("ConcurrentHashMap") && objs.at(-1)?.k === "null") objs.splice(-2, 2);
    const entries: [DNode, DNode][] = [];
    for (let i = 0; i + 1 < objs.length; i += 2)
      entries.push([objs[i] as DNode, objs[i + 1] as DNode]);
    return { k: "map", tag: cls, entries };
  }
  if (LISTS.has(cls)) return { k: "list", items: written(data) };
  if (SETS.has(cls)) {
    // TreeSet writes its comparator (an object, often null) before the elements.
    const items = written(data);
    if (cls === "java.util.TreeSet") items.shift();
    return { k: "list", tag: "set", items };
  }
  if (DATES.has(cls)) {
    const block = data.at(-1)?.annotation.find((a) => a instanceof Uint8Array);
    if (block instanceof Uint8Array && block.length >= 8) {
      const ms = Number(new DataView(block.buffer, block.byteOffset, 8).getBigInt64(0));
      const d = new Date(ms);
      return {
        k: "object",
        cls,
        repr: Number.isNaN(d.getTime()) ? `${cls}(${ms})` : d.toISOString(),
      };
    }
  }
  const out: [string, DNode][] = [...fields];
  for (const d of data) {
    if (d.annotation.length === 0) continue;
    const items = d.annotation.map((a) => (a instanceof Uint8Array ? bytesNode(a) : a));
    out.push([`${d.desc.name}.writeObject`, { k: "list", items }]);
  }
  return { k: "object", cls, fields: out };
}
