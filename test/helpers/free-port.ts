import { createServer } from 'node:net';

/** A port free right now on 127.0.0.1, for a server whose URL must be known before it listens (webhook and OAuth callbacks). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
