"use client";
import { Button } from "@/components/ui/button";
import { toggleConsole, useConsoleOpen } from "./console-toggle";

/** The header's toggle for the console drawer (Ctrl+`). */
export function ConsoleButton() {
  const open = useConsoleOpen();
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
