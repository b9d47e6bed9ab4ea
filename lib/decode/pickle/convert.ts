import { type Budget, bytesNode, type DNode, float, int, nul, str } from "../node";
import { djangoHandler } from "./django";
import { bytearrayNode, handlerFor, type Instance } from "./objects";
import { py2Text } from "./strings";
import {
  callableName,
  type Py,
  PyBytes,
  PyCall,
  PyCut,
  PyDict,
  PyFloat,
  PyGlobal,
  PyHugeInt,
  PyList,
  PyOpaque,
  PySet,
  PyTuple,
} from "./values";

// The machine's values (values.ts) to a decoded tree (lib/decode/node.ts), within the Budget:
// one take() per node, the depth limit on containers, and every object met again (shared through
// the memo or DUP, or a cycle) shown as a `ref` to the id set on its first showing, so a list
// holding itself or `x=[y,y]; y=[z,z]…` is never expanded twice. Small leaves (a Decimal, a
// timezone) are shown again instead, so a repr reads the same wherever it appears.

export type Ctx = {
  node: (v: Py, depth: number) => DNode;
  budget: Budget;
};

type Idable = DNode & { id?: number };

/** A node worth pointing back to rather than showing twice. */
function expandable(n: DNode): boolean {
  if (n.k === "list") return n.items.length > 0 || !!n.more;
  if (n.k === "map") return n.entries.length > 0 || !!n.more;
  if (n.k === "object") return n.repr === undefined && !!(n.args?.length || n.fields?.length);
  return false;
}

function refName(n: Partial<DNode>, v: object): string | undefined {
  if (n.k === "object") return n.cls;
  if (n.k === "list") return n.tag ?? "list";
  if (n.k === "map") return n.tag ?? "dict";
  // A cycle back to a node still being built: name it by what it will be.
  if (v instanceof PyList) return "list";
  if (v instanceof PyDict) return "dict";
  if (v instanceof PyTuple) return "tuple";
  if (v instanceof PySet) return v.frozen ? "frozenset" : "set";
  if (v instanceof PyCall) return callableName(v.fn);
  return undefined;
}

export class Converter implements Ctx {
  private readonly seen = new Map<object, Idable>();
  private readonly pending = new Set<object>();
  private nextId = 1;
  readonly node = (v: Py, depth: number): DNode => this.convert(v, depth);

  constructor(readonly budget: Budget) {}

  private convert(v: Py, depth: number): DNode {
    if (v === null || typeof v !== "object") {
      if (!this.budget.take()) return this.budget.cutNode();
      if (v === null) return nul;
      if (typeof v === "boolean") return { k: "bool", v };
      if (typeof v === "string") return str(v);
      // A long int costs more to print than a node: read the clock for each.
      if (typeof v === "bigint" && (v > 1n << 256n || v < -(1n << 256n)) && this.budget.expired())
        return this.budget.cutNode();
      return int(v);
    }
    if (v instanceof PyFloat) return this.leaf(float(v.v));
    if (v instanceof PyBytes && v.kind !== "bytearray") {
      const t = v.kind === "py2str" ? py2Text(v.b) : undefined;
      return this.leaf(t === undefined ? bytesNode(v.b) : str(t));
    }
    if (v instanceof PyHugeInt)
      return this.leaf({
        k: "object",
        cls: "builtins.int",
        repr: `<${v.negative ? "negative " : ""}int of ${v.bytes} bytes, not printed>`,
      });
    if (v instanceof PyGlobal) return this.leaf(globalNode(v));
    if (v instanceof PyCut) {
      this.budget.cut ??= `more than ${this.budget.limits.nodes} nodes`;
      return this.budget.cutNode();
    }
    return this.shared(v, depth);
  }

  private leaf(n: DNode): DNode {
    return this.budget.take() ? n : this.budget.cutNode();
  }

  private shared(v: object, depth: number): DNode {
    const first = this.seen.get(v);
    if (first) {
      if (!this.budget.take()) return this.budget.cutNode();
      if (this.pending.has(v) || expandable(first)) {
        first.id ??= this.nextId++;
        const cls = refName(first, v);
        return { k: "ref", id: first.id, ...(cls && { cls }) };
      }
      const { id: _id, ...copy } = first;
      return copy as DNode;
    }
    if (this.budget.tooDeep(depth) || !this.budget.take()) return this.budget.cutNode();
    const shell = {} as Idable;
    this.seen.set(v, shell);
    this.pending.add(v);
    const made = this.build(v, depth);
    this.pending.delete(v);
    const id = shell.id;
    Object.assign(shell, made);
    if (id !== undefined) shell.id = id;
    return shell;
  }

  /** Children of a container, stopping (with `more`) once the budget is spent. */
  items(list: Py[], depth: number): { items: DNode[]; more?: number } {
    const items: DNode[] = [];
    for (let i = 0; i < list.length; i++) {
      if (this.budget.cut !== undefined) return { items, more: list.length - i };
      items.push(this.convert(list[i] as Py, depth + 1));
    }
    return { items };
  }

  entries(list: [Py, Py][], depth: number): { entries: [DNode, DNode][]; more?: number } {
    const entries: [DNode, DNode][] = [];
    for (let i = 0; i < list.length; i++) {
      if (this.budget.cut !== undefined) return { entries, more: list.length - i };
      const [k, v] = list[i] as [Py, Py];
      entries.push([this.convert(k, depth + 1), this.convert(v, depth + 1)]);
    }
    return { entries };
  }

  dict(d: PyDict, depth: number): { entries: [DNode, DNode][]; more?: number } {
    const entries: [DNode, DNode][] = [];
    const { keys, values } = d;
    for (let i = 0; i < keys.length; i++) {
      if (this.budget.cut !== undefined) return { entries, more: keys.length - i };
      entries.push([
        this.convert(keys[i] as Py, depth + 1),
        this.convert(values[i] as Py, depth + 1),
      ]);
    }
    return { entries };
  }

  private build(v: object, depth: number): DNode {
    if (v instanceof PyList) return { k: "list", ...this.items(v.items, depth) };
    if (v instanceof PyTuple) return { k: "list", tag: "tuple", ...this.items(v.items, depth) };
    if (v instanceof PyDict) return { k: "map", ...this.dict(v, depth) };
    if (v instanceof PySet)
      return { k: "list", tag: v.frozen ? "frozenset" : "set", ...this.items(v.items, depth) };
    if (v instanceof PyBytes) return bytearrayNode(v.b);
    if (v instanceof PyOpaque) return this.opaque(v, depth);
    if (v instanceof PyCall) {
      const inst = instanceOf(v);
      const handler = handlerFor(inst.name) ?? djangoHandler(inst.name);
      return handler?.(inst, this, depth) ?? this.generic(inst, depth);
    }
    return { k: "cut", why: "unknown value" };
  }

  private opaque(v: PyOpaque, depth: number): DNode {
    if (v.kind === "ext")
      return { k: "object", cls: "copyreg.extension", repr: `<extension code ${v.value}>` };
    if (v.kind === "buffer")
      return {
        k: "object",
        cls: "pickle.PickleBuffer",
        repr: `<out-of-band ${v.readonly_ ? "read-only " : ""}buffer, not in the value>`,
      };
    return { k: "object", cls: "persistent_load", args: [this.convert(v.value, depth + 1)] };
  }

  /** `module.Name(args…, field=…)`: what an unpickler would have called, and with what. */
  generic(inst: Instance, depth: number): DNode {
    const args = this.items(inst.args, depth).items;
    const fields: [string, DNode][] = [];
    if (inst.kwargs instanceof PyDict) this.named(inst.kwargs, depth, fields);
    else if (inst.kwargs !== undefined)
      fields.push(["kwargs", this.convert(inst.kwargs, depth + 1)]);
    this.stateFields(inst.state, depth, fields);
    if (inst.listitems) fields.push(["items", { k: "list", ...this.items(inst.listitems, depth) }]);
    if (inst.dictitems)
      fields.push(["items", { k: "map", ...this.entries(inst.dictitems, depth) }]);
    return {
      k: "object",
      cls: inst.name,
      ...(args.length > 0 && { args }),
      ...(fields.length > 0 && { fields }),
    };
  }

  /** BUILD's state as fields: a dict of attributes, or (dict, slots), or anything else as `state`. */
  stateFields(state: Py | undefined, depth: number, out: [string, DNode][], skip?: Set<string>) {
    if (state === undefined || state === null) return;
    if (state instanceof PyDict && this.named(state, depth, out, skip)) return;
    if (
      state instanceof PyTuple &&
      state.items.length === 2 &&
      state.items.every((s) => s === null || s instanceof PyDict)
    ) {
      for (const s of state.items) if (s instanceof PyDict) this.named(s, depth, out, skip);
      return;
    }
    out.push(["state", this.convert(state, depth + 1)]);
  }

  /** A dict with str keys as named fields; false (nothing added) when a key is not a str. */
  named(d: PyDict, depth: number, out: [string, DNode][], skip?: Set<string>): boolean {
    if (!d.keys.every((k) => typeof k === "string")) {
      out.push(["state", this.convert(d, depth + 1)]);
      return true;
    }
    for (let i = 0; i < d.keys.length; i++) {
      const k = d.keys[i] as string;
      if (skip?.has(k)) continue;
      if (this.budget.cut !== undefined) break;
      out.push([k, this.convert(d.values[i] as Py, depth + 1)]);
    }
    return true;
  }
}

/** A class or function by name (a defaultdict's factory, a class passed around). */
function globalNode(g: PyGlobal): DNode {
  const name = callableName(g) ?? g.qualified;
  return { k: "object", cls: name, repr: name.replace(/^builtins\./, "") };
}

/**
 * The instance or call a PyCall stands for, with copyreg's wrappers taken off:
 * `copyreg._reconstructor(cls, base, state)` and `copyreg.__newobj__(cls, *args)` (how protocols
 * 0-1 write what NEWOBJ writes in 2+) become the class with its arguments.
 */
export function instanceOf(c: PyCall): Instance {
  const name = callableName(c.fn) ?? "<callable>";
  const base = {
    state: c.state,
    listitems: c.listitems,
    dictitems: c.dictitems,
  };
  if (name === "copyreg._reconstructor" && c.args[0] instanceof PyGlobal) {
    const baseState = c.args[2];
    return {
      name: callableName(c.args[0]) as string,
      args: baseState === null || baseState === undefined ? [] : [baseState],
      kind: "new",
      ...base,
    };
  }
  if (
    (name === "copyreg.__newobj__" || name === "copyreg.__newobj_ex__") &&
    c.args[0] instanceof PyGlobal
  ) {
    const ex = name === "copyreg.__newobj_ex__";
    const args = ex ? (c.args[1] instanceof PyTuple ? c.args[1].items : []) : c.args.slice(1);
    return {
      name: callableName(c.args[0]) as string,
      args,
      kind: "new",
      ...(ex && { kwargs: c.args[2] }),
      ...base,
    };
  }
  return {
    name,
    args: c.args,
    kind: c.kind === "newobj" ? "new" : "call",
    ...(c.kwargs !== undefined && { kwargs: c.kwargs }),
    ...base,
  };
}
