import "server-only";
import { ApiError } from "@/lib/errors";
import type { ConnectionTestInput, ConnectionTestResult } from "@/lib/schemas/connections";

export async function testConnection(_: ConnectionTestInput): Promise<ConnectionTestResult> {
  throw new ApiError("INTERNAL", "Testing connections is being built.");
}
