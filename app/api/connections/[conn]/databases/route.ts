import { handle } from "@/lib/api/route";
import { server } from "@/lib/endpoints";
import { listDatabases } from "@/lib/redis/databases";

// GET /api/connections/{conn}/databases – every database with its key count (INFO keyspace)
export const GET = handle(server.databases, async ({ conn }) => ({
  databases: await listDatabases(conn),
}));
