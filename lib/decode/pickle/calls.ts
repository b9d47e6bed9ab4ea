import { bad, latin1, text } from "./input";
import type { Ops } from "./machine";
import { type Py, PyCall, PyOpaque, PyTuple } from "./values";

// The opcodes that reach outside the pickle: persistent ids, extensions, globals and the calls
// and BUILDs made on them (recorded, never made).

export const CALL_OPS: Ops = [
  // -- references outside the pickle
  [0x50, (m) => m.push(m.made(new PyOpaque("persid", latin1.decode(m.line()))))], // PERSID
  [0x51, (m) => m.push(m.made(new PyOpaque("persid", m.pop())))], // BINPERSID
  [0x82, (m) => m.push(m.made(new PyOpaque("ext", m.u8())))], // EXT1
  [0x83, (m) => m.push(m.made(new PyOpaque("ext", m.u16())))], // EXT2
  [0x84, (m) => m.push(m.made(new PyOpaque("ext", m.i32())))], // EXT4
  // -- classes and calls (recorded, never made)
  [
    0x63, // GLOBAL
    (m) => {
      const module = text(m.line());
      m.push(m.global(module, text(m.line())));
    },
  ],
  [
    0x93, // STACK_GLOBAL
    (m, at) => {
      const name = m.pop();
      const module = m.pop();
      if (typeof module !== "string" || typeof name !== "string")
        bad("STACK_GLOBAL of non-strings", at);
      m.push(m.global(module, name));
    },
  ],
  [
    0x52, // REDUCE
    (m) => {
      const args = m.pop();
      const fn = m.pop();
      m.push(m.call(fn, args instanceof PyTuple ? args.items : [args], "reduce"));
    },
  ],
  [
    0x81, // NEWOBJ
    (m) => {
      const args = m.pop();
      const cls = m.pop();
      m.push(m.call(cls, args instanceof PyTuple ? args.items : [args], "newobj"));
    },
  ],
  [
    0x92, // NEWOBJ_EX
    (m) => {
      const kwargs = m.pop();
      const args = m.pop();
      const cls = m.pop();
      const list = args instanceof PyTuple ? args.items : [args];
      m.push(m.call(cls, list, "newobj", kwargs));
    },
  ],
  [
    0x69, // INST
    (m) => {
      const module = text(m.line());
      const cls = m.global(module, text(m.line()));
      m.push(m.call(cls, m.popMark(), "inst"));
    },
  ],
  [
    0x6f, // OBJ
    (m, at) => {
      const items = m.popMark();
      if (items.length === 0) bad("OBJ without a class", at);
      m.push(m.call(items[0] as Py, items.slice(1), "obj"));
    },
  ],
  [
    0x62, // BUILD
    (m) => {
      const state = m.pop();
      const obj = m.top();
      if (obj instanceof PyCall) obj.state = state;
      // BUILD on anything else would raise in CPython; the state is dropped, not shown wrong.
    },
  ],
];
