import { connect, createServer, type Server, type Socket } from "node:net";
import mongoose from "mongoose";

const { BSON } = mongoose.mongo;
const OP_MSG = 2013;

/** A client's request as the proxy read it: its id, and for OP_MSG the command and its collection. */
export interface WireRequest {
  requestId: number;
  command: string | null;
  collection: string | null;
}

export interface WireHooks {
  /**
   * "hold": the request, and everything after it on that connection, waits in the proxy until
   * `release()` (or is lost with the connection): to the server the client has gone quiet. "drop":
   * the connection is cut, the request unsent (as when a primary steps down and closes connections).
   */
  onRequest?(request: WireRequest): "forward" | "hold" | "drop";
  /** A reply came back from the server, to request `responseTo`. */
  onReply?(responseTo: number): void;
}

/** Complete wire messages at the head of `buffer`, and what is left over. */
function splitMessages(buffer: Buffer): { messages: Buffer[]; rest: Buffer } {
  const messages: Buffer[] = [];
  let offset = 0;
  while (buffer.length - offset >= 4) {
    const length = buffer.readInt32LE(offset);
    if (buffer.length - offset < length) break;
    messages.push(buffer.subarray(offset, offset + length));
    offset += length;
  }
  return { messages, rest: buffer.subarray(offset) };
}

function readRequest(message: Buffer): WireRequest {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  // OP_MSG: header (16), flag bits (4), then the body section: kind 0 and one BSON document.
  if (opCode !== OP_MSG || message.readUInt8(20) !== 0) return { requestId, command: null, collection: null };
  const size = message.readInt32LE(21);
  const body = BSON.deserialize(message.subarray(21, 21 + size));
  const command = Object.keys(body)[0] ?? null;
  const target = command ? body[command] : null;
  return { requestId, command, collection: typeof target === "string" ? target : null };
}

/** Feeds whole messages from a stream of chunks to `each`. */
function messageReader(each: (message: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    const { messages, rest } = splitMessages(Buffer.concat([pending, chunk]));
    pending = rest;
    for (const message of messages) each(message);
  };
}

/**
 * A TCP proxy in front of the test database that reads the MongoDB wire protocol, so that a test can
 * act at an exact point of a process's database work: e.g. kill an importer once its first write to
 * `loans` has been answered and its second is held, never reached the server. Hooks can be changed
 * between runs.
 */
export async function startWireProxy(upstreamPort: number, hooks: WireHooks = {}) {
  const sockets = new Set<Socket>();
  const proxy = { hooks };
  /** Per connection held: the messages waiting, and how to send them on. */
  const releases = new Set<() => void>();
  const server: Server = createServer((client) => {
    const upstream = connect(upstreamPort, "127.0.0.1");
    sockets.add(client).add(upstream);
    let held: Buffer[] | null = null;
    const release = () => {
      for (const message of held ?? []) upstream.write(message);
      held = null;
      releases.delete(release);
    };
    client.on(
      "data",
      messageReader((message) => {
        const fate = held ? "hold" : (proxy.hooks.onRequest?.(readRequest(message)) ?? "forward");
        if (fate === "drop") return close();
        if (fate === "hold" && !held) {
          held = [];
          releases.add(release);
        }
        if (held) held.push(message);
        else upstream.write(message);
      }),
    );
    upstream.on(
      "data",
      messageReader((message) => {
        proxy.hooks.onReply?.(message.readInt32LE(8));
        client.write(message);
      }),
    );
    const close = () => {
      releases.delete(release);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on("error", close);
      socket.on("close", close);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    setHooks(next: WireHooks) {
      proxy.hooks = next;
    },
    /** Holds every connection's next request and all after it, until `release()`. */
    holdAll() {
      proxy.hooks = { ...proxy.hooks, onRequest: () => "hold" };
    },
    /** Stops holding: what was held goes on to the server, in order, and so does everything after. */
    release() {
      proxy.hooks = {};
      for (const release of [...releases]) release();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type WireProxy = Awaited<ReturnType<typeof startWireProxy>>;
