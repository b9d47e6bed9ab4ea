// A one-route Next app (scripts/bench/load.mjs builds it once): the floor under Keyscope's
// /api/health, built and served the way Keyscope is (next build, then node:http in front of
// Next's request handler), with Keyscope's own Next options.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import keyscope from "../../../next.config.mjs";

const here = dirname(fileURLToPath(import.meta.url));

/** @type {import('next').NextConfig} */
export default {
  ...keyscope,
  distDir: ".next",
  turbopack: { root: join(here, "..", "..", "..") },
};
