// PayLedger API client for the pages: bearer token (sandbox demo login kept in sessionStorage), JSON calls,
// friendly error messages, Server-Sent Events and a few DOM helpers. No framework, no build step.

const TOKEN = 'payledger.token';
const USER = 'payledger.user';
const ADMIN = 'payledger.admin';

/** An API refusal or a network failure, with a message fit to show a person. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const FRIENDLY = {
  missing_token: 'Please sign in again.',
  invalid_token: 'Your session has expired. Reload the page to sign in again.',
  rate_limited: 'Too many checkouts in a minute. Wait a moment and try again.',
  provider_unavailable: 'The payment provider did not answer. Nothing was charged; please try again.',
  provider_not_enabled: 'This payment method is not available for this currency.',
  price_not_available: 'This package has no price in the chosen currency.',
  insufficient_credits: null, // the server's message says cost and balance
  request_in_progress: 'The same request is still running; wait a second.',
  database_unavailable: 'The service is briefly unavailable. Please try again in a moment.',
  internal_error: 'Something went wrong on our side. Please try again.',
  order_already_paid: 'This order is already paid.',
  order_cancelled: 'This order was cancelled.',
  invalid_signature: 'The payment confirmation could not be verified. Nothing was credited.',
  payment_not_captured: 'The payment was not completed at the provider.',
};

/** The text to show for any error thrown by {@link api}. */
export function friendly(error) {
  if (error instanceof ApiError) {
    if (FRIENDLY[error.code]) return FRIENDLY[error.code];
    if (error.status >= 500) return error.status === 503 ? FRIENDLY.database_unavailable : FRIENDLY.internal_error;
    return error.message || 'The request failed.';
  }
  return (error && error.message) || 'Could not reach PayLedger. Check your connection and try again.';
}

/** A fresh Idempotency-Key. */
export function newKey() {
  return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
}

/** Calls the API with the session's token; resolves to the JSON body, rejects with an ApiError. */
export async function api(path, { method = 'GET', body, key, auth = true } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['Idempotency-Key'] = key;
  const token = sessionStorage.getItem(TOKEN);
  if (auth && token) headers.Authorization = 'Bearer ' + token;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', 'Could not reach PayLedger. Check your connection and try again.');
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    const error = (json && json.error) || {};
    const code = error.code || (response.status === 429 ? 'rate_limited' : 'http_' + response.status);
    if (response.status === 401 && auth) sessionStorage.removeItem(TOKEN);
    throw new ApiError(response.status, code, error.message || response.statusText);
  }
  return json;
}

/**
 * Fetches an image the API serves only with the session's token (an <img src> cannot send one); resolves to an
 * object URL for <img src>, rejects with an ApiError.
 */
export async function apiImage(path) {
  const token = sessionStorage.getItem(TOKEN);
  let response;
  try {
    response = await fetch(path, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
  } catch (e) {
    throw new ApiError(0, 'network', 'Could not reach PayLedger. Check your connection and try again.');
  }
  if (!response.ok) throw new ApiError(response.status, 'http_' + response.status, response.statusText);
  return URL.createObjectURL(await response.blob());
}

/**
 * Makes sure a token is present. In sandbox mode it logs in through POST /sandbox/login as the user named by
 * ?user= (or "demo"); with admin, as an admin. Resolves to {user, admin, sandbox}.
 */
export async function signIn({ admin = false } = {}) {
  const params = new URLSearchParams(location.search);
  const wanted = params.get('user') || sessionStorage.getItem(USER) || (admin ? 'admin' : 'demo');
  const hasToken = sessionStorage.getItem(TOKEN);
  const sameUser = sessionStorage.getItem(USER) === wanted;
  const enoughRole = !admin || sessionStorage.getItem(ADMIN) === 'true';
  if (hasToken && sameUser && enoughRole) {
    return { user: wanted, admin: sessionStorage.getItem(ADMIN) === 'true', sandbox: sessionStorage.getItem('payledger.sandbox') === 'true' };
  }
  try {
    const login = await api('/sandbox/login', { method: 'POST', body: { user: wanted, admin }, auth: false });
    sessionStorage.setItem(TOKEN, login.token);
    sessionStorage.setItem(USER, login.user);
    sessionStorage.setItem(ADMIN, String(login.admin));
    sessionStorage.setItem('payledger.sandbox', 'true');
    return { user: login.user, admin: login.admin, sandbox: true };
  } catch (e) {
    if (hasToken) return { user: sessionStorage.getItem(USER) || 'you', admin, sandbox: false };
    const token = window.prompt('Paste your bearer token (this service is not in sandbox mode):');
    if (!token) throw new ApiError(401, 'missing_token', 'A bearer token is needed.');
    sessionStorage.setItem(TOKEN, token.trim());
    sessionStorage.setItem(USER, 'you');
    sessionStorage.setItem(ADMIN, String(admin));
    return { user: 'you', admin, sandbox: false };
  }
}

const EVENT_TYPES = ['payment.paid', 'payment.failed', 'payment.expired', 'payment.cancelled', 'payment.needs_review',
  'payment.refunded', 'wallet.credited', 'wallet.debited', 'feature.unlocked'];

/** Opens GET /api/events; calls onEvent(type, payload) for each named event. Returns the EventSource. */
export function events(onEvent, onState = () => {}) {
  const token = sessionStorage.getItem(TOKEN);
  const source = new EventSource('/api/events?access_token=' + encodeURIComponent(token || ''));
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (event) => {
      let payload = {};
      try { payload = JSON.parse(event.data); } catch (e) { payload = {}; }
      onEvent(type, payload);
    });
  }
  source.onopen = () => onState('live');
  source.onerror = () => onState('reconnecting');
  return source;
}

/** "₹199.00" / "$3.99" from an API money object {amount, currency}. */
export function money(m) {
  if (!m) return '';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(Number(m.amount));
  } catch (e) {
    return m.amount + ' ' + m.currency;
  }
}

/** A readable local date and time for an ISO instant. */
export function when(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Creates an element: el('button', {class: 'x', onclick: f}, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The currency the visitor sees prices in: ?currency=, then the last choice, then a guess from the locale. */
export function preferredCurrency(available) {
  const params = new URLSearchParams(location.search);
  const guess = (navigator.language || '').endsWith('-IN') ? 'INR' : 'USD';
  const wanted = (params.get('currency') || localStorage.getItem('payledger.currency') || guess).toUpperCase();
  return available.includes(wanted) ? wanted : available[0];
}

/** Shows the sandbox banner and who is signed in, in the page header. */
export function showSession(session) {
  const who = document.getElementById('who');
  if (who) who.textContent = 'Signed in as ' + session.user + (session.admin ? ' (admin)' : '');
  const banner = document.getElementById('sandbox');
  if (banner) banner.hidden = !session.sandbox;
}
