import { handle } from "@/lib/api/route";
import { keys } from "@/lib/endpoints";
import { serverTypes } from "@/lib/redis/server-types";

// GET /api/connections/{conn}/db/{db}/types – the type names this server has, for type filters
export const GET = handle(keys.types, async ({ conn, db }) => {
  const { names, any } = await serverTypes(conn, db);
  return { types: [...names], any };
});
