import "server-only";
import { ApiError } from "@/lib/errors";
import type {
  ConnectionInput,
  ConnectionPatch,
  ConnectionSummary,
} from "@/lib/schemas/connections";

const notYet = () => new ApiError("INTERNAL", "Saving connections is being built.");
export async function createConnection(_: ConnectionInput): Promise<{ id: string }> {
  throw notYet();
}
export async function updateConnection(_: string, __: ConnectionPatch): Promise<ConnectionSummary> {
  throw notYet();
}
export async function deleteConnection(_: string): Promise<ConnectionSummary> {
  throw notYet();
}
