// The catalog and which ways to pay fit a currency.
import { api } from './api.js';
import { METHODS } from './checkout-flow.js';

// Used when GET /api/catalog does not say which currencies each provider takes.
const KNOWN = { razorpay: ['INR', 'USD'], coinbase: ['USD', 'EUR', 'GBP', 'SGD'] };

let cached = null;

/** GET /api/catalog, once per page. */
export function catalog() {
  if (!cached) cached = api('/api/catalog', { auth: false });
  return cached;
}

/** Every currency some package is priced in, sorted. */
export function currencies(cat) {
  const all = new Set();
  for (const p of cat.packages.concat(cat.products || [])) for (const price of p.prices) all.add(price.currency);
  return [...all].sort();
}

/** The price of an item in a currency, or undefined. */
export function priceIn(item, currency) {
  return item.prices.find((p) => p.currency === currency);
}

/** Whether an enabled provider takes this currency. */
export function providerTakes(cat, provider, currency) {
  if (!cat.providers.includes(provider)) return false;
  const declared = cat.provider_currencies && cat.provider_currencies[provider];
  const list = declared || KNOWN[provider];
  return !list || list.includes(currency);
}

/** The method keys (upi, razorpay, stripe, coinbase) usable for a currency, the currency's default first. */
export function methodsFor(cat, currency) {
  const keys = Object.keys(METHODS).filter((key) => providerTakes(cat, METHODS[key].provider, currency)
    && (key !== 'upi' || currency === 'INR'));
  const preferred = cat.default_providers && cat.default_providers[currency];
  return keys.sort((a, b) => (METHODS[b].provider === preferred) - (METHODS[a].provider === preferred));
}
