import { useState } from 'preact/hooks';

/** Copies text to the clipboard; the button says when it is done. */
export function CopyButton(props: { text: string; label?: string; class?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class={props.class ?? 'copy'}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(props.text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          // Clipboard denied (insecure origin): the text is selectable anyway.
        }
      }}
    >
      {copied ? 'Copied' : (props.label ?? 'Copy')}
    </button>
  );
}

/** A block of code to paste, with its title and a copy button. Rendered as text, never as HTML. */
export function CodeBlock(props: { title?: string; code: string; language?: string }) {
  return (
    <div class="code">
      {props.title && <div class="code-title">{props.title}</div>}
      <pre data-language={props.language}>
        <code>{props.code}</code>
      </pre>
      <CopyButton text={props.code} />
    </div>
  );
}
