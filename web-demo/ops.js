import { loadCatalog } from '/stockpulse.js';

const $ = (id) => document.getElementById(id);
const counts = { sent: 0, applied: 0, rejected: 0, invalid: 0, pending: 0 };
const MAX_ROWS = 50;
let burst = null;

function count(name, delta) {
  counts[name] += delta;
  $('count-' + name).textContent = counts[name];
}

function row(type, sku, quantity) {
  const tr = document.createElement('tr');
  tr.innerHTML = '<td class="num"></td><td></td><td></td><td class="num"></td><td><span class="outcome pending">sending</span></td>';
  const cells = tr.children;
  cells[0].textContent = new Date().toLocaleTimeString();
  cells[1].textContent = type;
  cells[2].textContent = sku;
  cells[3].textContent = quantity;
  $('events').prepend(tr);
  while ($('events').children.length > MAX_ROWS) $('events').lastElementChild.remove();
  return tr.querySelector('.outcome');
}

function outcome(badge, kind, text, title) {
  badge.className = 'outcome ' + kind;
  badge.textContent = text;
  if (title) badge.title = title;
}

/** The user's quantity goes as typed: a number when it is one, else the text, so the server names the problem. */
function quantityValue(text) {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

/**
 * Polls an event's outcome for up to 15 s. A failed poll (the endpoint restarting, a network blip) is retried, not
 * thrown: whatever happens, the event leaves the pending count when following it ends.
 */
async function follow(eventId, badge) {
  const deadline = Date.now() + 15000;
  try {
    while (Date.now() < deadline) {
      let body = null;
      try {
        const response = await fetch('/ops/api/events/' + encodeURIComponent(eventId), { cache: 'no-store' });
        if (response.ok) body = await response.json();
      } catch {
        body = null;
      }
      if (body?.outcome === 'APPLIED') {
        outcome(badge, 'applied', 'applied', eventId);
        count('applied', 1);
        return;
      }
      if (body?.outcome === 'REJECTED') {
        const why = { UNKNOWN_SKU: 'rejected: unknown SKU', MALFORMED: 'rejected: not a valid sale event' }[body.reason]
          ?? `rejected: oversell (${body.available} left)`;
        outcome(badge, 'rejected', why, eventId);
        count('rejected', 1);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    outcome(badge, 'pending', 'no outcome yet', eventId);
  } finally {
    count('pending', -1);
  }
}

async function send(type, sku, quantityText) {
  const badge = row(type, sku, quantityText);
  let response;
  try {
    response = await fetch('/ops/api/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type, sku, quantity: quantityValue(quantityText) }),
    });
  } catch (error) {
    outcome(badge, 'invalid', 'not sent');
    $('alert').textContent = 'The local endpoint did not answer: ' + error.message;
    return false;
  }
  let body;
  try {
    body = await response.json();
  } catch {
    body = { accepted: false, error: { message: `HTTP ${response.status}: not the endpoint's answer` } };
  }
  if (!response.ok || !body.accepted) {
    outcome(badge, 'invalid', 'invalid', body.error?.message);
    count('invalid', 1);
    $('alert').textContent = body.error?.message ?? `HTTP ${response.status}`;
    return false;
  }
  $('alert').textContent = '';
  count('sent', 1); count('pending', 1);
  follow(body.eventId, badge);
  return true;
}

$('send').addEventListener('submit', (event) => {
  event.preventDefault();
  send($('type').value, $('sku').value.trim(), $('quantity').value);
});

function stopBurst(message) {
  if (burst) clearInterval(burst.timer);
  burst = null;
  $('burst-start').disabled = false;
  $('burst-stop').disabled = true;
  if (message) $('burst-progress').textContent = message;
}

$('burst').addEventListener('submit', (event) => {
  event.preventDefault();
  const total = Number($('burst-count').value);
  const rate = Number($('burst-rate').value);
  if (!Number.isInteger(total) || total < 1 || total > 10000 || !Number.isFinite(rate) || rate <= 0 || rate > 100) {
    $('alert').textContent = 'A burst is 1 to 10,000 sales at more than 0 and at most 100 per second.';
    return;
  }
  const sku = $('burst-sku').value.trim();
  burst = { sent: 0, total };
  $('burst-start').disabled = true;
  $('burst-stop').disabled = false;
  burst.timer = setInterval(async () => {
    if (!burst) return;
    if (burst.sent >= burst.total) { stopBurst(`Done: ${total} sales sent.`); return; }
    burst.sent += 1;
    $('burst-progress').textContent = `${burst.sent} / ${total} sent`;
    const ok = await send('SALE', sku, '1');
    if (!ok) stopBurst('Stopped: the endpoint refused a sale.');
  }, 1000 / rate);
});
$('burst-stop').addEventListener('click', () => stopBurst(`Stopped after ${burst?.sent ?? 0} sales.`));

const catalog = await loadCatalog();
for (const [sku, product] of catalog.products) {
  const option = document.createElement('option');
  option.value = sku;
  option.label = product.name;
  $('skus').append(option);
}
$('conn').dataset.status = 'live';
$('conn').textContent = 'Endpoint ready';

/**
 * The stack's own figures, polled every 2 s from the local runtime's /ops/api/runtime (absent on AWS, where the same
 * figures are CloudWatch metrics): counts as totals and per second since the last poll, samples as last and max.
 */
let lastFigures = null;
async function showFigures() {
  let runtime;
  try {
    const response = await fetch('/ops/api/runtime', { cache: 'no-store' });
    if (!response.ok) return false;
    runtime = await response.json();
  } catch (e) {
    return true;
  }
  const figures = runtime.metrics || {};
  const now = Date.now();
  const body = $('figures');
  body.replaceChildren();
  for (const [name, value] of Object.entries(figures)) {
    const tr = document.createElement('tr');
    const cells = [name];
    if (typeof value === 'number') {
      const before = lastFigures && lastFigures.values[name];
      const seconds = lastFigures ? (now - lastFigures.at) / 1000 : 0;
      const rate = before !== undefined && seconds > 0 ? ((value - before) / seconds).toFixed(1) : '–';
      cells.push(value.toLocaleString('en'), rate);
    } else {
      const unit = value.unit ? ' ' + value.unit : '';
      cells.push(value.last + unit, value.max + unit);
    }
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  lastFigures = { at: now, values: figures };
  $('figures-panel').hidden = false;
  return true;
}

async function pollFigures() {
  if (await showFigures()) setTimeout(pollFigures, 2000);
}
pollFigures();

