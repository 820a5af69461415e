import { StockFeed, bump, formatPrice, initials, loadCatalog, loadConfig, showStatus, stockLabel } from '/stockpulse.js';

const sku = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '').toLowerCase();
const $ = (id) => document.getElementById(id);

function showProduct(product, currency) {
  document.title = `${product ? product.name : sku} · StockPulse`;
  $('sku').textContent = sku;
  $('name').textContent = product ? product.name : sku;
  $('price').textContent = product ? formatPrice(product.price, currency) : '';
  $('description').textContent = product ? product.description : '';
  $('picture').textContent = initials(product ? product.name : sku);
  $('picture').style.setProperty('--hue', product ? product.hue : 220);
}

function showStock(item) {
  const label = stockLabel(item.available);
  const box = $('stock');
  box.dataset.level = label.level;
  $('stock-label').textContent = label.text;
  $('stock-count').textContent = `${item.available} available`;
  $('buy').disabled = item.available <= 0;
  box.dataset.version = item.version;
  bump(box);
}

const [config, catalog] = await Promise.all([loadConfig(), loadCatalog()]);
showProduct(catalog.products.get(sku), catalog.currency);
const feed = new StockFeed({
  url: config.webSocketUrl,
  page: '/products/' + sku,
  onStock: (item) => { if (item.sku === sku) showStock(item); },
  onStatus: (status) => showStatus($('conn'), status),
  onError: (error) => {
    if (error.code === 'UNKNOWN_PAGE') {
      $('stock-label').textContent = 'Not sold here';
      $('stock-count').textContent = 'No stock is known for this product.';
    }
  },
});
window.stockpulse = { feed };
feed.start();
