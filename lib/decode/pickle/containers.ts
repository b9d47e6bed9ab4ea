import { bad } from "./input";
import type { Machine, Ops } from "./machine";
import { CUT, type Py, PyCall, PyDict, PyList, PySet, PyTuple } from "./values";

// The opcodes that build containers: lists, tuples, dicts and sets, and the items put in them.

function append(m: Machine, target: Py, items: Py[], at: number): void {
  m.weigh(items.length);
  if (target instanceof PyList) for (const v of items) target.items.push(v);
  else if (target instanceof PyCall) {
    target.listitems ??= [];
    for (const v of items) target.listitems.push(v);
  } else if (target !== CUT) bad("APPEND to a non-list", at);
}

/** Sets the pairs items[from…] on a dict (or records them on a call). */
function setItems(m: Machine, target: Py, items: Py[], from: number, at: number): void {
  m.weigh(items.length - from);
  if (target instanceof PyDict)
    for (let i = from; i < items.length; i += 2) target.set(items[i] as Py, items[i + 1] as Py);
  else if (target instanceof PyCall) {
    target.dictitems ??= [];
    for (let i = from; i < items.length; i += 2)
      target.dictitems.push([items[i] as Py, items[i + 1] as Py]);
  } else if (target !== CUT) bad("SETITEM on a non-dict", at);
}

export const CONTAINER_OPS: Ops = [
  [0x5d, (m) => m.push(m.keep() ? new PyList() : CUT)], // EMPTY_LIST
  [0x6c, (m) => m.push(m.made(new PyList(m.popMark())))], // LIST
  [
    0x61, // APPEND
    (m, at) => {
      const v = m.pop();
      append(m, m.top(), [v], at);
    },
  ],
  [
    0x65, // APPENDS
    (m, at) => {
      const items = m.popMark();
      append(m, m.top(), items, at);
    },
  ],
  [0x29, (m) => m.push(m.keep() ? new PyTuple([]) : CUT)], // EMPTY_TUPLE
  [0x74, (m) => m.push(m.made(new PyTuple(m.popMark())))], // TUPLE
  [
    0x85, // TUPLE1
    (m) => {
      const a = m.pop();
      m.push(m.keep() ? new PyTuple([a]) : CUT);
    },
  ],
  [
    0x86, // TUPLE2
    (m) => {
      const b = m.pop();
      const a = m.pop();
      m.push(m.keep() ? new PyTuple([a, b]) : CUT);
    },
  ],
  [
    0x87, // TUPLE3
    (m) => {
      const c = m.pop();
      const b = m.pop();
      const a = m.pop();
      m.push(m.keep() ? new PyTuple([a, b, c]) : CUT);
    },
  ],
  [0x7d, (m) => m.push(m.keep() ? new PyDict() : CUT)], // EMPTY_DICT
  [
    0x64, // DICT
    (m, at) => {
      const items = m.popMark();
      if (items.length % 2) bad("DICT of an odd number of items", at);
      const dict = new PyDict();
      for (let i = 0; i < items.length; i += 2) dict.set(items[i] as Py, items[i + 1] as Py);
      m.push(m.made(dict));
    },
  ],
  [
    0x73, // SETITEM
    (m, at) => {
      const v = m.pop();
      const k = m.pop();
      setItems(m, m.top(), [k, v], 0, at);
    },
  ],
  [
    0x75, // SETITEMS (the pairs are read where they are on the stack, then dropped)
    (m, at) => {
      const mark = m.marks.pop();
      if (mark === undefined) bad("no MARK", at);
      if ((m.stack.length - mark) % 2) bad("SETITEMS of an odd number of items", at);
      if (mark <= (m.marks.at(-1) ?? 0)) bad("stack underflow", at);
      setItems(m, m.stack[mark - 1] as Py, m.stack, mark, at);
      m.stack.length = mark;
    },
  ],
  [0x8f, (m) => m.push(m.keep() ? new PySet([], false) : CUT)], // EMPTY_SET
  [
    0x90, // ADDITEMS
    (m, at) => {
      const items = m.popMark();
      const set = m.top();
      if (set instanceof PySet) for (const v of items) set.items.push(v);
      else if (set !== CUT) bad("ADDITEMS to a non-set", at);
    },
  ],
  [0x91, (m) => m.push(m.made(new PySet(m.popMark(), true)))], // FROZENSET
];
