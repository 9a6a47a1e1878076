import type { ItemFigures } from './api';
import { count, itemLabel } from './format';
import { t } from './i18n';

/** Each item's answers as bars; every bar carries its count as text (not colour alone). */
export function Distribution({ items }: { items: Record<string, ItemFigures> }) {
  const words = t();
  return (
    <div class="distributions">
      {Object.entries(items).map(([name, item]) => {
        const largest = Math.max(1, ...Object.values(item.distribution));
        return (
          <figure class="distribution" key={name}>
            <figcaption>
              {itemLabel(name)} <span class="detail">({words.figures.answers(item.count)})</span>
            </figcaption>
            <table>
              <caption class="visually-hidden">
                {words.distribution.caption(itemLabel(name))}
              </caption>
              <thead class="visually-hidden">
                <tr>
                  <th scope="col">{words.distribution.answer}</th>
                  <th scope="col">{words.distribution.count}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(item.distribution).map(([value, n]) => (
                  <tr key={value}>
                    <th scope="row">{value}</th>
                    <td>
                      <span class="bar" style={{ width: `${(n / largest) * 100}%` }} />
                      <span class="bar-value">{count(n)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
        );
      })}
    </div>
  );
}
