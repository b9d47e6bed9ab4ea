"use client";
import { useQuery } from "@tanstack/react-query";
import { type ValueTarget, valueQueries } from "@/lib/queries";

/** A module value: ReJSON-RL as JSON text, anything else as "unsupported" with its memory. */
export function useModuleValue(t: ValueTarget) {
  return useQuery(valueQueries.module(t));
}
