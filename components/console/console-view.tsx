"use client";
import { ConsolePanel } from "./console-panel";

/** The console's own page: the panel over the whole main area. */
export function ConsoleView({ conn, db }: { conn: string; db: number }) {
  return <ConsolePanel conn={conn} db={db} autoFocus />;
}
