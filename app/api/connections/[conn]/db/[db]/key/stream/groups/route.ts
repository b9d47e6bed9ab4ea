import { buf, dbRoute } from "@/lib/api/route";
import { bytesToJson } from "@/lib/bytes";
import { streamGroups } from "@/lib/redis/streams";
import { keyQuery } from "@/lib/schemas/keys";

// GET /api/connections/{conn}/db/{db}/key/stream/groups – consumer groups, consumers, lag and pending entries
export const GET = dbRoute({ query: keyQuery }, async ({ conn, db, query }) => {
  const { groups } = await streamGroups(conn, db, buf(query.key));
  return {
    groups: groups.map((g) => ({
      ...g,
      name: bytesToJson(g.name),
      consumers: g.consumers.map((c) => ({ ...c, name: bytesToJson(c.name) })),
      pendingEntries: g.pendingEntries.map((p) => ({ ...p, consumer: bytesToJson(p.consumer) })),
    })),
  };
});
