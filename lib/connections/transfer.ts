import "server-only";
import type { ByteAnswer } from "@/lib/endpoints/define";
import { ApiError } from "@/lib/errors";
import type { ConnectionImportResult } from "@/lib/schemas/connections";

export async function exportConnections(_: Request, __: boolean): Promise<ByteAnswer> {
  throw new ApiError("INTERNAL", "Export is being built.");
}
export async function importConnections(_: string): Promise<ConnectionImportResult> {
  throw new ApiError("INTERNAL", "Import is being built.");
}
