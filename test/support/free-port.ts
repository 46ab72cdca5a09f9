import { createServer } from "node:net";

/** A TCP port on 127.0.0.1 that nothing listens on right now, for a server a test starts as a child process. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
