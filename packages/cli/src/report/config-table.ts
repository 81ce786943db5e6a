import { escapeHtml } from './html.js';
import { isRecord } from './json-fields.js';

/**
 * The rows of a free-form config object: nested objects become dotted keys, arrays and
 * empty objects are shown as JSON, strings as they are, in the object's key order.
 *
 * @example
 * flattenConfig({ method: 'simclr', augment: { crop: 0.2 }, sizes: [1, 2] });
 * // [['method', 'simclr'], ['augment.crop', '0.2'], ['sizes', '[1,2]']]
 */
export function flattenConfig(config: Record<string, unknown>, prefix = ''): [string, string][] {
  const rows: [string, string][] = [];
  for (const [key, value] of Object.entries(config)) {
    const name = prefix + key;
    if (isRecord(value) && Object.keys(value).length > 0) rows.push(...flattenConfig(value, `${name}.`));
    else rows.push([name, typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))]);
  }
  return rows;
}

/**
 * The config as an HTML table of key and value, every string escaped.
 *
 * @example
 * renderConfigTable({ method: 'simclr', steps: 500 }); // '<table>...<th>method</th><td>simclr</td>...'
 */
export function renderConfigTable(config: Record<string, unknown>): string {
  const rows = flattenConfig(config);
  if (rows.length === 0) return '<p class="missing">config.json is an empty object.</p>';
  const body = rows.map(([key, value]) => `<tr><th scope="row">${escapeHtml(key)}</th><td>${escapeHtml(value)}</td></tr>`).join('\n');
  return `<table>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
