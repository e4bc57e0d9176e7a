import type { WebSocket } from 'ws';
import type { Logger } from '../common/logger';

/** A write to a socket whose client has just gone. */
const GONE = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

type SendCallback = (error?: Error) => void;

/**
 * graphql-ws prints "Internal error ..." to stderr and closes with 4500 when
 * a client closes its socket while an answer is being written, or sends bytes
 * that are not WebSocket frames (the ws library then closes the connection
 * with 1002 itself). Both are the client's doing and routine: they are logged
 * at info instead. Called for each connection after graphql-ws has attached
 * its own listeners.
 */
export function quietClientFailures(socket: WebSocket, log: Logger): void {
  const send = socket.send.bind(socket) as (data: unknown, options: object, cb: SendCallback) => void;
  const quietSend = (data: unknown, optionsOrCallback?: object | SendCallback, callback?: SendCallback): void => {
    const cb = typeof optionsOrCallback === 'function' ? optionsOrCallback : callback;
    const options = typeof optionsOrCallback === 'object' ? optionsOrCallback : {};
    send(data, options, (error) => {
      const code = (error as { code?: unknown } | undefined)?.code;
      if (error && typeof code === 'string' && GONE.has(code)) {
        log.info(`WebSocket client went away while being answered (${code})`);
        return cb?.();
      }
      cb?.(error);
    });
  };
  (socket as { send: typeof quietSend }).send = quietSend;
  socket.removeAllListeners('error');
  socket.on('error', (error) => log.info(`WebSocket client broke the protocol (${error.message}); its connection is closed`));
}
