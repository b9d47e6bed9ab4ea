import { openApiDocument } from "@/lib/api/openapi";
import { handle } from "@/lib/api/route";
import { server } from "@/lib/endpoints";

// GET /api/openapi.json – OpenAPI 3.1 description of every endpoint, generated from their definitions
export const GET = handle(server.openapi, async () => openApiDocument());
