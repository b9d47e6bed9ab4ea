import type { Budget, DNode } from "../node";
import type { Decoder } from "../registry";
import { shape } from "../summary";
import { Converter } from "./convert";
import { isKnownDjangoCall } from "./django";
import { isKnownCall } from "./objects";
import { runPickle } from "./reader";

// The pickle decoder of the registry (lib/decode/registry.ts). Detection only trusts protocol
// 2-5 headers (`80 02`…`80 05`) with STOP at the end; protocols 0/1 have no header and are only
// read when a key's app hints pickle or the user forces it. Nothing in a pickle is ever run.

type Info = { proto: number; calls: string[] };
/** What the summary says beside the tree's shape, kept off the tree itself. */
const infos = new WeakMap<DNode, Info>();

export function decodePickle(bytes: Uint8Array, budget: Budget): DNode {
  const run = runPickle(bytes, budget);
  const tree = new Converter(budget).node(run.value, 0);
  const calls = run.calls.filter((c) => !isKnownCall(c) && !isKnownDjangoCall(c));
  infos.set(tree, { proto: run.proto, calls });
  return tree;
}

export function detectPickle(b: Uint8Array): boolean {
  return (
    b.length >= 3 &&
    b[0] === 0x80 &&
    (b[1] as number) >= 2 &&
    (b[1] as number) <= 5 &&
    b[b.length - 1] === 0x2e
  );
}

/** "pickle 4 · dict of 3", "pickle 4 · django.http.HttpResponse 200", "… · calls os.system". */
export function pickleSummary(tree: DNode): string {
  const info = infos.get(tree);
  const head = `pickle${info ? ` ${info.proto}` : ""}`;
  const calls = info?.calls ?? [];
  if (tree.k === "object" && calls.includes(tree.cls)) {
    const others = calls.filter((c) => c !== tree.cls).slice(0, 3);
    return `${head} · a call to ${tree.cls} (never run)${others.length ? `, with calls to ${others.join(", ")}` : ""}`;
  }
  let what = shape(tree);
  if (tree.k === "object") {
    const status = tree.fields?.find(([k]) => k === "status")?.[1];
    if (status?.k === "int" && tree.cls.startsWith("django.")) what += ` ${status.v}`;
  }
  const warn =
    calls.length > 0
      ? ` · calls ${calls.slice(0, 3).join(", ")}${calls.length > 3 ? ", …" : ""} (never run)`
      : "";
  return `${head} · ${what}${warn}`;
}

export const pickle: Decoder = {
  format: "pickle",
  style: "python",
  detect: detectPickle,
  decode: decodePickle,
  summary: pickleSummary,
};
