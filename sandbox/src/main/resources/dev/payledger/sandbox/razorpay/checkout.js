/*
 * PayLedger sandbox stand-in for https://checkout.razorpay.com/v1/checkout.js.
 * Same contract as Razorpay Standard Checkout:
 *   var rzp = new Razorpay({key, order_id, amount, currency, name, description,
 *                           handler: function (r) { r.razorpay_order_id, r.razorpay_payment_id, r.razorpay_signature },
 *                           modal: {ondismiss: function () {}}});
 *   rzp.on('payment.failed', function (r) { r.error.code, r.error.description, r.error.metadata.payment_id });
 *   rzp.open();
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var base = script ? new URL(script.src).origin : window.location.origin;

  function Razorpay(options) {
    if (!(this instanceof Razorpay)) {
      return new Razorpay(options);
    }
    this.options = options || {};
    this.listeners = {};
  }

  Razorpay.prototype.on = function (event, callback) {
    (this.listeners[event] = this.listeners[event] || []).push(callback);
    return this;
  };

  Razorpay.prototype.emit = function (event, payload) {
    (this.listeners[event] || []).forEach(function (callback) { callback(payload); });
  };

  Razorpay.prototype.open = function () {
    var self = this;
    var o = this.options;
    var overlay = document.createElement('div');
    overlay.className = 'razorpay-sandbox-overlay';
    overlay.setAttribute('style', 'position:fixed;inset:0;background:rgba(0,0,0,.55);z-index:2147483647;' +
      'display:flex;align-items:center;justify-content:center');
    var frame = document.createElement('iframe');
    frame.title = 'Razorpay Checkout (sandbox)';
    frame.setAttribute('style', 'width:380px;height:520px;border:0;border-radius:8px;background:#fff');
    var query = new URLSearchParams({
      key: o.key || '', order_id: o.order_id || '', amount: String(o.amount || ''),
      currency: o.currency || 'INR', name: o.name || '', description: o.description || ''
    });
    frame.src = base + '/checkout/modal?' + query.toString();
    overlay.appendChild(frame);
    document.body.appendChild(overlay);

    function close() {
      window.removeEventListener('message', onMessage);
      if (overlay.parentNode) {
        overlay.parentNode.removeChild(overlay);
      }
    }

    function onMessage(event) {
      if (event.origin !== base || event.source !== frame.contentWindow) {
        return;
      }
      var data = event.data || {};
      if (data.type === 'razorpay.paid') {
        close();
        if (typeof o.handler === 'function') {
          o.handler(data.response);
        }
      } else if (data.type === 'razorpay.failed') {
        self.emit('payment.failed', {error: data.error});
      } else if (data.type === 'razorpay.dismissed') {
        close();
        if (o.modal && typeof o.modal.ondismiss === 'function') {
          o.modal.ondismiss();
        }
      }
    }

    window.addEventListener('message', onMessage);
    this.close = close;
  };

  window.Razorpay = Razorpay;
})();
