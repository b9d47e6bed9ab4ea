import { ConsoleView } from "@/components/console/console-view";

export const metadata = { title: "Console · Keyscope" };

export default async function ConsolePage({
  params,
}: {
  params: Promise<{ conn: string; db: string }>;
}) {
  const { conn, db } = await params;
  return <ConsoleView conn={decodeURIComponent(conn)} db={Number(db)} />;
}
