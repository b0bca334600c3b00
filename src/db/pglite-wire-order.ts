// Keeps the embedded engine's connections from interleaving inside a query cycle.
//
// PGlite is one PostgreSQL session; @electric-sql/pglite-socket (0.2.17) serves many client
// connections from it by queueing their protocol messages one by one. It keeps a connection's
// messages together only while an explicit transaction block is open (isInTransaction()). Outside
// one, the messages of an extended-protocol query (Parse, Bind, Describe, Execute, Sync: what
// node-postgres sends for every query with parameters) from different connections are interleaved
// when three or more connections are busy: one connection's Bind then binds another's unnamed
// statement (wrong rows returned to the wrong caller, silently), and after an error the session
// discards every message until that connection's Sync (simple queries of other connections get no
// answer at all: they hang). Reproduced with three connections, one of them using transactions
// (test/pglite-wire-order.test.ts); pg-boss's worker loops beside kitchen-db's pool hit it.
//
// serializeQueryCycles(server) replaces the server's queue scheduler: once a connection's message
// has been run, only that connection's messages run until the session answers ReadyForQuery with
// status idle ('I') — the end of a simple query, of an extended-protocol cycle (Sync), and of a
// transaction block ('T'/'E' keep it). A connection that goes away while it holds the session gets
// a Sync and, inside a transaction, a ROLLBACK, so nobody waits for it.
// To be called by startEmbedded() before server.start().
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

/** The parts of pglite-socket's (unexported) QueryQueueManager this relies on. */
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(message: Uint8Array, options: { onRawData(data: Uint8Array): void }): Promise<unknown>;
    execProtocolRaw(message: Uint8Array): Promise<unknown>;
    isInTransaction(): boolean;
    exec(sql: string): Promise<unknown>;
  };
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

let applied = false;

/** Whether serializeQueryCycles() has been applied to a server in this process (tests use it). */
export function queryCyclesSerialized(): boolean {
  return applied;
}

export function serializeQueryCycles(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue?: QueryQueue }).queryQueue;
  if (!q || typeof q.processQueue !== 'function' || !Array.isArray(q.queue)) {
    throw new Error('serializeQueryCycles: this @electric-sql/pglite-socket has no queryQueue to patch; check the fix against the new version');
  }
  /** The connection that holds the session (mid-cycle or in a transaction), or null when idle. */
  let owner: number | null = null;

  q.processQueue = async function (this: QueryQueue): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let item: QueuedMessage | undefined;
        if (owner !== null) {
          const index = this.queue.findIndex((m) => m.handlerId === owner);
          if (index === -1) break; // the owner's next message has not arrived yet
          item = this.queue.splice(index, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break;
        const current = item;
        // The last 6 bytes of the answer: a cycle ends with ReadyForQuery = 'Z', int32 5, status.
        const tail: number[] = [];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                for (const b of data.length > 6 ? data.subarray(data.length - 6) : data) {
                  tail.push(b);
                  if (tail.length > 6) tail.shift();
                }
                current.onData(data);
              },
            }),
          );
        } catch (error) {
          owner = null;
          current.reject(error);
          continue;
        }
        const ready = tail.length === 6 && tail[0] === READY_FOR_QUERY && tail[1] === 0 && tail[2] === 0 && tail[3] === 0 && tail[4] === 5;
        owner = ready && tail[5] === IDLE ? null : current.handlerId;
        this.lastHandlerId = current.handlerId;
        current.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const original = q.clearTransactionIfNeeded.bind(q);
  q.clearTransactionIfNeeded = async function (this: QueryQueue, handlerId: number): Promise<void> {
    if (owner !== handlerId) return original(handlerId);
    owner = null;
    await this.db.runExclusive(() => this.db.execProtocolRaw(SYNC)).catch(() => {});
    // exec() takes PGlite's query lock itself (not re-entrant): inside runExclusive it would wait forever.
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => {});
    await this.processQueue();
  };
  applied = true;
}
