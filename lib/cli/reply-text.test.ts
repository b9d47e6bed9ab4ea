import { describe, expect, it } from "vitest";
import { formatReply, isRawTextCommand } from "./reply-text";

const s = (value: string) => ({ type: "string" as const, value });

describe("formatReply (redis-cli's terminal output)", () => {
  it("prints scalars as redis-cli does", () => {
    expect(formatReply({ type: "status", value: "OK" })).toBe("OK");
    expect(formatReply(s("OK"))).toBe('"OK"');
    expect(formatReply({ type: "integer", value: 5 })).toBe("(integer) 5");
    expect(formatReply({ type: "integer", value: "9007199254740994" })).toBe(
      "(integer) 9007199254740994",
    );
    expect(formatReply({ type: "nil", value: null })).toBe("(nil)");
    expect(formatReply({ type: "error", value: "ERR nope" })).toBe("(error) ERR nope");
    expect(formatReply({ type: "array", value: [] })).toBe("(empty array)");
  });

  it("shows non-UTF-8 bytes as \\xNN and escapes quotes", () => {
    expect(
      formatReply({
        type: "string",
        value: { b64: Buffer.from([0xff, 0x00, 0x41]).toString("base64") },
      }),
    ).toBe('"\\xff\\x00A"');
    expect(formatReply(s('say "hi"\n'))).toBe('"say \\"hi\\"\\n"');
    expect(formatReply(s("é"))).toBe('"é"');
  });

  it("numbers nested arrays and indents their lines", () => {
    const items = Array.from({ length: 10 }, (_, i) => s(`v${i}`));
    const nested = {
      type: "array" as const,
      value: [s("0"), { type: "array" as const, value: [s("a"), s("b")] }, ...items.slice(0, 8)],
    };
    expect(formatReply(nested).split("\n").slice(0, 4)).toEqual([
      ' 1) "0"',
      ' 2) 1) "a"',
      '    2) "b"',
      ' 3) "v0"',
    ]);
  });

  it("prints INFO-like text raw", () => {
    expect(isRawTextCommand(["info", "server"])).toBe(true);
    expect(isRawTextCommand(["client", "list"])).toBe(true);
    expect(isRawTextCommand(["get", "k"])).toBe(false);
    expect(formatReply(s("# Server\r\nx:1"), { raw: true })).toBe("# Server\r\nx:1");
  });
});
