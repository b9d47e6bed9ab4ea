import { describe, expect, it } from "vitest";
import { commandText, formatDuration } from "@/components/slowlog/command-text";

describe("slowlog command text", () => {
  it("quotes what redis-cli would, shows odd bytes as \\xNN and keeps Redis's cut", () => {
    const bin = { b64: Buffer.from([0xff, 0x00, 0xfe]).toString("base64") };
    expect(commandText(["set", bin, "a b", "", 'q"'])).toBe(
      'set "\\xff\\x00\\xfe" "a b" "" "q\\""',
    );
    expect(commandText(["sadd", "s", "... (11 more arguments)"])).toBe(
      "sadd s ... (11 more arguments)",
    );
  });
  it("formats durations in µs or ms", () => {
    expect(formatDuration(12345, "us")).toBe("12,345 µs");
    expect(formatDuration(12345, "ms")).toBe("12.345 ms");
  });
});
