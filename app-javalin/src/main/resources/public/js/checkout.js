// Checkout for a credit package: pick UPI QR, Razorpay Checkout, card or crypto and follow the payment live.
import { signIn, showSession, friendly, money, el } from './api.js';
import { catalog, priceIn, methodsFor } from './catalog.js';
import { CheckoutFlow, showState } from './checkout-flow.js';
import { methodChoice } from './methods.js';
import { liveWallet } from './wallet-live.js';

const params = new URLSearchParams(location.search);
const button = document.getElementById('pay');
const status = document.getElementById('status');

async function main() {
  let session;
  try {
    session = await signIn();
    showSession(session);
  } catch (e) {
    showState(status, 'error', friendly(e));
    return;
  }
  const flow = new CheckoutFlow({ status, details: document.getElementById('details'), button });
  liveWallet(document.getElementById('wallet'), (type, payload) => flow.onEvent(type, payload));
  try {
    const cat = await catalog();
    const pack = cat.packages.find((p) => p.id === params.get('package'));
    const currency = (params.get('currency') || 'USD').toUpperCase();
    const price = pack && priceIn(pack, currency);
    if (!price) {
      showState(status, 'error', 'This package is not for sale in ' + currency + '. Go back to pricing and pick another.');
      document.getElementById('summary').replaceChildren(el('p', {}, 'Nothing to pay.'));
      return;
    }
    document.getElementById('summary').replaceChildren(
      el('h2', {}, pack.name + ' · ' + pack.credits + ' credits'),
      el('p', { class: 'price', id: 'amount' }, money(price)));
    const chosen = methodChoice(document.getElementById('methods'), methodsFor(cat, currency));
    button.textContent = 'Pay ' + money(price);
    button.disabled = !chosen();
    document.getElementById('pay-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const method = chosen();
      if (method) flow.start({ package_id: pack.id, currency }, method);
    });
  } catch (e) {
    showState(status, 'error', friendly(e));
  }
}

main();
