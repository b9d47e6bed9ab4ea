import { describe, expect, it } from "vitest";
import { cn } from "@/components/ui/cn";

// The primitives put their defaults first and the caller's className last, so the last
// conflicting Tailwind class must win (list-viewer and zset inputs pass h-7 over Input's h-8).

describe("cn", () => {
  it("lets a caller's class replace the primitive's conflicting one", () => {
    expect(cn("h-8 rounded-md px-2 text-sm", "h-7 w-24 text-xs")).toBe(
      "rounded-md px-2 h-7 w-24 text-xs",
    );
  });

  it("resolves conflicts per variant and keeps unrelated variants", () => {
    expect(
      cn(
        "border-zinc-300 focus:border-indigo-500 dark:border-zinc-700",
        "aria-invalid:border-red-500",
      ),
    ).toBe(
      "border-zinc-300 focus:border-indigo-500 dark:border-zinc-700 aria-invalid:border-red-500",
    );
    expect(cn("dark:bg-zinc-900", "dark:bg-red-900")).toBe("dark:bg-red-900");
  });

  it("knows Tailwind 4 utilities", () => {
    // Tailwind 4 spellings tailwind-merge 2 did not know: outline-hidden, bg-linear-*, shadow-xs.
    expect(cn("outline-none", "outline-hidden")).toBe("outline-hidden");
    expect(cn("bg-linear-to-r", "bg-linear-to-l")).toBe("bg-linear-to-l");
    expect(cn("shadow-xs", "shadow-md")).toBe("shadow-md");
  });

  it("skips falsy parts", () => {
    expect(cn("a", false, null, undefined, "", "b")).toBe("a b");
  });
});
