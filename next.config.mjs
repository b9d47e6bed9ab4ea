/** @type {import('next').NextConfig} */
const nextConfig = {
  // ioredis opens sockets and keeps state per process: load it from node_modules at run
  // time instead of bundling it into every route.
  serverExternalPackages: ["ioredis"],
  // A separate build dir lets the bench or a second checkout build without touching .next.
  distDir: process.env.KEYSCOPE_DIST_DIR || ".next",
  // `npm run typecheck` (tsc --noEmit) checks the whole project, tests included, in CI;
  // checking again inside `next build` would only double the build time.
  typescript: { ignoreBuildErrors: true },
  // The proxy (proxy.ts) runs for pages only, and no page takes a body; Next copies a POST's
  // body into memory for it (twice), 10 MB by default. 64 KiB bounds what a flood of page POSTs
  // holds (bodies past it are cut, with one warning line each). API bodies never pass through
  // the proxy: KEYSCOPE_MAX_BODY_BYTES (lib/api/body.ts) is their only limit.
  experimental: { proxyClientMaxBodySize: 64 * 1024 },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
