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
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
