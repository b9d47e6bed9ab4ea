"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiClientError, checkJson, urlOf } from "@/lib/api-client";
import { imports } from "@/lib/endpoints";
import { isErrorBody } from "@/lib/errors";
import { importJobQuery } from "@/lib/queries";
import { qk } from "@/lib/query-keys";
import { jobStarted } from "@/lib/schemas/bulk";
import type { OnConflict } from "@/lib/schemas/import";

export type Upload =
  | { state: "idle" }
  | { state: "uploading"; sent: number; total: number }
  | { state: "checking" }
  | { state: "started"; jobId: string }
  | { state: "error"; error: ApiClientError };

/**
 * Sends a file to POST …/import. XMLHttpRequest, not fetch: fetch cannot report an upload's
 * progress, and a 1 GiB file needs a bar. The file goes as it is (the browser streams it from
 * disk); the server checks it whole before the job starts ("checking").
 */
export function useImportUpload(conn: string, db: number) {
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const xhr = useRef<XMLHttpRequest | null>(null);
  useEffect(() => () => xhr.current?.abort(), []);
  const start = useCallback(
    (file: File, onConflict: OnConflict) => {
      const req = new XMLHttpRequest();
      xhr.current = req;
      req.open("POST", urlOf(imports.start, { params: { conn, db }, query: { onConflict } }));
      req.setRequestHeader("content-type", "application/octet-stream");
      req.upload.onprogress = (e) =>
        setUpload(
          e.loaded >= e.total
            ? { state: "checking" }
            : { state: "uploading", sent: e.loaded, total: e.total },
        );
      req.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(req.responseText);
        } catch {}
        if (req.status === 202) {
          const { jobId } = checkJson(jobStarted, body);
          setUpload({ state: "started", jobId });
        } else if (isErrorBody(body)) {
          const error = new ApiClientError(req.status, body.error.code, body.error.message);
          setUpload({ state: "error", error });
        } else {
          const error = new ApiClientError(
            req.status,
            "INTERNAL",
            `The server answered ${req.status}.`,
          );
          setUpload({ state: "error", error });
        }
      };
      req.onerror = () =>
        setUpload({
          state: "error",
          error: new ApiClientError(0, "NETWORK", "The upload failed (Keyscope unreachable?)."),
        });
      setUpload({ state: "uploading", sent: 0, total: file.size });
      req.send(file);
    },
    [conn, db],
  );
  const abort = useCallback(() => {
    xhr.current?.abort();
    setUpload({ state: "idle" });
  }, []);
  return { upload, start, abort, reset: () => setUpload({ state: "idle" }) };
}

/** An import job's progress; when it ends, the database's key lists and counts are refetched. */
export function useImportJob(jobId: string | null) {
  const client = useQueryClient();
  const query = useQuery(importJobQuery(jobId));
  const job = query.data;
  const settled = useRef<string | null>(null);
  useEffect(() => {
    if (!job || job.state === "running" || settled.current === job.jobId) return;
    settled.current = job.jobId;
    void client.invalidateQueries({ queryKey: qk.db(job.conn, job.db) });
    void client.invalidateQueries({ queryKey: qk.databases(job.conn) });
  }, [job, client]);
  return query;
}
