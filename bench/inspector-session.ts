import { Session } from 'node:inspector';

/** This process's own inspector, for the bench's profilers: `post` a DevTools protocol method, `close` when done. */
export function inspectorSession(): { post: (method: string, params?: object) => Promise<unknown>; close: () => void } {
  const session = new Session();
  session.connect();
  return {
    post: (method, params = {}) => new Promise<unknown>((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result)))),
    close: () => session.disconnect(),
  };
}
