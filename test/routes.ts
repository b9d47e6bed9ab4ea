// The route handlers under test, by the path they serve.

export * as audit from "@/app/api/audit/route";
export * as login from "@/app/api/auth/login/route";
export * as logout from "@/app/api/auth/logout/route";
export * as session from "@/app/api/auth/session/route";
export * as configRewrite from "@/app/api/connections/[conn]/config/rewrite/route";
export * as config from "@/app/api/connections/[conn]/config/route";
export * as databases from "@/app/api/connections/[conn]/databases/route";
export * as bulk from "@/app/api/connections/[conn]/db/[db]/bulk/route";
export * as flush from "@/app/api/connections/[conn]/db/[db]/flush/route";
export * as download from "@/app/api/connections/[conn]/db/[db]/key/download/route";
export * as edit from "@/app/api/connections/[conn]/db/[db]/key/edit/route";
export * as rename from "@/app/api/connections/[conn]/db/[db]/key/rename/route";
export * as key from "@/app/api/connections/[conn]/db/[db]/key/route";
export * as groups from "@/app/api/connections/[conn]/db/[db]/key/stream/groups/route";
export * as ttl from "@/app/api/connections/[conn]/db/[db]/key/ttl/route";
export * as value from "@/app/api/connections/[conn]/db/[db]/key/value/route";
export * as keys from "@/app/api/connections/[conn]/db/[db]/keys/route";
export * as flushall from "@/app/api/connections/[conn]/flushall/route";
export * as history from "@/app/api/connections/[conn]/overview/history/route";
export * as overview from "@/app/api/connections/[conn]/overview/route";
export * as bgrewriteaof from "@/app/api/connections/[conn]/persistence/bgrewriteaof/route";
export * as bgsave from "@/app/api/connections/[conn]/persistence/bgsave/route";
export * as persistence from "@/app/api/connections/[conn]/persistence/route";
export * as connections from "@/app/api/connections/route";
export * as health from "@/app/api/health/route";
export * as jobs from "@/app/api/jobs/[jobId]/route";
