import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Budget, type DNode, NotThisFormat } from "../node";
import { decodeBytes } from "../registry";
import { decodeJava } from "./java";

// Java serialization on streams the JDK wrote (test/fixtures/java/WriteFixtures.java, run with
// Java 17; its output serialized.json is committed), plus hand-made hostile streams.

const fx = JSON.parse(readFileSync("test/fixtures/java/serialized.json", "utf8")) as Record<
  string,
  string
>;
const bytes = (name: string) => Buffer.from(fx[name] as string, "base64");
const decode = (name: string) => decodeBytes(bytes(name), "auto");
const fields = (n: DNode | undefined) =>
  n?.k === "object" ? Object.fromEntries(n.fields ?? []) : {};

describe("Java serialization", () => {
  it("reads a HashMap with boxed values into a map", async () => {
    const d = await decode("hashmap");
    expect(d?.chain).toEqual(["java"]);
    expect(d?.summary).toBe("java · java.util.HashMap of 5");
    const t = d?.tree;
    if (t?.k !== "map") throw new Error("not a map");
    const m = new Map(t.entries.map(([k, v]) => [k.k === "str" ? k.v : "?", v]));
    expect(m.get("count")).toEqual({ k: "int", v: "42" });
    expect(m.get("name")).toEqual({ k: "str", v: "keyscope" });
    expect(m.get("ratio")).toEqual({ k: "float", v: 0.25 });
    expect(m.get("big")).toEqual({ k: "int", v: "9007199254740993" });
    expect(m.get("flag")).toEqual({ k: "bool", v: true });
  });

  it("reads an ArrayList, a Date, an enum, strings and a boxed Long", async () => {
    expect((await decode("arraylist"))?.tree).toEqual({
      k: "list",
      items: [
        { k: "str", v: "a" },
        { k: "int", v: "1" },
        { k: "str", v: "b" },
      ],
    });
    expect((await decode("date"))?.tree).toEqual({
      k: "object",
      cls: "java.util.Date",
      repr: "2023-11-14T22:13:20.000Z",
    });
    expect((await decode("enum"))?.tree).toEqual({
      k: "object",
      cls: "WriteFixtures$Color",
      repr: "WriteFixtures$Color.BLUE",
    });
    // Modified UTF-8: NUL as C0 80, the emoji as two 3-byte surrogates.
    expect((await decode("string"))?.tree).toEqual({ k: "str", v: "héllo \u0000 😀" });
    expect((await decode("long"))?.tree).toEqual({ k: "int", v: "-5" });
  });

  it("reads a plain Serializable class with every primitive type and a nested object", async () => {
    const t = (await decode("custom"))?.tree;
    expect(t).toMatchObject({ k: "object", cls: "WriteFixtures$Point" });
    const f = fields(t);
    expect(f.x).toEqual({ k: "int", v: "3" });
    expect(f.big).toEqual({ k: "int", v: "9007199254740993" });
    expect(f.label).toEqual({ k: "str", v: "pé" });
    expect(f.ratio).toEqual({ k: "float", v: 1.5 });
    expect(f.on).toEqual({ k: "bool", v: true });
    expect(f.grade).toEqual({ k: "str", v: "A" });
    expect(fields(f.next).x).toEqual({ k: "int", v: "4" });
    expect(fields(f.next).next).toEqual({ k: "null" });
  });

  it("shows what a writeObject method wrote as block data bytes", async () => {
    const t = (await decode("writeObject"))?.tree;
    const f = fields(t);
    expect(f.id).toEqual({ k: "str", v: "c-1" });
    const extra = f["WriteFixtures$Custom.writeObject"];
    // writeInt(0x01020304), then writeUTF("extra"): 00 05 'extra'
    expect(extra).toEqual({
      k: "list",
      items: [
        {
          k: "bytes",
          b64: Buffer.from("0102030400056578747261", "hex").toString("base64"),
          len: 11,
        },
      ],
    });
  });

  it("reads nested collections, primitive and byte arrays, and a TreeSet", async () => {
    const d = await decode("nested");
    expect(d?.text).toContain('"list": [java.util.HashMap({"k": "v"})]');
    expect(d?.text).toContain('"ints": array([1, 2, 3])');
    expect(d?.text).toContain("\"bytes\": <3 bytes> '\\xff\\x00\\x01'");
    expect(d?.text).toContain('"color": WriteFixtures$Color.GREEN');
    expect(d?.text).toContain('"set": Set ["x", "y"]');
  });

  it("shows handle loops and shared objects as refs", async () => {
    const t = (await decode("loop"))?.tree;
    const root = fields(t);
    const kids = root.children;
    if (kids?.k !== "list") throw new Error("no children");
    const [child, again] = kids.items;
    expect(child).toMatchObject({ k: "object", cls: "WriteFixtures$Node" });
    const id = child?.k === "object" ? child.id : -1;
    expect(again).toEqual({ k: "ref", id, cls: "WriteFixtures$Node" });
    expect(fields(child).parent).toEqual({
      k: "ref",
      id: t?.k === "object" ? t.id : -1,
      cls: "WriteFixtures$Node",
    });
  });

  it("reads a Spring-Session-like attribute (a principal with authorities and a Date)", async () => {
    const d = await decode("springSessionAttr");
    const f = fields(d?.tree);
    expect(f.username).toEqual({ k: "str", v: "ada" });
    expect(f.authorities).toEqual({
      k: "list",
      items: [
        { k: "str", v: "ROLE_USER" },
        { k: "str", v: "ROLE_ADMIN" },
      ],
    });
    expect(f.lastLogin).toMatchObject({ repr: "2023-11-14T22:13:20.000Z" });
  });

  it("refuses hostile streams: unknown handles, looping superclasses, huge arrays", () => {
    const j = (hex: string) => () => decodeJava(Buffer.from(`aced0005${hex}`, "hex"), new Budget());
    // TC_REFERENCE to handle 0x7e0005 before anything exists
    expect(j("71007e0005")).toThrow(NotThisFormat);
    // TC_OBJECT, TC_CLASSDESC "A" suid 0, handle 0, flags SC_SERIALIZABLE, 0 fields,
    // TC_ENDBLOCKDATA, superclass = TC_REFERENCE to itself (handle 0x7e0000): a loop
    expect(j("7372000141" + "0000000000000000" + "02" + "0000" + "78" + "71007e0000")).toThrow(
      /loops/,
    );
    // TC_ARRAY of class "[I" with 0x7fffffff elements and no data
    expect(
      j("757200025b49" + "0000000000000000" + "02" + "0000" + "78" + "70" + "7fffffff"),
    ).toThrow(NotThisFormat);
    // TC_STRING with a length past the end
    expect(j("74ffff41")).toThrow(NotThisFormat);
    // 100,000 TC_RESETs before a TC_NULL: bounded like nesting, no stack overflow
    const resets = decodeJava(
      Buffer.from(`aced0005${"79".repeat(100_000)}70`, "hex"),
      new Budget(),
    );
    expect(resets).toEqual({ k: "cut", why: "nested deeper than 64" });
    expect(() => decodeJava(Buffer.from("aced0004", "hex"), new Budget())).toThrow(NotThisFormat);
  });

  it("cuts deep nesting without overflowing the stack", async () => {
    // A stream header alone is not a value.
    expect(await decodeBytes(bytes("arraylist").subarray(0, 4), "auto")).toBeNull();
    // Object[] { Object[] { … } }: TC_ARRAY, classdesc "[Ljava.lang.Object;" then a reference.
    const desc = Buffer.from(
      "757200135b4c6a6176612e6c616e672e4f626a6563743b" +
        "90ce589f1073296c" +
        "02" +
        "0000" +
        "78" +
        "70" +
        "00000001",
      "hex",
    );
    const again = Buffer.from("7571007e0000" + "00000001", "hex"); // TC_ARRAY, desc by reference, 1 element
    const deep = Buffer.concat([
      Buffer.from("aced0005", "hex"),
      desc,
      ...Array(10_000).fill(again),
      Buffer.from("70", "hex"),
    ]);
    // A superclass chain 100,000 class descriptors long (each "A", serializable, no fields).
    const level = "720001410000000000000000020000" + "78";
    const chain = await decodeBytes(
      Buffer.from(`aced000573${level.repeat(100_000)}70`, "hex"),
      "auto",
    );
    expect(chain?.format).toBe("java");
    expect(chain?.cut).toMatch(/nested deeper than 64/);
    const dd = await decodeBytes(deep, "auto");
    expect(dd?.format).toBe("java");
    expect(dd?.cut).toMatch(/nested deeper than 64/);
  });
});
