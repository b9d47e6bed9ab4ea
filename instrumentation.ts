// Runs once when the server starts: a bad configuration (REDIS_URL, KEYSCOPE_CONNECTIONS, …)
// stops start-up with a message that names the variable, instead of failing on first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadConfig } = await import("@/lib/config");
  try {
    loadConfig();
  } catch (e) {
    console.error(`keyscope: cannot start: ${(e as Error).message}`);
    process.exit(1);
  }
}
