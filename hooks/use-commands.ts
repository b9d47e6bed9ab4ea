"use client";
import { useQuery } from "@tanstack/react-query";
import { commandsQuery } from "@/lib/queries";

/** The server's commands with their help (completion in the console). */
export function useCommands(conn: string) {
  return useQuery(commandsQuery(conn));
}
