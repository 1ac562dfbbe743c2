// The sandbox's magic test numbers: what each one simulates. Shown in the sandbox banner and
// from the top bar's sandbox badge.

import { formatFaxNumber } from '../../../shared/fax-number.ts';
import type { MagicNumber } from '../../../shared/ipc/contract/account.ts';

export function MagicNumbers({ numbers, otherNumbers }: { numbers: readonly MagicNumber[]; otherNumbers: string }) {
  return (
    <div className="magic-numbers">
      <table className="data magic-table">
        <caption className="visually-hidden">Test numbers and what they simulate</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">What happens</th>
          </tr>
        </thead>
        <tbody>
          {numbers.map((m) => (
            <tr key={m.example}>
              <td className="magic-number">
                <span className="code-strong">{formatFaxNumber(m.example, m.example)}</span>
                <span className="muted"> (any number ending {m.pattern.replace('…', '')})</span>
              </td>
              <td>{m.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted magic-other">{otherNumbers}.</p>
    </div>
  );
}
