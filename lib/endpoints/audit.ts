import { auditList, auditQuery } from "@/lib/schemas/audit";
import { endpoint } from "./define";

// The audit log of writes.

export const list = endpoint({
  method: "GET",
  path: "/api/audit",
  summary:
    "The audit log of writes, newest first, filtered by text and connection; `before` pages back",
  query: auditQuery,
  response: auditList,
});
