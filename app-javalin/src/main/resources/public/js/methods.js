// The "how do you want to pay?" radio group.
import { el } from './api.js';
import { METHODS } from './checkout-flow.js';

/** Fills fieldset with one radio per method key; the first is checked. Returns a getter for the choice. */
export function methodChoice(fieldset, keys) {
  const legend = fieldset.querySelector('legend');
  fieldset.replaceChildren(legend, ...keys.map((key, i) => el('div', { class: 'choice' },
    el('input', { type: 'radio', name: 'method', id: 'method-' + key, value: key, checked: i === 0 }),
    el('label', { for: 'method-' + key }, el('strong', {}, METHODS[key].label), el('br'),
      el('span', { class: 'small muted' }, METHODS[key].hint)))));
  if (!keys.length) fieldset.append(el('p', { class: 'muted' }, 'No payment method is available for this currency.'));
  return () => {
    const checked = fieldset.querySelector('input[name="method"]:checked');
    return checked ? checked.value : null;
  };
}
