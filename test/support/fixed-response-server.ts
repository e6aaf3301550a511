import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A loopback HTTP server that sends one fixed response to every request. */
export interface FixedResponseServer {
  baseUrl: string;
  /** Returns how many requests the server has received. */
  requestCount(): number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 that responds to every request with `status` and a JSON `body`. */
export async function startFixedResponseServer(
  status: number,
  body: string,
): Promise<FixedResponseServer> {
  let received = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      received += 1;
      response.writeHead(status, { "content-type": "application/json" });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requestCount: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
