// The wallet strip (balance, earned, spent) kept current from the Server-Sent Events stream, without reloading.
import { api, events, el } from './api.js';

/** Renders the wallet into container and refreshes it on wallet events; returns {refresh, source}. */
export function liveWallet(container, onEvent = () => {}) {
  const figures = {
    balance: el('b', { 'data-testid': 'balance', text: '…' }),
    earned: el('b', { 'data-testid': 'earned', text: '…' }),
    spent: el('b', { 'data-testid': 'spent', text: '…' }),
  };
  const live = el('span', { class: 'small muted', id: 'live', text: 'connecting…' });
  container.replaceChildren(el('div', { class: 'wallet-strip', 'aria-live': 'polite' },
    el('div', {}, 'Balance', figures.balance, 'credits'),
    el('div', {}, 'Earned', figures.earned, 'credits'),
    el('div', {}, 'Spent', figures.spent, 'credits')), live);
  async function refresh() {
    try {
      const wallet = await api('/api/wallet');
      figures.balance.textContent = wallet.balance;
      figures.earned.textContent = wallet.earned;
      figures.spent.textContent = wallet.spent;
    } catch (e) {
      live.textContent = 'Wallet unavailable right now.';
    }
  }
  const source = events((type, payload) => {
    if (type.startsWith('wallet.') || type === 'payment.paid' || type === 'feature.unlocked') refresh();
    onEvent(type, payload);
  }, (state) => {
    live.textContent = state === 'live' ? 'Live: updates appear by themselves.' : 'Reconnecting to live updates…';
    if (state === 'live') refresh();
  });
  refresh();
  return { refresh, source };
}
