import Link from "next/link";
import { AuditLog } from "@/components/audit/audit-log";

export const dynamic = "force-dynamic";

export default function AuditPage() {
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-4 p-6">
      <div className="flex items-center gap-3">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <img src="/favicon.svg" alt="" className="size-6" />
          Keyscope
        </Link>
        <span className="text-zinc-400">/</span>
        <h1 className="text-lg font-semibold">Audit log</h1>
      </div>
      <AuditLog />
    </main>
  );
}
