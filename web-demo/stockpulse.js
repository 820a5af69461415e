// Shared by every page: where the WebSocket API is, the catalog, and a live stock feed that survives reconnects.

export async function loadConfig() {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error('config.json: HTTP ' + response.status);
  return response.json();
}

export async function loadCatalog() {
  const response = await fetch('/catalog.json');
  if (!response.ok) throw new Error('catalog.json: HTTP ' + response.status);
  const raw = await response.json();
  return {
    currency: raw.currency,
    products: new Map(raw.products.map((p) => [p.sku, p])),
    collections: new Map(raw.collections.map((c) => [c.name, c])),
  };
}

export function formatPrice(amount, currency) {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
}

/** The words a shopper sees for a stock level, and a level for colour. */
export function stockLabel(available) {
  if (available <= 0) return { text: 'Sold out', level: 'out' };
  if (available < 10) return { text: `Only ${available} left`, level: 'low' };
  return { text: 'In stock', level: 'in' };
}

export function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
}

/** Replays a CSS animation on an element (the counter "bump" when a value changes). */
export function bump(element) {
  element.classList.remove('bump');
  void element.offsetWidth;
  element.classList.add('bump');
}

/**
 * One WebSocket for one page key. Sends sync on every open, keeps the highest version per SKU (older or repeated
 * messages are dropped), pings inside API Gateway's 10-minute idle limit, and after any close reconnects with
 * exponential backoff and full jitter, keeping the last known values meanwhile. When updates stop, it syncs once
 * more after settleMs (and again until a snapshot answers): the server skips a viewer whose post keeps failing, and
 * a skipped last update would otherwise stay missing until the next one.
 *   status: 'connecting' | 'live' | 'reconnecting' | 'offline'
 */
export class StockFeed {
  constructor({ url, page, onStock, onStatus, onError, pingMs = 4 * 60 * 1000, baseDelayMs = 500, maxDelayMs = 15000,
                settleMs = 5000 }) {
    Object.assign(this, { url, page, onStock, onStatus, onError, pingMs, baseDelayMs, maxDelayMs, settleMs });
    this.settleSyncs = 0;
    this.versions = new Map();
    this.history = [];
    this.attempt = 0;
    this.stopped = false;
    this.connections = 0;
    this.onOnline = () => this.#reconnectNow();
    window.addEventListener('online', this.onOnline);
  }

  start() {
    this.#status('connecting');
    this.#open();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.settleTimer);
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    if (this.socket) this.socket.close(1000, 'page closed');
  }

  /** Applies one stock item if it is newer than what we have; returns whether it was. */
  accept(item) {
    const known = this.versions.get(item.sku);
    if (known !== undefined && known >= item.version) return false;
    this.versions.set(item.sku, item.version);
    this.onStock(item);
    return true;
  }

  #open() {
    // Never two sockets: one still connecting (or open) is closed before its successor opens, and its events are
    // ignored below (socket !== this.socket).
    const previous = this.socket;
    if (previous && previous.readyState !== WebSocket.CLOSED) previous.close(1000, 'replaced');
    const socket = new WebSocket(this.url + '?page=' + encodeURIComponent(this.page));
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      this.connections += 1;
      this.#status('live');
      socket.send(JSON.stringify({ action: 'sync', page: this.page }));
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => {
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ action: 'ping' }));
      }, this.pingMs);
    };
    socket.onmessage = (message) => {
      if (socket === this.socket) this.#receive(message.data);
    };
    socket.onclose = () => {
      if (socket !== this.socket) return;   // a replaced socket's late close must not stop its successor's pings
      clearInterval(this.pingTimer);
      if (this.stopped) return;
      this.#scheduleReconnect();
    };
    // Errors are always followed by close; nothing to add here but not to let them reach the console as uncaught.
    socket.onerror = () => {};
  }

  #receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.type === 'snapshot') {
      clearTimeout(this.settleTimer);
      message.items.forEach((item) => this.accept(item));
    } else if (message.type === 'stock') {
      this.accept(message);
      this.#settleLater();
    }
    else if (message.type === 'error' && this.onError) this.onError(message);
  }

  /** (Re)arms the settle sync: it fires settleMs (plus a little jitter) after the last update, then every settleMs. */
  #settleLater() {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      if (this.stopped) return;
      if (this.socket?.readyState === WebSocket.OPEN) {
        this.settleSyncs += 1;
        this.socket.send(JSON.stringify({ action: 'sync', page: this.page }));
      }
      this.#settleLater();
    }, this.settleMs + Math.random() * this.settleMs * 0.2);
  }

  #scheduleReconnect() {
    this.attempt += 1;
    this.#status(navigator.onLine === false || this.attempt > 6 ? 'offline' : 'reconnecting');
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (this.attempt - 1));
    const delay = Math.max(100, Math.random() * ceiling);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.#open(), delay);
  }

  /** The browser says it is online again: retry at once, unless a socket is already open or on its way. */
  #reconnectNow() {
    const state = this.socket?.readyState;
    if (this.stopped || state === WebSocket.OPEN || state === WebSocket.CONNECTING) return;
    clearTimeout(this.retryTimer);
    this.#open();
  }

  #status(status) {
    this.status = status;
    this.history.push(status);
    if (this.history.length > 50) this.history.shift();
    if (this.onStatus) this.onStatus(status);
  }
}

/** Renders a connection indicator: a dot and a word, announced politely. */
export function showStatus(element, status) {
  const words = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' };
  element.dataset.status = status;
  element.textContent = words[status] ?? status;
}
