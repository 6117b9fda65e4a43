// The ShopyVerse web chat: talks to /v1/chat, shows product cards and sources, and keeps the conversation
// across reloads (its id in localStorage, the history — cards and sources included — from
// /v1/conversations/:id). A failed send keeps the text and says how to retry.
const $ = (id) => document.getElementById(id);
const list = $('messages');
const input = $('message');
const sendButton = $('send');
const status = $('status');
const welcome = $('welcome');
const problem = $('problem');
const problemText = $('problem-text');
// The demo sign-in box is on the page only in development (the server leaves it out otherwise).
const customer = $('customer');
const KEY = 'shopyverse.conversation';
const CUSTOMER_KEY = 'shopyverse.customer';
const PLACEHOLDER = '/static/placeholder.svg';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let busy = false;
// The last send that failed: sending the same text again reuses its id, so a retry cannot run twice.
let unsent = null;

if (customer) {
  customer.value = localStorage.getItem(CUSTOMER_KEY) ?? '';
  customer.addEventListener('change', () => {
    if (!customer.checkValidity()) {
      status.textContent = 'A customer id is 1–64 letters, digits, _ or -.';
      return;
    }
    localStorage.setItem(CUSTOMER_KEY, customer.value.trim());
    startOver();
  });
}

function headers() {
  const h = { 'content-type': 'application/json' };
  const id = customer?.checkValidity() ? customer.value.trim() : '';
  if (id) h['x-customer-id'] = id;
  return h;
}

function money(n) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(n);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function productImage(p) {
  const image = element('img', 'thumb');
  const own = typeof p.thumbnail === 'string' && /^https?:\/\//.test(p.thumbnail);
  image.src = own ? p.thumbnail : PLACEHOLDER;
  // The card's title names the link; the picture adds nothing for a screen reader.
  image.alt = '';
  image.width = 120;
  image.height = 120;
  image.loading = 'lazy';
  image.addEventListener('error', () => {
    if (image.getAttribute('src') === PLACEHOLDER) return;
    image.src = PLACEHOLDER;
  });
  return image;
}

function productCard(p) {
  const card = element('li', 'product');
  const link = element('a', 'product-link');
  link.href = `/products/${encodeURIComponent(p.id)}`;
  link.append(productImage(p), element('strong', 'product-title', p.title));
  const price = element(
    'span',
    'price',
    `${money(p.finalPrice)}${p.discountPercentage > 0 ? ` (−${p.discountPercentage}%)` : ''}`,
  );
  const stock = element('span', p.inStock ? 'in' : 'out', p.inStock ? 'In stock' : 'Out of stock');
  card.append(link, price, stock);
  return card;
}

function addMessage(role, text, extra = {}) {
  const item = element('li', `message ${role}`);
  const who = role === 'customer' ? 'You' : role === 'agent' ? 'Support agent' : 'Assistant';
  item.append(element('span', 'who', who), element('span', 'text', text));
  if (extra.products?.length) {
    const cards = element('ul', 'products');
    cards.setAttribute('aria-label', 'Products');
    for (const p of extra.products.slice(0, 6)) cards.append(productCard(p));
    item.append(cards);
  }
  if (extra.sources?.length) {
    item.append(element('p', 'sources', `Sources: ${extra.sources.map((s) => s.title).join('; ')}`));
  }
  list.append(item);
  item.scrollIntoView({ block: 'nearest' });
  return item;
}

function showProblem(text) {
  problemText.textContent = text;
  problem.hidden = false;
}

function hideProblem() {
  problem.hidden = true;
  problemText.textContent = '';
}

async function loadHistory() {
  const id = localStorage.getItem(KEY);
  if (!id) return;
  list.setAttribute('aria-busy', 'true');
  try {
    const res = await fetch(`/v1/conversations/${encodeURIComponent(id)}`, { headers: headers() });
    if (res.status === 404) {
      localStorage.removeItem(KEY);
      return;
    }
    if (!res.ok) {
      status.textContent = 'Your earlier messages could not be loaded; reload the page to try again.';
      return;
    }
    const body = await res.json();
    for (const m of body.messages) addMessage(m.role, m.text, m);
    welcome.hidden = list.childElementCount > 0;
  } catch {
    status.textContent = 'Your earlier messages could not be loaded; reload the page to try again.';
  } finally {
    list.removeAttribute('aria-busy');
  }
}

function startOver() {
  localStorage.removeItem(KEY);
  list.replaceChildren();
  hideProblem();
  unsent = null;
  welcome.hidden = false;
  status.textContent = 'New conversation.';
  input.focus();
}

/** Why a send failed, in words a shopper can act on. */
function failure(res, body) {
  if (res.status === 429) return 'You are sending messages too quickly; wait a few seconds.';
  if (res.status === 503 || res.status === 502 || res.status === 504)
    return 'The assistant is unavailable right now.';
  if (res.status >= 400 && res.status < 500 && body?.error?.message)
    return `The message was not accepted: ${body.error.message}.`;
  return 'Something went wrong on our side.';
}

// On a phone, focusing the box would open the keyboard over the page: only after typing in it.
const touch = window.matchMedia('(pointer: coarse)').matches;

async function send(message, { fromComposer = true } = {}) {
  if (busy || !message) return;
  busy = true;
  hideProblem();
  const clientMessageId = unsent?.text === message ? unsent.clientMessageId : crypto.randomUUID();
  unsent = { text: message, clientMessageId };
  welcome.hidden = true;
  if (input.value.trim() === message) input.value = '';
  const mine = addMessage('customer', message);
  mine.classList.add('sending');
  status.textContent = 'The assistant is typing…';
  sendButton.disabled = true;
  const fail = (why) => {
    mine.remove();
    if (!input.value) input.value = message;
    welcome.hidden = list.childElementCount > 0;
    status.textContent = '';
    showProblem(`${why} Your message was not sent — it is still in the box. Press “Try again” to send it.`);
  };
  try {
    const conversationId = localStorage.getItem(KEY) ?? undefined;
    const res = await fetch('/v1/chat', {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ message, conversationId, clientMessageId }),
    });
    const body = await res.json().catch(() => null);
    if (!res.ok || !body) {
      if (res.status === 404) localStorage.removeItem(KEY);
      // A reply that timed out may name the conversation it was stored in: the retry must go there.
      const retryOn = body?.error?.details?.conversationId;
      if (typeof retryOn === 'string' && UUID.test(retryOn)) localStorage.setItem(KEY, retryOn);
      fail(failure(res, body));
      return;
    }
    unsent = null;
    localStorage.setItem(KEY, body.conversationId);
    mine.classList.remove('sending');
    addMessage('bot', body.reply, body);
    status.textContent = '';
  } catch {
    fail('Could not reach the assistant. Check your connection.');
  } finally {
    busy = false;
    sendButton.disabled = false;
    if (fromComposer || !touch) input.focus();
  }
}

$('new-chat').addEventListener('click', startOver);
$('retry').addEventListener('click', () => send(input.value.trim()));
$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  send(input.value.trim());
});
for (const chip of document.querySelectorAll('.chip')) {
  chip.addEventListener('click', () => send(chip.textContent.trim(), { fromComposer: false }));
}

loadHistory().finally(() => {
  if (!touch) input.focus();
});
