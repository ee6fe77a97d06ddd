/** The pipeline graph's HTML: the page shell (strict CSP, nonce) around one SVG. */
import { pageHtml, type PageAssets } from '../webviewHtml';

export function graphHtml(a: PageAssets, nonce?: string): string {
  return pageHtml(a, 'ASP Pipeline Graph', `<header class="bar">
  <span id="title" class="title"></span>
  <span id="state" class="state" aria-live="polite"></span>
</header>
<div id="error" class="error hidden" role="alert"></div>
<div id="canvas" class="canvas" tabindex="0" role="img" aria-label="The pipeline's stages with their live counts"></div>`, nonce);
}
