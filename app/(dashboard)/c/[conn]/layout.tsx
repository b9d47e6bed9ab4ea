import type { ReactNode } from "react";
import { AfterHydration } from "@/components/app/after-hydration";
import { AppHeader } from "@/components/app/app-header";
import { RedisBanner } from "@/components/app/redis-banner";
import { ConsoleDrawer } from "@/components/console/console-drawer";

export default async function ConnectionLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ conn: string }>;
}) {
  const { conn } = await params;
  const id = decodeURIComponent(conn);
  return (
    <div className="flex h-screen flex-col">
      <AppHeader conn={id} />
      <RedisBanner conn={id} />
      <main className="flex min-h-0 flex-1 flex-col">
        <AfterHydration>{children}</AfterHydration>
      </main>
      <ConsoleDrawer conn={id} />
    </div>
  );
}
