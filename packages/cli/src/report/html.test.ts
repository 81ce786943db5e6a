import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, scriptForInline } from './html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml('plain text')).toBe('plain text');
  });
});

describe('jsonForScript', () => {
  it('cannot end the script block and parses back to the same value', () => {
    const value = { name: '</script><!-- x', separators: '\u2028\u2029', nested: [1, null] };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/<|\u2028|\u2029/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('scriptForInline', () => {
  it('breaks </script and <!-- and drops the source-map comment', () => {
    const source = 'var a = "</SCRIPT>", b = "<!--";\n//# sourceMappingURL=chart.umd.min.js.map';
    expect(scriptForInline(source)).toBe('var a = "<\\/SCRIPT>", b = "<\\!--";\n');
  });
});
