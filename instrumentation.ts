/** Runs once when the server starts; the work itself needs Node (lib/server-start.ts). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server-start");
    await startServer();
  }
}
