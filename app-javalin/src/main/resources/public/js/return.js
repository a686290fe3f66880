// Back from a hosted payment page (Stripe, Coinbase): shows the payment's real state from the server, follows it
// live until it is final, and offers a retry after a failure or a cancel.
import { signIn, showSession, api, friendly, money, when, el } from './api.js';
import { CheckoutFlow, showState, stateOf } from './checkout-flow.js';
import { liveWallet } from './wallet-live.js';

const params = new URLSearchParams(location.search);
const status = document.getElementById('status');
const retry = document.getElementById('retry');

function pending() {
  try { return JSON.parse(sessionStorage.getItem('payledger.pending') || 'null'); } catch (e) { return null; }
}

async function main() {
  try {
    showSession(await signIn());
  } catch (e) {
    showState(status, 'error', friendly(e));
    return;
  }
  const saved = pending();
  const id = params.get('payment_id') || (saved && saved.id);
  if (!id) {
    showState(status, 'error', 'We could not tell which payment you came back from. Your wallet below shows what was credited.');
    liveWallet(document.getElementById('wallet'));
    return;
  }
  const flow = new CheckoutFlow({ status, details: document.getElementById('summary'), button: retry });
  liveWallet(document.getElementById('wallet'), (type, payload) => {
    if (payload.data && payload.data.payment_id === id) follow(id, flow);
  });
  let payment;
  try {
    payment = await api('/api/payments/' + encodeURIComponent(id));
  } catch (e) {
    showState(status, 'error', friendly(e));
    return;
  }
  if (stateOf(payment.status) === 'waiting' && params.get('result') === 'cancelled') {
    try {
      payment = await api('/api/payments/' + encodeURIComponent(id) + '/cancel', { method: 'POST' });
    } catch (e) {
      payment = await api('/api/payments/' + encodeURIComponent(id));
    }
  }
  show(payment);
  if (saved && saved.id === id) {
    retry.addEventListener('click', () => flow.start(saved.target, saved.method));
  } else {
    retry.addEventListener('click', () => location.assign('/pricing.html'));
  }
  if (stateOf(payment.status) === 'waiting') {
    const started = Date.now();
    const timer = setInterval(async () => {
      const done = await follow(id, flow);
      if (done || Date.now() - started > 10 * 60 * 1000) clearInterval(timer);
    }, 3000);
  }
}

let shown = null;

function show(payment) {
  shown = payment;
  const state = stateOf(payment.status);
  if (state === 'waiting') {
    showState(status, 'verifying', 'Waiting for ' + payment.provider + ' to confirm the payment; this page updates by itself.');
  } else if (state === 'cancelled') {
    showState(status, 'cancelled', 'You left the payment page. Nothing was charged.');
  } else {
    showState(status, state);
  }
  retry.hidden = !['failed', 'cancelled', 'expired'].includes(state);
  retry.disabled = false;
  retry.textContent = 'Try again';
  document.getElementById('summary').replaceChildren(el('div', { class: 'card' },
    el('p', {}, 'Payment ', el('code', { id: 'payment-id' }, payment.id), ' via ', payment.provider),
    el('p', { class: 'price' }, money(payment.amount)),
    el('p', { class: 'small muted' }, 'Started ', when(payment.created_at), ' · status ',
      el('span', { class: 'badge', id: 'payment-status' }, payment.status))));
}

async function follow(id, flow) {
  if (flow.payment) return true; // a retry took over
  try {
    const payment = await api('/api/payments/' + encodeURIComponent(id));
    if (!shown || payment.status !== shown.status) show(payment);
    return stateOf(payment.status) !== 'waiting';
  } catch (e) {
    return false;
  }
}

main();
