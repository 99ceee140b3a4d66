// Lab text as React elements, from the pure Markdown reader (src/labs/markdown.ts). No HTML strings
// anywhere: whatever a README contains is rendered as text.
import type { Inline, MdBlock } from '../../labs/index.ts';
import { parseMarkdown } from '../../labs/index.ts';

function InlineText({ parts }: { parts: readonly Inline[] }) {
  return (
    <>
      {parts.map((p, i) => {
        switch (p.kind) {
          case 'code':
            return <code key={i}>{p.text}</code>;
          case 'bold':
            return <strong key={i}>{p.text}</strong>;
          case 'em':
            return <em key={i}>{p.text}</em>;
          case 'text':
            return <span key={i}>{p.text}</span>;
        }
      })}
    </>
  );
}

function Block({ b }: { b: MdBlock }) {
  switch (b.kind) {
    case 'heading':
      // Lab headings sit inside the panel's own h2/h3.
      return (
        <h4 className="lab-h">
          <InlineText parts={b.inline} />
        </h4>
      );
    case 'paragraph':
      return (
        <p>
          <InlineText parts={b.inline} />
        </p>
      );
    case 'quote':
      return (
        <blockquote>
          <InlineText parts={b.inline} />
        </blockquote>
      );
    case 'code':
      return (
        <pre className="lab-code" data-lang={b.lang} tabIndex={0}>
          <code>{b.text}</code>
        </pre>
      );
    case 'list': {
      const items = b.items.map((it, i) => (
        <li key={i}>
          <InlineText parts={it} />
        </li>
      ));
      return b.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
  }
}

export function LabMarkdown({ text }: { text: string }) {
  return (
    <div className="lab-md">
      {parseMarkdown(text).map((b, i) => (
        <Block key={i} b={b} />
      ))}
    </div>
  );
}
