import { describe, expect, it } from "vitest";
import { DECOMPRESSORS, decodeBytes } from "@/lib/decode/registry";
import { recogniseKey } from "./registry";

// The celery-message decoder on hand-built kombu envelopes (the real ones are in
// fixtures/python-apps.json, test/api/celery.test.ts): protocol 1 and 2, an unacked triple,
// the compression header, serializers without a reader, and JSON that is not Celery's.

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");
function envelope(body: Buffer | string, opts: { contentType?: string; headers?: object } = {}) {
  return {
    body: b64(body),
    "content-encoding": "utf-8",
    "content-type": opts.contentType ?? "application/json",
    headers: opts.headers ?? {},
    properties: { body_encoding: "base64", priority: 0, delivery_tag: "t1" },
  };
}
const bytes = (o: unknown) => Buffer.from(JSON.stringify(o));

describe("celery-message", () => {
  it("reads a protocol 2 message: task and id from the headers, [args, kwargs, embed] body", async () => {
    const msg = envelope(JSON.stringify([[1, "two"], { k: 3 }, { callbacks: null, chain: null }]), {
      headers: { task: "proj.add", id: "abc", eta: "2030-01-01T00:00:00", retries: 2 },
    });
    const d = await decodeBytes(bytes(msg), "auto");
    expect(d?.format).toBe("celery-message");
    expect(d?.summary).toBe("Celery task proj.add · id abc · eta 2030-01-01T00:00:00");
    expect(d?.text).toContain('[1, "two"]');
    expect(d?.text).toContain("retries: 2");
    expect(d?.text).not.toContain("embed"); // an embed of nulls says nothing
  });

  it("reads a protocol 1 message: everything in the body dict", async () => {
    const body = {
      task: "old.task",
      id: "p1",
      args: [7],
      kwargs: {},
      retries: 0,
      eta: null,
      taskset: "g1",
    };
    const d = await decodeBytes(bytes(envelope(JSON.stringify(body))), "auto");
    expect(d?.summary).toBe("Celery task old.task · id p1");
    expect(d?.text).toContain("[7]");
    expect(d?.text).toContain('group: "g1"');
    expect(d?.text).toContain("protocol: 1");
  });

  it("reads an unacked value: [message, exchange, routing key]", async () => {
    const msg = envelope("[[], {}, {}]", { headers: { task: "t.x", id: "u1" } });
    const d = await decodeBytes(bytes([msg, "celery", "images"]), "auto");
    expect(d?.summary).toBe("Celery task t.x · id u1");
    expect(d?.text).toContain('routing_key: "images"');
  });

  it("keeps the envelope when the body has no reader, and says why", async () => {
    const msg = envelope(Buffer.from([0xde, 0xad]), {
      contentType: "application/x-custom",
      headers: { task: "t.bin", id: "b1" },
    });
    const d = await decodeBytes(bytes(msg), "auto");
    expect(d?.summary).toBe("Celery task t.bin · id b1");
    expect(d?.text).toContain("no reader for application/x-custom");
  });

  it("undoes a zlib compression header when a zlib decompressor is registered", async () => {
    const { deflateSync } = await import("node:zlib");
    const msg = envelope(deflateSync(Buffer.from('[["zipped"], {}, {}]')), {
      headers: { task: "t.z", id: "z1", compression: "application/x-gzip" },
    });
    const d = await decodeBytes(bytes(msg), "auto");
    expect(d?.summary).toBe("Celery task t.z · id z1");
    if (DECOMPRESSORS.some((x) => x.name === "zlib")) expect(d?.text).toContain('"zipped"');
    else expect(d?.text).toContain("zlib is not available");
  });

  it("leaves JSON that is not Celery's to the JSON reader", async () => {
    const d = await decodeBytes(
      bytes({ body: "x", "content-type": "text/html", note: "a web page" }),
      "auto",
    );
    expect(d?.format).toBe("json");
    const r = await decodeBytes(bytes({ status: "ok", task_id: 5 }), "auto");
    expect(r?.format).toBe("celery-message"); // a result document's shape: status + task_id
    expect(r?.summary).toBe("Celery result ok");
    expect((await decodeBytes(bytes({ status: "ok" }), "auto"))?.format).toBe("json");
    const badB64 = { ...envelope("[]"), body: "%%%" };
    expect((await decodeBytes(bytes(badB64), "auto"))?.format).toBe("json");
  });
});

describe("recognisers", () => {
  it("claim nothing that is not text, however close", () => {
    expect(recogniseKey(Buffer.from([0x3a, 0x31, 0x3a, 0xff]), "string")).toBeUndefined();
    expect(recogniseKey(Buffer.from("celery\x06\x163"), "list")).toMatchObject({
      kind: "priority_queue",
    });
    expect(recogniseKey(Buffer.from("celery\x06\x163"), "string")).toBeUndefined();
    expect(recogniseKey(Buffer.alloc(2000, 0x61))).toBeUndefined();
    expect(
      recogniseKey(Buffer.from("3f2504e0-4f89-11d3-9a0c-0305e82c3301.j"), "list"),
    ).toMatchObject({
      kind: "chord_join",
    });
    expect(recogniseKey(Buffer.from("notauuid.j"), "list")).toBeUndefined();
    expect(recogniseKey(Buffer.from("bull:q:__proto__"), "hash")).toMatchObject({
      kind: "job",
      jobId: "__proto__",
    });
    expect(recogniseKey(Buffer.from("bull:q:constructor:logs"), "list")).toMatchObject({
      kind: "job_logs",
    });
    expect(recogniseKey(Buffer.from("rq:wip:default"), "zset")).toMatchObject({ kind: "registry" });
    expect(recogniseKey(Buffer.from("rq:toString:x"), "zset")).toBeUndefined();
  });
});
