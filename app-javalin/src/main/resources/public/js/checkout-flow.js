// One checkout from click to a final state, for the four ways to pay: UPI QR, Razorpay Checkout, card (Stripe,
// hosted page) and crypto (Coinbase, hosted page). Shows the states creating / waiting for the payer /
// verifying / paid / failed / cancelled / expired, keeps the button disabled while a checkout is being created,
// and turns it into "Try again" after a failure.
import { api, apiImage, friendly, newKey, money, when, el } from './api.js';

export const METHODS = {
  upi: { provider: 'razorpay', label: 'UPI QR', hint: 'Scan with any UPI app (INR only)' },
  razorpay: { provider: 'razorpay', label: 'Razorpay Checkout', hint: 'Cards, UPI, netbanking and wallets' },
  stripe: { provider: 'stripe', label: 'Card (Stripe)', hint: 'You are sent to Stripe\'s secure page' },
  coinbase: { provider: 'coinbase', label: 'Crypto (Coinbase)', hint: 'You are sent to Coinbase\'s page' },
};

const PAID = ['CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED'];
const TEXT = {
  creating: ['Creating your checkout…', 'This takes a second.'],
  waiting: ['Waiting for your payment', ''],
  verifying: ['Verifying your payment…', 'Checking with the provider.'],
  paid: ['Paid', 'Thank you! Your purchase is complete.'],
  failed: ['Payment failed', 'Nothing was charged. You can try again.'],
  cancelled: ['Payment cancelled', 'Nothing was charged. You can try again.'],
  expired: ['Checkout expired', 'Nothing was charged. Start a new checkout to pay.'],
  review: ['Held for review', 'The amount paid does not match; support will contact you. Nothing was credited yet.'],
  error: ['Something went wrong', ''],
};

/** Maps a payment status from the API to a page state. */
export function stateOf(status) {
  if (PAID.includes(status)) return 'paid';
  if (status === 'FAILED') return 'failed';
  if (status === 'CANCELLED') return 'cancelled';
  if (status === 'EXPIRED') return 'expired';
  if (status === 'NEEDS_REVIEW') return 'review';
  return 'waiting';
}

/** Renders a state into a status box (role=status, so screen readers hear it). */
export function showState(box, state, detail) {
  const [title, text] = TEXT[state] || [state, ''];
  box.dataset.state = state;
  box.replaceChildren(el('strong', { text: title }), el('span', { text: detail || text }));
}

export class CheckoutFlow {
  /**
   * @param ui {status, details, button} elements; button is the Pay button (disabled while creating).
   * @param onFinal called with (state, payment) when the payment reaches a final state.
   */
  constructor(ui, onFinal = () => {}) {
    this.ui = ui;
    this.onFinal = onFinal;
    this.payment = null;
    this.busy = false;
    this.timer = null;
  }

  /** Starts a checkout for target ({package_id, currency} or {order_id}) with a method key of METHODS. */
  async start(target, method) {
    if (this.busy) return;
    this.busy = true;
    this.ui.button.disabled = true;
    this.ui.button.setAttribute('aria-busy', 'true');
    this.ui.details.replaceChildren();
    showState(this.ui.status, 'creating');
    try {
      const body = Object.assign({ provider: METHODS[method].provider }, target);
      this.payment = await api('/api/checkout', { method: 'POST', body, key: newKey() });
      this.method = method;
      sessionStorage.setItem('payledger.pending', JSON.stringify({ id: this.payment.id, method, target }));
      if (this.settle(this.payment)) return;
      if (method === 'upi') this.showUpi();
      else if (method === 'razorpay') await this.openRazorpay();
      else this.redirect();
    } catch (e) {
      this.fail('error', friendly(e));
    } finally {
      this.ui.button.removeAttribute('aria-busy');
    }
  }

  /** A payment event or fresh read: moves the page to the payment's state; true when it is final. */
  settle(payment) {
    if (!this.payment || payment.id !== this.payment.id) return false;
    this.payment = payment;
    const state = stateOf(payment.status);
    if (state === 'waiting') return false;
    clearInterval(this.timer);
    if (state === 'paid') {
      showState(this.ui.status, 'paid');
      this.ui.details.replaceChildren();
      this.done();
    } else {
      this.fail(state, payment.failure_reason && state === 'failed' ? 'The provider said: ' + payment.failure_reason
        + '. Nothing was charged.' : undefined);
    }
    this.onFinal(state, payment);
    return true;
  }

  /** Called for a payment.* event of the SSE stream. */
  async onEvent(type, event) {
    const id = event.data && event.data.payment_id;
    if (!this.payment || id !== this.payment.id || !type.startsWith('payment.')) return;
    try {
      this.settle(await api('/api/payments/' + encodeURIComponent(id)));
    } catch (e) { /* the next event or the poll will tell */ }
  }

  showUpi() {
    const c = this.payment.checkout || {};
    if (!c.upi_intent) {
      this.fail('error', 'UPI QR is not available for this payment (UPI takes INR only). Choose another method.');
      return;
    }
    const amount = money(this.payment.amount);
    const expires = this.expiry();
    const qr = c.qr_png_url || c.qr_png
      ? el('img', { alt: 'UPI QR code to pay ' + amount, width: 224, height: 224 }) : null;
    const children = [
      qr,
      el('div', {},
        el('p', {}, 'Scan the code with any UPI app, or on this phone: '),
        el('a', { class: 'button', href: c.upi_intent, id: 'upi-link' }, 'Pay ' + amount + ' in a UPI app'),
        el('p', { class: 'small muted', id: 'upi-expiry' }, 'Valid until ', el('time', { datetime: expires.toISOString() },
          when(expires.toISOString())), ' ', el('span', { id: 'upi-left' }, left(expires)),
          '. This page turns to paid by itself.'),
        this.sandboxUpiLink(c)),
    ];
    this.ui.details.replaceChildren(el('div', { class: 'qr' }, children));
    showState(this.ui.status, 'waiting', 'Scan the QR code or tap the button; we update this page the moment you pay.');
    this.timer = setInterval(() => this.poll(), 5000);
    if (qr) this.loadQr(qr, c);
  }

  /** The QR image: drawn by the service on request (qr_png_url, needs the token), or a data URL stored with the checkout. */
  async loadQr(img, c) {
    if (!c.qr_png_url) {
      img.src = c.qr_png;
      return;
    }
    try {
      const url = await apiImage(c.qr_png_url);
      img.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
      img.src = url;
    } catch (e) {
      img.replaceWith(el('p', { class: 'small muted' }, 'The QR code could not be loaded; use the button instead.'));
    }
  }

  /** In sandbox mode the emulator's "UPI app" page pays the order, as a phone would. */
  sandboxUpiLink(c) {
    if (sessionStorage.getItem('payledger.sandbox') !== 'true' || !c.checkout_js) return null;
    const page = new URL(c.checkout_js).origin + '/upi/' + encodeURIComponent(c.order_id);
    return el('p', { class: 'small' }, 'Sandbox: ', el('a', { href: page, target: '_blank', rel: 'noopener',
      id: 'sandbox-upi' }, 'open the sandbox UPI app'), ' to pay without a phone.');
  }

  /** When an unpaid checkout stops being valid: expires_at from the server, else the reconciler's 3 days. */
  expiry() {
    const c = this.payment.checkout || {};
    const given = this.payment.expires_at || c.expires_at;
    if (given) return new Date(given);
    return new Date(new Date(this.payment.created_at).getTime() + 3 * 24 * 3600 * 1000);
  }

  async poll() {
    const countdown = document.getElementById('upi-left');
    if (countdown) countdown.textContent = left(this.expiry());
    try {
      this.settle(await api('/api/payments/' + encodeURIComponent(this.payment.id)));
    } catch (e) { /* keep waiting; SSE may still deliver */ }
  }

  async openRazorpay() {
    const c = this.payment.checkout || {};
    showState(this.ui.status, 'waiting', 'Complete the payment in the Razorpay window.');
    await loadScript(c.checkout_js);
    const rzp = new window.Razorpay({
      key: c.key_id, order_id: c.order_id, amount: Number(c.amount), currency: c.currency,
      name: c.name || 'PayLedger', description: c.description || '',
      handler: (response) => this.verify(response),
      modal: { ondismiss: () => this.dismissed() },
    });
    rzp.on('payment.failed', (response) => {
      const reason = (response && response.error && response.error.description) || 'The payment failed';
      showState(this.ui.status, 'failed', reason + '. Nothing was charged; try again in the Razorpay window or close it.');
    });
    rzp.open();
  }

  async verify(response) {
    showState(this.ui.status, 'verifying');
    try {
      const verified = await api('/api/payments/' + encodeURIComponent(this.payment.id) + '/verify',
        { method: 'POST', body: response });
      this.settle(verified);
    } catch (e) {
      this.fail('error', friendly(e));
    }
  }

  async dismissed() {
    try {
      const cancelled = await api('/api/payments/' + encodeURIComponent(this.payment.id) + '/cancel', { method: 'POST' });
      if (!this.settle(cancelled)) this.fail('cancelled');
    } catch (e) {
      if (e.code === 'payment_not_open') {
        await this.poll();
      } else {
        this.fail('cancelled', 'You closed the payment window. Nothing was charged.');
      }
    }
  }

  redirect() {
    const url = this.payment.checkout && this.payment.checkout.url;
    if (!url) {
      this.fail('error', 'The provider did not return a payment page. Please try again.');
      return;
    }
    showState(this.ui.status, 'waiting', 'Taking you to ' + METHODS[this.method].label + '…');
    location.assign(url);
  }

  fail(state, detail) {
    clearInterval(this.timer);
    showState(this.ui.status, state, detail);
    this.busy = false;
    this.ui.button.disabled = false;
    this.ui.button.textContent = 'Try again';
  }

  done() {
    this.busy = false;
    this.ui.button.disabled = false;
    this.ui.button.textContent = 'Buy again';
  }
}

/** "(29 min left)", "(2 h left)" or "(expired)". */
function left(expires) {
  const minutes = Math.floor((expires.getTime() - Date.now()) / 60000);
  if (minutes < 0) return '(expired)';
  return minutes >= 120 ? '(' + Math.floor(minutes / 60) + ' h left)' : '(' + minutes + ' min left)';
}

const scripts = new Map();

/** Loads a classic script once (Razorpay's checkout.js, or the sandbox emulator's stand-in). */
export function loadScript(src) {
  if (!scripts.has(src)) {
    scripts.set(src, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => {
        scripts.delete(src);
        reject(new Error('Could not load the payment window. Check your connection and try again.'));
      };
      document.head.append(script);
    }));
  }
  return scripts.get(src);
}
