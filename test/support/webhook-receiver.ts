import http from "node:http";
import type { AddressInfo } from "node:net";

// A webhook receiver on 127.0.0.1 for alert tests: records every POST and answers as told, one answer per
// request in order (the last one repeats): a status code, or "hang" (never answers).

export type Answer = number | "hang";

export interface ReceivedPost {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

export interface WebhookReceiver {
  url: string;
  posts: ReceivedPost[];
  /** Sets the answers for the next requests. */
  answer(...answers: Answer[]): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(delayMs = 0): Promise<WebhookReceiver> {
  const posts: ReceivedPost[] = [];
  let answers: Answer[] = [200];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      posts.push({ path: request.url ?? "", contentType: request.headers["content-type"], body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (answer === "hang") {
        hanging.add(response);
        return;
      }
      setTimeout(() => response.writeHead(answer, { "content-type": "text/plain" }).end("ok"), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook/secret-token-abcd`,
    posts,
    answer: (...next) => {
      answers = next;
    },
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
