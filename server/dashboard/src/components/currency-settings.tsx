import { useState } from 'preact/hooks';
import { adminPath, api, describeFieldFailure } from '../api.js';
import type { ProjectPageProps } from '../project-page-props.js';
import type { AdminProject } from '../types.js';

const CODES = Intl.supportedValuesOf('currency');
type RateRow = { code: string; rate: string };

/**
 * The project's currency and exchange rates: a table to edit. Saving re-weighs at once every
 * account whose amount is in a changed currency (every one, when the currency changes).
 */
export function CurrencySettings({ project, reloadProjects }: ProjectPageProps) {
  const [currency, setCurrency] = useState(project.currency);
  const [rows, setRows] = useState<RateRow[]>(Object.entries(project.exchangeRates).map(([code, rate]) => ({ code, rate: String(rate) })));
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  const update = (index: number, change: Partial<RateRow>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const save = async (event: Event) => {
    event.preventDefault();
    setMessage(null);
    const filled = rows.filter((row) => row.code.trim() !== '' || row.rate.trim() !== '');
    const exchangeRates = Object.fromEntries(filled.map((row) => [row.code.trim().toUpperCase(), Number(row.rate)]));
    try {
      await api<{ project: AdminProject }>('PATCH', adminPath(project.id), { currency: currency.trim().toUpperCase(), exchangeRates });
      await reloadProjects();
      setMessage({ text: 'Saved: every account in a changed currency is re-weighed.' });
    } catch (failure) {
      setMessage({ text: describeFieldFailure(failure), error: true });
    }
  };

  return (
    <form class="card form" onSubmit={save} data-testid="currency-settings">
      <h2>Currency</h2>
      <p class="muted small">
        Revenue is counted in the project's currency. Tokens may send amounts in others (<code>traits.currency</code>, <code>company.currency</code>); each
        is converted with the rate below, and weighs nothing until it has one.
      </p>
      <label class="field">
        <span>Project currency</span>
        <input list="currency-codes" required maxLength={3} value={currency} onInput={(event) => setCurrency(event.currentTarget.value)} data-testid="project-currency" />
        <datalist id="currency-codes">
          {CODES.map((code) => (
            <option value={code} />
          ))}
        </datalist>
      </label>
      <table class="rates-table" data-testid="rates">
        <thead>
          <tr>
            <th>Currency</th>
            <th>Rate</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr>
              <td data-label="Currency">
                <input list="currency-codes" maxLength={3} aria-label="Currency code" value={row.code} onInput={(event) => update(index, { code: event.currentTarget.value })} />
              </td>
              <td data-label="Rate">
                <input
                  inputMode="decimal"
                  aria-label={`${currency} per one ${row.code || 'unit'}`}
                  value={row.rate}
                  onInput={(event) => update(index, { rate: event.currentTarget.value })}
                />
                <div class="muted small">
                  1 {row.code.toUpperCase() || '…'} = {row.rate || '…'} {currency.toUpperCase()}
                </div>
              </td>
              <td class="num">
                <button type="button" class="danger" onClick={() => setRows(rows.filter((_, i) => i !== index))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <button type="button" onClick={() => setRows([...rows, { code: '', rate: '' }])}>
          Add a rate
        </button>
        <span class="spacer" />
        <button class="primary" type="submit">
          Save currency and rates
        </button>
      </div>
      {message && (
        <p class={message.error ? 'error' : 'success'} role="status">
          {message.text}
        </p>
      )}
    </form>
  );
}
