// The ShopyVerse web chat: talks to /v1/chat, shows product cards and sources, and keeps the conversation
// across reloads (its id in localStorage, the history from /v1/conversations/:id).
const $ = (id) => document.getElementById(id);
const list = $('messages');
const input = $('message');
const status = $('status');
const customer = $('customer');
const KEY = 'shopyverse.conversation';

customer.value = localStorage.getItem('shopyverse.customer') ?? '';
customer.addEventListener('change', () => {
  localStorage.setItem('shopyverse.customer', customer.value.trim());
  startOver();
});

function headers() {
  const h = { 'content-type': 'application/json' };
  const id = customer.value.trim();
  if (id) h['x-customer-id'] = id;
  return h;
}

function money(n) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(n);
}

function addMessage(role, text, extra = {}) {
  const item = document.createElement('li');
  item.className = `message ${role}`;
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = role === 'customer' ? 'You' : role === 'agent' ? 'Support agent' : 'Assistant';
  item.append(who, document.createTextNode(text));
  if (extra.products?.length) {
    const cards = document.createElement('ul');
    cards.className = 'products';
    cards.setAttribute('aria-label', 'Products');
    for (const p of extra.products.slice(0, 6)) {
      const card = document.createElement('li');
      card.className = 'product';
      const title = document.createElement('strong');
      title.textContent = p.title;
      const price = document.createElement('span');
      price.textContent = `${money(p.finalPrice)}${p.discountPercentage > 0 ? ` (−${p.discountPercentage}%)` : ''} · `;
      const stock = document.createElement('span');
      stock.textContent = p.inStock ? 'in stock' : 'out of stock';
      if (!p.inStock) stock.className = 'out';
      card.append(title, price, stock);
      cards.append(card);
    }
    item.append(cards);
  }
  if (extra.sources?.length) {
    const sources = document.createElement('p');
    sources.className = 'sources';
    sources.textContent = `Sources: ${extra.sources.map((s) => s.title).join('; ')}`;
    item.append(sources);
  }
  list.append(item);
  item.scrollIntoView({ block: 'end' });
}

async function loadHistory() {
  const id = localStorage.getItem(KEY);
  if (!id) return;
  const res = await fetch(`/v1/conversations/${encodeURIComponent(id)}`, { headers: headers() });
  if (!res.ok) {
    localStorage.removeItem(KEY);
    return;
  }
  const body = await res.json();
  for (const m of body.messages) addMessage(m.role, m.text);
}

function startOver() {
  localStorage.removeItem(KEY);
  list.replaceChildren();
  status.textContent = 'New conversation.';
  input.focus();
}

$('new-chat').addEventListener('click', startOver);

$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = input.value.trim();
  if (!message) return;
  input.value = '';
  addMessage('customer', message);
  status.textContent = 'The assistant is typing…';
  $('send').disabled = true;
  try {
    const conversationId = localStorage.getItem(KEY) ?? undefined;
    const res = await fetch('/v1/chat', {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ message, conversationId, clientMessageId: crypto.randomUUID() }),
    });
    const body = await res.json();
    if (!res.ok) {
      status.textContent = `Sorry — ${body.error?.message ?? 'something went wrong'}.`;
      if (res.status === 404) localStorage.removeItem(KEY);
      return;
    }
    localStorage.setItem(KEY, body.conversationId);
    addMessage('bot', body.reply, body);
    status.textContent = '';
  } catch {
    status.textContent = 'Could not reach the assistant. Check your connection and try again.';
  } finally {
    $('send').disabled = false;
    input.focus();
  }
});

loadHistory().finally(() => input.focus());
