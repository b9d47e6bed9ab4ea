"use client";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import { globFor } from "@/lib/format";

/**
 * A MATCH glob for HSCAN/SSCAN/ZSCAN, typed like the key filter: a bare prefix gets `*`.
 * Applied 300 ms after typing stops (or on Enter), so each keystroke does not start a scan.
 */
export function MatchFilter({
  value,
  onChange,
  label,
  placeholder,
}: {
  value: string;
  onChange: (glob: string) => void;
  label: string;
  placeholder: string;
}) {
  const [text, setText] = useState(value);
  useEffect(() => {
    const glob = globFor(text);
    if (glob === value) return;
    const timer = setTimeout(() => onChange(glob), 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <Input
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") onChange(globFor(text));
        if (e.key === "Escape") setText("");
      }}
      aria-label={label}
      placeholder={placeholder}
      spellCheck={false}
      className="min-w-0 flex-1 font-mono"
    />
  );
}
