const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and quoted attribute values: & < > " '.
 *
 * @example
 * escapeHtml('<b>"a" & b</b>'); // '&lt;b&gt;&quot;a&quot; &amp; b&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/**
 * JSON for a `<script type="application/json">` block: `<` (so no `</script>` or `<!--`)
 * and the line separators U+2028/U+2029 are written as \u escapes, which JSON.parse reads
 * back unchanged.
 *
 * @example
 * jsonForScript({ name: '</script>' }); // '{"name":"\\u003c/script>"}'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * JavaScript source for an inline `<script>`: every `</script` and `<!--` is broken so the
 * HTML parser cannot end the block early (inside JavaScript strings and regular
 * expressions `<\/` means `</`), and the source-map comment is dropped (nothing to fetch).
 *
 * @example
 * scriptForInline('var s = "</script>";'); // 'var s = "<\\/script>";'
 */
export function scriptForInline(source: string): string {
  return source
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--')
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '');
}
