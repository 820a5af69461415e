// Plain live counters until the web demo's real pages land: open the socket for this page, sync on open,
// keep the highest version per SKU, ping inside the 10-minute idle limit.
(function () {
  const page = document.body.dataset.page || location.pathname;
  const versions = {};
  const status = document.getElementById('status');

  function render(item) {
    if ((versions[item.sku] ?? -1) >= item.version) return;
    versions[item.sku] = item.version;
    let row = document.getElementById('sku-row-' + item.sku);
    if (!row) {
      row = document.createElement('div');
      row.id = 'sku-row-' + item.sku;
      row.className = 'item';
      row.innerHTML = '<span class="sku"></span><span class="count"></span>';
      row.querySelector('.sku').textContent = item.sku;
      document.getElementById('items').append(row);
    }
    row.querySelector('.count').textContent =
      item.available === 0 ? 'Sold out' : item.available < 5 ? 'Only ' + item.available + ' left' : item.available + ' in stock';
  }

  fetch('/config.json').then((r) => r.json()).then((config) => {
    document.getElementById('page').textContent = page;
    const socket = new WebSocket(config.webSocketUrl + '?page=' + encodeURIComponent(page));
    socket.onopen = () => { status.textContent = 'live'; socket.send(JSON.stringify({ action: 'sync' })); };
    socket.onclose = () => { status.textContent = 'offline (reload to reconnect)'; };
    socket.onmessage = (message) => {
      const data = JSON.parse(message.data);
      if (data.type === 'snapshot') data.items.forEach(render);
      else if (data.type === 'stock') render(data);
      else if (data.type === 'error') status.textContent = data.message;
    };
    setInterval(() => socket.readyState === 1 && socket.send(JSON.stringify({ action: 'ping' })), 5 * 60 * 1000);
  });
})();
