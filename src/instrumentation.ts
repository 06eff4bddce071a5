// Runs once when the server starts: a bad configuration stops start-up with the list of wrong variables.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./server/config");
  getConfig();
}
