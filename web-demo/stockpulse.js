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
 * One WebSocket for one page key, and the viewer's promise: the feed says 'live' only while it has heard from the
 * server within heartbeatDeadlineMs and holds a snapshot answered on this socket. It sends sync on every open and asks
 * again, with backoff and full jitter, until a snapshot answers (an `error`, or API Gateway's own frames such as
 * "Too Many Requests", is such a miss). While the page is visible it pings every heartbeatMs; a socket that stays
 * silent past the deadline (a dead network path with no FIN or RST) is given up and replaced. While hidden it pings
 * only inside API Gateway's 10-minute idle limit (pingMs). When the tab becomes visible again, the network comes back
 * or the page returns from the back/forward cache, it probes (ping and sync) and reconnects if nothing answers
 * within probeMs. It keeps the highest version per SKU (older or repeated messages are dropped) and, after any close,
 * reconnects with exponential backoff and full jitter, keeping the last known values meanwhile. When updates stop,
 * it syncs once more after settleMs: the server skips a viewer whose post keeps failing.
 *   status: 'connecting' | 'checking' (open, not yet or no longer known to be right) | 'live' | 'reconnecting' |
 *           'offline'
 */
export class StockFeed {
  constructor({ url, page, onStock, onStatus, onError, pingMs = 4 * 60 * 1000, heartbeatMs = 25000,
                heartbeatDeadlineMs = 35000, probeMs = 4000, syncRetryMs = 1000, baseDelayMs = 500,
                maxDelayMs = 15000, settleMs = 5000 }) {
    Object.assign(this, { url, page, onStock, onStatus, onError, pingMs, heartbeatMs, heartbeatDeadlineMs, probeMs,
                          syncRetryMs, baseDelayMs, maxDelayMs, settleMs });
    this.settleSyncs = 0;
    this.syncsSent = 0;
    this.replacedSilent = 0;
    this.syncAttempt = 0;
    this.versions = new Map();
    this.history = [];
    this.attempt = 0;
    this.stopped = false;
    this.connections = 0;
    this.onOnline = () => this.#wake();
    this.onVisibility = () => {
      this.#schedulePing();
      if (document.visibilityState === 'visible') this.#wake();
    };
    this.onPageShow = (event) => { if (event.persisted) this.#wake(); };
    this.onPageHide = (event) => { if (event.persisted) this.socket?.close(1000, 'page hidden'); };
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('pageshow', this.onPageShow);
    window.addEventListener('pagehide', this.onPageHide);
  }

  start() {
    this.#status('connecting');
    this.#open();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('pageshow', this.onPageShow);
    window.removeEventListener('pagehide', this.onPageHide);
    for (const timer of [this.settleTimer, this.retryTimer, this.syncTimer, this.deadlineTimer, this.probeTimer]) {
      clearTimeout(timer);
    }
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
    this.synced = false;
    this.snapshotParts = new Set();
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      this.connections += 1;
      this.syncAttempt = 0;
      this.#heard();
      this.#status('checking');
      this.#sync();
      this.#schedulePing();
    };
    socket.onmessage = (message) => {
      if (socket === this.socket) this.#receive(message.data);
    };
    socket.onclose = () => {
      if (socket !== this.socket) return;   // a replaced socket's late close must not stop its successor's timers
      clearInterval(this.pingTimer);
      for (const timer of [this.syncTimer, this.deadlineTimer, this.probeTimer]) clearTimeout(timer);
      if (this.stopped) return;
      this.#scheduleReconnect();
    };
    // Errors are always followed by close; nothing to add here but not to let them reach the console as uncaught.
    socket.onerror = () => {};
  }

  #receive(text) {
    this.#heard();
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      this.#syncMissed();   // API Gateway's plain-text frames ("Internal server error")
      return;
    }
    if (message.type === 'snapshot') {
      message.items.forEach((item) => this.accept(item));
      // A big listing's snapshot comes in numbered parts: the sync is answered once every part is here (parts of
      // a repeated sync count too: each holds the values of its moment). A missing part leaves the retry armed.
      this.snapshotParts.add(Number.isInteger(message.part) ? message.part : 1);
      if (this.snapshotParts.size >= (Number.isInteger(message.parts) ? message.parts : 1)) {
        clearTimeout(this.settleTimer);
        clearTimeout(this.syncTimer);
        this.synced = true;
        this.syncAttempt = 0;
      }
    } else if (message.type === 'stock') {
      this.accept(message);
      this.#settleLater();
    } else if (message.type === 'error') {
      if (message.code === 'UNAVAILABLE' || message.code === 'RATE_LIMITED') this.#syncMissed();
      if (this.onError) this.onError(message);
    } else if (message.type === undefined && typeof message.message === 'string') {
      this.#syncMissed();   // API Gateway's own JSON frames: {"message": "Too Many Requests", ...}
    }
    if (this.synced && this.status !== 'live') this.#status('live');
  }

  /** Asks for the current values, and asks again with backoff until a snapshot answers. */
  #sync() {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.syncsSent += 1;
    this.socket.send(JSON.stringify({ action: 'sync', page: this.page }));
    clearTimeout(this.syncTimer);
    const ceiling = Math.min(this.maxDelayMs, this.syncRetryMs * 2 ** Math.min(this.syncAttempt, 10));
    this.syncAttempt += 1;
    this.syncTimer = setTimeout(() => { if (!this.synced) this.#sync(); },
                                ceiling / 2 + Math.random() * ceiling / 2);
  }

  /** The server could not answer (throttled, failed): without a snapshot yet, the armed retry will ask again. */
  #syncMissed() {
    if (!this.synced && this.status === 'live') this.#status('checking');
  }

  /** Something came from the server: the socket is alive for another heartbeatDeadlineMs. */
  #heard() {
    this.heardAt = Date.now();
    clearTimeout(this.deadlineTimer);
    clearTimeout(this.probeTimer);
    this.deadlineTimer = setTimeout(() => this.#silent(), this.heartbeatDeadlineMs);
  }

  /** Nothing heard within the deadline. Hidden, nobody sees it; visible, the socket is given up and replaced. */
  #silent() {
    if (this.stopped || this.socket?.readyState !== WebSocket.OPEN) return;
    if (document.visibilityState === 'hidden') {
      if (this.status === 'live') this.#status('checking');
      return;
    }
    this.#replaceSilentSocket();
  }

  #replaceSilentSocket() {
    this.replacedSilent += 1;
    this.#status('reconnecting');
    this.socket.close(4000, 'silent');
    // A socket whose path is dead may take TCP minutes to report its close: open its successor now.
    clearTimeout(this.retryTimer);
    this.#open();
  }

  /**
   * The page woke up (visible again, back online, out of the back/forward cache): check at once. An open socket is
   * probed with a ping and a sync and replaced if nothing answers within probeMs; a closed one reconnects now.
   */
  #wake() {
    if (this.stopped) return;
    const state = this.socket?.readyState;
    if (state === WebSocket.CONNECTING) return;
    if (state !== WebSocket.OPEN) {
      clearTimeout(this.retryTimer);
      this.#open();
      return;
    }
    if (Date.now() - this.heardAt > this.heartbeatDeadlineMs && this.status === 'live') this.#status('checking');
    this.socket.send(JSON.stringify({ action: 'ping' }));
    this.syncAttempt = 0;
    this.#sync();
    clearTimeout(this.probeTimer);
    const probedAt = Date.now();
    this.probeTimer = setTimeout(() => {
      if (this.heardAt < probedAt && this.socket?.readyState === WebSocket.OPEN) this.#replaceSilentSocket();
    }, this.probeMs);
  }

  /** Pings every heartbeatMs while the page is visible, every pingMs (inside the 10-minute idle limit) while hidden. */
  #schedulePing() {
    clearInterval(this.pingTimer);
    const every = document.visibilityState === 'hidden' ? this.pingMs : this.heartbeatMs;
    const socket = this.socket;
    this.pingTimer = setInterval(() => {
      if (socket === this.socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ action: 'ping' }));
      }
    }, every);
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

  #status(status) {
    this.status = status;
    this.history.push(status);
    if (this.history.length > 50) this.history.shift();
    if (this.onStatus) this.onStatus(status);
  }
}

/** Renders a connection indicator: a dot and a word, announced politely. */
export function showStatus(element, status) {
  const words = { connecting: 'Connecting…', checking: 'Checking…', live: 'Live', reconnecting: 'Reconnecting…',
                  offline: 'Offline' };
  element.dataset.status = status;
  element.textContent = words[status] ?? status;
}
