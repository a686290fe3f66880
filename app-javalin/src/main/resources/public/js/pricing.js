// Pricing: the credit packages in the visitor's currency and the ways to pay that currency allows.
import { signIn, showSession, friendly, money, el, preferredCurrency } from './api.js';
import { catalog, currencies, priceIn, methodsFor } from './catalog.js';
import { METHODS } from './checkout-flow.js';

const select = document.getElementById('currency');

async function main() {
  try {
    showSession(await signIn());
    const cat = await catalog();
    const available = currencies(cat);
    select.replaceChildren(...available.map((c) => el('option', { value: c }, c)));
    select.value = preferredCurrency(available);
    select.addEventListener('change', () => {
      localStorage.setItem('payledger.currency', select.value);
      render(cat, select.value);
    });
    render(cat, select.value);
  } catch (e) {
    const box = document.getElementById('error');
    box.hidden = false;
    box.textContent = friendly(e);
  }
}

function render(cat, currency) {
  const methods = methodsFor(cat, currency);
  document.getElementById('providers').textContent = methods.length
    ? 'Pay with: ' + methods.map((m) => METHODS[m].label).join(', ')
    : 'No payment method takes ' + currency + ' yet.';
  const cards = cat.packages.map((p) => {
    const price = priceIn(p, currency);
    const buy = price && methods.length
      ? el('a', { class: 'button', href: '/checkout.html?package=' + encodeURIComponent(p.id) + '&currency=' + currency,
        'aria-label': 'Buy ' + p.name + ' for ' + money(price), 'data-package': p.id }, 'Buy')
      : el('p', { class: 'muted' }, 'Not sold in ' + currency);
    return el('article', { class: 'card' },
      el('h3', {}, p.name),
      el('p', { class: 'price' }, price ? money(price) : '—'),
      el('p', {}, p.credits + ' credits'),
      price ? el('p', { class: 'small muted' }, perCredit(price, p.credits)) : null,
      buy);
  });
  document.getElementById('packages').replaceChildren(...cards);
}

function perCredit(price, credits) {
  const each = Number(price.amount) / credits;
  return money({ amount: each.toFixed(2), currency: price.currency }) + ' per credit';
}

main();
