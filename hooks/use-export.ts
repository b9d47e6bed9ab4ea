"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import type { JsonBytes } from "@/lib/bytes";
import { keyExport } from "@/lib/endpoints";
import { exportJobQuery } from "@/lib/queries/transfer";
import type { TransferFormat } from "@/lib/schemas/transfer";

export type ExportRequest = { match: JsonBytes; type?: string; format: TransferFormat };

export function useStartExport(conn: string, db: number) {
  return useMutation({
    mutationFn: (req: ExportRequest) =>
      request(keyExport.start, { params: { conn, db }, body: req }),
    // The dialog shows these beside the form (a refused glob, too many jobs running).
    meta: { inlineErrors: ["BAD_REQUEST", "CONFLICT", "NOT_FOUND"] },
  });
}

/** An export job's progress, polled every 500 ms while it runs (an export changes no key). */
export function useExportJob(jobId: string | null) {
  return useQuery(exportJobQuery(jobId));
}
