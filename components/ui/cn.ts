import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Joins class names (skipping falsy ones) and resolves Tailwind conflicts so the last class wins:
 * a caller's `className="h-7"` replaces a primitive's `h-8` instead of losing to it in CSS order.
 */
export function cn(...parts: ClassValue[]): string {
  return twMerge(clsx(parts));
}
