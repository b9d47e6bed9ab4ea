import { CeleryView } from "@/components/celery/celery-view";

export const metadata = { title: "Celery · Keyscope" };

export default async function CeleryPage({
  params,
}: {
  params: Promise<{ conn: string; db: string }>;
}) {
  const { conn, db } = await params;
  return <CeleryView conn={decodeURIComponent(conn)} db={Number(db)} />;
}
