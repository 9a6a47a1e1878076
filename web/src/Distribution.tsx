import type { ItemFigures } from './api';
import { count, itemLabel } from './format';
import { t } from './i18n';

/** Each item's answers as bars; every bar carries its count as text (not colour alone). */
interface Props {
  items: Record<string, ItemFigures>;
  /** Opens the answers behind a bar. */
  onBar: (item: string, value: string) => void;
}

export function Distribution({ items, onBar }: Props) {
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
                    <th scope="row">
                      <button
                        type="button"
                        class="link"
                        aria-label={words.answers.openFor(
                          words.answers.item(itemLabel(name), value),
                        )}
                        onClick={() => onBar(name, value)}
                      >
                        {value}
                      </button>
                    </th>
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
