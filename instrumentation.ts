// Runs once when the server starts: a bad configuration (REDIS_URL, KEYSCOPE_CONNECTIONS, …)
// stops start-up with a message that names the variable, instead of failing on first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/startup-check");
}
