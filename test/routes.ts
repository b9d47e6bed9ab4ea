// The route handlers under test, by the path they serve.

export * as databases from "@/app/api/connections/[conn]/databases/route";
export * as download from "@/app/api/connections/[conn]/db/[db]/key/download/route";
export * as edit from "@/app/api/connections/[conn]/db/[db]/key/edit/route";
export * as rename from "@/app/api/connections/[conn]/db/[db]/key/rename/route";
export * as key from "@/app/api/connections/[conn]/db/[db]/key/route";
export * as groups from "@/app/api/connections/[conn]/db/[db]/key/stream/groups/route";
export * as ttl from "@/app/api/connections/[conn]/db/[db]/key/ttl/route";
export * as value from "@/app/api/connections/[conn]/db/[db]/key/value/route";
export * as keys from "@/app/api/connections/[conn]/db/[db]/keys/route";
export * as connections from "@/app/api/connections/route";
export * as health from "@/app/api/health/route";
