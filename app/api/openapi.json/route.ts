import { openApiDocument } from "@/lib/api/openapi";
import { route } from "@/lib/api/route";

// GET /api/openapi.json – OpenAPI 3.1 description of every route, generated from the zod schemas
export const GET = route({}, async () => openApiDocument());
