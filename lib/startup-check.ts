// Imported by instrumentation.ts in the Node.js runtime only.
import { loadConfig } from "@/lib/config";

try {
  loadConfig();
} catch (e) {
  console.error(`keyscope: cannot start: ${(e as Error).message}`);
  process.exit(1);
}
