"use client";
import { usePathname } from "next/navigation";
import { Button } from "@/components/ui/button";
import { toggleConsole, useConsoleOpen } from "./console-toggle";

/** The header's toggle for the console drawer (Ctrl+`). */
export function ConsoleButton() {
  const open = useConsoleOpen();
  const pathname = usePathname();
  // The console's own page needs no drawer.
  if (pathname.endsWith("/cli")) return null;
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-pressed={open}
      onClick={toggleConsole}
      title="Console (Ctrl+`)"
    >
      Console
    </Button>
  );
}
