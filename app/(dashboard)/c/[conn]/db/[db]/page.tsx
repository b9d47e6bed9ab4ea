import { notFound } from "next/navigation";
import { Suspense } from "react";
import { KeyBrowser } from "@/components/browser/key-browser";

export default async function KeyBrowserPage({
  params,
}: {
  params: Promise<{ conn: string; db: string }>;
}) {
  const { conn, db } = await params;
  if (!/^\d{1,5}$/.test(db)) notFound();
  return (
    <Suspense>
      <KeyBrowser conn={decodeURIComponent(conn)} db={Number(db)} />
    </Suspense>
  );
}
