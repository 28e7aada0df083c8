import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { createMemo } from 'solid-js';

// Links open in a new tab without handing the opener over; the sanitizer strips scripts, event
// handlers and javascript: URLs whatever the markdown says.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** Markdown rendered with marked, then sanitized with DOMPurify: a hostile note renders inert. */
function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true }) as string;
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe'], FORBID_ATTR: ['style'] });
}

export function Markdown(props: { text: string }) {
  const html = createMemo(() => renderMarkdown(props.text));
  return <div class="markdown" data-testid="note-rendered" innerHTML={html()} />;
}
