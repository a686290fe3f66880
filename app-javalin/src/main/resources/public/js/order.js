// The visa-fee order with an optional eSIM add-on: place it, pay it with any method, follow payment and fulfilment.
import { signIn, showSession, api, events, friendly, money, el, preferredCurrency } from './api.js';
import { catalog, currencies, priceIn, methodsFor } from './catalog.js';
import { CheckoutFlow, showState } from './checkout-flow.js';
import { methodChoice } from './methods.js';

const status = document.getElementById('status');
const button = document.getElementById('pay');
let order = null;

async function main() {
  try {
    showSession(await signIn());
  } catch (e) {
    showState(status, 'error', friendly(e));
    return;
  }
  const flow = new CheckoutFlow({ status, details: document.getElementById('details'), button }, () => refresh());
  try {
    const cat = await catalog();
    const product = (cat.products || []).find((p) => p.kind === 'PRODUCT');
    const addOns = (cat.products || []).filter((p) => p.kind === 'ADD_ON');
    if (!product) {
      showState(status, 'error', 'No product is for sale here.');
      return;
    }
    const currency = preferredCurrency(currencies(cat).filter((c) => priceIn(product, c)));
    const addOnBoxes = addOns.filter((a) => priceIn(a, currency)).map((a) => el('div', { class: 'choice' },
      el('input', { type: 'checkbox', id: 'addon-' + a.sku, value: a.sku, checked: true }),
      el('label', { for: 'addon-' + a.sku }, a.name + ' · ' + money(priceIn(a, currency)))));
    const fieldset = document.getElementById('addons');
    fieldset.append(...addOnBoxes);
    const chosenAddOns = () => [...fieldset.querySelectorAll('input:checked')].map((box) => box.value);
    const total = () => {
      const minor = [product.sku, ...chosenAddOns()].map((sku) => (cat.products.find((p) => p.sku === sku)))
        .reduce((sum, p) => sum + priceIn(p, currency).amount_minor, 0);
      const digits = priceIn(product, currency).amount.split('.')[1]?.length || 0;
      return { amount: (minor / 10 ** digits).toFixed(digits), currency };
    };
    const summary = () => document.getElementById('order').replaceChildren(
      el('h2', {}, product.name), el('p', {}, money(priceIn(product, currency))),
      el('p', {}, 'Total with add-ons: ', el('strong', { id: 'order-total' }, money(total()))));
    fieldset.addEventListener('change', () => { order = null; summary(); });
    summary();
    const chosen = methodChoice(document.getElementById('methods'), methodsFor(cat, currency));
    button.disabled = !chosen();
    document.getElementById('pay-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const method = chosen();
      if (!method || flow.busy) return;
      try {
        if (!order || order.payment_status === 'PAID') {
          button.disabled = true;
          order = await api('/api/orders', { method: 'POST', body: { currency,
            items: [product.sku, ...chosenAddOns()].map((sku) => ({ sku, quantity: 1 })) } });
        }
        await flow.start({ order_id: order.id }, method);
      } catch (e) {
        showState(status, 'error', friendly(e));
        button.disabled = false;
      }
      refresh();
    });
    events((type, payload) => { flow.onEvent(type, payload); if (type.startsWith('payment.')) refresh(); });
    refresh();
  } catch (e) {
    showState(status, 'error', friendly(e));
  }
}

async function refresh() {
  try {
    const list = await api('/api/orders?limit=10');
    document.getElementById('orders').replaceChildren(...(list.orders.length ? list.orders.map((o) => el('tr',
      { 'data-order': o.id },
      el('td', {}, el('code', {}, o.id.slice(0, 12))),
      el('td', {}, o.lines.map((l) => l.name).join(' + ')),
      el('td', { class: 'num' }, money(o.total)),
      el('td', {}, el('span', { class: 'badge' + (o.payment_status === 'PAID' ? ' ok' : ''), 'data-payment': o.id }, o.payment_status)),
      el('td', {}, el('span', { class: 'badge' }, o.fulfilment))))
      : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No orders yet.'))]));
    if (order) order = list.orders.find((o) => o.id === order.id) || order;
  } catch (e) { /* the list is a convenience; the status box carries errors */ }
}

main();
