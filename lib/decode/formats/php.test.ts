import { describe, expect, it } from "vitest";
import { Budget, NotThisFormat } from "../node";
import { decodeBytes } from "../registry";
import { renderText } from "../render";
import { decodePhp } from "./php";

// PHP serialize() output as PHP 8 writes it (ext/standard/var.c): each string below is what
// serialize() returns for the value in its comment.

const tree = (s: string | Uint8Array) =>
  decodePhp(typeof s === "string" ? Buffer.from(s) : s, new Budget());

describe("PHP serialize()", () => {
  it("reads scalars", () => {
    expect(tree("N;")).toEqual({ k: "null" });
    expect(tree("b:1;")).toEqual({ k: "bool", v: true });
    expect(tree("i:-9223372036854775808;")).toEqual({ k: "int", v: "-9223372036854775808" });
    expect(tree("d:0.1;")).toEqual({ k: "float", v: 0.1 });
    expect(tree("d:-INF;")).toEqual({ k: "float", v: "-inf" });
    expect(tree("d:NAN;")).toEqual({ k: "float", v: "nan" });
  });

  it("counts string lengths in bytes, not characters, and keeps non-UTF-8 bytes", () => {
    // serialize("grüß") — 6 bytes in UTF-8
    expect(tree('s:6:"grüß";')).toEqual({ k: "str", v: "grüß" });
    // serialize("\xff\x00") from a binary string: bytes
    const bin = Buffer.concat([Buffer.from('s:2:"'), Buffer.from([0xff, 0x00]), Buffer.from('";')]);
    expect(tree(bin)).toMatchObject({ k: "bytes", len: 2, b64: "/wA=" });
    // S: (escaped string): "a\x00b" written as S:3:"a\00b";
    expect(tree('S:3:"a\\00b";')).toEqual({ k: "str", v: "a\u0000b" });
    // serialize("a\";b") — a quote inside is just a byte, the length says where it ends
    expect(tree('s:4:"a";b";')).toEqual({ k: "str", v: 'a";b' });
  });

  it("renders strings longer than a line whole (render.ts wrote them as nothing before)", async () => {
    const long = "x".repeat(200);
    const d = await decodeBytes(Buffer.from(`a:1:{i:0;s:200:"${long}";}`), "auto");
    expect(d?.text).toBe(`{\n  0: "${long}",\n}`);
  });

  it("puts array keys in map entries, __proto__ included", async () => {
    // serialize([0 => "a", "__proto__" => ["polluted" => true], "k" => 1.5])
    const s = 'a:3:{i:0;s:1:"a";s:9:"__proto__";a:1:{s:8:"polluted";b:1;}s:1:"k";d:1.5;}';
    const d = await decodeBytes(Buffer.from(s), "auto");
    expect(d?.chain).toEqual(["php"]);
    expect(d?.tree).toEqual({
      k: "map",
      entries: [
        [
          { k: "int", v: "0" },
          { k: "str", v: "a" },
        ],
        [
          { k: "str", v: "__proto__" },
          {
            k: "map",
            entries: [
              [
                { k: "str", v: "polluted" },
                { k: "bool", v: true },
              ],
            ],
          },
        ],
        [
          { k: "str", v: "k" },
          { k: "float", v: 1.5 },
        ],
      ],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(d?.summary).toBe("php · dict of 3");
  });

  it("shows objects with their class and readable private/protected property names", () => {
    // class User { public $name = "ada"; protected $role = "admin"; private $pw = "x"; }
    const s =
      'O:4:"User":3:{s:4:"name";s:3:"ada";s:7:"\0*\0role";s:5:"admin";s:8:"\0User\0pw";s:1:"x";}';
    expect(tree(s)).toEqual({
      k: "object",
      cls: "User",
      fields: [
        ["name", { k: "str", v: "ada" }],
        ["role (protected)", { k: "str", v: "admin" }],
        ["pw (private User)", { k: "str", v: "x" }],
      ],
    });
    // enum Suit { case Hearts; } — serialize(Suit::Hearts)
    expect(tree('E:11:"Suit:Hearts";')).toEqual({ k: "object", cls: "Suit", repr: "Suit::Hearts" });
    // ArrayObject implements Serializable (C:) in PHP < 7.4 style
    expect(tree('C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}')).toEqual({
      k: "object",
      cls: "ArrayObject",
      args: [{ k: "str", v: "x:i:0;a:0:{};m:a:0:{}" }],
    });
  });

  it("shows r:/R: references as refs, never expanded, including an object that holds itself", () => {
    // $o = new stdClass; $o->self = $o; $o->again = [$o]; serialize($o)
    const self = tree('O:8:"stdClass":2:{s:4:"self";r:1;s:5:"again";a:1:{i:0;r:1;}}');
    expect(self).toMatchObject({
      k: "object",
      id: 1,
      fields: [
        ["self", { k: "ref", id: 1, cls: "stdClass" }],
        [
          "again",
          {
            k: "map",
            entries: [
              [
                { k: "int", v: "0" },
                { k: "ref", id: 1 },
              ],
            ],
          },
        ],
      ],
    });
    // $a = 1; $arr = [&$a, &$a]; serialize($arr) → the second is R:2 (a PHP reference)
    expect(tree("a:2:{i:0;i:1;i:1;R:2;}")).toMatchObject({
      entries: [
        [
          { k: "int", v: "0" },
          { k: "int", v: "1" },
        ],
        [
          { k: "int", v: "1" },
          { k: "int", v: "1" },
        ],
      ],
    });
    expect(() => tree("a:1:{i:0;r:7;}")).toThrow(NotThisFormat);
  });

  it("decodes Laravel's double serialization and shows the inner value", async () => {
    // Laravel's redis session: serialize(serialize(["_token" => "abc", "n" => 2]))
    const inner = 'a:2:{s:6:"_token";s:3:"abc";s:1:"n";i:2;}';
    const outer = `s:${Buffer.byteLength(inner)}:"${inner}";`;
    const d = await decodeBytes(Buffer.from(outer), "auto");
    expect(d?.tree).toEqual({
      k: "object",
      cls: "php.serialized",
      args: [
        {
          k: "map",
          entries: [
            [
              { k: "str", v: "_token" },
              { k: "str", v: "abc" },
            ],
            [
              { k: "str", v: "n" },
              { k: "int", v: "2" },
            ],
          ],
        },
      ],
    });
    expect(d?.text).toContain('"_token": "abc"');
    expect(d?.summary).toBe("php · serialized twice · dict of 2");
    // A string that only starts like serialize() output stays a string.
    expect(tree('s:7:"a:1:{xx";')).toEqual({ k: "str", v: "a:1:{xx" });
  });

  it("refuses huge counts and malformed input; cuts deep nesting", async () => {
    const t0 = performance.now();
    expect(() => tree("a:999999999:{")).toThrow(NotThisFormat);
    expect(() => tree('s:999999999:"x";')).toThrow(NotThisFormat);
    expect(() => tree('O:999999:"x":0:{}')).toThrow(NotThisFormat);
    expect(() => tree("i:12")).toThrow(NotThisFormat);
    expect(() => tree("a:1:{i:0;N;")).toThrow(NotThisFormat);
    expect(() => tree("x:1;")).toThrow(NotThisFormat);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(await decodeBytes(Buffer.from("i:love you"), "auto")).toBeNull();

    const deep = `${"a:1:{i:0;".repeat(50_000)}N;${"}".repeat(50_000)}`;
    const d = await decodeBytes(Buffer.from(deep), "auto");
    expect(d?.format).toBe("php");
    expect(d?.cut).toMatch(/nested deeper than 64/);
    expect(renderText(d?.tree as never, "json").text).toContain("nested deeper than 64");
  });
});
