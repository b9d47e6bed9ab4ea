import { describe, expect, it } from "vitest";
import { isScanAllPage, keyListQuery } from "@/lib/queries/keys";
import { qk } from "@/lib/query-keys";

describe("key list pages", () => {
  it("says how each page is asked for from the switches in the key", () => {
    expect([0, 1, 2].map((i) => isScanAllPage([], i))).toEqual([false, false, false]);
    expect([0, 1, 2, 3].map((i) => isScanAllPage([2], i))).toEqual([false, false, true, true]);
    expect([0, 1, 2, 3, 4].map((i) => isScanAllPage([1, 3], i))).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
  });

  it("keeps the switches in the query key and counts pages in the page parameter", () => {
    const filter = { match: "a*", type: "" };
    const q = keyListQuery("c", 0, filter, [2]);
    expect(q.queryKey).toEqual(qk.keys("c", 0, filter, [2]));
    expect(q.queryKey).not.toEqual(keyListQuery("c", 0, filter, []).queryKey);
    const page = { cursor: "17", keys: [], dbsize: 1 };
    expect(q.getNextPageParam(page, [page], { cursor: "0", index: 0 }, [])).toEqual({
      cursor: "17",
      index: 1,
    });
    expect(
      q.getNextPageParam({ ...page, cursor: "0" }, [page], { cursor: "9", index: 4 }, []),
    ).toBeUndefined();
  });
});
