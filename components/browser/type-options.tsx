"use client";
import { useServerTypes } from "@/hooks/use-server-types";

/**
 * The <option>s of a type dropdown: the types this server has (no ReJSON-RL without RedisJSON),
 * plus the current value if the server lacks it, so a shared link's filter still shows.
 */
export function TypeOptions({
  conn,
  db,
  value,
  anyLabel,
}: {
  conn: string;
  db: number;
  value: string;
  /** The label of "" (no type filter). */
  anyLabel: string;
}) {
  const types = useServerTypes(conn, db);
  const shown = value && !types.includes(value) ? [...types, value] : types;
  return (
    <>
      <option value="">{anyLabel}</option>
      {shown.map((t) => (
        <option key={t} value={t}>
          {t}
        </option>
      ))}
    </>
  );
}
