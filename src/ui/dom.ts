// A tiny element builder. Text reaches the DOM only as text nodes: there is no way to
// pass markup through it, so page-derived titles and passages can never become HTML.

export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  text?: string;
  /** Attributes set with setAttribute (aria-*, role, href, type...). */
  attrs?: Record<string, string | undefined>;
  /** Event listeners. */
  on?: { [K in keyof HTMLElementEventMap]?: (ev: HTMLElementEventMap[K]) => void };
}

/** document.createElement with properties and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined) node.setAttribute(name, value);
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    if (listener) node.addEventListener(type, listener as EventListener);
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
}

/** Removes every child of a node. */
export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/**
 * A horizontal bar showing a share in [0,1]: an accessible meter (role="meter") whose
 * fill (class bar-fill) is as wide as the share. `label` names what is measured; `cls` classes the track.
 */
export function shareBar(doc: Document, share: number, label: string, cls = 'bar'): HTMLElement {
  const value = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  const fill = el(doc, 'span', { class: 'bar-fill' });
  fill.style.width = `${(value * 100).toFixed(1)}%`;
  return el(
    doc,
    'span',
    {
      class: cls,
      attrs: {
        role: 'meter',
        'aria-label': label,
        'aria-valuemin': '0',
        'aria-valuemax': '100',
        'aria-valuenow': String(Math.round(value * 100)),
      },
    },
    fill,
  );
}

/** Only web links may be opened from the ribbon or the pages (no javascript: or data: from a stored record). */
export function safeHref(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * An async event handler made fit for addEventListener, which ignores what a listener returns: a
 * failure the handler does not catch itself is logged rather than left an unhandled rejection.
 */
export function detached<E extends Event>(handler: (ev: E) => Promise<void>): (ev: E) => void {
  return (ev) => {
    handler(ev).catch((err: unknown) => console.error('Firsthand:', err));
  };
}
