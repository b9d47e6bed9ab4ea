import { dbParams } from "@/lib/schemas/connections";
import { createBody, createResult } from "@/lib/schemas/edits";
import {
  deleteResult,
  keyInfo,
  keyQuery,
  keysMemory,
  keysMemoryQuery,
  keysMeta,
  keysMetaQuery,
  keysPage,
  keysQuery,
  renameBody,
  renameResult,
  serverTypesResult,
  ttlBody,
  ttlResult,
} from "@/lib/schemas/keys";
import { DB, endpoint } from "./define";

// Keys of one database: listing, creating, and what is done to one key as a whole.

export const list = endpoint({
  method: "GET",
  path: `${DB}/keys`,
  summary: "One bounded SCAN step, with type and TTL unless meta=0; `exact` when match names a key",
  params: dbParams,
  query: keysQuery,
  response: keysPage,
});

export const create = endpoint({
  method: "POST",
  path: `${DB}/keys`,
  summary: "Create a key of any type; 409 CONFLICT if it exists",
  params: dbParams,
  body: createBody,
  response: createResult,
  status: 201,
});

export const meta = endpoint({
  method: "GET",
  path: `${DB}/keys/meta`,
  summary: 'Type and TTL of up to 200 keys (`k`: base64url, repeated; "none"/-2 when gone)',
  params: dbParams,
  query: keysMetaQuery,
  response: keysMeta,
});

export const memory = endpoint({
  method: "GET",
  path: `${DB}/keys/memory`,
  summary: "MEMORY USAGE of up to 200 keys (`k`: base64url, repeated; null when gone or refused)",
  params: dbParams,
  query: keysMemoryQuery,
  response: keysMemory,
});

export const types = endpoint({
  method: "GET",
  path: `${DB}/types`,
  summary: "The type names this server has (core types and its modules' types), for type filters",
  params: dbParams,
  response: serverTypesResult,
});

export const info = endpoint({
  method: "GET",
  path: `${DB}/key`,
  summary: "Type, TTL, encoding, memory and length of a key",
  params: dbParams,
  query: keyQuery,
  response: keyInfo,
});

export const remove = endpoint({
  method: "DELETE",
  path: `${DB}/key`,
  summary: "Delete a key (UNLINK)",
  params: dbParams,
  query: keyQuery,
  response: deleteResult,
});

export const ttl = endpoint({
  method: "PUT",
  path: `${DB}/key/ttl`,
  summary: "Set a TTL in seconds, or persist with null",
  params: dbParams,
  query: keyQuery,
  body: ttlBody,
  response: ttlResult,
});

export const rename = endpoint({
  method: "POST",
  path: `${DB}/key/rename`,
  summary: "Rename a key; 409 CONFLICT if the new name exists unless overwrite",
  params: dbParams,
  query: keyQuery,
  body: renameBody,
  response: renameResult,
});
