"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useLogout, useSession } from "@/hooks/use-session";

/** Right side of the header: global read-only mode, the audit log, and logout when auth is on. */
export function SessionMenu() {
  const session = useSession();
  const logout = useLogout();
  return (
    <div className="ml-auto flex items-center gap-2">
      {session.data?.readOnly && <Badge tone="amber">read-only mode</Badge>}
      <Link
        href="/audit"
        className="text-xs text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        Audit log
      </Link>
      {session.data?.passwordLogin && session.data.authenticated && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
        >
          Log out
        </Button>
      )}
    </div>
  );
}
