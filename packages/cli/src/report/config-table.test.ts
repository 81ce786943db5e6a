import { describe, expect, it } from 'vitest';
import { flattenConfig, renderConfigTable } from './config-table.js';

describe('flattenConfig', () => {
  it('flattens nested objects to dotted keys and shows other values as JSON', () => {
    const config = { method: 'simclr', steps: 500, augment: { crop: { scale: [0.2, 1] }, flip: true }, head: {}, note: null };
    expect(flattenConfig(config)).toEqual([
      ['method', 'simclr'],
      ['steps', '500'],
      ['augment.crop.scale', '[0.2,1]'],
      ['augment.flip', 'true'],
      ['head', '{}'],
      ['note', 'null'],
    ]);
  });
});

describe('renderConfigTable', () => {
  it('escapes every key and value', () => {
    const html = renderConfigTable({ '<k>': '<script>x</script>' });
    expect(html).toContain('<th scope="row">&lt;k&gt;</th><td>&lt;script&gt;x&lt;/script&gt;</td>');
    expect(renderConfigTable({})).toContain('empty');
  });
});
