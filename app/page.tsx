import { redirect } from "next/navigation";
import { config } from "@/lib/config";

export const dynamic = "force-dynamic";

// `/` opens the default connection's first database, or the connection list without one.
export default function Home() {
  const hasDefault = config().connections.some((c) => c.id === "default");
  redirect(hasDefault ? "/c/default/db/0" : "/connections");
}
