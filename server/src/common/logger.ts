/** Plain line logging to stdout/stderr; the level comes from HUB_LOG_LEVEL. */
export interface Logger {
  info(message: string): void;
  /** Always shown unless the level is silent: things an operator must see once. */
  notice(message: string): void;
  error(message: string, error?: unknown): void;
}

export function createLogger(level: 'silent' | 'error' | 'info'): Logger {
  return {
    info: (message) => {
      if (level === 'info') process.stdout.write(`${new Date().toISOString()} ${message}\n`);
    },
    notice: (message) => {
      if (level !== 'silent') process.stdout.write(`${message}\n`);
    },
    error: (message, error) => {
      if (level === 'silent') return;
      const detail = error instanceof Error ? `: ${error.stack ?? error.message}` : error ? `: ${String(error)}` : '';
      process.stderr.write(`${new Date().toISOString()} ERROR ${message}${detail}\n`);
    },
  };
}
