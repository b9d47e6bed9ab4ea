import { connRoute } from "@/lib/api/route";
import { listDatabases } from "@/lib/redis/databases";

// GET /api/connections/{conn}/databases – every database with its key count (INFO keyspace)
export const GET = connRoute({}, async ({ conn }) => ({ databases: await listDatabases(conn) }));
