import { StockFeed, bump, formatPrice, initials, loadCatalog, loadConfig, showStatus, stockLabel } from '/stockpulse.js';

const $ = (id) => document.getElementById(id);
const fixed = document.querySelector('script[data-collection]')?.dataset.collection;
const name = fixed ?? decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '').toLowerCase();

function card(sku, product, currency) {
  const item = document.createElement('li');
  item.className = 'card';
  item.dataset.sku = sku;
  item.innerHTML = `<div class="picture" aria-hidden="true"></div>
    <div class="card-body"><h2><a></a></h2><p class="price"></p>
    <span class="badge" aria-live="polite">Checking stock…</span></div>`;
  const picture = item.querySelector('.picture');
  picture.textContent = initials(product ? product.name : sku);
  picture.style.setProperty('--hue', product ? product.hue : 220);
  const link = item.querySelector('a');
  link.href = '/products/' + sku;
  link.textContent = product ? product.name : sku;
  item.querySelector('.price').textContent = product ? formatPrice(product.price, currency) : '';
  return item;
}

function showStock(item) {
  const badge = document.querySelector(`.card[data-sku="${CSS.escape(item.sku)}"] .badge`);
  if (!badge) return;
  const label = stockLabel(item.available);
  badge.dataset.level = label.level;
  badge.dataset.version = item.version;
  badge.textContent = label.level === 'in' ? `In stock · ${item.available}` : label.text;
  bump(badge);
}

const [config, catalog] = await Promise.all([loadConfig(), loadCatalog()]);
const collection = catalog.collections.get(name);
if (!fixed) {
  $('title').textContent = collection ? collection.title : 'Collection not found';
  document.title = `${collection ? collection.title : name} · StockPulse`;
}
if (collection) {
  for (const sku of collection.skus) $('grid').append(card(sku, catalog.products.get(sku), catalog.currency));
} else if ($('notice')) {
  $('notice').hidden = false;
  $('notice').textContent = `There is no collection called “${name}”.`;
}
const feed = new StockFeed({
  url: config.webSocketUrl,
  page: '/collections/' + name,
  onStock: showStock,
  onStatus: (status) => showStatus($('conn'), status),
});
window.stockpulse = { feed };
if (collection) feed.start();
