import { describe, expect, test } from "vitest";
import { csvField, reportCsv } from "./csv";
import { createReportBuilder } from "./report-builder";
import { meta, sample } from "./test-helpers";

describe("reportCsv", () => {
  test("a header row, one row per namespace, text or b64 prefixes, RFC 4180 quoting", () => {
    const b = createReportBuilder({ delimiter: ":" });
    b.add(sample("plain:k", { memoryBytes: 300 }));
    b.add(sample('we,ird"\nname:k', { memoryBytes: 200, ttlMs: 5_000 }));
    b.add(sample(Buffer.from([0xff, 0xfe, 0x3a, 0x41]), { memoryBytes: 100 }));
    b.add(sample("b64:x:k", { memoryBytes: 50 }));
    const csv = reportCsv(b.finish(meta()));
    expect(csv).toBe(
      [
        "prefix,depth,keys,memory_bytes,no_ttl_keys,share",
        "plain,1,1,300,1,0.46153846153846156",
        '"we,ird""\nname",1,1,200,0,0.3076923076923077',
        "b64://4=,1,1,100,1,0.15384615384615385",
        "b64,1,1,50,1,0.07692307692307693",
        // A UTF-8 prefix that starts with "b64:" is written as b64, so the column reads one way.
        "b64:YjY0Ong=,2,1,50,1,0.07692307692307693",
        "",
      ].join("\r\n"),
    );
  });

  test("fields are quoted only when they must be", () => {
    expect(csvField("abc")).toBe("abc");
    expect(csvField("a\rb")).toBe('"a\rb"');
    expect(csvField('"')).toBe('""""');
  });
});
