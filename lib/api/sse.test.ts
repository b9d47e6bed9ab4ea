import { describe, expect, it } from "vitest";
import { parseEvents } from "@/lib/event-stream-client";
import { eventStream, untilAborted } from "./sse";

// The event stream's own contract: events in order, the end event last, a bounded backlog that
// drops and counts, and the producer's signal aborting when the reader goes away.

async function readAll(
  stream: ReadableStream<Uint8Array>,
): Promise<{ event: string; data: any }[]> {
  const text = await new Response(stream).text();
  return parseEvents(text).events.map((e) => ({ event: e.event, data: JSON.parse(e.data) }));
}

describe("eventStream", () => {
  it("sends events, byte strings in their JSON form, then the end event", async () => {
    const req = new Request("http://localhost/");
    const { events } = eventStream(req, async (sink) => {
      sink.send({ n: 1, key: Buffer.from("plain") });
      sink.send({ n: 2, key: Buffer.from([0xff, 0x00, 0xfe]) });
      return { reason: "timeout", total: 2 };
    });
    expect(await readAll(events)).toEqual([
      { event: "message", data: { n: 1, key: "plain" } },
      { event: "message", data: { n: 2, key: { b64: "/wD+" } } },
      { event: "end", data: { reason: "timeout", total: 2 } },
    ]);
  });

  it("drops what a reader that does not read would pile up, and says how many", async () => {
    const req = new Request("http://localhost/");
    let sent = 0;
    const { events } = eventStream(
      req,
      async (sink) => {
        for (let i = 0; i < 1000; i++) if (sink.send({ i, pad: "x".repeat(100) })) sent++;
        return { reason: "timeout" };
      },
      { bufferBytes: 4096 },
    );
    await new Promise((r) => setTimeout(r, 10));
    const got = await readAll(events);
    const end = got.at(-1);
    expect(end?.event).toBe("end");
    expect(sent).toBeLessThan(100);
    expect(got.length - 1).toBe(sent);
    expect(end?.data.dropped).toBe(1000 - sent);
  });

  it("aborts the producer's signal when the reader cancels, and writes nothing after", async () => {
    const req = new Request("http://localhost/");
    let aborted = false;
    const { events } = eventStream(req, async (sink) => {
      await untilAborted(sink.signal);
      aborted = true;
      return { reason: "closed" };
    });
    const reader = events.getReader();
    await reader.read(); // the opening comment
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 10));
    expect(aborted).toBe(true);
  });

  it("aborts when the request's signal does (the browser left)", async () => {
    const left = new AbortController();
    const req = new Request("http://localhost/", { signal: left.signal });
    let aborted = false;
    eventStream(req, async (sink) => {
      await untilAborted(sink.signal);
      aborted = true;
      return { reason: "closed" };
    });
    left.abort();
    await new Promise((r) => setTimeout(r, 10));
    expect(aborted).toBe(true);
  });

  it("ends with reason error and the message when the producer throws", async () => {
    const { events } = eventStream(new Request("http://localhost/"), async () => {
      throw new Error("Connection is closed.");
    });
    expect((await readAll(events)).at(-1)).toEqual({
      event: "end",
      data: { reason: "error", message: "Connection is closed." },
    });
  });
});
