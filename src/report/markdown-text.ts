/**
 * Neutralises user text (descriptions, exception reasons and owners) for the Markdown report: it
 * is shown as written and can never become HTML, a link, an image, emphasis, a table cell break
 * or, at a line start, a heading, quote or list. Catalog text (trusted, with its code spans) does
 * not go through here.
 */
import { escapeTerminalText } from '../terminal-text';

/** HTML's special characters, as entities. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Markdown inline punctuation, escaped with a backslash (CommonMark allows it before any ASCII punctuation). */
const INLINE = /[\\`*_[\]|~]/g;

/** User text for inside a line (a table cell): one line, no markup, no HTML, control characters shown escaped. */
export function markdownInline(text: string): string {
  return escapeTerminalText(text.replace(/\r\n|\r|\n/g, ' '))
    .replace(INLINE, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => ENTITIES[c]);
}

/** User text for a paragraph of its own: `markdownInline`, and no block markup at its start. */
export function markdownParagraph(text: string): string {
  const inline = markdownInline(text.trim());
  // A heading, thematic break, list item or setext underline: escape the marker.
  return inline.replace(/^([#=+-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}
