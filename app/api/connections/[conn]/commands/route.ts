import { handle } from "@/lib/api/route";
import { cli } from "@/lib/endpoints";
import { commandDocs } from "@/lib/redis/command-catalog";

// GET /api/connections/{conn}/commands – the server's commands, for completion and help
export const GET = handle(cli.commands, async ({ conn }) => ({
  commands: await commandDocs(conn),
}));
