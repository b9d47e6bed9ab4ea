import Link from "next/link";
import { AfterHydration } from "@/components/app/after-hydration";
import { SessionMenu } from "@/components/auth/session-menu";
import { ConnectionsView } from "@/components/connections/connections-view";

export const dynamic = "force-dynamic";

// The connections page: reached from the header's connection picker ("Manage connections…"),
// and where `/` goes when there is no default connection.
export default function ConnectionsPage() {
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-4 p-6">
      <div className="flex items-center gap-3">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <img src="/favicon.svg" alt="" className="size-6" />
          Keyscope
        </Link>
        <span className="text-zinc-400">/</span>
        <h1 className="flex-1 text-lg font-semibold">Connections</h1>
        <SessionMenu />
      </div>
      <AfterHydration>
        <ConnectionsView />
      </AfterHydration>
    </main>
  );
}
