import { describe, expect, it } from "vitest";
import { parseDuration } from "./ttl-input";

describe("parseDuration", () => {
  it("takes plain seconds and single units", () => {
    expect(parseDuration("120")).toBe(120);
    expect(parseDuration("90s")).toBe(90);
    expect(parseDuration("15m")).toBe(900);
    expect(parseDuration("1h")).toBe(3600);
    expect(parseDuration("2d")).toBe(172_800);
    expect(parseDuration("1w")).toBe(604_800);
    expect(parseDuration(" 1H ")).toBe(3600);
  });

  it("adds up combinations, with or without spaces", () => {
    expect(parseDuration("1h30m")).toBe(5400);
    expect(parseDuration("1d 12h")).toBe(129_600);
    expect(parseDuration("1h 30m 15s")).toBe(5415);
    expect(parseDuration("2m 1s")).toBe(121);
  });

  it("refuses what is not a duration, with a sentence", () => {
    for (const bad of [
      "",
      "1.5",
      "1.5h",
      "-5",
      "h",
      "1x",
      "1h30",
      "abc",
      "1h1h",
      "0",
      "0s",
      "1 h x",
    ])
      expect(typeof parseDuration(bad), bad).toBe("string");
    expect(parseDuration("1.5")).toMatch(/whole numbers/);
    expect(parseDuration("0")).toMatch(/at least 1 second/);
    expect(parseDuration("99999999d")).toMatch(/at most/);
  });
});
