"use client";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { DNode } from "@/lib/decode/node";
import { renderText } from "@/lib/decode/render";
import type { RenderStyle } from "@/lib/schemas/decode";

// A decoded tree (lib/decode/node.ts), read-only: maps, lists and objects fold open and shut,
// and only what is open is rendered, CHUNK children at a time, so a 20,000-node pickle opens as
// fast as a small one. A `ref` (a node met again) is a link that opens the way to its target and
// scrolls to it; a `cut` says which limit stopped the decoder. Every string is React text.

/** Children rendered per step of an open container (more on demand). */
export const CHUNK = 100;
/** Containers open at first: the top two levels, unless they are big. */
const OPEN_DEPTH = 2;
const OPEN_MAX_CHILDREN = 50;

type Child = { label: ReactNode; node: DNode; path: string; keyNode?: DNode };

function children(n: DNode, path: string): Child[] {
  if (n.k === "list") return n.items.map((node, i) => ({ label: i, node, path: `${path}.${i}` }));
  if (n.k === "map")
    return n.entries.map(([k, v], i) => ({
      label: null,
      keyNode: k,
      node: v,
      path: `${path}.${i}`,
    }));
  if (n.k === "object")
    return [
      ...(n.args ?? []).map((node, i) => ({ label: `arg ${i}`, node, path: `${path}.a${i}` })),
      ...(n.fields ?? []).map(([name, node], i) => ({ label: name, node, path: `${path}.f${i}` })),
    ];
  return [];
}

/** A node's id, when others refer to it (objects; lists and maps too, once a reader sets it). */
export const nodeId = (n: DNode): number | undefined => {
  if (n.k === "ref") return undefined; // its `id` names the target, not itself
  const id = (n as { id?: unknown }).id;
  return typeof id === "number" ? id : undefined;
};

const isContainer = (n: DNode) =>
  n.k === "list" || n.k === "map" || (n.k === "object" && !!(n.args?.length || n.fields?.length));

/** Where each node with an `id` is, and the chunk index of each step on the way. */
function idPaths(root: DNode): Map<number, string> {
  const out = new Map<number, string>();
  const stack: [DNode, string][] = [[root, "r"]];
  // Bounded by the tree, which the server bounds in nodes (DEFAULT_LIMITS.nodes).
  while (stack.length) {
    const [n, path] = stack.pop() as [DNode, string];
    const id = nodeId(n);
    if (id !== undefined && !out.has(id)) out.set(id, path);
    for (const c of children(n, path)) stack.push([c.node, c.path]);
  }
  return out;
}

type Ctx = {
  style: RenderStyle;
  idBase: string;
  isOpen: (path: string, depth: number, size: number) => boolean;
  toggle: (path: string, open: boolean) => void;
  shown: (path: string) => number;
  showMore: (path: string, count: number) => void;
  reveal: (id: number) => void;
  flash: string | null;
};
const TreeCtx = createContext<Ctx | null>(null);
const useTree = () => useContext(TreeCtx) as Ctx;

const domId = (base: string, path: string) => `${base}-${path.replace(/\./g, "_")}`;

export function DecodedTree({
  tree,
  style,
  idBase,
}: {
  tree: DNode;
  style: RenderStyle;
  /** Unique per tree on the page, for the ref links' targets. */
  idBase: string;
}) {
  const [open, setOpen] = useState<Map<string, boolean>>(() => new Map());
  const [more, setMore] = useState<Map<string, number>>(() => new Map());
  const [flash, setFlash] = useState<string | null>(null);
  const ids = useMemo(() => idPaths(tree), [tree]);

  useEffect(() => {
    if (!flash) return;
    document.getElementById(domId(idBase, flash))?.scrollIntoView({ block: "center" });
    const t = setTimeout(() => setFlash(null), 1500);
    return () => clearTimeout(t);
  }, [flash, idBase]);

  const ctx: Ctx = {
    style,
    idBase,
    isOpen: (path, depth, size) =>
      open.get(path) ?? (depth < OPEN_DEPTH && size <= OPEN_MAX_CHILDREN),
    toggle: (path, value) => setOpen((m) => new Map(m).set(path, value)),
    shown: (path) => more.get(path) ?? CHUNK,
    showMore: (path, count) => setMore((m) => new Map(m).set(path, count)),
    reveal: (id) => {
      const path = ids.get(id);
      if (!path) return;
      // Open every container on the way, and show enough of each to reach the next step.
      const steps = path.split(".");
      setOpen((m) => {
        const next = new Map(m);
        for (let i = 1; i < steps.length; i++) next.set(steps.slice(0, i).join("."), true);
        next.set(path, true);
        return next;
      });
      setMore((m) => {
        const next = new Map(m);
        for (let i = 1; i < steps.length; i++) {
          const at = Number(/\d+/.exec(steps[i] as string)?.[0] ?? 0);
          const parent = steps.slice(0, i).join(".");
          // (+ CHUNK: an object's fields come after its args, so `f3` may sit past index 3.)
          if (at >= (next.get(parent) ?? CHUNK))
            next.set(parent, Math.ceil((at + 1) / CHUNK) * CHUNK + CHUNK);
        }
        return next;
      });
      setFlash(path);
    },
    flash,
  };
  return (
    <TreeCtx.Provider value={ctx}>
      <div
        data-testid="decoded-tree"
        className="max-h-[60vh] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-[13px] leading-5 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <TreeNode node={tree} path="r" depth={0} />
      </div>
    </TreeCtx.Provider>
  );
}

const SCALAR_TONE: Partial<Record<DNode["k"], string>> = {
  str: "text-emerald-700 dark:text-emerald-400",
  int: "text-sky-700 dark:text-sky-400",
  float: "text-sky-700 dark:text-sky-400",
  bool: "text-violet-700 dark:text-violet-400",
  null: "text-violet-700 dark:text-violet-400",
  bytes: "text-amber-700 dark:text-amber-400",
  object: "text-zinc-800 dark:text-zinc-200",
};

function Scalar({ node }: { node: DNode }) {
  const { style, reveal } = useTree();
  if (node.k === "ref")
    return (
      <button
        type="button"
        onClick={() => reveal(node.id)}
        data-testid="decoded-ref"
        title="Show the node this refers to"
        className="rounded bg-indigo-100 px-1 text-indigo-800 hover:underline dark:bg-indigo-950 dark:text-indigo-200"
      >
        → #{node.id}
        {node.cls ? ` ${node.cls}` : ""}
      </button>
    );
  if (node.k === "cut")
    return (
      <span
        data-testid="decoded-cut"
        className="rounded bg-amber-100 px-1 font-sans text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200"
      >
        … not decoded further: {node.why}
      </span>
    );
  // A long string is cut on screen (the Text view and Copy as JSON have it whole).
  const { text, cut } = renderText(node, style, 2000);
  return (
    <span className={cn("break-all whitespace-pre-wrap", SCALAR_TONE[node.k])}>
      {text}
      {cut && <span className="text-zinc-400"> (shortened here)</span>}
    </span>
  );
}

function headOf(n: DNode, size: number, style: RenderStyle): string {
  const py = style === "python";
  const id = nodeId(n) === undefined ? "" : `#${nodeId(n)} `;
  if (n.k === "list") return `${id}${n.tag ?? (py ? "list" : "array")} · ${size + (n.more ?? 0)}`;
  if (n.k === "map") return `${id}${n.tag ?? (py ? "dict" : "object")} · ${size + (n.more ?? 0)}`;
  if (n.k === "object") return `${id}${n.cls}`;
  return "";
}

function TreeNode({
  node,
  path,
  depth,
  label,
  keyNode,
}: {
  node: DNode;
  path: string;
  depth: number;
  label?: ReactNode;
  keyNode?: DNode;
}) {
  const ctx = useTree();
  const kids = isContainer(node) ? children(node, path) : [];
  const open = kids.length > 0 && ctx.isOpen(path, depth, kids.length);
  const shown = ctx.shown(path);
  const more = node.k === "list" || node.k === "map" ? (node.more ?? 0) : 0;
  const name = (
    <>
      {label !== undefined && label !== null && (
        <span className="text-zinc-500">{typeof label === "number" ? `[${label}]` : label}: </span>
      )}
      {keyNode && (
        <>
          <KeyText node={keyNode} />
          <span className="text-zinc-500">: </span>
        </>
      )}
    </>
  );
  const flash = ctx.flash === path;
  const rowClass = cn("rounded px-0.5", flash && "bg-amber-200/70 dark:bg-amber-800/60");
  if (!isContainer(node))
    return (
      <div id={domId(ctx.idBase, path)} className={rowClass} data-flash={flash || undefined}>
        {name}
        {node.k === "object" ? (
          <span className={SCALAR_TONE.object}>
            {node.id !== undefined && <span className="text-zinc-500">#{node.id} </span>}
            {node.repr ?? `${node.cls}()`}
          </span>
        ) : (
          <Scalar node={node} />
        )}
      </div>
    );
  const preview = open ? null : renderText(node, ctx.style, 160).text;
  return (
    <div id={domId(ctx.idBase, path)} data-path={path}>
      <div
        className={cn(rowClass, "flex min-w-0 items-baseline gap-1")}
        data-flash={flash || undefined}
      >
        <button
          type="button"
          onClick={() => ctx.toggle(path, !open)}
          aria-label={open ? "Collapse" : "Expand"}
          aria-expanded={open}
          className="w-4 shrink-0 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
        >
          {open ? "▾" : "▸"}
        </button>
        <span className="min-w-0 truncate">
          {name}
          <span className="text-indigo-700 dark:text-indigo-300">
            {headOf(node, kids.length, ctx.style)}
          </span>
          {node.k === "object" && node.repr && <span className="text-zinc-500"> {node.repr}</span>}
          {preview !== null && <span className="text-zinc-400"> {preview}</span>}
        </span>
      </div>
      {open && (
        <div className="ml-2 border-l border-zinc-200 pl-3 dark:border-zinc-800">
          {kids.slice(0, shown).map((c) => (
            <TreeNode
              key={c.path}
              node={c.node}
              path={c.path}
              depth={depth + 1}
              label={c.label}
              keyNode={c.keyNode}
            />
          ))}
          {kids.length > shown && (
            <button
              type="button"
              onClick={() => ctx.showMore(path, shown + CHUNK * 5)}
              className="my-0.5 rounded border border-zinc-300 px-1.5 font-sans text-xs text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              Show {Math.min(CHUNK * 5, kids.length - shown)} more of {kids.length - shown}
            </button>
          )}
          {more > 0 && (
            <div className="font-sans text-xs text-amber-700 dark:text-amber-400">
              … {more} more not decoded (a limit was reached)
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** A map key: a scalar's rendering on one line; a container key as its one-line text. */
function KeyText({ node }: { node: DNode }) {
  const { style } = useTree();
  const text = renderText(node, style, 200).text;
  return <span className="text-rose-700 dark:text-rose-300">{text}</span>;
}
