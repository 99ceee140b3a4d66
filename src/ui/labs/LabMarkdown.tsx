// Lab text as React elements, from the pure Markdown model (src/labs/markdown.ts, marked's lexer).
// No HTML strings anywhere: whatever a README contains is rendered as text, and links are only the
// safe ones the model kept (external ones open in a new tab without access to this page).
import { Fragment, useState } from 'react';
import type { Inline, MdBlock } from '../../labs/index.ts';
import { parseMarkdown } from '../../labs/index.ts';
import { runInConsole } from '../console/consoleBridge.ts';

function InlineText({ parts }: { parts: readonly Inline[] }) {
  return (
    <>
      {parts.map((p, i) => {
        switch (p.kind) {
          case 'text':
            return <Fragment key={i}>{p.text}</Fragment>;
          case 'code':
            return <code key={i}>{p.text}</code>;
          case 'strong':
            return (
              <strong key={i}>
                <InlineText parts={p.children} />
              </strong>
            );
          case 'em':
            return (
              <em key={i}>
                <InlineText parts={p.children} />
              </em>
            );
          case 'del':
            return (
              <del key={i}>
                <InlineText parts={p.children} />
              </del>
            );
          case 'br':
            return <br key={i} />;
          case 'link':
            return (
              <a
                key={i}
                href={p.href}
                title={p.title}
                {...(p.external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
              >
                <InlineText parts={p.children} />
              </a>
            );
        }
      })}
    </>
  );
}

/** The kubectl / helm lines of a shell block: what "Run in console" plays, in order. */
export function consoleLines(b: { lang: string; text: string }): string[] {
  if (!['bash', 'sh', 'shell', 'console'].includes(b.lang)) return [];
  const lines = b.text
    .split('\n')
    .map((l) => l.replace(/^\$\s*/, '').trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return lines.length > 0 && lines.every((l) => /^(kubectl|helm)\s/.test(l)) ? lines : [];
}

function CodeBlock({ lang, text }: { lang: string; text: string }) {
  const [copied, setCopied] = useState<'copied' | 'failed' | undefined>();
  const lines = consoleLines({ lang, text });
  return (
    <div className="lab-code-block">
      <pre className="lab-code" data-lang={lang} tabIndex={0}>
        <code>{text}</code>
      </pre>
      <div className="lab-code-actions">
        <button
          type="button"
          onClick={() => {
            navigator.clipboard.writeText(text).then(
              () => setCopied('copied'),
              () => setCopied('failed'),
            );
          }}
        >
          {copied === 'copied' ? 'Copied' : 'Copy'}
        </button>
        {lines.length > 0 && (
          <button
            type="button"
            title="Runs it in the console at the playhead, as if typed there"
            onClick={async () => {
              for (const l of lines) await runInConsole(l);
            }}
          >
            Run in console
          </button>
        )}
        {copied === 'failed' && (
          <span className="muted" role="status">
            The browser refused the clipboard: select the text to copy it.
          </span>
        )}
      </div>
    </div>
  );
}

function Blocks({ blocks }: { blocks: readonly MdBlock[] }) {
  return (
    <>
      {blocks.map((b, i) => (
        <Block key={i} b={b} />
      ))}
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
          <Blocks blocks={b.blocks} />
        </blockquote>
      );
    case 'code':
      return <CodeBlock lang={b.lang} text={b.text} />;
    case 'list': {
      const items = b.items.map((it, i) => (
        <li key={i}>
          <Blocks blocks={it} />
        </li>
      ));
      return b.ordered ? <ol start={b.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return (
        <div className="lab-table" tabIndex={0}>
          <table>
            <thead>
              <tr>
                {b.header.map((c, i) => (
                  <th key={i} scope="col" style={{ textAlign: b.align[i] ?? undefined }}>
                    <InlineText parts={c} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j} style={{ textAlign: b.align[j] ?? undefined }}>
                      <InlineText parts={c} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'rule':
      return <hr />;
  }
}

export function LabMarkdown({ text }: { text: string }) {
  return (
    <div className="lab-md">
      <Blocks blocks={parseMarkdown(text)} />
    </div>
  );
}
