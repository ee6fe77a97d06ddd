/**
 * What every webview of the extension shares inside its page: the VS Code webview API, typed
 * by the messages the page may post, and small DOM builders (no innerHTML anywhere, so text
 * from documents is never parsed as markup).
 */

export interface WebviewApi<Out> {
  postMessage(message: Out): void;
}

declare function acquireVsCodeApi(): WebviewApi<unknown>;

/** The page's API; VS Code allows one acquireVsCodeApi() call per page, so the entry calls this once. */
export function webviewApi<Out>(): WebviewApi<Out> {
  return acquireVsCodeApi() as WebviewApi<Out>;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, cls?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (cls) e.setAttribute('class', cls);
  return e;
}

/** A CSS variable of the current VS Code theme, or `fallback` when the theme does not set it. */
export function themeColor(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}
