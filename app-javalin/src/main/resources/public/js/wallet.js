// Wallet: balance, earned, spent (live), the paged statement, active features with expiry and unlock buttons.
import { signIn, showSession, api, friendly, newKey, when, el } from './api.js';
import { liveWallet } from './wallet-live.js';

const PAGE = 10;
const message = document.getElementById('message');
const older = document.getElementById('older');
const newer = document.getElementById('newer');
let cursor = null;
let nextCursor = null;
let wallet = null;

function say(text, state = 'info') {
  message.hidden = false;
  message.dataset.state = state;
  message.textContent = text;
}

async function main() {
  try {
    showSession(await signIn());
  } catch (e) {
    say(friendly(e), 'error');
    return;
  }
  wallet = liveWallet(document.getElementById('wallet'), (type) => {
    if ((type.startsWith('wallet.') || type === 'feature.unlocked') && cursor === null) statement(null);
    if (type === 'feature.unlocked') features();
  });
  older.addEventListener('click', () => statement(nextCursor));
  newer.addEventListener('click', () => statement(null));
  await Promise.all([features(), statement(null)]);
}

async function statement(from) {
  try {
    const page = await api('/api/wallet/entries?limit=' + PAGE + (from ? '&cursor=' + encodeURIComponent(from) : ''));
    cursor = from;
    nextCursor = page.next_cursor;
    const rows = page.entries.map((e) => el('tr', {},
      el('td', {}, when(e.posted_at)),
      el('td', {}, e.description || e.type),
      el('td', { class: 'num' }, (e.amount < 0 ? '−' : '+') + Math.abs(e.amount)),
      el('td', { class: 'num' }, e.balance_after)));
    document.getElementById('entries').replaceChildren(...(rows.length ? rows
      : [el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No entries yet. Buy credits to get started.'))]));
    older.hidden = !nextCursor;
    newer.hidden = !from;
  } catch (e) {
    say(friendly(e), 'error');
  }
}

async function features() {
  try {
    const list = await api('/api/features');
    const active = new Map(list.active.map((g) => [g.feature, g]));
    const cards = list.available.map((f) => {
      const grant = active.get(f.code);
      const button = el('button', { type: 'button', 'data-feature': f.code }, grant ? 'Extend' : 'Unlock');
      button.addEventListener('click', () => unlock(f, button));
      return el('article', { class: 'card', id: 'feature-' + f.code },
        el('h3', {}, f.name),
        el('p', {}, f.cost + ' credits', f.duration_seconds ? ' · ' + duration(f.duration_seconds) : ' · forever'),
        grant
          ? el('p', { class: 'badge ok', 'data-active': f.code }, grant.expires_at ? 'Active until ' + when(grant.expires_at) : 'Active for good')
          : el('p', { class: 'badge' }, 'Not active'),
        grant && !grant.expires_at ? null : button);
    });
    document.getElementById('features').replaceChildren(...cards);
  } catch (e) {
    say(friendly(e), 'error');
  }
}

async function unlock(feature, button) {
  button.disabled = true;
  try {
    const result = await api('/api/features/' + encodeURIComponent(feature.code) + '/unlock',
      { method: 'POST', key: newKey() });
    say(feature.name + ' is active' + (result.grant.expires_at ? ' until ' + when(result.grant.expires_at) : '') + '.', 'paid');
    await Promise.all([features(), wallet.refresh(), cursor === null ? statement(null) : null]);
  } catch (e) {
    say(friendly(e), 'error');
    button.disabled = false;
  }
}

function duration(seconds) {
  const days = Math.round(seconds / 86400);
  if (days >= 1) return days + (days === 1 ? ' day' : ' days');
  return Math.round(seconds / 3600) + ' hours';
}

main();
