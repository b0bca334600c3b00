// How the CLI talks: plain lines on stdout for people and pipes, `--json` for scripts, progress
// bars only when stdout is a terminal, one-line errors on stderr, meaningful exit codes.
import { KitchenDbError } from '../errors.ts';

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  connection: 3,
  notFound: 4,
  invalid: 5,
} as const;

export interface Output {
  json: boolean;
  /** A line for people (suppressed under --json). */
  line(text?: string): void;
  /** The result of a read command: JSON under --json, else formatted by `human`. */
  result<T>(value: T, human: (value: T) => void): void;
  /** A progress reporter: a bar on a terminal, nothing otherwise. */
  progress(label: string, total: number): { tick(n?: number): void; done(): void };
}

export function createOutput(json: boolean, stream: NodeJS.WriteStream = process.stdout): Output {
  return {
    json,
    line(text = '') {
      if (!json) stream.write(text + '\n');
    },
    result(value, human) {
      if (json) stream.write(JSON.stringify(value, null, 2) + '\n');
      else human(value);
    },
    progress(label, total) {
      if (json || !process.stderr.isTTY || total <= 0) return { tick() {}, done() {} };
      let current = 0;
      let last = 0;
      const draw = () => {
        const width = 30;
        const filled = Math.round((current / total) * width);
        process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${current}/${total}`);
      };
      return {
        tick(n = 1) {
          current = Math.min(total, current + n);
          const now = Date.now();
          if (now - last > 100 || current === total) {
            last = now;
            draw();
          }
        },
        done() {
          draw();
          process.stderr.write('\n');
        },
      };
    },
  };
}

/** One line on stderr and the exit code for an error. */
export function reportError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`kitchen-db: ${message.split('\n')[0]}\n`);
  if (error instanceof KitchenDbError) {
    if (error.code === 'not_found') return EXIT.notFound;
    if (error.code === 'validation') return EXIT.invalid;
    if (error.code === 'connection') return EXIT.connection;
  }
  if (process.env.KITCHEN_DB_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT.failed;
}
