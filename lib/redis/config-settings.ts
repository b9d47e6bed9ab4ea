import "server-only";
import type { Redis } from "ioredis";
import { ApiError } from "@/lib/errors";
import { afterChange, type MemoryState, memoryWarnings } from "@/lib/memory-warnings";
import {
  type ConfigSettings,
  SETTING_NAMES,
  type SettingName,
} from "@/lib/schemas/config-settings";
import { pickNode } from "./cluster-info";
import { configMap, numberOrNull, parseInfo } from "./info";
import { changeNotifyOnEveryMaster } from "./notify-setting";
import { targetFor } from "./target";

// The few settings the overview can change (lib/schemas/config-settings.ts lists them and what
// each accepts), read with CONFIG GET and written with CONFIG SET, one at a time.

async function configFileOf(node: Redis): Promise<string | null> {
  return parseInfo(await node.info("server")).get("config_file") || null;
}

// On a cluster each node has its own settings: these read and write the node picked on the
// page, else the first master, and the answer says which (`node`). The one exception is
// notify-keyspace-events without a node: keyspace events are node-local, so it is changed on
// every master at once (notify-setting.ts).

export async function readSettings(connId: string, at?: string): Promise<ConfigSettings> {
  const { client: node, addr } = await pickNode(connId, at);
  const configFile = await configFileOf(node);
  let values: Map<string, string>;
  try {
    // One CONFIG GET per name: multi-name CONFIG GET needs Redis 7.
    const replies = await Promise.all(SETTING_NAMES.map((name) => node.config("GET", name)));
    values = configMap(replies.flat());
  } catch (e) {
    // Managed services rename or refuse CONFIG: show the figures, offer no edits.
    if (e instanceof Error && e.name === "ReplyError")
      return { settings: [], available: false, configFile, ...(addr && { node: addr }) };
    throw e;
  }
  const settings = SETTING_NAMES.flatMap((name) => {
    const value = values.get(name);
    return value === undefined ? [] : [{ name, value }];
  });
  return { settings, available: true, configFile, ...(addr && { node: addr }) };
}

async function memoryState(node: Redis): Promise<MemoryState> {
  const info = parseInfo(await node.info("memory"));
  return {
    usedBytes: numberOrNull(info, "used_memory") ?? 0,
    maxmemoryBytes: numberOrNull(info, "maxmemory") ?? 0,
    policy: info.get("maxmemory_policy") ?? "unknown",
  };
}

/**
 * CONFIG SET after checking the value is still the one the person saw (`expect`). A valid
 * maxmemory or policy is applied even below used memory, with `warnings` saying what follows.
 */
export async function changeSetting(
  connId: string,
  name: SettingName,
  value: string,
  expect: string | undefined,
  at?: string,
): Promise<{ name: SettingName; old: string; value: string; warnings?: string[] }> {
  const cluster = targetFor(connId, 0).kind === "cluster";
  if (name === "notify-keyspace-events" && at === undefined && cluster)
    return changeNotifyOnEveryMaster(connId, value, expect);
  const { client: node } = await pickNode(connId, at);
  const read = async () => configMap(await node.config("GET", name)).get(name);
  const old = await read();
  if (old === undefined)
    throw new ApiError("BAD_REQUEST", `This server has no setting named ${name}.`);
  if (expect !== undefined && expect !== old) {
    throw new ApiError(
      "CONFLICT",
      `${name} is now "${old}", not "${expect}" as shown; nothing was changed.`,
    );
  }
  const memory = name === "maxmemory" || name === "maxmemory-policy";
  const before = memory ? await memoryState(node) : null;
  try {
    await node.config("SET", name, value);
  } catch (e) {
    // Redis judged the value itself (the flags of notify-keyspace-events): the client's mistake.
    if (e instanceof Error && e.name === "ReplyError" && /invalid argument/i.test(e.message))
      throw new ApiError("BAD_REQUEST", `Redis refused ${name} "${value}": ${e.message}`);
    throw e;
  }
  // Read back: Redis normalises some values (e.g. rounds maxmemory units).
  const now = (await read()) ?? value;
  const warnings = before ? memoryWarnings(before, afterChange(before, name, now)) : [];
  return { name, old, value: now, ...(warnings.length > 0 && { warnings }) };
}

/** CONFIG REWRITE; 409 CONFLICT when the server runs without a config file to write. */
export async function rewriteConfig(
  connId: string,
  at?: string,
): Promise<{ rewritten: true; configFile: string }> {
  const { client: node } = await pickNode(connId, at);
  const configFile = await configFileOf(node);
  if (!configFile) {
    throw new ApiError(
      "CONFLICT",
      "This server runs without a config file, so CONFIG REWRITE has nowhere to write.",
    );
  }
  await node.config("REWRITE");
  return { rewritten: true, configFile };
}
