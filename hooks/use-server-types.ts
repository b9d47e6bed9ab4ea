"use client";
import { useQuery } from "@tanstack/react-query";
import { serverTypesQuery } from "@/lib/queries";
import { REDIS_TYPES } from "@/lib/redis-types";

/** Core types: those no module brings (until the server has said which it has, or if it cannot). */
const CORE = REDIS_TYPES.filter((t) => t.lengthCommand !== null).map((t) => t.name as string);

/** The type names to offer in a type dropdown: only those the server has. */
export function useServerTypes(conn: string, db: number): readonly string[] {
  const { data } = useQuery(serverTypesQuery(conn, db));
  return data?.types ?? CORE;
}
