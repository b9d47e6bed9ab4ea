import "server-only";
import { splitArgs } from "@/lib/cli/split-args";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import type { CliBody } from "@/lib/schemas/cli";
import { type Plan, planCommand } from "./cli-policy";
import { commandCatalog } from "./command-catalog";
import { runConsoleCommand } from "./console";
import { firstServerNode, targetFor } from "./target";

// The console's request, from body to answer: the arguments (split as redis-cli splits a
// line), the plan (read or write, dangerous, refused), the keys for the audit line, the run.

export type CliRequest = { args: Buffer[]; plan: Plan; keys: Buffer[] };

export function argsOf(body: CliBody): Buffer[] {
  if (body.args) return body.args;
  const split = splitArgs(body.line ?? "");
  if (!split.ok) throw new ApiError("BAD_REQUEST", split.error);
  if (split.args.length === 0) throw new ApiError("BAD_REQUEST", "line: no command given.");
  return split.args.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

/** The keys a command names, as the server finds them (COMMAND GETKEYS); none when it has none. */
async function keysOf(connId: string, args: Buffer[]): Promise<Buffer[]> {
  try {
    const node = await firstServerNode(targetFor(connId, 0));
    return (await node.callBuffer("COMMAND", "GETKEYS", ...args)) as Buffer[];
  } catch {
    return []; // keyless commands, and wrong arity (Redis will say so when it runs)
  }
}

export async function planRequest(connId: string, body: CliBody): Promise<CliRequest> {
  let args: Buffer[];
  try {
    args = argsOf(body);
  } catch (e) {
    const refusal = e as ApiError;
    return { args: [], plan: { name: "", write: false, dangerous: false, refusal }, keys: [] };
  }
  const plan = planCommand(args, await commandCatalog(connId), config().commandTimeoutMs);
  const keys = plan.write && !plan.refusal ? await keysOf(connId, args) : [];
  return { args, plan, keys };
}

export async function runRequest(connId: string, db: number, request: CliRequest, body: CliBody) {
  const { plan, args } = request;
  if (plan.refusal) throw plan.refusal;
  if (plan.dangerous && body.confirm?.trim().toUpperCase() !== plan.name)
    throw new ApiError(
      "CONFIRMATION_REQUIRED",
      `${plan.name} is dangerous; send "confirm": "${plan.name}" to run it.`,
    );
  const answer = await runConsoleCommand(connId, db, args, {
    limit: body.limit,
    limitBytes: body.limitBytes,
  });
  return {
    reply: answer.reply,
    durationMs: answer.durationMs,
    ...(answer.truncated && { truncated: true as const }),
  };
}
