/** @type {import('next').NextConfig} */
const nextConfig = {
  // ioredis opens sockets and keeps state per process: load it from node_modules at run
  // time instead of bundling it into every route.
  serverExternalPackages: ["ioredis"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
