// Admin dashboard: per-provider payments, revenue, conversion, average and failures; charts over time and the
// funnel (Chart.js from its WebJar); failed webhook events with a replay button; a reconcile button.
import { signIn, showSession, api, friendly, money, when, el } from './api.js';

const RANGES = {
  hour: { span: 3600e3, buckets: 12 },
  day: { span: 24 * 3600e3, buckets: 24 },
  month: { span: 30 * 24 * 3600e3, buckets: 30 },
};
const COLORS = ['#2457c5', '#16794c', '#b42318', '#8a5a00', '#6b3fa0', '#0e7490'];
const message = document.getElementById('message');
const range = document.getElementById('range');
const charts = {};

function say(text, state = 'info') {
  message.hidden = false;
  message.dataset.state = state;
  message.textContent = text;
}

async function main() {
  try {
    const session = await signIn({ admin: true });
    showSession(session);
  } catch (e) {
    say(friendly(e), 'error');
    return;
  }
  range.addEventListener('change', refresh);
  document.getElementById('refresh').addEventListener('click', refresh);
  document.getElementById('reconcile').addEventListener('click', reconcile);
  await refresh();
  setInterval(refresh, 15000);
}

async function refresh() {
  try {
    const { span, buckets } = RANGES[range.value];
    const to = Date.now();
    const from = to - span;
    const [total, series, inbox] = await Promise.all([
      metrics(from, to),
      Promise.all([...Array(buckets).keys()].map((i) => metrics(from + (span / buckets) * i, from + (span / buckets) * (i + 1)))),
      api('/api/admin/inbox?state=FAILED&limit=50'),
    ]);
    table(total);
    draw(total, series, from, span / buckets);
    failedEvents(inbox);
    document.body.dataset.loaded = String(Date.now());
  } catch (e) {
    say(e.status === 403 ? 'This page needs the admin role.' : friendly(e), 'error');
  }
}

function metrics(from, to) {
  return api('/api/admin/metrics?from=' + new Date(from).toISOString() + '&to=' + new Date(to).toISOString());
}

function moneyList(list) {
  return (list || []).map(money).join(', ') || '—';
}

function table(total) {
  const rows = total.providers.map((p) => el('tr', { 'data-provider': p.provider },
    el('th', { scope: 'row' }, p.provider),
    el('td', { class: 'num' }, p.payments),
    el('td', { class: 'num', 'data-paid': p.provider }, p.paid),
    el('td', {}, moneyList(p.revenue)),
    el('td', { class: 'num' }, (100 * (p.conversion || 0)).toFixed(0) + '%'),
    el('td', {}, moneyList(p.average)),
    el('td', { class: 'num' }, p.failed),
    el('td', { class: 'num' }, p.cancelled),
    el('td', { class: 'num' }, p.open)));
  document.getElementById('providers').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 9, class: 'muted' }, 'No payments in this period.'))]));
  const f = total.funnel;
  document.getElementById('funnel-text').textContent = 'Funnel: ' + f.checkout_created + ' checkouts created → '
    + f.paid + ' paid, ' + f.failed + ' failed, ' + f.cancelled + ' cancelled, ' + f.expired + ' expired, ' + f.open + ' open.';
}

function draw(total, series, from, step) {
  if (!window.Chart) {
    document.getElementById('funnel-text').append(' (Charts are unavailable: Chart.js did not load.)');
    return;
  }
  const providers = total.providers.map((p) => p.provider);
  const labels = series.map((_, i) => label(new Date(from + step * (i + 1)), step));
  chart('chart-time', 'bar', {
    labels,
    datasets: providers.map((name, i) => ({
      label: name, backgroundColor: COLORS[i % COLORS.length],
      data: series.map((m) => (m.providers.find((p) => p.provider === name) || { paid: 0 }).paid),
    })),
  }, { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } });
  const f = total.funnel;
  chart('chart-funnel', 'bar', {
    labels: ['Created', 'Paid', 'Failed', 'Cancelled', 'Expired', 'Open'],
    datasets: [{ label: 'Checkouts', backgroundColor: ['#2457c5', '#16794c', '#b42318', '#8a5a00', '#6b7280', '#9bb8f5'],
      data: [f.checkout_created, f.paid, f.failed, f.cancelled, f.expired, f.open] }],
  }, { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } });
  chart('chart-providers', 'bar', {
    labels: providers,
    datasets: [
      { label: 'Paid', backgroundColor: '#16794c', data: total.providers.map((p) => p.paid) },
      { label: 'Failed', backgroundColor: '#b42318', data: total.providers.map((p) => p.failed) },
      { label: 'Cancelled', backgroundColor: '#8a5a00', data: total.providers.map((p) => p.cancelled) },
    ],
  }, { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } });
}

function chart(id, type, data, options) {
  if (charts[id]) {
    charts[id].data = data;
    charts[id].update('none');
    return;
  }
  charts[id] = new window.Chart(document.getElementById(id), {
    type, data, options: Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, options),
  });
}

function label(date, step) {
  return step >= 24 * 3600e3 ? date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
    : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function failedEvents(inbox) {
  const counts = Object.entries(inbox.counts || {}).map(([state, n]) => state.toLowerCase() + ' ' + n).join(' · ');
  document.getElementById('inbox-counts').textContent = counts ? 'Inbox: ' + counts : '';
  const rows = inbox.events.map((e) => {
    const button = el('button', { type: 'button', class: 'secondary', 'data-replay': e.id }, 'Replay');
    button.addEventListener('click', () => replay(e, button));
    return el('tr', { 'data-event': e.id },
      el('td', {}, e.id), el('td', {}, e.provider), el('td', {}, e.type, el('br'), el('code', { class: 'small' }, e.event_id)),
      el('td', { class: 'num' }, e.attempts), el('td', { class: 'small' }, e.last_error || ''),
      el('td', {}, when(e.received_at)), el('td', {}, button));
  });
  document.getElementById('inbox').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No failed events. Every webhook was processed.'))]));
}

async function replay(event, button) {
  button.disabled = true;
  try {
    const result = await api('/api/admin/inbox/' + event.id + '/replay', { method: 'POST' });
    const state = result.event ? result.event.state : 'queued';
    say('Event ' + event.id + ' replayed: now ' + state + '.', state === 'PROCESSED' ? 'paid' : 'info');
    await refresh();
  } catch (e) {
    say(friendly(e), 'error');
    button.disabled = false;
  }
}

async function reconcile() {
  const button = document.getElementById('reconcile');
  button.disabled = true;
  try {
    const r = await api('/api/admin/reconcile', { method: 'POST' });
    say('Reconciled: checked ' + r.checked + ', settled ' + r.settled + ', failed ' + r.failed + ', expired ' + r.expired
      + ', still open ' + r.still_open + (r.errors && r.errors.length ? ', errors: ' + r.errors.join('; ') : '') + '.', 'paid');
    await refresh();
  } catch (e) {
    say(friendly(e), 'error');
  } finally {
    button.disabled = false;
  }
}

main();
