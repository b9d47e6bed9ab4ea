import { expect } from "vitest";
import { call } from "../harness";
import * as r from "../routes";

// What the cluster job tests share: start a job, wait for it, read it.

export const params = { conn: "default", db: "0" };
export const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

export async function finished(jobId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await call(r.jobs.GET, { params: { jobId } });
    if (json.state !== "running" || Date.now() > deadline) return json;
    await sleep(20);
  }
}

export async function started(res: Promise<{ status: number; json: any }>): Promise<string> {
  const { status, json } = await res;
  expect(status, JSON.stringify(json)).toBe(202);
  return json.jobId as string;
}

/** Each master's DBSIZE. */
export async function sizes(masters: { dbsize(): Promise<number> }[]): Promise<number[]> {
  return Promise.all(masters.map((m) => m.dbsize()));
}
