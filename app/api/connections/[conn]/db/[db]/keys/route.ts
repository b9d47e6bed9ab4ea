import { keysPageJson } from "@/lib/api/keys-page-json";
import { handle } from "@/lib/api/route";
import { keys } from "@/lib/endpoints";
import { createKey } from "@/lib/redis/edits";
import { exactCandidate, lookupExactKey } from "@/lib/redis/exact-key";
import { scanKeys } from "@/lib/redis/scan";
import { walkProgress } from "@/lib/redis/scan-progress";

// GET /api/connections/{conn}/db/{db}/keys – one bounded SCAN step, with type and TTL unless meta=0;
// on the first page, a match that names one key is also looked up directly (`exact`)
export const GET = handle(keys.list, async ({ conn, db, query }) => {
  const named = !query.cursor || query.cursor === "0" ? exactCandidate(query.match) : null;
  const [page, exact] = await Promise.all([
    scanKeys(conn, db, query),
    named ? lookupExactKey(conn, db, named, query.type) : undefined,
  ]);
  return keysPageJson(page, {
    ...(named && { exact: exact ?? null }),
    progress: await walkProgress(conn, db, page.cursor),
  });
});

// POST /api/connections/{conn}/db/{db}/keys – create a key of any type; 409 CONFLICT if it exists
export const POST = handle(keys.create, async ({ conn, db, body }) => {
  await createKey(conn, db, body);
  return { created: true };
});
