import "server-only";
import { ApiError } from "@/lib/errors";
import type { ConnectionState } from "@/lib/schemas/connections";

export async function connectionState(_: string): Promise<ConnectionState> {
  throw new ApiError("INTERNAL", "Connection state is being built.");
}
