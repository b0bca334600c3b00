// How the CLI talks: plain lines on stdout for people and pipes, `--json` for scripts, progress
// bars only when stdout is a terminal, one-line errors on stderr, meaningful exit codes.
import { KitchenDbError } from '../db/errors.ts';

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  connection: 3,
  notFound: 4,
  invalid: 5,
  /** A file or folder could not be read or written (--out, --data-dir …). */
  fileSystem: 6,
  /** This Node.js is too old: bin/kitchen-db.js checks it before importing anything. */
  nodeTooOld: 7,
} as const;

/** Set once standard output has failed (e.g. EPIPE: `kitchen-db … | head` closed the pipe). */
let stdoutClosed = false;

/**
 * Watches standard output for the reader going away. Without a listener an EPIPE on stdout is an
 * uncaught exception; with it, the command's own error (a write that failed) ends quietly.
 */
export function watchStdout(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') stdoutClosed = true;
  });
}

/** Node's system errors carry code, syscall and usually path; follow `cause` (mapDbError wraps). */
function causes(error: unknown): NodeJS.ErrnoException[] {
  const found: NodeJS.ErrnoException[] = [];
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) found.push(e as NodeJS.ErrnoException);
  return found;
}
function systemErrors(error: unknown): NodeJS.ErrnoException[] {
  return causes(error).filter((x) => typeof x.code === 'string' && typeof x.syscall === 'string');
}

const FS_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EROFS', 'ENOSPC', 'EDQUOT', 'EMFILE', 'ENAMETOOLONG', 'ELOOP', 'EBUSY', 'EXDEV']);
const FS_HINTS: Record<string, string> = {
  ENOENT: 'check that the folder exists',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'no permission: choose a folder you may write to',
  EPERM: 'not permitted: choose a folder you may write to',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'that path is a folder: name a file',
};

/** A file-system failure (a Node system error with a path), however deep it was wrapped. */
export function fileSystemError(error: unknown): NodeJS.ErrnoException | undefined {
  return systemErrors(error).find((e) => FS_CODES.has(e.code!) && (e.path !== undefined || e.syscall !== 'connect'));
}

export interface Output {
  json: boolean;
  /** A line for people (suppressed under --json). */
  line(text?: string): void;
  /** The result of a read command: JSON under --json, else formatted by `human`. */
  result<T>(value: T, human: (value: T) => void): void;
  /** A progress reporter: a bar on a terminal, nothing otherwise. */
  progress(label: string, total: number): { tick(n?: number): void; done(): void };
  /**
   * A live line for a long step on a terminal (standard error): what runs, counts, elapsed time,
   * redrawn in place; nothing when standard error is not a terminal or under --json. done() clears it.
   */
  status(label: string): StatusLine;
}

export interface StatusLine {
  update(text: string): void;
  done(): void;
}

export function createOutput(
  json: boolean,
  stream: NodeJS.WriteStream = process.stdout,
  /** Where live status lines go (when it is a terminal). */
  tty: Pick<NodeJS.WriteStream, 'isTTY' | 'columns' | 'write'> = process.stderr,
): Output {
  return {
    json,
    line(text = '') {
      if (!json) stream.write(text + '\n');
    },
    result(value, human) {
      if (json) stream.write(JSON.stringify(value, null, 2) + '\n');
      else human(value);
    },
    status(label) {
      if (json || !tty.isTTY) return { update() {}, done() {} };
      const started = performance.now();
      let text = '';
      let finished = false;
      const draw = () => {
        const elapsed = `${((performance.now() - started) / 1000).toFixed(1)} s`;
        const line = `${label.padEnd(14)} ${text}`;
        const width = Math.max(20, (tty.columns ?? 100) - elapsed.length - 2);
        tty.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line.padEnd(width)}  ${elapsed}`);
      };
      const timer = setInterval(draw, 250);
      timer.unref();
      draw();
      return {
        update(next) {
          text = next;
          draw();
        },
        done() {
          if (finished) return;
          finished = true;
          clearInterval(timer);
          tty.write('\r\x1b[K');
        },
      };
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
  // The reader of our standard output went away (`| head -c 10`): not an error of ours, and not a
  // database error. Exit quietly, as Unix tools do.
  if (stdoutClosed && causes(error).some((e) => e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED')) return EXIT.ok;
  const fsError = fileSystemError(error);
  if (fsError) {
    const hint = FS_HINTS[fsError.code!];
    const what = fsError.path ? `${fsError.syscall} ${fsError.path}` : fsError.syscall;
    process.stderr.write(`kitchen-db: file-system error: ${what} failed (${fsError.code})${hint ? `: ${hint}` : ''}\n`);
    if (process.env.KITCHEN_DB_DEBUG) process.stderr.write(`${fsError.stack}\n`);
    return EXIT.fileSystem;
  }
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
