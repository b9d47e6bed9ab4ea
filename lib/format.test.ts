import { describe, expect, it } from "vitest";
import { formatAgo, formatPercent, formatRate, parseBytes } from "./format";

describe("overview formats", () => {
  it("parses sizes the way Redis reads them", () => {
    expect(parseBytes("0")).toBe(0);
    expect(parseBytes("1048576")).toBe(1048576);
    expect(parseBytes("512mb")).toBe(512 * 1024 ** 2);
    expect(parseBytes("1.5 GiB")).toBe(1.5 * 1024 ** 3);
    expect(parseBytes("2k")).toBe(2048);
    expect(parseBytes("-1")).toBeNull();
    expect(parseBytes("lots")).toBeNull();
  });

  it("formats ratios, rates and ages", () => {
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(1 / 3)).toBe("33.3%");
    expect(formatRate(1234.4)).toBe("1,234");
    expect(formatRate(0.25)).toBe("0.3");
    expect(formatAgo(100, 100_400)).toBe("just now");
    expect(formatAgo(0, 125_000)).toBe("2m 5s ago");
  });
});
