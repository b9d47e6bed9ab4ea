import { dbParams, okResult } from "@/lib/schemas/connections";
import { editBody, editResult } from "@/lib/schemas/edits";
import { keyQuery, putValueBody } from "@/lib/schemas/keys";
import { itemQuery, itemValue } from "@/lib/schemas/types/item";
import { keyValue, streamGroups, valueQuery } from "@/lib/schemas/values";
import { DB, endpoint } from "./define";

// A key's value: read a page, write, edit, download, and a stream's consumer groups.

export const read = endpoint({
  method: "GET",
  path: `${DB}/key/value`,
  summary: "One page of a value, shaped by its type",
  params: dbParams,
  query: valueQuery,
  response: keyValue,
});

export const item = endpoint({
  method: "GET",
  path: `${DB}/key/value/item`,
  summary:
    "One hash field, list item or stream field value in full (a window: `offset`, `limit`), for what a page previewed",
  params: dbParams,
  query: itemQuery,
  response: itemValue,
});

export const write = endpoint({
  method: "PUT",
  path: `${DB}/key/value`,
  summary: "Set a string value, keeping its TTL",
  params: dbParams,
  query: keyQuery,
  body: putValueBody,
  response: okResult,
});

export const edit = endpoint({
  method: "POST",
  path: `${DB}/key/edit`,
  summary: "One edit of a value; 409 CONFLICT when `expect` no longer holds",
  params: dbParams,
  query: keyQuery,
  body: editBody,
  response: editResult,
});

export const download = endpoint({
  method: "GET",
  path: `${DB}/key/download`,
  summary: "The whole string value as a file, streamed in 1 MiB chunks",
  params: dbParams,
  query: keyQuery,
  response: { kind: "bytes", contentType: "application/octet-stream" },
});

export const groups = endpoint({
  method: "GET",
  path: `${DB}/key/stream/groups`,
  summary: "A stream's consumer groups, consumers, lag and pending entries",
  params: dbParams,
  query: keyQuery,
  response: streamGroups,
});
