import { handle } from "@/lib/api/route";
import { keys } from "@/lib/endpoints";
import { keysMemory } from "@/lib/redis/key-memory";

// GET /api/connections/{conn}/db/{db}/keys/memory?k=…&k=… – MEMORY USAGE of up to 200 keys
export const GET = handle(keys.memory, async ({ conn, db, query }) => ({
  keys: await keysMemory(conn, db, query.keys),
}));
