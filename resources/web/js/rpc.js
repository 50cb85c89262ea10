// JSON-RPC 2.0 over the console's WebSocket (docs/web-protocol.md).
// Requests return promises; pushes ("connections.changed", …) go to the
// handlers registered with on(). The socket reconnects with backoff and
// subscribes again to every topic it had. A long request's `progress`
// notifications go to the onProgress it was made with.

export class RpcError extends Error {
  constructor({ code, message }) {
    super(message);
    this.code = code;
  }
}

export const Cancelled = -32002;

export class RpcClient extends EventTarget {
  constructor(url) {
    super();
    this.url = url;
    this.nextId = 1;
    this.pending = new Map();
    this.handlers = new Map();
    this.topics = new Set();
    this.backoffMs = 500;
    this.open = false;
    this.connect();
  }

  connect() {
    this.socket = new WebSocket(this.url);
    this.socket.addEventListener('open', () => {
      this.open = true;
      this.backoffMs = 500;
      this.dispatchEvent(new CustomEvent('state', { detail: 'open' }));
      for (const topic of this.topics) this.request('subscribe', { topic }).catch(() => {});
    });
    this.socket.addEventListener('message', (event) => this.receive(event.data));
    this.socket.addEventListener('close', (event) => {
      this.open = false;
      for (const { reject } of this.pending.values())
        reject(new RpcError({ code: -1, message: 'the connection to the console closed' }));
      this.pending.clear();
      this.dispatchEvent(new CustomEvent('state', { detail: event.code === 1008 ? 'refused' : 'closed' }));
      setTimeout(() => this.connect(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, 10000);
    });
  }

  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.method === 'progress') {
      const waiting = this.pending.get(message.params?.id);
      if (waiting?.onProgress) waiting.onProgress(message.params);
      return;
    }
    if (message.method) {
      for (const handler of this.handlers.get(message.method) || []) handler(message.params);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.error) waiting.reject(new RpcError(message.error));
    else waiting.resolve(message.result);
  }

  request(method, params = {}, { onProgress } = {}) {
    if (!this.open) return Promise.reject(new RpcError({ code: -1, message: 'not connected to the console' }));
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, onProgress }));
    promise.id = id;
    this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return promise;
  }

  // A request whose id the caller needs (to cancel it).
  requestWithId(method, params = {}, options = {}) {
    const promise = this.request(method, params, options);
    return { id: promise.id, promise };
  }

  on(method, handler) {
    if (!this.handlers.has(method)) this.handlers.set(method, new Set());
    this.handlers.get(method).add(handler);
    return () => this.handlers.get(method).delete(handler);
  }

  // Pushes of `topic` until the returned function is called.
  subscribe(topic, handler) {
    const off = this.on(`${topic}.changed`, handler);
    this.topics.add(topic);
    if (this.open) this.request('subscribe', { topic }).catch(() => {});
    return () => {
      off();
      if ([...(this.handlers.get(`${topic}.changed`) || [])].length === 0) {
        this.topics.delete(topic);
        if (this.open) this.request('unsubscribe', { topic }).catch(() => {});
      }
    };
  }
}
